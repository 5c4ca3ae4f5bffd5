/**
 * The local Step Functions engine, in a worker thread whose clock is fake: aws-local-stepfunctions
 * runs the rendered ASL here, while the main thread (the Step Functions API, the real task
 * handlers) keeps the real clock. Advancing time fires this thread's timers one at a time, each
 * only once no task handler is running, so a months-long pair plays out in seconds, in order.
 *
 * What aws-local-stepfunctions lacks is added here: executions by name, an AWS-shaped history,
 * task tokens (random, opaque), callback timeouts, StopExecution, and durability: every history
 * event is appended to a journal, and on start each RUNNING execution resumes at the state it was
 * in, with the same token, the rest of its wait, and the task that was in flight run again.
 *
 * Plain, erasable TypeScript with no project imports: Node runs it as is in a worker.
 */
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import FakeTimers from "@sinonjs/fake-timers";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type StateDefinition = Record<string, Json> & { Type: string; Resource?: string };
type Definition = { StartAt: string; States: Record<string, StateDefinition>; Comment?: string };
type Setup = {
  /** Every state machine this engine runs; the first is the pair workflow (journal's default). */
  machines: { arn: string; definition: Definition }[];
  /** The local clock's lead over the real clock in the main thread, when no journal says more. */
  offsetMs: number;
  /** Where the journal lives; in memory only when absent. */
  journalFile?: string;
};

export type HistoryEvent = {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
};

type Status = "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED" | "TIMED_OUT";

type Execution = {
  name: string;
  arn: string;
  machineArn: string;
  input: string;
  startDate: number;
  status: Status;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
  /** The state it last entered: what a restart resumes from. */
  current?: Current;
  /** The callback the current state waits on, if any. */
  waiting?: {
    token: string;
    deadline?: number;
    submitted: boolean;
    /** HeartbeatSeconds, and when the task last showed it was alive (its start, or a heartbeat). */
    heartbeatSeconds?: number;
    beatAt: number;
  };
  abort?: () => void;
};

/** How one attempt of a Task ended, as its history says. */
type Outcome = { output: Json } | { error: string; cause: string };

type Current = {
  state: string;
  type: string;
  input: Json;
  enteredAt: number;
  /** Its exit is in the history, the next state's entry is not (a stop fell in between). */
  exited: boolean;
  /** Each attempt of its task that ended, in order (a retry adds one). */
  outcomes: Outcome[];
  /** An attempt was scheduled and has not ended. */
  inFlight: boolean;
};

type Journal =
  | { kind: "execution"; name: string; input: string; startDate: number; machine?: string }
  /** `name` is the execution's ARN, or its name on the first machine (journals kept before). */
  | { kind: "event"; name: string; event: HistoryEvent }
  | { kind: "heartbeat"; name: string; at: number }
  | { kind: "clock"; offsetMs: number };

const port = parentPort;
if (!port) throw new Error("The local engine runs in a worker thread");
const setup = workerData as Setup;

// The journal is read before the clock is faked: the local clock resumes where it was.
const journal = setup.journalFile ? readJournal(setup.journalFile) : [];
let offsetMs = setup.offsetMs;
for (const entry of journal)
  if (entry.kind === "clock") offsetMs = Math.max(offsetMs, entry.offsetMs);

// Only what the engine uses is faked; setImmediate stays real, to let the engine settle.
const clock = FakeTimers.install({
  now: Date.now() + offsetMs,
  toFake: ["setTimeout", "clearTimeout", "Date"],
  shouldAdvanceTime: true,
  advanceTimeDelta: 10,
});
const realNow = () => performance.timeOrigin + performance.now();

/**
 * setTimeout holds at most 2^31-1 ms (about 24.8 days); a longer delay fires at once, in Node and
 * in the fake clock alike. A months-long Wait is chained through shorter timers instead.
 */
const maxDelay = 2 ** 31 - 1;
const fakeSetTimeout = globalThis.setTimeout;
const fakeClearTimeout = globalThis.clearTimeout;
type Chained = { current?: ReturnType<typeof setTimeout> };
const chained = new WeakSet<object>();
globalThis.setTimeout = ((
  callback: (...args: unknown[]) => void,
  delay = 0,
  ...args: unknown[]
) => {
  if (delay <= maxDelay) return fakeSetTimeout(callback, delay, ...args);
  const handle: Chained = {};
  chained.add(handle);
  const at = Date.now() + delay;
  const step = () => {
    const rest = at - Date.now();
    handle.current =
      rest > maxDelay ? fakeSetTimeout(step, maxDelay) : fakeSetTimeout(callback, rest, ...args);
  };
  step();
  return handle;
}) as typeof setTimeout;
globalThis.clearTimeout = ((handle: unknown) => {
  if (handle && typeof handle === "object" && chained.has(handle)) {
    fakeClearTimeout((handle as Chained).current);
  } else fakeClearTimeout(handle as ReturnType<typeof setTimeout>);
}) as typeof clearTimeout;

