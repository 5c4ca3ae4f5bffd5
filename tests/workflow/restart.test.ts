import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { HistoryEvent } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getWait } from "#core/pair/store";
import { settleAfterEachCall } from "../../functions/local/engine";
import { freePort } from "../../functions/local/services";
import { localStateMachineArn } from "../../stacks/workflow/render";
import { emailsTo } from "../support/inbox";
import {
  day,
  localEngineControl as engine,
  historyOf,
  newPair,
  purposesFor,
  schedule,
} from "./drive";

/**
 * `npm start` stopped as a person stops it — Ctrl-C, which the terminal sends as SIGINT to the
 * whole process group (npm, tsx, node) — then started again on the same data. It stops cleanly:
 * exit code 0, its ports closed, no process left, every history event journaled. And the pairs it
 * ran go on: a wait on a person still takes its token, a reminder comes at its time, no email goes
 * twice. It runs on the test's DynamoDB Local and SES server (`AWS_ENDPOINT_URL_DYNAMODB`,
 * `AWS_ENDPOINT_URL_SESV2`), so that the test reads what it wrote; the Step Functions service and
 * the app are its own.
 */
vi.setConfig({ testTimeout: 300_000 });

const dataDirectory = mkdtempSync(path.join(tmpdir(), "binome-start-"));
let appPort = 0;
let sfnPort = 0;
let child: ChildProcess | undefined;
let output = "";
let starting = false;

beforeAll(async () => {
  appPort = await freePort();
  sfnPort = await freePort();
  process.env.AWS_ENDPOINT_URL_SFN = `http://127.0.0.1:${sfnPort}`;
  process.env.STATE_MACHINE_ARN = localStateMachineArn;
  settleAfterEachCall();
});

afterAll(() => {
  if (child?.pid && !groupIsGone(child.pid)) process.kill(-child.pid, "SIGKILL");
  rmSync(dataDirectory, { recursive: true, force: true });
});

async function until<T>(read: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (starting && child && child.exitCode !== null) {
      throw new Error(`npm start stopped: ${output}`);
    }
    if (Date.now() > deadline) throw new Error(`Timed out; npm start said: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `npm start` in a process group of its own, as a terminal runs it. */
async function npmStart() {
  output = "";
  const { AWS_ENDPOINT_URL_SFN: _, ...environment } = process.env;
  child = spawn("npm", ["start"], {
    cwd: path.resolve("."),
    detached: true,
    env: {
      ...environment,
      PORT: String(appPort),
      SFN_LOCAL_PORT: String(sfnPort),
      LOCAL_DATA_DIRECTORY: dataDirectory,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  starting = true;
  await until(() => (output.includes("Ctrl-C") ? true : undefined), 180_000);
  starting = false;
  return output;
}

/**
 * Ctrl-C: SIGINT to the whole process group. npm itself dies of it at once (as in a terminal);
 * resolves with what was printed after it, once every process of the group has gone.
 */
async function ctrlC(): Promise<string> {
  const running = child as ChildProcess;
  const from = output.length;
  // Every process holding the output has ended (tsx, node; npm first).
  const closed = new Promise<void>((resolve) => running.once("close", () => resolve()));
  process.kill(-(running.pid as number), "SIGINT");
  await closed;
  await until(() => (groupIsGone(running.pid as number) ? true : undefined), 30_000);
  return output.slice(from);
}

const groupIsGone = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return false;
  } catch {
    return true;
  }
};

const refuses = async (port: number) =>
  fetch(`http://127.0.0.1:${port}/`).then(
    () => false,
    () => true,
  );

const history = historyOf;

const shape = (events: HistoryEvent[]) =>
  events.map((event) => [event.id, event.type, event.timestamp?.getTime()]);

describe("npm start stopped with Ctrl-C, then started again on the same data", () => {
  it("stops cleanly, and its pairs go on: the waiting token still answers, the reminder comes on time, each email once", async () => {
    await npmStart();
    const waiting = await newPair();
    const reminded = await newPair();
    expect(await schedule(reminded.pairId, "preparation", 5)).toBe("recorded");
    const token = (await getWait(waiting.pairId))?.token;
    const before = {
      waiting: shape(await history(waiting.pairId)),
      reminded: shape(await history(reminded.pairId)),
    };

    const stopping = await ctrlC();
    expect(stopping).toContain("Arrêté / stopped.");
    expect(stopping).not.toMatch(/error|ECONNREFUSED|unhandled|warn/i);
    expect(await refuses(appPort)).toBe(true);
    expect(await refuses(sfnPort)).toBe(true);
    const journal = readFileSync(
      path.join(dataDirectory, "stepfunctions", "journal.jsonl"),
      "utf8",
    );
    expect(journal.endsWith("\n")).toBe(true);
    for (const line of journal.trim().split("\n")) expect(() => JSON.parse(line)).not.toThrow();

    const restarted = await npmStart();
    expect(restarted).toMatch(/[2-9]\d* reprise\(s\) \/ resumed/);
    // Every event of before the stop was kept, as it was.
    expect(shape(await history(waiting.pairId)).slice(0, before.waiting.length)).toEqual(
      before.waiting,
    );
    expect(shape(await history(reminded.pairId)).slice(0, before.reminded.length)).toEqual(
      before.reminded,
    );

    expect((await getWait(waiting.pairId))?.token).toBe(token);
    expect(await schedule(waiting.pairId, "preparation", 5)).toBe("recorded");
    // The reminder keeps its time: not yet 3 days on, sent by 6.
    await engine.advance(3 * day);
    expect(await purposesFor(reminded.pairId, "mentor")).toEqual([
      "introduction",
      "preparation#invitation#v1",
    ]);
    await engine.advance(3 * day);
    for (const pair of [waiting, reminded]) {
      expect(await purposesFor(pair.pairId, "mentor")).toEqual([
        "introduction",
        "preparation#invitation#v1",
        "preparation#reminder#v1",
        "preparation#confirm#ask#v1",
      ]);
      expect((await emailsTo(pair.mentorEmail)).length).toBe(
        (await purposesFor(pair.pairId, "mentor")).length + 1,
      );
      expect((await emailsTo(pair.menteeEmail)).length).toBe(
        (await purposesFor(pair.pairId, "mentee")).length + 1,
      );
    }
    expect(await ctrlC()).toContain("Arrêté / stopped.");
  });
});
