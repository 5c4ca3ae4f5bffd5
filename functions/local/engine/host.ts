import { AsyncLocalStorage } from "node:async_hooks";
import { Worker } from "node:worker_threads";
import { clock } from "#core/clock";
import type { EventStepPayload } from "#core/events/payload";
import type { StepPayload } from "#core/workflow/payload";
import type { AslDefinition } from "../../../stacks/workflow/render";

/**
 * The main-thread side of the local engine: it starts the worker that runs the ASL, answers each
 * Task with the real steps handler, moves `clock` in step with the worker's fake clock, and
 * forwards the Step Functions API calls (see service.ts) to the worker.
 */
export type StepHandler = (payload: StepPayload) => Promise<unknown>;

/** One state machine the engine runs, with the steps handler its tasks call. */
export type LocalMachine = {
  arn: string;
  definition: AslDefinition;
  // biome-ignore lint/suspicious/noExplicitAny: each machine's handler takes its own payload
  handler: (payload: any) => Promise<unknown>;
};
export type EventStepHandler = (payload: EventStepPayload) => Promise<unknown>;

export type ExecutionEnd = {
  name: string;
  status: string;
  error?: { name: string; message: string };
};

export type EngineStats = {
  stateTransitions: number;
  taskCalls: number;
  executions: Record<
    string,
    {
      status: string;
      transitions: number;
      /** Events of its history, as GetExecutionHistory lists them. */
      events: number;
      /** On the engine's clock, in ms since the epoch. */
      startedAt: number;
      stoppedAt?: number;
    }
  >;
};

export type EngineOptions = {
  /** The journal that keeps executions across restarts; in memory only when absent. */
  journalFile?: string;
};

type Reply = {
  type: "reply";
  id: number;
  result?: unknown;
  error?: { name: string; message: string };
};
type TaskCall = {
  type: "task";
  callId: number;
  execution: string;
  machine: string;
  state: string;
  payload: StepPayload;
};
type WorkerMessage =
  | Reply
  | TaskCall
  | { type: "tick"; ms: number }
  | ({ type: "execution-ended" } & ExecutionEnd)
  | { type: "ready"; offsetMs: number; resumed: number };

/** Set while a task handler runs: an answer it delivers must not wait for the engine to settle. */
const inTask = new AsyncLocalStorage<boolean>();
export const isInsideTask = () => inTask.getStore() === true;

export class LocalEngine {
  readonly ended: ExecutionEnd[] = [];
  /** How many executions the journal gave back to run on. */
  resumed = 0;
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private nextId = 1;
  readonly ready: Promise<void>;

  /** The first machine is the pair workflow: an execution named without its ARN is one of its. */
  constructor(
    readonly machines: LocalMachine[],
    options: EngineOptions = {},
  ) {
    this.worker = new Worker(new URL("./worker.ts", import.meta.url), {
      workerData: {
        machines: machines.map(({ arn, definition }) => ({ arn, definition })),
        offsetMs: clock.now().getTime() - Date.now(),
        journalFile: options.journalFile,
      },
    });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once("error", reject);
      const onReady = (message: WorkerMessage) => {
        if (message.type !== "ready") return;
        this.worker.off("message", onReady);
        // The journal's clock is ahead when the data was kept: the domain's clock follows it.
        const behind = message.offsetMs - (clock.now().getTime() - Date.now());
        if (behind > 0) clock.advanceBy(behind);
        this.resumed = message.resumed;
        resolve();
      };
      this.worker.on("message", onReady);
    });
    this.worker.on("message", (message: WorkerMessage) => this.onMessage(message));
  }

  /** One Step Functions operation, answered by the worker (errors carry AWS's names). */
  async request(type: string, args: Record<string, unknown> = {}): Promise<unknown> {
    await this.ready;
    const id = this.nextId++;
    const reply = await new Promise<Reply>((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ ...args, type, id });
    });
    if (reply.error) {
      throw Object.assign(new Error(reply.error.message), { name: reply.error.name });
    }
    return reply.result;
  }

  /** Moves time forward by `ms`: timers fire in order, each after the previous step finished. */
  async advance(ms: number): Promise<void> {
    if (ms < 0) throw new Error("The clock only moves forward");
    await this.request("advance", { ms });
  }

  /** Waits until no task runs: every execution waits on a timer, a person, or has ended. */
  async settle(): Promise<void> {
    await this.request("settle");
  }

  async stats(): Promise<EngineStats> {
    return (await this.request("stats")) as EngineStats;
  }

  /**
   * Stops: no task starts any more, those running get `graceMs` to finish (their outcome is
   * journaled), then the worker ends. What was still running is resumed at the next start.
   */
  async stop(graceMs = 0): Promise<void> {
    if (graceMs > 0) await this.request("drain", { graceMs }).catch(() => undefined);
    await this.worker.terminate();
  }

  private onMessage(message: WorkerMessage) {
    switch (message.type) {
      case "reply": {
        const resolve = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        resolve?.(message);
        return;
      }
      case "tick":
        clock.advanceBy(message.ms);
        return;
      case "task":
        void this.runTask(message);
        return;
      case "execution-ended":
        this.ended.push({ name: message.name, status: message.status, error: message.error });
        return;
    }
  }

  private async runTask(call: TaskCall) {
    try {
      const machine = this.machines.find((candidate) => candidate.arn === call.machine);
      if (!machine) throw new Error(`No steps handler for ${call.machine}`);
      const result = await inTask.run(true, () => machine.handler(call.payload));
      this.worker.postMessage({
        type: "task-result",
        callId: call.callId,
        ok: true,
        result: result ?? null,
      });
    } catch (error) {
      const { name, message } = error as Error;
      this.worker.postMessage({
        type: "task-result",
        callId: call.callId,
        ok: false,
        error: { name, message },
      });
    }
  }
}