const { StateMachine } = await import("aws-local-stepfunctions");

const tokenPlaceholder = "LOCAL-ENGINE-TASK-TOKEN";
const defaultMachineArn = setup.machines[0]?.arn ?? "";
const region = defaultMachineArn.split(":")[3] ?? "eu-west-3";
const roleArn = `arn:aws:iam::${defaultMachineArn.split(":")[4]}:role/local`;
const resumedSuffix = " (resumed after a restart)";
/** AWS's default for a Task without TimeoutSeconds (aws-local-stepfunctions says 60 s). */
const awsDefaultTaskTimeoutSeconds = 99_999_999;

/**
 * The definition as this engine runs it. Callback timeouts are kept by the engine itself (so a
 * restart can resume them), so the library's own Task timeout is pushed out of the way; the value
 * of a `TimeoutSecondsPath`, which AWS reads from the state's input, travels in the parameters
 * under a private name. `$$.Execution.StartTime`/`Input` are read from fields the library does not
 * overwrite, so that a resumed execution keeps its own.
 */
function prepare(definition: Definition): Definition {
  // (A function as replacement: in a replacement string "$$" means "$".)
  const text = JSON.stringify(definition)
    .replaceAll('"$$.Execution.StartTime"', () => '"$$.Execution.OriginalStartTime"')
    .replaceAll('"$$.Execution.Input"', () => '"$$.Execution.OriginalInput"');
  const copy = JSON.parse(text) as Definition;
  for (const state of Object.values(copy.States)) {
    if (state.Type !== "Task") continue;
    const timeoutPath = state.TimeoutSecondsPath;
    if (typeof timeoutPath === "string") {
      state.Parameters = { ...(state.Parameters as object), "localTimeoutSeconds.$": timeoutPath };
      delete state.TimeoutSecondsPath;
    }
    const heartbeatPath = state.HeartbeatSecondsPath;
    if (typeof heartbeatPath === "string") {
      state.Parameters = {
        ...(state.Parameters as object),
        "localHeartbeatSeconds.$": heartbeatPath,
      };
    }
    delete state.HeartbeatSecondsPath;
    delete state.HeartbeatSeconds;
    state.TimeoutSeconds = awsDefaultTaskTimeoutSeconds;
    // On AWS, States.Timeout also names a missed heartbeat (States.HeartbeatTimeout).
    for (const handler of [
      ...((state.Retry ?? []) as { ErrorEquals: string[] }[]),
      ...((state.Catch ?? []) as { ErrorEquals: string[] }[]),
    ]) {
      const names = handler.ErrorEquals;
      if (names.includes("States.Timeout") && !names.includes("States.HeartbeatTimeout")) {
        names.push("States.HeartbeatTimeout");
      }
    }
  }
  return copy;
}

type Machine = {
  arn: string;
  original: Definition;
  prepared: Definition;
  runner: InstanceType<typeof StateMachine>;
};
const machines = new Map<string, Machine>(
  setup.machines.map(({ arn, definition }) => {
    const prepared = prepare(definition);
    const runner = new StateMachine(prepared as never, {
      validationOptions: { checkArn: false, checkPaths: false },
    });
    return [arn, { arn, original: definition, prepared, runner }];
  }),
);
const machineOf = (arn: string): Machine => {
  const found = machines.get(arn);
  if (!found)
    throw namedError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
  return found;
};

/** By execution ARN (names are unique per state machine only). */
const executions = new Map<string, Execution>();
/** Every token ever given, to the execution (ARN) it belongs to: a closed one answers TaskTimedOut. */
const tokens = new Map<string, string>();
type Pending = {
  execution: string;
  resolve: (value: Json) => void;
  reject: (error: Error) => void;
  timer?: ReturnType<typeof setTimeout>;
  heartbeatTimer?: ReturnType<typeof setTimeout>;
};
const pending = new Map<string, Pending>();
const pendingCalls = new Map<number, (reply: TaskReply) => void>();
let nextCallId = 1;
let busy = 0;
let idleWaiters: (() => void)[] = [];
/** Set when the service stops: no task starts any more, those running finish. */
let draining = false;
const stats = { stateTransitions: 0, taskCalls: 0 };

type TaskReply = {
  type: "task-result";
  callId: number;
  ok: boolean;
  result?: Json;
  error?: { name: string; message: string };
};

const namedError = (name: string, message: string) => Object.assign(new Error(message), { name });
const nextImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));
const executionArnOf = (machineArn: string, name: string) =>
  `${machineArn.replace(":stateMachine:", ":execution:")}:${name}`;

function readJournal(file: string): Journal[] {
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) return [];
  const entries: Journal[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as Journal);
    } catch {
      // A line cut short by a kill: everything before it is whole.
    }
  }
  return entries;
}

