import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ExecutionAlreadyExists,
  InvalidToken,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { loadPairDetails } from "#core/admin/pairs";
import { stepFunctions } from "#core/clients/sfn";
import { TransientStepError } from "#core/pair/errors";
import { getWait } from "#core/pair/store";
import type { StepPayload } from "#core/workflow/payload";
import { handler } from "../../functions/workflow/steps";
import {
  localEventStateMachineArn,
  localStateMachineArn,
  renderEventWorkflowAsl,
  renderPairWorkflowAsl,
} from "../../stacks/workflow/render";
import {
  answer,
  day,
  executionArnOf,
  held,
  historyOf,
  hour,
  newPair,
  schedule,
  useEngine,
} from "./support";

/**
 * What the workflow relies on, asked of the local service through `@aws-sdk/client-sfn` as the
 * app asks AWS: unique names, token errors, a callback's timeout caught as States.Timeout, Retry
 * with backoff, the chapter hand-over, stop, lists and history.
 */
let failIntroductions = 0;
const { engine } = useEngine({
  handler: async (payload: StepPayload) => {
    if (payload.action === "introduce" && failIntroductions > 0) {
      failIntroductions--;
      throw new TransientStepError("DynamoDB is slow today");
    }
    return handler(payload);
  },
});

const arnOf = executionArnOf;
const history = historyOf;

const statusOf = async (name: string) =>
  (await stepFunctions.send(new DescribeExecutionCommand({ executionArn: arnOf(name) }))).status;

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error) => error,
  );

