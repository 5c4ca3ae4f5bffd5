import {
  ExecutionAlreadyExists,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import { stepFunctions } from "../clients/sfn";
import { env } from "../env";
import type { Delivery, WorkflowEngine } from "./engine";

/** The AWS adapter of the engine port: StartExecution by name, SendTaskSuccess/Failure. */
export const stepFunctionsEngine: WorkflowEngine = {
  async start(executionName, input) {
    try {
      await stepFunctions.send(
        new StartExecutionCommand({
          stateMachineArn: env.stateMachineArn,
          name: executionName,
          input: JSON.stringify(input),
        }),
      );
      return { started: true };
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return { started: false };
      throw error;
    }
  },
  sendTaskSuccess(taskToken, output) {
    return deliver(() =>
      stepFunctions.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })),
    );
  },
  sendTaskFailure(taskToken, error, cause) {
    return deliver(() =>
      stepFunctions.send(new SendTaskFailureCommand({ taskToken, error, cause })),
    );
  },
};

async function deliver(send: () => Promise<unknown>): Promise<Delivery> {
  try {
    await send();
    return "delivered";
  } catch (error) {
    // The step stopped waiting (timed out, or its execution ended): the caller decides what next.
    if (
      error instanceof TaskTimedOut ||
      error instanceof TaskDoesNotExist ||
      error instanceof InvalidToken
    ) {
      return "gone";
    }
    throw error;
  }
}