function write(entry: Journal) {
  if (setup.journalFile) appendFileSync(setup.journalFile, `${JSON.stringify(entry)}\n`);
}

function done() {
  busy--;
  if (busy === 0) {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  }
}

/** Applies one history event to its execution: the same code live and when replaying. */
function apply(execution: Execution, event: HistoryEvent) {
  execution.events.push(event);
  const details = (key: string) => (event[key] ?? {}) as Record<string, unknown>;
  if (event.type.endsWith("StateEntered")) {
    const { name, input } = details("stateEnteredEventDetails") as { name: string; input: string };
    execution.current = {
      state: name,
      type: event.type.replace("StateEntered", ""),
      input: JSON.parse(input) as Json,
      enteredAt: event.timestamp,
      exited: false,
      outcomes: [],
      inFlight: false,
    };
    execution.waiting = undefined;
  } else if (event.type.endsWith("StateExited")) {
    if (execution.current) execution.current.exited = true;
    execution.waiting = undefined;
  } else if (event.type === "TaskScheduled" || event.type === "LambdaFunctionScheduled") {
    if (execution.current) execution.current.inFlight = true;
    if (typeof event.localToken === "string") {
      const scheduled = details("taskScheduledEventDetails") as { heartbeatInSeconds?: number };
      execution.waiting = {
        token: event.localToken,
        deadline: event.localDeadline as number | undefined,
        submitted: false,
        heartbeatSeconds: scheduled.heartbeatInSeconds,
        beatAt: event.timestamp,
      };
      tokens.set(event.localToken, execution.arn);
    }
  } else if (event.type === "TaskSubmitted" && execution.waiting) {
    execution.waiting.submitted = true;
  } else if (/^(Task|LambdaFunction)(Succeeded|Failed|TimedOut)$/.test(event.type)) {
    execution.waiting = undefined;
    const ended = {
      ...details("taskSucceededEventDetails"),
      ...details("taskFailedEventDetails"),
      ...details("taskTimedOutEventDetails"),
      ...details("lambdaFunctionSucceededEventDetails"),
      ...details("lambdaFunctionFailedEventDetails"),
    } as { output?: string; error?: string; cause?: string };
    execution.current?.outcomes.push(
      event.type.endsWith("Succeeded")
        ? { output: JSON.parse(ended.output ?? "null") as Json }
        : { error: ended.error ?? "", cause: ended.cause ?? "" },
    );
    if (execution.current) execution.current.inFlight = false;
  } else if (event.type.startsWith("Execution") && event.type !== "ExecutionStarted") {
    const status: Record<string, Status> = {
      ExecutionSucceeded: "SUCCEEDED",
      ExecutionFailed: "FAILED",
      ExecutionAborted: "ABORTED",
      ExecutionTimedOut: "TIMED_OUT",
    };
    execution.status = status[event.type] ?? "FAILED";
    execution.stopDate = event.timestamp;
    const end = {
      ...details("executionSucceededEventDetails"),
      ...details("executionFailedEventDetails"),
      ...details("executionAbortedEventDetails"),
    } as Record<string, string>;
    execution.output = end.output;
    execution.error = end.error;
    execution.cause = end.cause;
    execution.current = undefined;
    execution.waiting = undefined;
  }
}

/** Records an event of a running execution (the journal first: what is written is what happened). */
function record(execution: Execution, type: string, details: Record<string, unknown> = {}) {
  if (execution.status !== "RUNNING") return;
  const isEnd = type.startsWith("Execution") && type !== "ExecutionStarted";
  const last = execution.events.at(-1);
  const event: HistoryEvent = {
    id: execution.events.length + 1,
    previousEventId: last?.id ?? 0,
    timestamp: Date.now(),
    type,
    ...details,
  };
  write({ kind: "event", name: execution.arn, event });
  apply(execution, event);
  if (isEnd) {
    for (const [token, waiting] of pending) {
      if (waiting.execution === execution.arn) closeToken(token);
    }
    port?.postMessage({
      type: "execution-ended",
      name: execution.name,
      status: execution.status,
      error: execution.error
        ? { name: execution.error, message: execution.cause ?? "" }
        : undefined,
    });
  }
}

function closeToken(token: string) {
  const waiting = pending.get(token);
  if (waiting?.timer) clearTimeout(waiting.timer);
  if (waiting?.heartbeatTimer) clearTimeout(waiting.heartbeatTimer);
  pending.delete(token);
  return waiting;
}

/** Runs a task in the main thread, where the real steps handler answers. */
async function callMain(execution: Execution, state: string, payload: Json): Promise<Json> {
  const callId = nextCallId++;
  stats.taskCalls++;
  const reply = await new Promise<TaskReply>((resolve) => {
    pendingCalls.set(callId, resolve);
    port?.postMessage({
      type: "task",
      callId,
      execution: execution.name,
      machine: execution.machineArn,
      state,
      payload,
    });
  });
  if (!reply.ok) throw namedError(reply.error?.name ?? "Error", reply.error?.message ?? "");
  return reply.result ?? null;
}

