import type { AddressInfo } from "node:net";
import path from "node:path";
import { serve } from "@hono/node-server";
import { stepFunctions } from "#core/clients/sfn";
import { clock } from "#core/clock";
import { isInBackground } from "#core/matching/background";
import {
  type AslDefinition,
  localEventStateMachineArn,
  localStateMachineArn,
  renderEventWorkflowAsl,
  renderPairWorkflowAsl,
} from "../../../stacks/workflow/render";
import { handler as eventHandler } from "../../workflow/event-steps";
import { handler } from "../../workflow/steps";
import { type EventStepHandler, isInsideTask, LocalEngine, type StepHandler } from "./host";
import { stepFunctionsService } from "./service";

export { parseDuration } from "./duration";
export type { EngineStats } from "./host";

/**
 * Step Functions on this machine: the local engine (the rendered ASL, the real steps handler,
 * the controllable clock) served behind the Step Functions API on its own port. The app reaches
 * it through `@aws-sdk/client-sfn`, like AWS, with `AWS_ENDPOINT_URL_SFN` set to its address.
 */
export type LocalStepFunctionsOptions = {
  /** SFN_LOCAL_PORT; a free port when absent. */
  port?: number;
  /** Keeps executions, history, tokens and the clock in `<dataDirectory>/journal.jsonl`. */
  dataDirectory?: string;
  /** The pair steps handler (tests wrap the real one). */
  handler?: StepHandler;
  /** The event steps handler (tests wrap the real one). */
  eventHandler?: EventStepHandler;
  /** Another definition than the pair workflow's, at its ARN (tests of the engine itself). */
  definition?: AslDefinition;
};

export type LocalStepFunctions = {
  endpoint: string;
  /** How many RUNNING executions the journal gave back. */
  resumed: number;
  stop: () => Promise<void>;
};

export async function startLocalStepFunctions(
  options: LocalStepFunctionsOptions = {},
): Promise<LocalStepFunctions> {
  const engine = new LocalEngine(
    [
      {
        arn: localStateMachineArn,
        definition: options.definition ?? renderPairWorkflowAsl(),
        handler: options.handler ?? handler,
      },
      {
        arn: localEventStateMachineArn,
        definition: renderEventWorkflowAsl(),
        handler: options.eventHandler ?? eventHandler,
      },
    ],
    {
      journalFile: options.dataDirectory
        ? path.join(options.dataDirectory, "journal.jsonl")
        : undefined,
    },
  );
  const server = serve({
    fetch: stepFunctionsService(engine).fetch,
    port: options.port ?? 0,
    hostname: "127.0.0.1",
  });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.AWS_ENDPOINT_URL_SFN = endpoint;
  process.env.STATE_MACHINE_ARN = localStateMachineArn;
  process.env.EVENT_STATE_MACHINE_ARN = localEventStateMachineArn;
  settleAfterEachCall();
  await engine.ready;
  // What the journal kept goes on only now: its tasks may call the service back.
  await engine.request("resume");
  return {
    endpoint,
    resumed: engine.resumed,
    // The tasks running finish first: they may still call the API (an answer handed over).
    stop: async () => {
      await engine.stop(stopGraceMs);
      await new Promise<void>((resolve) => {
        (server as import("node:http").Server).closeAllConnections?.();
        server.close(() => resolve());
      });
    },
  };
}

/** How long the tasks running at a stop get to finish. */
const stopGraceMs = 5000;

const answering = new Set([
  "StartExecutionCommand",
  "SendTaskSuccessCommand",
  "SendTaskFailureCommand",
  "StopExecutionCommand",
]);
let settling = false;

/**
 * Locally, whoever starts or answers an execution gets its reply once the execution has moved on
 * (its next emails are sent), which makes tests and demos deterministic. Not from inside a task:
 * that would wait on itself; nor from background work (the pair starts of a confirmation): no
 * one waits for its answer, and 2,000 starts each waiting for every execution to settle took
 * minutes. The call itself went to the service like any other.
 */
export function settleAfterEachCall() {
  if (settling) return;
  settling = true;
  stepFunctions.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (answering.has(context.commandName ?? "") && !isInsideTask() && !isInBackground()) {
        await settleLocal();
      }
      return result;
    },
    { step: "initialize", name: "localSettle" },
  );
}

const localEndpoint = () => process.env.AWS_ENDPOINT_URL_SFN;

async function post(route: string, body: unknown = {}) {
  const endpoint = localEndpoint();
  if (!endpoint) return undefined;
  const response = await fetch(`${endpoint}${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`);
  const answer = (await response.json()) as { now: string };
  // This process's clock follows the service's (it already does when the service runs here).
  const behind = new Date(answer.now).getTime() - clock.now().getTime();
  if (behind > 0) clock.advanceBy(behind);
  return answer;
}

/** Waits until the local service has no task running. */
export async function settleLocal(): Promise<void> {
  await post("/local/settle");
}

/**
 * Moves the local clock (`"P30D"`, or milliseconds): the service fires the waits that end in
 * between, in order, and this process's clock follows it (it already does when the service runs
 * in this process).
 */
export async function advanceLocalClock(by: string | number): Promise<Date> {
  const answer = await post(
    "/local/advance",
    typeof by === "number" ? { ms: by } : { advance: by },
  );
  if (!answer) throw new Error("No local Step Functions service (AWS_ENDPOINT_URL_SFN)");
  const now = new Date(answer.now);
  const behind = now.getTime() - clock.now().getTime();
  if (behind > 0) clock.advanceBy(behind);
  return now;
}

export async function localStats() {
  const endpoint = localEndpoint();
  const response = await fetch(`${endpoint}/local/stats`);
  return (await response.json()) as import("./host").EngineStats;
}
