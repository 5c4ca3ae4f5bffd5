import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  InvalidToken,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stepFunctions } from "#core/clients/sfn";
import { type LocalStepFunctions, startLocalStepFunctions } from "../../functions/local/engine";
import { freePort } from "../../functions/local/services";
import {
  type AslDefinition,
  localStateMachineArn,
  localStepsFunctionArn,
} from "../../stacks/workflow/render";
import { localEngineControl as engine } from "./drive";

/**
 * HeartbeatSeconds on a callback task, asked of the local service through the SDK: a heartbeat
 * keeps the task alive, silence ends it with States.HeartbeatTimeout (which a Catch on
 * States.Timeout takes, as on AWS), the token then answers TaskTimedOut; and a heartbeat is kept
 * across a restart of the service.
 */
vi.setConfig({ testTimeout: 120_000 });

const worker: AslDefinition = {
  StartAt: "Wait for the worker",
  States: {
    "Wait for the worker": {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken",
      Parameters: {
        FunctionName: localStepsFunctionArn,
        Payload: { action: "work", "token.$": "$$.Task.Token" },
      },
      TimeoutSeconds: 3600,
      HeartbeatSeconds: 60,
      Catch: [{ ErrorEquals: ["States.Timeout"], ResultPath: "$.failure", Next: "Heard nothing" }],
      End: true,
    },
    "Heard nothing": { Type: "Pass", End: true },
  },
};

const dataDirectory = mkdtempSync(path.join(tmpdir(), "binome-heartbeat-"));
let port = 0;
let service: LocalStepFunctions | undefined;
const tokens: string[] = [];

async function startService() {
  service = await startLocalStepFunctions({
    port,
    dataDirectory,
    definition: worker,
    handler: async (payload) => {
      tokens.push((payload as unknown as { token: string }).token);
      return null;
    },
  });
}

beforeAll(async () => {
  port = await freePort();
  await startService();
});

afterAll(async () => {
  await service?.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

const second = 1000;
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error) => error,
  );

async function startWorker() {
  const name = `worker-${Math.random().toString(36).slice(2, 8)}`;
  const { executionArn = "" } = await stepFunctions.send(
    new StartExecutionCommand({ stateMachineArn: localStateMachineArn, name, input: "{}" }),
  );
  return { executionArn, token: tokens.at(-1) ?? "" };
}

const beat = (taskToken: string) => stepFunctions.send(new SendTaskHeartbeatCommand({ taskToken }));

const describeExecution = (executionArn: string) =>
  stepFunctions.send(new DescribeExecutionCommand({ executionArn }));

describe("HeartbeatSeconds on the local Step Functions service", () => {
  it("keeps a task that beats alive, and ends a silent one with States.HeartbeatTimeout into its Catch", async () => {
    const { executionArn, token } = await startWorker();
    for (let k = 0; k < 3; k++) {
      await engine.advance(50 * second);
      await beat(token);
    }
    // 200 s after the start, 50 s after the last heartbeat: alive.
    await engine.advance(50 * second);
    expect((await describeExecution(executionArn)).status).toBe("RUNNING");

    await engine.advance(15 * second);
    const ended = await describeExecution(executionArn);
    expect(ended.status).toBe("SUCCEEDED");
    expect(JSON.parse(ended.output ?? "{}").failure.Error).toBe("States.HeartbeatTimeout");
    const { events = [] } = await stepFunctions.send(
      new GetExecutionHistoryCommand({ executionArn }),
    );
    const timedOut = events.find((event) => event.type === "TaskTimedOut");
    expect(timedOut?.taskTimedOutEventDetails?.error).toBe("States.HeartbeatTimeout");
    const scheduled = events.find((event) => event.type === "TaskScheduled");
    expect(scheduled?.taskScheduledEventDetails?.heartbeatInSeconds).toBe(60);

    expect(await errorOf(beat(token))).toBeInstanceOf(TaskTimedOut);
    const late = stepFunctions.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" }));
    expect(await errorOf(late)).toBeInstanceOf(TaskTimedOut);
  });

  it("answers SendTaskHeartbeat as AWS does for a malformed or an unknown token", async () => {
    expect(await errorOf(beat("not-a-token"))).toBeInstanceOf(InvalidToken);
    expect(await errorOf(beat("A".repeat(64)))).toBeInstanceOf(TaskDoesNotExist);
  });

  it("keeps the last heartbeat across a restart", async () => {
    const { executionArn, token } = await startWorker();
    await engine.advance(50 * second);
    await beat(token);
    await service?.stop();
    await startService();

    // 80 s after the start, 30 s after the heartbeat: still alive, and the same token beats.
    await engine.advance(30 * second);
    expect((await describeExecution(executionArn)).status).toBe("RUNNING");
    await beat(token);
    await engine.advance(61 * second);
    expect((await describeExecution(executionArn)).status).toBe("SUCCEEDED");
  });
});