describe("the local Step Functions service, through the SDK", () => {
  it("keeps execution names unique on the state machine", async () => {
    const name = `unique-${Math.random().toString(36).slice(2, 8)}`;
    const input = JSON.stringify({ pairId: name, chapter: "no-such-chapter" });
    const first = await stepFunctions.send(
      new StartExecutionCommand({ stateMachineArn: localStateMachineArn, name, input }),
    );
    await engine().settle();
    expect(await statusOf(name)).toBe("FAILED");
    const again = await errorOf(
      stepFunctions.send(
        new StartExecutionCommand({ stateMachineArn: localStateMachineArn, name, input }),
      ),
    );
    expect(again).toBeInstanceOf(ExecutionAlreadyExists);
    expect(first.executionArn).toBe(arnOf(name));
  });

  it("answers tokens as AWS does: malformed, unknown, no longer waiting", async () => {
    const { pairId } = await newPair();
    const token = (await getWait(pairId))?.token ?? "";
    expect(token).toMatch(/^[A-Za-z0-9_-]{64}$/);
    await stepFunctions.send(new SendTaskHeartbeatCommand({ taskToken: token }));

    const malformed = await errorOf(
      stepFunctions.send(new SendTaskSuccessCommand({ taskToken: "pair-1.1", output: "{}" })),
    );
    expect(malformed).toBeInstanceOf(InvalidToken);
    const unknown = await errorOf(
      stepFunctions.send(new SendTaskSuccessCommand({ taskToken: "A".repeat(64), output: "{}" })),
    );
    expect(unknown).toBeInstanceOf(TaskDoesNotExist);

    expect(await schedule(pairId, "preparation", 5)).toBe("recorded");
    const used = await errorOf(
      stepFunctions.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" })),
    );
    expect(used).toBeInstanceOf(TaskTimedOut);
    expect((await getWait(pairId))?.token).not.toBe(token);
  });

  it("raises States.Timeout into the Catch when a callback waits past its timeout", async () => {
    const { pairId } = await newPair();
    const token = (await getWait(pairId))?.token ?? "";
    await engine().advance(7 * day + hour);
    const events = await history(pairId);
    const types = events.map((event) => event.type);
    const timedOut = types.indexOf("TaskTimedOut");
    expect(timedOut).toBeGreaterThan(0);
    expect(events[timedOut]?.taskTimedOutEventDetails?.error).toBe("States.Timeout");
    // The Catch goes on to the next step (the nudge) and the execution keeps running.
    expect(types.slice(timedOut).includes("LambdaFunctionScheduled")).toBe(true);
    expect(await statusOf(pairId)).toBe("RUNNING");
    const late = await errorOf(
      stepFunctions.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" })),
    );
    expect(late).toBeInstanceOf(TaskTimedOut);
  });

  it("retries a transient failure with backoff, then goes on", async () => {
    failIntroductions = 3;
    const { pairId } = await newPair();
    await engine().advance(hour);
    expect(failIntroductions).toBe(0);
    const events = await history(pairId);
    const attempts = events.filter((event) => event.type === "LambdaFunctionScheduled");
    const failures = events.filter((event) => event.type === "LambdaFunctionFailed");
    expect(failures.map((event) => event.lambdaFunctionFailedEventDetails?.error)).toEqual([
      "TransientStepError",
      "TransientStepError",
      "TransientStepError",
    ]);
    // Full jitter: each wait is somewhere between 0 and 2 s, 4 s, 8 s.
    expect(attempts).toHaveLength(4);
    const gaps = failures.map((failure) => {
      const next = attempts.find((attempt) => (attempt.id ?? 0) > (failure.id ?? 0));
      return (next?.timestamp?.getTime() ?? 0) - (failure.timestamp?.getTime() ?? 0);
    });
    gaps.forEach((gap, k) => {
      expect(gap).toBeLessThanOrEqual(2 ** (k + 1) * 1000 + 100);
    });
    expect((await getWait(pairId))?.purpose).toBe("schedule");
  });

  it("hands a pair over to a fresh execution at the end of a chapter", async () => {
    const { pairId } = await newPair();
    await schedule(pairId, "preparation", 5);
    await engine().advance(6 * day);
    await held(pairId, "preparation");
    await answer(pairId, "preparation", "objectives", "mentor", {
      objectives: "Créer un compte LinkedIn",
      sessions: 2,
    });
    const { executions = [] } = await stepFunctions.send(
      new ListExecutionsCommand({ stateMachineArn: localStateMachineArn, maxResults: 1000 }),
    );
    const ofPair = executions.filter((execution) => execution.name?.startsWith(pairId));
    expect(ofPair.map((execution) => execution.status).sort()).toEqual(["RUNNING", "SUCCEEDED"]);
    const first = await history(pairId);
    const handOver = first.find(
      (event) =>
        event.type === "TaskSucceeded" &&
        event.taskSucceededEventDetails?.resource === "startExecution",
    );
    const next = ofPair.find((execution) => execution.status === "RUNNING");
    expect(JSON.parse(handOver?.taskSucceededEventDetails?.output ?? "{}").ExecutionArn).toBe(
      next?.executionArn,
    );
    const started = (await history(next?.name ?? ""))[0];
    expect(JSON.parse(started?.executionStartedEventDetails?.input ?? "{}")).toMatchObject({
      pairId,
      AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: arnOf(pairId),
    });
  });

  it("stops an execution: ABORTED, and its token no longer waits", async () => {
    const { pairId } = await newPair();
    const token = (await getWait(pairId))?.token ?? "";
    await stepFunctions.send(
      new StopExecutionCommand({ executionArn: arnOf(pairId), cause: "test" }),
    );
    expect(await statusOf(pairId)).toBe("ABORTED");
    expect((await history(pairId)).at(-1)?.type).toBe("ExecutionAborted");
    const late = await errorOf(
      stepFunctions.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" })),
    );
    expect(late).toBeInstanceOf(TaskTimedOut);
  });

  it("lists executions by status, page by page, and describes its one state machine", async () => {
    const all = await stepFunctions.send(
      new ListExecutionsCommand({ stateMachineArn: localStateMachineArn, statusFilter: "RUNNING" }),
    );
    expect(all.executions?.length).toBeGreaterThan(1);
    expect(all.executions?.every((execution) => execution.status === "RUNNING")).toBe(true);
    const first = await stepFunctions.send(
      new ListExecutionsCommand({
        stateMachineArn: localStateMachineArn,
        statusFilter: "RUNNING",
        maxResults: 1,
      }),
    );
    expect(first.executions).toHaveLength(1);
    const second = await stepFunctions.send(
      new ListExecutionsCommand({
        stateMachineArn: localStateMachineArn,
        statusFilter: "RUNNING",
        maxResults: 1,
        nextToken: first.nextToken,
      }),
    );
    expect(second.executions?.[0]?.name).toBe(all.executions?.[1]?.name);

    const { stateMachines = [] } = await stepFunctions.send(new ListStateMachinesCommand({}));
    expect(stateMachines.map((machine) => machine.stateMachineArn)).toEqual([
      localStateMachineArn,
      localEventStateMachineArn,
    ]);
    const machine = await stepFunctions.send(
      new DescribeStateMachineCommand({ stateMachineArn: localStateMachineArn }),
    );
    expect(JSON.parse(machine.definition ?? "{}")).toEqual(renderPairWorkflowAsl());
    const events = await stepFunctions.send(
      new DescribeStateMachineCommand({ stateMachineArn: localEventStateMachineArn }),
    );
    expect(JSON.parse(events.definition ?? "{}")).toEqual(renderEventWorkflowAsl());
  });

  it("shows an execution's status, current state and history on the page the pair page links to", async () => {
    const { pairId } = await newPair();
    const details = await loadPairDetails(pairId);
    expect(details?.executionIsLocal).toBe(true);
    const response = await fetch((details?.executionUrl ?? "").replace("localhost", "127.0.0.1"));
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain("RUNNING");
    const events = await history(pairId);
    const waitingIn = [...events].reverse().find((event) => event.type === "TaskStateEntered")
      ?.stateEnteredEventDetails?.name;
    expect(page).toContain(`<dd>${waitingIn}</dd>`);
    const positions = ["ExecutionStarted", "LambdaFunctionSucceeded", "TaskSubmitted"].map((type) =>
      page.indexOf(`<td>${type}</td>`),
    );
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