/**
 * How the state a restart resumes goes on: the callback it waited on (same token, same deadline),
 * or the outcome its task already had, given back to the engine instead of running the task again.
 * Either way, only on the first attempt after the restart; `exited` says the state's exit is in
 * the history already.
 */
type Resume = {
  state: string;
  waiting?: Execution["waiting"];
  replay?: Outcome;
  exited: boolean;
};

function resourceOf(definition: StateDefinition) {
  const resource = definition.Resource ?? "";
  if (resource.startsWith("arn:aws:lambda:")) return { kind: "lambda-function", resource } as const;
  const service = resource.replace("arn:aws:states:::", "");
  const [resourceType = "", ...rest] = service.split(":");
  return { kind: "integration", resourceType, resource: rest.join(":") } as const;
}

function handlersFor(execution: Execution, resume?: Resume) {
  const handlers: Record<string, (input: Json) => Promise<Json>> = {};
  for (const [state, definition] of Object.entries(
    machineOf(execution.machineArn).original.States,
  )) {
    if (definition.Type !== "Task") continue;
    handlers[state] = taskHandler(execution, state, definition);
    if (resume?.state === state) {
      handlers[`${state}${resumedSuffix}`] = taskHandler(execution, state, definition, resume);
    }
  }
  return handlers;
}

function taskHandler(
  execution: Execution,
  state: string,
  definition: StateDefinition,
  resumeFirst?: Resume,
) {
  const target = resourceOf(definition);
  let resumeNext = resumeFirst;
  return async (input: Json): Promise<Json> => {
    // What the journal says holds for the first attempt after a restart; a retry is a new one.
    const resume = resumeNext;
    resumeNext = undefined;
    // Stopping: this attempt is not even scheduled; the next start runs it.
    if (draining) return new Promise<Json>(() => {});
    busy++;
    let busyDone = false;
    const idle = () => {
      if (!busyDone) {
        busyDone = true;
        done();
      }
    };
    try {
      // The library announces the state after calling us: let its event reach the history first.
      await nextImmediate();
      if (resume?.replay) {
        // The attempt ended before the stop: its outcome stands, the step does not run again.
        if ("output" in resume.replay) return resume.replay.output;
        throw namedError(resume.replay.error, resume.replay.cause);
      }
      if (target.kind === "lambda-function") {
        record(execution, "LambdaFunctionScheduled", {
          lambdaFunctionScheduledEventDetails: {
            resource: target.resource,
            input: JSON.stringify(input),
          },
        });
        record(execution, "LambdaFunctionStarted");
        try {
          const output = await callMain(execution, state, input);
          record(execution, "LambdaFunctionSucceeded", {
            lambdaFunctionSucceededEventDetails: { output: JSON.stringify(output) },
          });
          return output;
        } catch (error) {
          const { name, message } = error as Error;
          record(execution, "LambdaFunctionFailed", {
            lambdaFunctionFailedEventDetails: { error: name, cause: message },
          });
          throw error;
        }
      }
      const task = { resourceType: target.resourceType, resource: target.resource };
      if (target.resource.endsWith(".waitForTaskToken")) {
        return await callback(execution, state, definition, input, task, idle, resume);
      }
      record(execution, "TaskScheduled", {
        taskScheduledEventDetails: { ...task, region, parameters: JSON.stringify(input) },
      });
      record(execution, "TaskStarted", { taskStartedEventDetails: task });
      try {
        const output =
          target.resourceType === "states" && target.resource === "startExecution"
            ? startFromTask(execution, input)
            : await invokeLambda(execution, state, input);
        record(execution, "TaskSucceeded", {
          taskSucceededEventDetails: { ...task, output: JSON.stringify(output) },
        });
        return output;
      } catch (error) {
        const { name, message } = error as Error;
        record(execution, "TaskFailed", {
          taskFailedEventDetails: { ...task, error: name, cause: message },
        });
        throw error;
      }
    } finally {
      idle();
    }
  };
}

async function invokeLambda(execution: Execution, state: string, input: Json): Promise<Json> {
  const payload = (input as { Payload?: Json }).Payload ?? null;
  return { Payload: await callMain(execution, state, payload), StatusCode: 200 };
}

/** `arn:aws:states:::startExecution`: the chapter hand-over, unique names as on AWS. */
function startFromTask(execution: Execution, input: Json): Json {
  const { Name, Input, StateMachineArn } = input as {
    Name: string;
    Input: Json;
    StateMachineArn?: string;
  };
  let started: { executionArn: string; startDate: number };
  try {
    started = startExecution(
      StateMachineArn ?? execution.machineArn,
      Name,
      typeof Input === "string" ? Input : JSON.stringify(Input),
    );
  } catch (error) {
    // The service integration names the API's error after the SDK's exception.
    const { name, message } = error as Error;
    throw namedError(`StepFunctions.${name}Exception`, message);
  }
  return {
    ExecutionArn: started.executionArn,
    StartDate: new Date(started.startDate).toISOString(),
  };
}

