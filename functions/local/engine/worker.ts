/**
 * The local Step Functions engine, in a worker thread whose clock is fake: aws-local-stepfunctions
 * runs the rendered ASL here, while the main thread (HTTP server, AWS SDK, real task handlers) keeps
 * the real clock. Advancing time fires this thread's timers one at a time, each only once no task
 * handler is running, so a months-long pair plays out in seconds and in the right order.
 *
 * Plain, erasable TypeScript with no project imports: Node runs it as is in a worker.
 */
import { parentPort, workerData } from "node:worker_threads";
import FakeTimers from "@sinonjs/fake-timers";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Definition = { StartAt: string; States: Record<string, { Type: string; Resource?: string }> };
type Setup = { definition: Definition; stateMachineArn: string; now: number };
type Request =
  | { id: number; type: "start"; name: string; input: Json }
  | { id: number; type: "resolve"; token: string; output: Json }
  | { id: number; type: "reject"; token: string; error: string; cause: string }
  | { id: number; type: "advance"; ms: number }
  | { id: number; type: "settle" }
  | { id: number; type: "stats" };
type TaskReply = {
  type: "task-result";
  callId: number;
  ok: boolean;
  result?: Json;
  error?: { name: string; message: string };
};

const port = parentPort;
if (!port) throw new Error("The local engine runs in a worker thread");
const setup = workerData as Setup;
// Only what the engine uses is faked; setImmediate stays real, to let the engine settle.
const clock = FakeTimers.install({
  now: setup.now,
  toFake: ["setTimeout", "clearTimeout", "Date"],
  shouldAdvanceTime: true,
  advanceTimeDelta: 10,
});
splitLongTimeouts();
const { StateMachine } = await import("aws-local-stepfunctions");

/**
 * aws-local-stepfunctions waits (Wait states, task timeouts) with one setTimeout, and a delay
 * above 2^31 - 1 ms (about 24.8 days) fires at once, in Node as in the fake clock. On AWS the
 * pause is one Wait of months: locally, such a delay runs as a chain of shorter timers behind
 * one handle, which clearTimeout still cancels. Nothing else of the engine changes.
 */
function splitLongTimeouts() {
  const longest = 2 ** 31 - 1;
  const single = globalThis.setTimeout;
  const clearSingle = globalThis.clearTimeout;
  /** Each long delay's handle, and the timer of its current link. */
  const chains = new WeakMap<object, ReturnType<typeof single> | undefined>();
  const chained = (callback: () => void, delay: number): object => {
    const handle = {};
    const arm = (rest: number) => {
      const link =
        rest > longest
          ? () => arm(rest - longest)
          : () => {
              chains.set(handle, undefined);
              callback();
            };
      chains.set(handle, single(link, Math.min(rest, longest)));
    };
    arm(delay);
    return handle;
  };
  globalThis.setTimeout = ((
    callback: (...args: unknown[]) => void,
    delay = 0,
    ...args: unknown[]
  ) =>
    delay > longest
      ? chained(() => callback(...args), delay)
      : single(callback, delay, ...args)) as typeof setTimeout;
  globalThis.clearTimeout = ((handle: Parameters<typeof clearTimeout>[0]) => {
    if (typeof handle !== "object" || !chains.has(handle)) return clearSingle(handle);
    const link = chains.get(handle);
    chains.set(handle, undefined);
    if (link) clearSingle(link);
  }) as typeof clearTimeout;
}

const tokenPlaceholder = "LOCAL-ENGINE-TASK-TOKEN";

/**
 * Step Functions reads a Task's `TimeoutSecondsPath` from the state's input; aws-local-stepfunctions
 * reads it from the task's parameters. Copying the value into the parameters under a private name
 * gives the AWS behaviour without touching what the handler receives (it reads `Payload`).
 */
