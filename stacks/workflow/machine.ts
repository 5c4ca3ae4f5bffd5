import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as logs from "aws-cdk-lib/aws-logs";
import * as sfn from "aws-cdk-lib/aws-stepfunctions";
import type { Construct } from "constructs";

/** What the stacks give a workflow construct, the same for the pair and the event workflows. */
export type WorkflowProps = {
  stepsFunction: lambda.IFunction;
  logs?: { destination: logs.ILogGroup };
  tracingEnabled?: boolean;
  /** Physical name, fixed per stage: executions are started by an ARN known up front. */
  stateMachineName?: string;
};

/**
 * The Standard state machine both workflows run on: errors only in the logs and never the
 * execution data (it names people), X-Ray when the stage traces.
 */
export function standardStateMachine(
  scope: Construct,
  props: WorkflowProps & { name: string; comment: string; definition: sfn.IChainable },
): sfn.StateMachine {
  return new sfn.StateMachine(scope, "StateMachine", {
    stateMachineName: props.name,
    stateMachineType: sfn.StateMachineType.STANDARD,
    definitionBody: sfn.DefinitionBody.fromChainable(props.definition),
    comment: props.comment,
    tracingEnabled: props.tracingEnabled,
    logs: props.logs
      ? {
          destination: props.logs.destination,
          level: sfn.LogLevel.ERROR,
          includeExecutionData: false,
        }
      : undefined,
  });
}
