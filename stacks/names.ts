import { ArnFormat } from "aws-cdk-lib";
import type { App, Stack } from "sst/constructs";

/**
 * The state machine has a name fixed per stage, so its ARN is known before it exists: the API
 * (which starts executions and delivers answers), the task handler and the machine itself (which
 * continues a pair in a fresh execution) refer to it without a dependency cycle.
 */
export const pairWorkflowName = (app: App) => `${app.stage}-${app.name}-pair-workflow`;

export const pairWorkflowArn = (stack: Stack) =>
  stack.formatArn({
    service: "states",
    resource: "stateMachine",
    resourceName: pairWorkflowName(stack.node.root as App),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });

/** The event workflow (workshops, BarNum'): one execution per event, its name fixed per stage. */
export const eventWorkflowName = (app: App) => `${app.stage}-${app.name}-event-workflow`;

export const eventWorkflowArn = (stack: Stack) =>
  stack.formatArn({
    service: "states",
    resource: "stateMachine",
    resourceName: eventWorkflowName(stack.node.root as App),
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });

export const eventExecutionsArn = (stack: Stack) =>
  stack.formatArn({
    service: "states",
    resource: "execution",
    resourceName: `${eventWorkflowName(stack.node.root as App)}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });

/** The executions of the machine (StopExecution acts on an execution, not on the machine). */
export const pairExecutionsArn = (stack: Stack) =>
  stack.formatArn({
    service: "states",
    resource: "execution",
    resourceName: `${pairWorkflowName(stack.node.root as App)}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