function withAwsTimeoutPaths(definition: Definition): Definition {
  const copy = structuredClone(definition);
  for (const state of Object.values(copy.States) as Record<string, unknown>[]) {
    const path = state.TimeoutSecondsPath;
    if (state.Type !== "Task" || typeof path !== "string") continue;
    state.Parameters = { ...(state.Parameters as object), "localTimeoutSeconds.$": path };
    state.TimeoutSecondsPath = "$.localTimeoutSeconds";
  }
  return copy;
}

const machine = new StateMachine(withAwsTimeoutPaths(setup.definition) as never, {
  validationOptions: { checkArn: false, checkPaths: false },
});

type Pending = { execution: string; resolve: (value: Json) => void; reject: (e: Error) => void };
const pendingTokens = new Map<string, Pending>();
const pendingCalls = new Map<number, (reply: TaskReply) => void>();
type ExecutionRecord = {
  status: string;
  transitions: number;
  /** Every entry of the engine's event log (a lower bound of what AWS writes in the history). */
  events: number;
  /** On this thread's clock, in ms: how long the execution lived. */
  startedAt: number;
  stoppedAt?: number;
};
const executions = new Map<string, ExecutionRecord>();
let nextCallId = 1;
let nextToken = 1;
let inflight = 0;
let idleWaiters: (() => void)[] = [];
const stats = { stateTransitions: 0, taskCalls: 0 };

const namedError = (name: string, message: string) => Object.assign(new Error(message), { name });

