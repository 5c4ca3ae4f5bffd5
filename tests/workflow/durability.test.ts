import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GetExecutionHistoryCommand, ListExecutionsCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stepFunctions } from "#core/clients/sfn";
import { getWait } from "#core/pair/store";
import { settleAfterEachCall } from "../../functions/local/engine";
import { freePort } from "../../functions/local/services";
import { localStateMachineArn } from "../../stacks/workflow/render";
import { emailsTo } from "../support/inbox";
import {
  answer,
  day,
  localEngineControl as engine,
  executionArnOf,
  historyOf,
  hour,
  newPair,
  pairOf,
  purposesFor,
  runMeeting,
  schedule,
} from "./support";

/**
 * The local Step Functions service keeps its executions across a hard stop: it runs here in a
 * process of its own (tests/workflow/step-functions-process.ts) that is killed with SIGKILL while
 * pairs wait on a person, on a reminder, in the months-long pause, and while a task runs; after a
 * start on the same data, each goes on where it was, and no email goes twice.
 */
const dataDirectory = mkdtempSync(path.join(tmpdir(), "binome-sfn-"));
let port = 0;
let child: ChildProcess | undefined;
let output = "";

beforeAll(async () => {
  port = await freePort();
  process.env.AWS_ENDPOINT_URL_SFN = `http://127.0.0.1:${port}`;
  process.env.STATE_MACHINE_ARN = localStateMachineArn;
  settleAfterEachCall();
});

afterAll(async () => {
  await killHard();
  rmSync(dataDirectory, { recursive: true, force: true });
});

