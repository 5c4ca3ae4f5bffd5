import { Duration } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import * as ses from "aws-cdk-lib/aws-ses";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { NagSuppressions } from "cdk-nag";
import { type StackContext, use } from "sst/constructs";
import { binomeFunction } from "./functions";
import { Storage } from "./Storage";
import { stageSettings } from "./settings";

/**
 * Sending email: the domain identity (DKIM, verified once its DNS records are published), a
 * configuration set every message goes through, and the path from SES's bounce and complaint
 * reports to the handler that marks the address unreachable and tells the programme team.
 */
export function Email({ stack }: StackContext) {
  const settings = stageSettings(stack.stage);
  const { table } = use(Storage);

  const configurationSet = new ses.ConfigurationSet(stack, "ConfigurationSet", {
    reputationMetrics: true,
    sendingEnabled: true,
    tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
    // SES stops sending to an address that hard-bounced or complained: protects the domain's
    // reputation even before anyone reads the team's alert.
    suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
  });

  const identity = new ses.EmailIdentity(stack, "Identity", {
    identity: ses.Identity.domain(settings.emailDomain),
    configurationSet,
  });

  // SES can publish to the default event bus only.
  const defaultBus = events.EventBus.fromEventBusName(stack, "DefaultBus", "default");
  configurationSet.addEventDestination("BouncesAndComplaints", {
    destination: ses.EventDestination.eventBus(defaultBus),
    events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
  });

  const sendPolicy = (grantee: IGrantable) =>
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ["ses:SendEmail"],
        resources: [
          identity.emailIdentityArn,
          stack.formatArn({
            service: "ses",
            resource: "configuration-set",
            resourceName: configurationSet.configurationSetName,
          }),
        ],
      }),
    );

  const emailEnvironment = {
    SENDER_ADDRESS: settings.senderAddress,
    SES_CONFIGURATION_SET: configurationSet.configurationSetName,
    PROGRAMME_CONTACT: settings.programmeContact,
  };

  const sesEvents = binomeFunction(stack, "SesEvents", {
    handler: "functions/ses-events/handler.handler",
    description: "Marks addresses unreachable on SES hard bounces and complaints",
    environment: { TABLE_NAME: table.tableName, ...emailEnvironment },
  });
  // It records the address and claims the alert once (sendOnce): writes only, on the table only.
  sesEvents.addToRolePolicy(
    new PolicyStatement({
      actions: ["dynamodb:PutItem", "dynamodb:DeleteItem"],
      resources: [table.tableArn],
    }),
  );
  sendPolicy(sesEvents);

  // Reports the handler could not process after EventBridge's retries are kept two weeks.
  const undelivered = new sqs.Queue(stack, "SesEventsUndelivered", {
    retentionPeriod: Duration.days(14),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  NagSuppressions.addResourceSuppressions(undelivered, [
    {
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself the dead-letter queue of the SES events rule; an alarm watches its depth.",
    },
  ]);

  new events.Rule(stack, "SesFeedbackRule", {
    description: "SES bounces and complaints of Binôme's configuration set",
    eventPattern: {
      source: ["aws.ses"],
      detailType: ["Email Bounced", "Email Complaint Received"],
      detail: {
        mail: { tags: { "ses:configuration-set": [configurationSet.configurationSetName] } },
      },
    },
    targets: [
      new targets.LambdaFunction(sesEvents, {
        deadLetterQueue: undelivered,
        maxEventAge: Duration.hours(24),
        retryAttempts: 10,
      }),
    ],
  });

  stack.addOutputs({
    EmailIdentity: identity.emailIdentityName,
    ConfigurationSet: configurationSet.configurationSetName,
    ...Object.fromEntries(
      identity.dkimRecords.map((record, index) => [
        `DkimRecord${index + 1}`,
        `${record.name} CNAME ${record.value}`,
      ]),
    ),
  });

  return { identity, configurationSet, sesEvents, undelivered, emailEnvironment, sendPolicy };
}