/** Runs a task in the main thread, where the real steps handler answers. */
async function callMain(execution: string, state: string, payload: Json): Promise<Json> {
  const callId = nextCallId++;
  inflight++;
  stats.taskCalls++;
  try {
    const reply = await new Promise<TaskReply>((resolve) => {
      pendingCalls.set(callId, resolve);
      port?.postMessage({ type: "task", callId, execution, state, payload });
    });
    if (!reply.ok) throw namedError(reply.error?.name ?? "Error", reply.error?.message ?? "");
    return reply.result ?? null;
  } finally {
    inflight--;
    if (inflight === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }
}

/** A Standard execution runs one task at a time: a new task means older tokens stopped waiting. */
function forgetTokensOf(execution: string) {
  for (const [token, pending] of pendingTokens) {
    if (pending.execution === execution) pendingTokens.delete(token);
  }
}

function handlersFor(execution: string) {
  const handlers: Record<string, (input: Json) => Promise<Json>> = {};
  for (const [state, definition] of Object.entries(setup.definition.States)) {
    if (definition.Type !== "Task") continue;
    const resource = definition.Resource ?? "";
    if (resource.endsWith(".waitForTaskToken")) {
      handlers[state] = async (input) => {
        forgetTokensOf(execution);
        const token = `${execution}.${nextToken++}.${Math.random().toString(36).slice(2, 10)}`;
        const payload = JSON.parse(
          JSON.stringify((input as { Payload: Json }).Payload).replaceAll(tokenPlaceholder, token),
        ) as Json;
        const answer = new Promise<Json>((resolve, reject) => {
          pendingTokens.set(token, { execution, resolve, reject });
        });
        await callMain(execution, state, payload);
        return answer;
      };
    } else if (resource.endsWith(":states:startExecution")) {
      handlers[state] = async (input) => {
        forgetTokensOf(execution);
        const { Name, Input } = input as { Name: string; Input: Json };
        if (executions.has(Name)) {
          throw namedError("StepFunctions.ExecutionAlreadyExistsException", Name);
        }
        startExecution(Name, Input);
        return { ExecutionArn: Name };
      };
    } else {
      handlers[state] = (input) => {
        forgetTokensOf(execution);
        return callMain(execution, state, input);
      };
    }
  }
  return handlers;
}

function startExecution(name: string, input: Json) {
  const record: ExecutionRecord = {
    status: "RUNNING",
    transitions: 0,
    events: 0,
    startedAt: clock.now,
  };
  executions.set(name, record);
  const executionArn = setup.stateMachineArn
    .replace(":stateMachine:", ":execution:")
    .concat(`:${name}`);
  const run = machine.run(input, {
    overrides: { taskResourceLocalHandlers: handlersFor(name) as never },
    context: {
      Execution: {
        Id: executionArn,
        Name: name,
        StartTime: new Date().toISOString(),
        Input: input,
      },
      StateMachine: { Id: setup.stateMachineArn, Name: "binome-pair-workflow" },
      Task: { Token: tokenPlaceholder },
    },
  });
  void (async () => {
    for await (const event of run.eventLogs) {
      record.events++;
      if (event.type === "StateEntered") {
        record.transitions++;
        stats.stateTransitions++;
      }
    }
  })();
  run.result.then(
    (output) => {
      record.status = "SUCCEEDED";
      record.stoppedAt = clock.now;
      forgetTokensOf(name);
      port?.postMessage({ type: "execution-ended", name, status: "SUCCEEDED", output });
    },
    (error: Error) => {
      record.status = "FAILED";
      record.stoppedAt = clock.now;
      forgetTokensOf(name);
      port?.postMessage({
        type: "execution-ended",
        name,
        status: "FAILED",
        error: { name: error.name, message: error.message },
      });
    },
  );
}

const nextImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Resolves once no task handler runs and the engine has moved on to its next wait. */
async function settle() {
  let quietTurns = 0;
  while (quietTurns < 4) {
    await nextImmediate();
    if (inflight === 0) {
      quietTurns++;
    } else {
      quietTurns = 0;
      await new Promise<void>((resolve) => idleWaiters.push(resolve));
    }
  }
}

type TimerView = { callAt: number };

function earliestTimer(): number | undefined {
  const timers = (clock as unknown as { timers?: Map<number, TimerView> }).timers;
  let earliest: number | undefined;
  for (const timer of timers?.values() ?? []) {
    if (earliest === undefined || timer.callAt < earliest) earliest = timer.callAt;
  }
  return earliest;
}

/** Moves the clock by `ms`, firing due timers one by one, telling the main thread each step. */
async function advance(ms: number) {
  const target = clock.now + ms;
  for (;;) {
    await settle();
    const next = earliestTimer();
    if (next === undefined || next > target) break;
    const step = Math.max(0, next - clock.now);
    port?.postMessage({ type: "tick", ms: step });
    clock.tick(step);
  }
  const rest = target - clock.now;
  if (rest > 0) {
    port?.postMessage({ type: "tick", ms: rest });
    clock.tick(rest);
  }
  await settle();
}

async function handle(request: Request): Promise<Json> {
  switch (request.type) {
    case "start":
      if (executions.has(request.name)) return { started: false };
      startExecution(request.name, request.input);
      await settle();
      return { started: true };
    case "resolve":
    case "reject": {
      const pending = pendingTokens.get(request.token);
      if (!pending) return { delivery: "gone" };
      pendingTokens.delete(request.token);
      if (request.type === "resolve") pending.resolve(request.output);
      else pending.reject(namedError(request.error, request.cause));
      return { delivery: "delivered" };
    }
    case "advance":
      await advance(request.ms);
      return { now: clock.now };
    case "settle":
      await settle();
      return { now: clock.now };
    case "stats":
      return {
        ...stats,
        executions: Object.fromEntries(
          [...executions].map(([name, record]) => [name, { ...record }]),
        ),
      } as Json;
  }
}

port.on("message", (message: Request | TaskReply) => {
  if (message.type === "task-result") {
    const resolve = pendingCalls.get(message.callId);
    pendingCalls.delete(message.callId);
    resolve?.(message);
    return;
  }
  handle(message).then(
    (result) => port.postMessage({ type: "reply", id: message.id, result }),
    (error: Error) =>
      port.postMessage({
        type: "reply",
        id: message.id,
        error: { name: error.name, message: error.message },
      }),
  );
});
port.postMessage({ type: "ready" });