/**
 * A `.waitForTaskToken` task: the token is registered before the handler runs (it may hand an
 * answer over at once), the handler's return marks the task submitted, and the state ends when a
 * SendTask* call or the timeout says so.
 */
async function callback(
  execution: Execution,
  state: string,
  definition: StateDefinition,
  input: Json,
  task: { resourceType: string; resource: string },
  idle: () => void,
  resume?: Resume,
): Promise<Json> {
  const resumed = resume?.state === state ? resume.waiting : undefined;
  const token = resumed?.token ?? randomBytes(48).toString("base64url");
  const timeoutSeconds =
    typeof definition.TimeoutSeconds === "number"
      ? definition.TimeoutSeconds
      : (input as { localTimeoutSeconds?: number }).localTimeoutSeconds;
  const deadline = resumed
    ? resumed.deadline
    : timeoutSeconds
      ? Date.now() + timeoutSeconds * 1000
      : undefined;
  const heartbeatSeconds = resumed
    ? resumed.heartbeatSeconds
    : typeof definition.HeartbeatSeconds === "number"
      ? definition.HeartbeatSeconds
      : (input as { localHeartbeatSeconds?: number }).localHeartbeatSeconds;
  const payload = JSON.parse(
    JSON.stringify((input as { Payload?: Json }).Payload ?? null).replaceAll(
      tokenPlaceholder,
      () => token,
    ),
  ) as Json;
  if (!resumed) {
    const {
      localTimeoutSeconds: _,
      localHeartbeatSeconds: __,
      ...parameters
    } = input as Record<string, Json>;
    record(execution, "TaskScheduled", {
      taskScheduledEventDetails: {
        ...task,
        region,
        parameters: JSON.stringify(parameters).replaceAll(tokenPlaceholder, () => token),
        ...(timeoutSeconds ? { timeoutInSeconds: timeoutSeconds } : {}),
        ...(heartbeatSeconds ? { heartbeatInSeconds: heartbeatSeconds } : {}),
      },
      localToken: token,
      localDeadline: deadline,
    });
    record(execution, "TaskStarted", { taskStartedEventDetails: task });
  }
  tokens.set(token, execution.arn);
  const answer = new Promise<Json>((resolve, reject) => {
    const waiting: Pending = { execution: execution.arn, resolve, reject };
    const timeOut = (error: string) => {
      if (!closeToken(token)) return;
      record(execution, "TaskTimedOut", {
        taskTimedOutEventDetails: { ...task, error, cause: "" },
      });
      reject(namedError(error, ""));
    };
    if (deadline !== undefined) {
      waiting.timer = setTimeout(
        () => timeOut("States.Timeout"),
        Math.max(0, deadline - Date.now()),
      );
    }
    if (heartbeatSeconds) {
      // Each SendTaskHeartbeat moves `beatAt`; silence for HeartbeatSeconds ends the task.
      const watch = () => {
        const beatAt = execution.waiting?.token === token ? execution.waiting.beatAt : Date.now();
        const due = beatAt + heartbeatSeconds * 1000;
        if (Date.now() >= due) timeOut("States.HeartbeatTimeout");
        else waiting.heartbeatTimer = setTimeout(watch, due - Date.now());
      };
      waiting.heartbeatTimer = setTimeout(watch, 0);
    }
    pending.set(token, waiting);
  });
  // Whatever ends the wait first, nothing is left unhandled.
  answer.catch(() => undefined);
  if (!resumed?.submitted) {
    try {
      const output = await callMain(execution, state, payload);
      record(execution, "TaskSubmitted", {
        taskSubmittedEventDetails: { ...task, output: JSON.stringify(output) },
      });
    } catch (error) {
      if (closeToken(token)) {
        const { name, message } = error as Error;
        record(execution, "TaskFailed", {
          taskFailedEventDetails: { ...task, error: name, cause: message },
        });
      }
      throw error;
    }
  }
  idle();
  return answer;
}

function newExecution(
  machineArn: string,
  name: string,
  input: string,
  startDate: number,
): Execution {
  const execution: Execution = {
    name,
    arn: executionArnOf(machineArn, name),
    machineArn,
    input,
    startDate,
    status: "RUNNING",
    events: [],
  };
  executions.set(execution.arn, execution);
  return execution;
}

