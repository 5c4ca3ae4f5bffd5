import { randomUUID } from "node:crypto";
import { Hono } from "hono";

import { parseDuration } from "./duration";
import type { LocalEngine } from "./host";
import { executionPage, executionsPage } from "./ops-view";

/**
 * The local engine behind the Step Functions API (the AWS JSON 1.0 protocol the SDK and the AWS
 * CLI speak: `POST /`, `X-Amz-Target: AWSStepFunctions.<Operation>`), plus what only exists here:
 * `/local/settle`, `/local/advance` (the local clock) and `/local/stats`, and the ops pages
 * (`/executions`, `/executions/<arn>`) that stand in for the console.
 */
type Body = Record<string, unknown>;
type Operation = (engine: LocalEngine, body: Body) => Promise<unknown>;

export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const machineCreatedAt = Date.now();
const seconds = (ms: unknown) => (typeof ms === "number" ? ms / 1000 : undefined);

type Described = {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: string;
  startDate: number;
  stopDate?: number;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
};

function requireMachine(engine: LocalEngine, arn: unknown) {
  const machine = engine.machines.find((candidate) => candidate.arn === arn);
  if (!machine) {
    throw new ServiceError(
      "StateMachineDoesNotExist",
      `State Machine Does Not Exist: '${String(arn)}'`,
    );
  }
  return machine;
}

const nameOf = (machineArn: string) => machineArn.split(":").at(-1) ?? machineArn;

function requireJson(value: unknown, code: string) {
  if (typeof value !== "string") return;
  try {
    JSON.parse(value);
  } catch {
    throw new ServiceError(code, `Invalid JSON: ${code}`);
  }
}

/** One page of a list; `nextToken` is opaque to the caller, an offset here. */
function page<T>(items: T[], body: Body, defaultSize = 100) {
  const size = Math.min(Number(body.maxResults) || defaultSize, 1000);
  const start = body.nextToken
    ? Number(Buffer.from(String(body.nextToken), "base64url").toString())
    : 0;
  if (!Number.isInteger(start) || start < 0) {
    throw new ServiceError("InvalidToken", "Invalid pagination token");
  }
  const end = start + size;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end)).toString("base64url") : undefined,
  };
}

const operations: Record<string, Operation> = {
  async StartExecution(engine, body) {
    requireMachine(engine, body.stateMachineArn);
    const name = typeof body.name === "string" ? body.name : randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
      throw new ServiceError("InvalidName", `Invalid Name: '${name}'`);
    }
    const input = typeof body.input === "string" ? body.input : "{}";
    requireJson(input, "InvalidExecutionInput");
    const started = (await engine.request("start", {
      machine: body.stateMachineArn,
      name,
      input,
    })) as {
      executionArn: string;
      startDate: number;
    };
    return { executionArn: started.executionArn, startDate: seconds(started.startDate) };
  },
  async DescribeExecution(engine, body) {
    const execution = (await engine.request("describe", {
      execution: body.executionArn,
    })) as Described;
    return {
      executionArn: execution.executionArn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      status: execution.status,
      startDate: seconds(execution.startDate),
      stopDate: seconds(execution.stopDate),
      input: execution.input,
      output: execution.output,
      error: execution.error,
      cause: execution.cause,
    };
  },
  async ListExecutions(engine, body) {
    requireMachine(engine, body.stateMachineArn);
    const all = (await engine.request("list", {
      status: body.statusFilter,
      machine: body.stateMachineArn,
    })) as Described[];
    const { items, nextToken } = page(all, body);
    return {
      executions: items.map((execution) => ({
        executionArn: execution.executionArn,
        stateMachineArn: execution.stateMachineArn,
        name: execution.name,
        status: execution.status,
        startDate: seconds(execution.startDate),
        stopDate: seconds(execution.stopDate),
      })),
      nextToken,
    };
  },
  async GetExecutionHistory(engine, body) {
    const events = (await engine.request("history", { execution: body.executionArn })) as {
      timestamp: number;
      [key: string]: unknown;
    }[];
    const ordered = body.reverseOrder ? [...events].reverse() : events;
    const { items, nextToken } = page(ordered, body);
    return {
      events: items.map((event) => ({ ...event, timestamp: seconds(event.timestamp) })),
      nextToken,
    };
  },
  async StopExecution(engine, body) {
    const { stopDate } = (await engine.request("stop", {
      execution: body.executionArn,
      error: body.error,
      cause: body.cause,
    })) as { stopDate: number };
    return { stopDate: seconds(stopDate) };
  },
  async SendTaskSuccess(engine, body) {
    requireJson(body.output, "InvalidOutput");
    const output = typeof body.output === "string" ? JSON.parse(body.output) : null;
    return engine.request("success", { token: body.taskToken, output });
  },
  async SendTaskFailure(engine, body) {
    return engine.request("failure", {
      token: body.taskToken,
      error: body.error,
      cause: body.cause,
    });
  },
  async SendTaskHeartbeat(engine, body) {
    return engine.request("heartbeat", { token: body.taskToken });
  },
  async ListStateMachines(engine) {
    return {
      stateMachines: engine.machines.map((machine) => ({
        stateMachineArn: machine.arn,
        name: nameOf(machine.arn),
        type: "STANDARD",
        creationDate: seconds(machineCreatedAt),
      })),
    };
  },
  async DescribeStateMachine(engine, body) {
    const machine = requireMachine(engine, body.stateMachineArn);
    return {
      stateMachineArn: machine.arn,
      name: nameOf(machine.arn),
      status: "ACTIVE",
      definition: JSON.stringify(machine.definition),
      roleArn: machine.arn.replace(
        /:states:([\w-]+):(\d+):stateMachine:.*/,
        "::iam::$2:role/local",
      ),
      type: "STANDARD",
      creationDate: seconds(machineCreatedAt),
    };
  },
};

