import { AsyncLocalStorage } from "node:async_hooks";
import { Worker } from "node:worker_threads";
import { clock } from "#core/clock";
import type { Delivery, WorkflowEngine } from "#core/workflow/engine";
import type { ChapterInput, StepPayload } from "#core/workflow/payload";
import { type AslDefinition, localStateMachineArn } from "../../../stacks/workflow/render";

/**
 * The main-thread side of the local engine: it starts the worker that runs the ASL, answers each
 * Task with the real steps handler, and moves `clock` in step with the worker's fake clock.
 */
export type StepHandler = (payload: StepPayload) => Promise<unknown>;

export type ExecutionEnd = {
  name: string;
  status: "SUCCEEDED" | "FAILED";
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
      /** Entries of the engine's event log. */
      events: number;
      /** On the engine's clock, in ms since the epoch. */
      startedAt: number;
      stoppedAt?: number;
    }
  >;
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
  state: string;
  payload: StepPayload;
};
type WorkerMessage =
  | Reply
  | TaskCall
  | { type: "tick"; ms: number }
  | ({ type: "execution-ended" } & ExecutionEnd)
  | { type: "ready" };

export class LocalEngine implements WorkflowEngine {
  readonly ended: ExecutionEnd[] = [];
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private nextId = 1;
  private readonly ready: Promise<void>;
  /** Set while a task handler runs: an answer it delivers must not wait for the engine to settle. */
  private readonly inTask = new AsyncLocalStorage<boolean>();

  constructor(
    definition: AslDefinition,
    private readonly handler: StepHandler,
  ) {
    this.worker = new Worker(new URL("./worker.ts", import.meta.url), {
      workerData: { definition, stateMachineArn: localStateMachineArn, now: clock.now().getTime() },
    });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once("error", reject);
      const onReady = (message: WorkerMessage) => {
        if (message.type === "ready") {
          this.worker.off("message", onReady);
          resolve();
        }
      };
      this.worker.on("message", onReady);
    });
    this.worker.on("message", (message: WorkerMessage) => this.onMessage(message));
  }

  async start(executionName: string, input: ChapterInput) {
    return (await this.request({ type: "start", name: executionName, input })) as {
      started: boolean;
    };
  }

  async sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<Delivery> {
    const { delivery } = (await this.request({ type: "resolve", token: taskToken, output })) as {
      delivery: Delivery;
    };
    await this.settleUnlessInTask();
    return delivery;
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string): Promise<Delivery> {
    const { delivery } = (await this.request({
      type: "reject",
      token: taskToken,
      error,
      cause,
    })) as {
      delivery: Delivery;
    };
    await this.settleUnlessInTask();
    return delivery;
  }

  /** Moves time forward by `ms`: timers fire in order, each after the previous step finished. */
  async advance(ms: number): Promise<void> {
    if (ms < 0) throw new Error("The clock only moves forward");
    await this.request({ type: "advance", ms });
  }

  /** Waits until no task runs: every execution waits on a timer, a person, or has ended. */
  async settle(): Promise<void> {
    await this.request({ type: "settle" });
  }

  /**
   * Locally, whoever answers gets its reply once the execution has moved on (its next emails are
   * sent), which makes tests and demos deterministic. Not from inside a task: that would wait on
   * itself.
   */
  private async settleUnlessInTask() {
    if (!this.inTask.getStore()) await this.settle();
  }

  async stats(): Promise<EngineStats> {
    return (await this.request({ type: "stats" })) as EngineStats;
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private async request(message: Record<string, unknown>): Promise<unknown> {
    await this.ready;
    const id = this.nextId++;
    const reply = await new Promise<Reply>((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ ...message, id });
    });
    if (reply.error)
      throw Object.assign(new Error(reply.error.message), { name: reply.error.name });
    return reply.result;
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
      const result = await this.inTask.run(true, () => this.handler(call.payload));
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