/** StartExecution as AWS answers it: the same name and input while running returns the same. */
function startExecution(machineArn: string, name: string, input: string) {
  const machine = machineOf(machineArn);
  const existing = executions.get(executionArnOf(machineArn, name));
  if (existing) {
    if (existing.status === "RUNNING" && existing.input === input) {
      return { executionArn: existing.arn, startDate: existing.startDate };
    }
    throw namedError("ExecutionAlreadyExists", `Execution Already Exists: '${existing.arn}'`);
  }
  JSON.parse(input);
  const execution = newExecution(machineArn, name, input, Date.now());
  write({ kind: "execution", name, input, startDate: execution.startDate, machine: machineArn });
  record(execution, "ExecutionStarted", { executionStartedEventDetails: { input, roleArn } });
  run(execution, machine.runner, JSON.parse(input) as Json);
  return { executionArn: execution.arn, startDate: execution.startDate };
}

function run(
  execution: Execution,
  stateMachine: { run: Machine["runner"]["run"] },
  input: Json,
  resume?: Resume,
) {
  const handle = stateMachine.run(input, {
    overrides: { taskResourceLocalHandlers: handlersFor(execution, resume) as never },
    context: {
      Execution: {
        Id: execution.arn,
        Name: execution.name,
        OriginalStartTime: new Date(execution.startDate).toISOString(),
        OriginalInput: JSON.parse(execution.input) as Json,
        RoleArn: roleArn,
      },
      StateMachine: { Id: execution.machineArn, Name: execution.machineArn.split(":").at(-1) },
      Task: { Token: tokenPlaceholder },
    },
  });
  execution.abort = handle.abort;
  // A resumed state was entered before the restart (and maybe exited): not recorded twice.
  let skipEntered = resume !== undefined;
  let skipExited = resume?.exited === true;
  void (async () => {
    for await (const event of handle.eventLogs) {
      if (event.type === "StateEntered") {
        stats.stateTransitions++;
        if (skipEntered) {
          skipEntered = false;
          continue;
        }
        record(execution, `${event.state.type}StateEntered`, {
          stateEnteredEventDetails: {
            name: event.state.name.replace(resumedSuffix, ""),
            input: JSON.stringify(event.state.input),
          },
        });
      } else if (event.type === "StateExited") {
        skipEntered = false;
        if (skipExited) {
          skipExited = false;
          continue;
        }
        record(execution, `${event.state.type}StateExited`, {
          stateExitedEventDetails: {
            name: event.state.name.replace(resumedSuffix, ""),
            output: JSON.stringify(event.state.output ?? null),
          },
        });
      } else if (event.type === "ExecutionSucceeded") {
        record(execution, "ExecutionSucceeded", {
          executionSucceededEventDetails: { output: JSON.stringify(event.output) },
        });
      } else if (event.type === "ExecutionFailed") {
        record(execution, "ExecutionFailed", {
          executionFailedEventDetails: { error: event.Error, cause: String(event.Cause ?? "") },
        });
      }
    }
  })();
  handle.result.catch(() => undefined);
}

/**
 * Runs a RUNNING execution from where the journal left it: a copy of the definition whose start is
 * a copy of the current state (under another name, so that a later return to that state is the
 * original), its wait set to end when it would have, its callback on the same token.
 */
function resume(execution: Execution) {
  const current = execution.current;
  const machine = machineOf(execution.machineArn);
  if (!current) {
    // Stopped before its first state was entered: it starts again from the beginning.
    if (!execution.events.some((event) => event.type === "ExecutionStarted")) {
      record(execution, "ExecutionStarted", {
        executionStartedEventDetails: { input: execution.input, roleArn },
      });
    }
    run(execution, machine.runner, JSON.parse(execution.input) as Json);
    return;
  }
  const definition = structuredClone(machine.prepared);
  const state = structuredClone(definition.States[current.state]) as StateDefinition;
  if (!state) return;
  // The last attempt ended before the stop: its outcome is given back, not run again.
  const last = current.outcomes.at(-1);
  const replay = current.inFlight ? undefined : last;
  // Every failure before the attempt that goes on was retried: those retries are spent.
  const spent = current.outcomes
    .slice(0, replay ? -1 : undefined)
    .flatMap((outcome) => ("error" in outcome ? [outcome.error] : []));
  spendRetries(state, spent);
  if (state.Type === "Wait" && (state.Seconds !== undefined || state.SecondsPath !== undefined)) {
    const seconds =
      typeof state.Seconds === "number"
        ? state.Seconds
        : Number(valueAt(current.input, String(state.SecondsPath)));
    delete state.Seconds;
    delete state.SecondsPath;
    state.Timestamp = new Date(current.enteredAt + seconds * 1000).toISOString();
  }
  const key = `${current.state}${resumedSuffix}`;
  definition.States[key] = state;
  definition.StartAt = key;
  const copy = new StateMachine(definition as never, { validationOptions: { noValidate: true } });
  run(execution, copy, current.input, {
    state: current.state,
    waiting: replay ? undefined : execution.waiting,
    replay,
    exited: current.exited,
  });
}

type Retrier = {
  ErrorEquals: string[];
  MaxAttempts?: number;
  IntervalSeconds?: number;
  BackoffRate?: number;
};

