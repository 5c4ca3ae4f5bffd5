import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
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
import type { ChapterInput } from "./payload";

/**
 * The AWS adapter of the engine port for one state machine (the pair workflow's, or the event
 * workflow's): StartExecution by name, SendTaskSuccess/Failure.
 */
export function stepFunctionsEngineFor<Input extends object>(
  machineArn: () => string,
): WorkflowEngine<Input> {
  return {
    async start(executionName, input, options = {}) {
      // StartExecution succeeds again, with the same answer, for a running execution of the same
      // name and input: only asking first tells whether this call is the one that started it
      // (unless the name is fresh).
      if (!options.fresh && (await exists(machineArn(), executionName))) return { started: false };
      try {
        await stepFunctions.send(
          new StartExecutionCommand({
            stateMachineArn: machineArn(),
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
        stepFunctions.send(
          new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }),
        ),
      );
    },
    sendTaskFailure(taskToken, error, cause) {
      return deliver(() =>
        stepFunctions.send(new SendTaskFailureCommand({ taskToken, error, cause })),
      );
    },
  };
}

export const stepFunctionsEngine = stepFunctionsEngineFor<ChapterInput>(() => env.stateMachineArn);

async function exists(machine: string, executionName: string): Promise<boolean> {
  const executionArn = `${machine.replace(":stateMachine:", ":execution:")}:${executionName}`;
  try {
    await stepFunctions.send(new DescribeExecutionCommand({ executionArn }));
    return true;
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return false;
    throw error;
  }
}

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
