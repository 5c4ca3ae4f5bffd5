import { RemovalPolicy } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { NagSuppressions } from "cdk-nag";
import { type StackContext, use } from "sst/constructs";
import { Api } from "./Api";
import { Email } from "./Email";
import { binomeFunction } from "./functions";
import { suppressTableIndex } from "./nag";
import { eventWorkflowArn, eventWorkflowName, pairWorkflowArn, pairWorkflowName } from "./names";
import { Secrets } from "./Secrets";
import { Storage } from "./Storage";
import { productionStage } from "./settings";
import { EventWorkflow } from "./workflow/EventWorkflow";
import { PairWorkflow } from "./workflow/PairWorkflow";

/**
 * One Standard execution per pair chapter (stacks/workflow/PairWorkflow.ts), its task handler
 * (functions/workflow/steps.ts), logs without execution data (they would hold personal data) and
 * X-Ray tracing.
 */
export function Workflow({ stack, app }: StackContext) {
  const { table } = use(Storage);
  const email = use(Email);
  const secrets = use(Secrets);
  const { appUrl } = use(Api);

  const steps = binomeFunction(stack, "PairSteps", {
    handler: "functions/bootstrap/steps.handler",
    description: "The pair workflow's steps: emails, links, records",
    timeout: "60 seconds",
    bind: [secrets.linkSigningKey],
    environment: {
      TABLE_NAME: table.tableName,
      APP_URL: appUrl,
      STATE_MACHINE_ARN: pairWorkflowArn(stack),
      ...email.emailEnvironment,
    },
  });
  table.cdk.table.grantReadWriteData(steps);
  suppressTableIndex(steps);
  // An answer that arrived while no step waited is handed to the next wait at once.
  steps.addToRolePolicy(
    new PolicyStatement({
      actions: ["states:SendTaskSuccess"],
      resources: [pairWorkflowArn(stack)],
    }),
  );

  const logs = new LogGroup(stack, "PairWorkflowLogs", {
    // The prefix AWS recommends for vended logs keeps the log group's resource policy small.
    logGroupName: `/aws/vendedlogs/states/${pairWorkflowName(app)}`,
    retention: RetentionDays.THREE_MONTHS,
    removalPolicy: app.stage === productionStage ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });

  const workflow = new PairWorkflow(stack, "PairWorkflow", {
    stepsFunction: steps,
    logs: { destination: logs },
    tracingEnabled: true,
    stateMachineName: pairWorkflowName(app),
  });
  const stateMachine = workflow.stateMachine;
  NagSuppressions.addResourceSuppressions(
    stateMachine,
    [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "The machine invokes the steps function (CDK grants the function and its versions, <arn>:*); X-Ray and CloudWatch log delivery (xray:Put*, logs:*LogDelivery*) support no resource-level permission.",
        appliesTo: [{ regex: "/^Resource::<PairSteps[0-9A-F]+\\.Arn>:\\*$/g" }, "Resource::*"],
      },
      {
        id: "AwsSolutions-SF1",
        reason:
          "The machine logs errors only, without execution data (it holds names and addresses); the execution history in the console keeps every event of every execution for 90 days.",
      },
    ],
    true,
  );

  const events = eventWorkflow(stack, app);

  stack.addOutputs({
    StateMachineArn: stateMachine.stateMachineArn,
    EventStateMachineArn: events.stateMachine.stateMachineArn,
  });
  return { stateMachine, steps, logs, events };
}

/**
 * One Standard execution per event — collective workshop, BarNum' — (stacks/workflow/
 * EventWorkflow.ts), its own steps function (functions/workflow/event-steps.ts) and logs, the same
 * settings as the pair workflow's.
 */
function eventWorkflow(stack: StackContext["stack"], app: StackContext["app"]) {
  const { table } = use(Storage);
  const email = use(Email);
  const secrets = use(Secrets);
  const { appUrl } = use(Api);
  const steps = binomeFunction(stack, "EventSteps", {
    handler: "functions/bootstrap/event-steps.handler",
    description: "The event workflow's steps (workshops, BarNum'): emails, links, records",
    timeout: "60 seconds",
    bind: [secrets.linkSigningKey],
    environment: {
      TABLE_NAME: table.tableName,
      APP_URL: appUrl,
      EVENT_STATE_MACHINE_ARN: eventWorkflowArn(stack),
      ...email.emailEnvironment,
    },
  });
  table.cdk.table.grantReadWriteData(steps);
  suppressTableIndex(steps);
  // An answer recorded while no step waited is handed to the next wait at once.
  steps.addToRolePolicy(
    new PolicyStatement({
      actions: ["states:SendTaskSuccess"],
      resources: [eventWorkflowArn(stack)],
    }),
  );
  const logs = new LogGroup(stack, "EventWorkflowLogs", {
    logGroupName: `/aws/vendedlogs/states/${eventWorkflowName(app)}`,
    retention: RetentionDays.THREE_MONTHS,
    removalPolicy: app.stage === productionStage ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  const workflow = new EventWorkflow(stack, "EventWorkflow", {
    stepsFunction: steps,
    logs: { destination: logs },
    tracingEnabled: true,
    stateMachineName: eventWorkflowName(app),
  });
  NagSuppressions.addResourceSuppressions(
    workflow.stateMachine,
    [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "The machine invokes the event steps function (CDK grants the function and its versions, <arn>:*); X-Ray and CloudWatch log delivery support no resource-level permission.",
        appliesTo: [{ regex: "/^Resource::<EventSteps[0-9A-F]+\\.Arn>:\\*$/g" }, "Resource::*"],
      },
      {
        id: "AwsSolutions-SF1",
        reason:
          "The machine logs errors only, without execution data (it holds ids only, but its tasks' answers may hold counts); the execution history keeps every event for 90 days.",
      },
    ],
    true,
  );
  return { stateMachine: workflow.stateMachine, steps, logs };
}
