import { Duration } from "aws-cdk-lib";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import { type IGrantable, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { FilterCriteria, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import * as ses from "aws-cdk-lib/aws-ses";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { NagSuppressions } from "cdk-nag";
import { Cron, type StackContext, use } from "sst/constructs";
import { outboxStreamFilter } from "#core/email/outbox-stream";
import { table as shape } from "#core/table";
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
  // It records the address and queues the alert once in the outbox: writes only, on the table only.
  sesEvents.addToRolePolicy(
    new PolicyStatement({ actions: ["dynamodb:PutItem"], resources: [table.tableArn] }),
  );

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

  // The outbox's sender: every email leaves through it (packages/core/src/email/outbox.ts).
  const outboxSender = binomeFunction(stack, "OutboxSender", {
    handler: "functions/outbox/handler.handler",
    description: "Delivers the emails queued in the table's outbox, fed by the table's stream",
    environment: { TABLE_NAME: table.tableName, ...emailEnvironment },
  });
  // Stream batches the sender gave up on after its retries (metadata only: shard and sequence
  // numbers). The emails themselves stay queued in the table, where the sweep finds them.
  const outboxUndelivered = new sqs.Queue(stack, "OutboxUndelivered", {
    retentionPeriod: Duration.days(14),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  NagSuppressions.addResourceSuppressions(outboxUndelivered, [
    {
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself the on-failure destination of the outbox's stream; an alarm watches its depth.",
    },
  ]);
  outboxSender.addEventSource(
    new DynamoEventSource(table.cdk.table, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 50,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: 20,
      maxRecordAge: Duration.hours(6),
      onFailure: new SqsDlq(outboxUndelivered),
      filters: [FilterCriteria.filter(outboxStreamFilter)],
    }),
  );
  // What the stream gave up on, or what a sender died holding, is delivered by this sweep.
  const outboxSweeper = binomeFunction(stack, "OutboxSweep", {
    handler: "functions/outbox/sweep.handler",
    description: "Delivers the outbox's emails still queued after the stream's retries",
    environment: { TABLE_NAME: table.tableName, ...emailEnvironment },
  });
  new Cron(stack, "OutboxSweepSchedule", { schedule: "rate(5 minutes)", job: outboxSweeper });
  for (const sender of [outboxSender, outboxSweeper]) {
    // It reads, claims and marks the outbox's items (and their log lines): the table only.
    sender.addToRolePolicy(
      new PolicyStatement({
        actions: ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query"],
        resources: [table.tableArn, `${table.tableArn}/index/${shape.listIndex.name}`],
      }),
    );
    sendPolicy(sender);
  }

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

  return {
    identity,
    configurationSet,
    sesEvents,
    undelivered,
    outboxSender,
    outboxSweeper,
    outboxUndelivered,
    emailEnvironment,
  };
}