/** Starts the service on the kept data; resolves with how many executions it resumed. */
async function start(env: Record<string, string> = {}): Promise<number> {
  output = "";
  const script = path.resolve("tests/workflow/step-functions-process.ts");
  const started = spawn(process.execPath, ["--import", "tsx", script], {
    env: {
      ...process.env,
      SFN_LOCAL_PORT: String(port),
      SFN_DATA_DIRECTORY: dataDirectory,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = started;
  started.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  started.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const line = await until(() => /ready (\d+)/.exec(output)?.[1], 90_000);
  return Number(line);
}

async function killHard() {
  const running = child;
  child = undefined;
  if (!running || running.exitCode !== null) return;
  const exited = new Promise((resolve) => running.once("exit", resolve));
  running.kill("SIGKILL");
  await exited;
}

/** Ctrl-C: SIGINT, then the process ends on its own. */
async function interrupt() {
  const running = child;
  child = undefined;
  if (!running || running.exitCode !== null) return;
  const exited = new Promise((resolve) => running.once("exit", resolve));
  running.kill("SIGINT");
  await exited;
}

async function until<T>(read: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (child?.exitCode !== null && child?.exitCode !== undefined) {
      throw new Error(`The service stopped: ${output}`);
    }
    if (Date.now() > deadline) throw new Error(`Timed out; the service said: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function historyTypes(name: string) {
  return (await historyOf(name)).map((event) => event.type);
}

type JournalLine = {
  kind: string;
  name?: string;
  event?: { type: string; stateEnteredEventDetails?: { name: string } };
};

/**
 * Leaves the journal as a kill -9 at that instant would have: `name`'s lines after the last one
 * `keep` accepts are dropped (what the steps wrote to DynamoDB and SES stays, as it would).
 */
function cutJournalAfter(
  name: string,
  keep: (line: JournalLine, previous: JournalLine[]) => boolean,
) {
  const file = path.join(dataDirectory, "journal.jsonl");
  const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
  const parsed = lines.map((line) => JSON.parse(line) as JournalLine);
  // Its events are journaled under its ARN, its start under its name.
  const ofIt = (line: JournalLine | undefined) =>
    line?.name === name || line?.name === executionArnOf(name);
  const ofExecution = parsed.filter(ofIt);
  let last = -1;
  parsed.forEach((line, index) => {
    if (ofIt(line) && keep(line, ofExecution.slice(0, ofExecution.indexOf(line)))) {
      last = index;
    }
  });
  expect(last).toBeGreaterThan(0);
  const kept = lines.filter((_, index) => index <= last || !ofIt(parsed[index]));
  writeFileSync(file, `${kept.join("\n")}\n`);
  return parsed[last]?.event?.type;
}

/** The name of the state each line's execution had last entered. */
const lastEntered = (previous: JournalLine[]) =>
  previous.findLast((line) => line.event?.type.endsWith("StateEntered"))?.event
    ?.stateEnteredEventDetails?.name;

/** Every email the pair's log holds reached SES once (plus the form's acknowledgement). */
async function expectEachEmailOnce(pairId: string, address: string, role: "mentor" | "mentee") {
  expect((await emailsTo(address)).length).toBe((await purposesFor(pairId, role)).length + 1);
}

const minutes = 60_000;

describe("executions on the local Step Functions service after a kill -9 or a Ctrl-C", () => {
  it("keeps a pair waiting on a person: the same token still takes the answer, and the silence is still nudged on time", async () => {
    await start();
    const waiting = await newPair();
    const silent = await newPair();
    const token = (await getWait(waiting.pairId))?.token;
    expect(token).toBeDefined();

    await killHard();
    expect(await start()).toBeGreaterThanOrEqual(2);

    expect((await getWait(waiting.pairId))?.token).toBe(token);
    expect(await schedule(waiting.pairId, "preparation", 5)).toBe("recorded");
    expect(await purposesFor(waiting.pairId, "mentor")).toEqual([
      "introduction",
      "preparation#invitation#v1",
    ]);
    // The mentor's 7-day timeout still runs from before the stop.
    await engine.advance(7 * day - 10 * minutes);
    expect(await purposesFor(silent.pairId, "mentor")).toEqual(["introduction"]);
    await engine.advance(hour);
    expect(await purposesFor(silent.pairId, "mentor")).toEqual([
      "introduction",
      "preparation#schedule#nudge#1",
    ]);
    await expectEachEmailOnce(silent.pairId, silent.mentorEmail, "mentor");
    const history = await historyTypes(silent.pairId);
    expect(history.filter((type) => type === "ExecutionStarted")).toHaveLength(1);
    expect(history).toContain("TaskTimedOut");
  }, 240_000);

  it("keeps a pair waiting for a reminder: it comes at its time, once", async () => {
    await killHard();
    await start();
    const { pairId, mentorEmail } = await newPair();
    expect(await schedule(pairId, "preparation", 5)).toBe("recorded");

    await killHard();
    await start();

    await engine.advance(3 * day);
    expect(await purposesFor(pairId, "mentor")).toEqual([
      "introduction",
      "preparation#invitation#v1",
    ]);
    await engine.advance(3 * day);
    expect(await purposesFor(pairId, "mentor")).toEqual([
      "introduction",
      "preparation#invitation#v1",
      "preparation#reminder#v1",
      "preparation#confirm#ask#v1",
    ]);
    await expectEachEmailOnce(pairId, mentorEmail, "mentor");
  }, 240_000);

  it("runs a task killed in flight again, without sending its email twice", async () => {
    await killHard();
    await start({ HANG_AFTER_ACTION: "remind" });
    const { pairId, mentorEmail, menteeEmail } = await newPair();
    expect(await schedule(pairId, "preparation", 5)).toBe("recorded");
    // The reminder is sent, then the process dies before its task returns.
    const advancing = engine.advance(6 * day).catch(() => "killed");
    await until(() => (output.includes("hanging after remind") ? true : undefined), 90_000);
    await killHard();
    expect(await advancing).toBe("killed");

    await start();
    await engine.settle();
    await engine.advance(2 * day);
    expect(await purposesFor(pairId, "mentor")).toEqual([
      "introduction",
      "preparation#invitation#v1",
      "preparation#reminder#v1",
      "preparation#confirm#ask#v1",
    ]);
    await expectEachEmailOnce(pairId, mentorEmail, "mentor");
    await expectEachEmailOnce(pairId, menteeEmail, "mentee");
    expect(await answer(pairId, "preparation", "confirm", "mentor", { tookPlace: true })).toBe(
      "recorded",
    );
  }, 240_000);

  it("keeps a pair in the months-long pause: the follow-up starts when the pause ends", async () => {
    await killHard();
    await start();
    const { pairId, mentorEmail } = await newPair();
    await runMeeting(engine, pairId, "preparation");
    await answer(pairId, "preparation", "objectives", "mentor", {
      objectives: "Créer un compte LinkedIn",
      sessions: 1,
    });
    await runMeeting(engine, pairId, "session-1");
    expect((await pairOf(pairId)).phase).toBe("pause");

    await killHard();
    await start();

    await engine.advance(60 * day);
    expect((await pairOf(pairId)).phase).toBe("pause");
    await engine.advance(35 * day);
    expect((await pairOf(pairId)).phase).toBe("follow-up");
    const sent = await purposesFor(pairId, "mentor");
    expect(sent.filter((purpose) => purpose.startsWith("follow-up#schedule#ask"))).toHaveLength(1);
    expect(sent.filter((purpose) => purpose === "pause#notice")).toHaveLength(1);
    await expectEachEmailOnce(pairId, mentorEmail, "mentor");
  }, 300_000);

  it("goes on after a stop between a step's exit and the next step's entry", async () => {
    await killHard();
    await start();
    const { pairId, mentorEmail, menteeEmail } = await newPair();
    const firstToken = (await getWait(pairId))?.token;

    await killHard();
    const cutAt = cutJournalAfter(
      pairId,
      (line, previous) =>
        line.event?.type === "TaskStateExited" &&
        lastEntered(previous) === "Send the introduction emails",
    );
    expect(cutAt).toBe("TaskStateExited");
    await start();
    await engine.settle();

    // The wait for the mentor was entered afresh: a new token, the same email (sent once).
    const wait = await getWait(pairId);
    expect(wait?.token).toBeDefined();
    expect(wait?.token).not.toBe(firstToken);
    expect(await schedule(pairId, "preparation", 5)).toBe("recorded");
    await engine.advance(6 * day);
    expect(await purposesFor(pairId, "mentor")).toEqual([
      "introduction",
      "preparation#invitation#v1",
      "preparation#reminder#v1",
      "preparation#confirm#ask#v1",
    ]);
    await expectEachEmailOnce(pairId, mentorEmail, "mentor");
    await expectEachEmailOnce(pairId, menteeEmail, "mentee");
    const history = await historyTypes(pairId);
    expect(history.filter((type) => type === "ExecutionStarted")).toHaveLength(1);
  }, 240_000);

  it("keeps an answer taken just before the stop: the person is not asked again", async () => {
    await killHard();
    await start();
    const { pairId, mentorEmail } = await newPair();
    expect(await schedule(pairId, "preparation", 5)).toBe("recorded");

    await killHard();
    // The answer reached the execution (TaskSucceeded), its state had not exited yet.
    const cutAt = cutJournalAfter(
      pairId,
      (line, previous) =>
        line.event?.type === "TaskSucceeded" &&
        lastEntered(previous) === "Wait for the mentor to schedule the meeting",
    );
    expect(cutAt).toBe("TaskSucceeded");
    await start();

    await engine.advance(6 * day);
    expect(await purposesFor(pairId, "mentor")).toEqual([
      "introduction",
      "preparation#invitation#v1",
      "preparation#reminder#v1",
      "preparation#confirm#ask#v1",
    ]);
    await expectEachEmailOnce(pairId, mentorEmail, "mentor");
    const history = await historyTypes(pairId);
    expect(history.filter((type) => type === "TaskSucceeded").length).toBeGreaterThanOrEqual(1);
    expect(await answer(pairId, "preparation", "confirm", "mentor", { tookPlace: true })).toBe(
      "recorded",
    );
  }, 240_000);

  it("keeps a step's spent retries across a kill: MaxAttempts counts from before the stop", async () => {
    await killHard();
    await start({ SCRIPT_ACTION: "introduce", SCRIPT: "fail,fail,hang" });
    const starting = newPair().catch((error: Error) => error);
    await until(() => (output.includes("introduce call 3: hang") ? true : undefined), 90_000);
    await killHard();
    await starting;

    // From now on the step always fails: what is left of its 4 retries runs, then the Catch.
    await start({ SCRIPT_ACTION: "introduce", SCRIPT: "fail,fail,fail,fail,fail,fail,fail" });
    await engine.advance(hour);
    const { executions = [] } = await stepFunctions.send(
      new ListExecutionsCommand({ stateMachineArn: localStateMachineArn, maxResults: 1 }),
    );
    const { events = [] } = await stepFunctions.send(
      new GetExecutionHistoryCommand({
        executionArn: executions[0]?.executionArn,
        maxResults: 1000,
      }),
    );
    const failures = events.filter(
      (event) => event.lambdaFunctionFailedEventDetails?.error === "TransientStepError",
    );
    // 1 attempt + MaxAttempts 4 retries in all: 2 before the kill, the one cut short again, 2.
    expect(failures).toHaveLength(5);
    const entered = events.flatMap((event) =>
      event.stateEnteredEventDetails ? [event.stateEnteredEventDetails.name] : [],
    );
    expect(entered).toContain("Record the failure and alert the programme team");
  }, 240_000);

  it("lets a step that runs at a Ctrl-C finish: after the restart it is not run again", async () => {
    await killHard();
    await start({ SCRIPT_ACTION: "introduce", SCRIPT: "slow" });
    const starting = newPair().catch((error: Error) => error);
    await until(() => (output.includes("introduce call 1: slow") ? true : undefined), 90_000);
    await interrupt();
    expect(output).toContain("stopped");
    await starting;

    await start();
    await engine.settle();
    const { executions = [] } = await stepFunctions.send(
      new ListExecutionsCommand({ stateMachineArn: localStateMachineArn, maxResults: 1 }),
    );
    const events = await historyOf(executions[0]?.name ?? "");
    const introduced = events.filter((event) => event.type === "LambdaFunctionScheduled");
    expect(introduced).toHaveLength(1);
    expect(events.filter((event) => event.type === "LambdaFunctionSucceeded")).toHaveLength(1);
    // It went on to wait for the mentor, asked once.
    expect(events.filter((event) => event.type === "TaskSubmitted")).toHaveLength(1);
  }, 240_000);
});