const awsJson = "application/x-amz-json-1.0";
const apiErrors = new Set([
  "ExecutionAlreadyExists",
  "ExecutionDoesNotExist",
  "InvalidExecutionInput",
  "InvalidName",
  "InvalidOutput",
  "InvalidToken",
  "StateMachineDoesNotExist",
  "TaskDoesNotExist",
  "TaskTimedOut",
]);

export function stepFunctionsService(engine: LocalEngine) {
  return new Hono()
    .post("/", async (c) => {
      const target = c.req.header("x-amz-target") ?? "";
      const operation = operations[target.replace(/^AWSStepFunctions\./, "")];
      const respond = (status: 200 | 400 | 500, body: unknown) =>
        c.body(JSON.stringify(body ?? {}), status, { "content-type": awsJson });
      if (!operation) {
        return respond(400, { __type: "UnknownOperationException", message: target });
      }
      try {
        const body = (await c.req.json().catch(() => ({}))) as Body;
        return respond(200, await operation(engine, body));
      } catch (error) {
        const { name, message } = error as Error;
        const code = error instanceof ServiceError ? error.code : name;
        // Errors the API defines come back as AWS sends them; anything else is the service's fault.
        if (apiErrors.has(code)) return respond(400, { __type: code, message });
        return respond(500, { __type: "InternalFailure", message });
      }
    })
    .post("/local/settle", async (c) => {
      return c.json({ now: new Date(await localNow(engine)).toISOString() });
    })
    .post("/local/advance", async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as { advance?: unknown; ms?: unknown };
      const from = await localNow(engine);
      const ms =
        typeof body.ms === "number"
          ? body.ms
          : typeof body.advance === "string"
            ? parseDuration(body.advance, new Date(from))
            : undefined;
      if (ms === undefined || ms < 0) {
        return c.json({ message: 'Give an ISO 8601 duration, e.g. {"advance":"P30D"}' }, 400);
      }
      await engine.advance(ms);
      return c.json({ now: new Date(await localNow(engine)).toISOString() });
    })
    .get("/local/stats", async (c) => c.json(await engine.stats()))
    .get("/", (c) => c.redirect("/executions"))
    .get("/executions", async (c) => {
      const executions = (await engine.request("list", {
        status: c.req.query("status"),
      })) as Described[];
      return c.html(executionsPage(executions));
    })
    .get("/executions/:arn", async (c) => {
      try {
        const arn = c.req.param("arn");
        const execution = (await engine.request("describe", { execution: arn })) as Described & {
          currentState?: string;
        };
        const events = (await engine.request("history", { execution: arn })) as never[];
        return c.html(executionPage(execution, events));
      } catch {
        return c.html(executionsPage([], "Exécution inconnue / Unknown execution"), 404);
      }
    });
}

/** The local clock, read once every task has finished. */
async function localNow(engine: LocalEngine): Promise<number> {
  const { now } = (await engine.request("settle")) as { now: number };
  return now;
}