/**
 * Takes the retries already made off the state's Retry (as the engine counts them: the first
 * retrier whose ErrorEquals names the error), so that a restart neither resets MaxAttempts nor the
 * backoff: what is left is `MaxAttempts - spent`, starting at `IntervalSeconds × BackoffRate^spent`.
 */
function spendRetries(state: StateDefinition, failures: string[]) {
  const retriers = state.Retry as Retrier[] | undefined;
  if (!retriers || failures.length === 0) return;
  const spent = retriers.map(() => 0);
  for (const error of failures) {
    const index = retriers.findIndex((retrier) =>
      retrier.ErrorEquals.some(
        (name) =>
          name === error ||
          name === "States.ALL" ||
          (name === "States.TaskFailed" && error !== "States.Timeout"),
      ),
    );
    if (index >= 0) spent[index] = (spent[index] ?? 0) + 1;
  }
  state.Retry = retriers.map((retrier, index) => {
    const used = spent[index] ?? 0;
    if (used === 0) return retrier;
    return {
      ...retrier,
      MaxAttempts: Math.max(0, (retrier.MaxAttempts ?? 3) - used),
      IntervalSeconds: (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** used,
    };
  }) as unknown as Json;
}

/** `$.a.b` read from a state's input (what SecondsPath holds in this workflow). */
function valueAt(input: Json, jsonPath: string): Json {
  let value: Json = input;
  for (const part of jsonPath
    .replace(/^\$\.?/, "")
    .split(".")
    .filter(Boolean)) {
    value = (value as Record<string, Json> | null)?.[part] ?? null;
  }
  return value;
}

function stopExecution(execution: Execution, error?: string, cause?: string) {
  if (execution.status === "RUNNING") {
    record(execution, "ExecutionAborted", {
      executionAbortedEventDetails: { ...(error ? { error } : {}), ...(cause ? { cause } : {}) },
    });
    execution.abort?.();
  }
  return { stopDate: execution.stopDate ?? Date.now() };
}

function deliver(token: string, outcome: { output: Json } | { error: string; cause: string }) {
  const waiting = pending.get(token);
  if (!waiting) return refuseToken(token);
  const execution = executions.get(waiting.execution);
  closeToken(token);
  if (execution) {
    const task = { resourceType: "lambda", resource: "invoke.waitForTaskToken" };
    if ("output" in outcome) {
      record(execution, "TaskSucceeded", {
        taskSucceededEventDetails: { ...task, output: JSON.stringify(outcome.output) },
      });
    } else {
      record(execution, "TaskFailed", {
        taskFailedEventDetails: { ...task, error: outcome.error, cause: outcome.cause },
      });
    }
  }
  if ("output" in outcome) waiting.resolve(outcome.output);
  else waiting.reject(namedError(outcome.error, outcome.cause));
  return {};
}

/** Resolves once no task handler runs and the engine has moved on to its next wait. */
async function settle() {
  let quietTurns = 0;
  while (quietTurns < 4) {
    await nextImmediate();
    if (busy === 0) {
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

function saveClock() {
  write({ kind: "clock", offsetMs });
}

/**
 * The fake clock moves with real time (shouldAdvanceTime) but lags it when the machine is busy;
 * the main thread's clock does not. Caught up here before each request, so both read the same
 * time and a deadline computed by a task is met at the same instant on both sides.
 */
function catchUp() {
  const behind = realNow() + offsetMs - clock.now;
  if (behind > 0) clock.tick(behind);
}

/** Moves the clock by `ms`, firing due timers one by one, telling the main thread each step. */
async function advance(ms: number) {
  catchUp();
  const target = clock.now + ms;
  for (;;) {
    await settle();
    const next = earliestTimer();
    if (next === undefined || next > target) break;
    const step = Math.max(0, next - clock.now);
    port?.postMessage({ type: "tick", ms: step });
    offsetMs += step;
    clock.tick(step);
    // Kept as it goes: a process killed mid-advance resumes at the time its history reached.
    saveClock();
  }
  const rest = target - clock.now;
  if (rest > 0) {
    port?.postMessage({ type: "tick", ms: rest });
    offsetMs += rest;
    clock.tick(rest);
  }
  await settle();
  saveClock();
}

const describe = (execution: Execution) => ({
  executionArn: execution.arn,
  stateMachineArn: execution.machineArn,
  name: execution.name,
  status: execution.status,
  startDate: execution.startDate,
  ...(execution.stopDate !== undefined ? { stopDate: execution.stopDate } : {}),
  input: execution.input,
  ...(execution.output !== undefined ? { output: execution.output } : {}),
  ...(execution.error !== undefined ? { error: execution.error } : {}),
  ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
  ...(execution.current && !execution.current.exited
    ? { currentState: execution.current.state }
    : {}),
  eventCount: execution.events.length,
});

/** An execution by its ARN, or by its name on the first machine (the pair workflow). */
const byArnOrName = (arnOrName: string) => {
  const execution = executions.get(
    arnOrName.startsWith("arn:") ? arnOrName : executionArnOf(defaultMachineArn, arnOrName),
  );
  if (!execution)
    throw namedError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arnOrName}'`);
  return execution;
};

type Request = { id: number; type: string; [argument: string]: unknown };

async function handle(request: Request): Promise<unknown> {
  switch (request.type) {
    case "start":
      return startExecution(
        String(request.machine ?? defaultMachineArn),
        String(request.name),
        String(request.input),
      );
    case "describe":
      return describe(byArnOrName(String(request.execution)));
    case "list":
      return [...executions.values()]
        .filter((execution) => !request.status || execution.status === request.status)
        .filter((execution) => !request.machine || execution.machineArn === request.machine)
        .sort((a, b) => b.startDate - a.startDate || (a.name < b.name ? 1 : -1))
        .map(describe);
    case "history": {
      const execution = byArnOrName(String(request.execution));
      return execution.events.map((event) =>
        Object.fromEntries(Object.entries(event).filter(([key]) => !key.startsWith("local"))),
      );
    }
    case "stop":
      return stopExecution(
        byArnOrName(String(request.execution)),
        request.error as string | undefined,
        request.cause as string | undefined,
      );
    case "success":
      return deliver(String(request.token), { output: request.output as Json });
    case "failure":
      return deliver(String(request.token), {
        error: String(request.error ?? ""),
        cause: String(request.cause ?? ""),
      });
    case "heartbeat":
      return heartbeat(String(request.token));
    case "resume":
      // Asked once the API listens: a resumed task may call it at once.
      for (const execution of running.splice(0)) resume(execution);
      return {};
    case "advance":
      await advance(Number(request.ms));
      return { now: clock.now };
    case "settle":
      await settle();
      return { now: clock.now };
    case "drain": {
      draining = true;
      const finished =
        busy === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve));
      let late: ReturnType<typeof setTimeout> | undefined;
      const grace = new Promise<void>((resolve) => {
        late = setTimeout(resolve, Number(request.graceMs) || 0);
      });
      await Promise.race([finished, grace]);
      clearTimeout(late);
      return { running: busy };
    }
    case "stats":
      return {
        ...stats,
        executions: Object.fromEntries(
          [...executions.values()].map((execution) => [
            execution.name,
            {
              status: execution.status,
              transitions: execution.events.filter((event) => event.type.endsWith("StateEntered"))
                .length,
              events: execution.events.length,
              startedAt: execution.startDate,
              stoppedAt: execution.stopDate,
            },
          ]),
        ),
      };
  }
  throw new Error(`Unknown request ${request.type}`);
}

/** SendTaskHeartbeat: the task is alive; kept, so that a restart does not forget it. */
function heartbeat(token: string) {
  const waiting = pending.get(token);
  if (!waiting) refuseToken(token);
  const execution = executions.get(waiting.execution);
  if (execution?.waiting?.token === token) {
    const at = Date.now();
    write({ kind: "heartbeat", name: execution.arn, at });
    execution.waiting.beatAt = at;
  }
  return {};
}

/** The error a SendTask* call gets, as AWS names it, for a token that does not wait. */
function refuseToken(token: string): never {
  if (!/^[A-Za-z0-9_-]{64}$/.test(token)) throw namedError("InvalidToken", "Invalid Token");
  if (tokens.has(token))
    throw namedError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
  throw namedError("TaskDoesNotExist", "Task Does Not Exist");
}

port.on("message", (message: Request | TaskReply) => {
  catchUp();
  if (message.type === "task-result") {
    const reply = message as TaskReply;
    const resolve = pendingCalls.get(reply.callId);
    pendingCalls.delete(reply.callId);
    resolve?.(reply);
    return;
  }
  const request = message as Request;
  handle(request).then(
    (result) => port.postMessage({ type: "reply", id: request.id, result }),
    (error: Error) =>
      port.postMessage({
        type: "reply",
        id: request.id,
        error: { name: error.name, message: error.message },
      }),
  );
});

// Replay the journal, then resume what was running when the last process stopped.
for (const entry of journal) {
  if (entry.kind === "execution") {
    newExecution(entry.machine ?? defaultMachineArn, entry.name, entry.input, entry.startDate);
  } else if (entry.kind === "event") {
    const execution = executions.get(
      entry.name.startsWith("arn:") ? entry.name : executionArnOf(defaultMachineArn, entry.name),
    );
    if (execution) apply(execution, entry.event);
  } else if (entry.kind === "heartbeat") {
    const waiting = executions.get(entry.name)?.waiting;
    if (waiting) waiting.beatAt = entry.at;
  }
}
if (setup.journalFile) saveClock();
const running = [...executions.values()].filter((execution) => execution.status === "RUNNING");
port.postMessage({ type: "ready", offsetMs, resumed: running.length });
