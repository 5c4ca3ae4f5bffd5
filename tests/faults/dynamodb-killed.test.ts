import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { localCredentials } from "#core/clients/local";
import { keys } from "#core/keys";
import { ensureTable, freePort, startDynamoDbLocal } from "../../functions/local/services";
import { questionnaireAnswers } from "../support/fixtures";

/**
 * The DynamoDB Local process itself killed (SIGKILL of its JVM, as a crash or the OOM killer
 * would), then started again on the same port and data directory, the app running all along: this
 * file has a DynamoDB Local of its own, on disk, so that the other files keep theirs.
 */
const dataDirectory = mkdtempSync(path.join(tmpdir(), "binome-killed-"));
const port = await freePort();
let dynamodb = await startDynamoDbLocal(port, dataDirectory);
const endpoint = dynamodb.endpoint;
await ensureTable(endpoint, process.env.TABLE_NAME as string);
process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoint;
// Imported only now: the app's client must take this DynamoDB Local's endpoint.
const { app } = await import("../../functions/api/app");
const { emailsTo, outboxDrained } = await import("../support/inbox");
// setup.ts's outbox sender reads this table's stream, on this DynamoDB Local.
process.env.BINOME_TEST_STREAM_ENDPOINT = endpoint;

const table = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint, region: "eu-west-3", credentials: localCredentials }),
);

afterAll(async () => {
  await dynamodb.stop();
  rmSync(dataDirectory, { recursive: true, force: true });
});

const submit = (answers: object) =>
  app.request("http://localhost/api/questionnaires", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(answers),
  });

async function storedFor(email: string) {
  const read = async (Key: Record<string, unknown>) =>
    (
      await table.send(
        new GetCommand({ TableName: process.env.TABLE_NAME, Key, ConsistentRead: true }),
      )
    ).Item;
  const claim = await read(keys.submissionClaim("questionnaire", "vague-1", email));
  const record = claim ? await read(keys.questionnaire(claim.id as string)) : undefined;
  const acknowledgement = record
    ? await read(keys.emailSent(`ack#questionnaire#${record.id}`))
    : undefined;
  return {
    claim: Boolean(claim),
    record: Boolean(record),
    acknowledgement: Boolean(acknowledgement),
  };
}

/** Whether the process is gone (a zombie child reaped by Node counts as gone too). */
async function exited(pid: number) {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("DynamoDB Local did not die");
}

describe("DynamoDB Local killed and started again", () => {
  it("answers 503 honestly while it is dead, serves again once it is back, with nothing half-written", {
    timeout: 240_000,
  }, async () => {
    const people = Array.from({ length: 30 }, () => questionnaireAnswers());
    const before = await Promise.all(people.slice(0, 10).map(submit));
    expect(before.map((response) => response.status)).toEqual(Array(10).fill(201));
    // Their acknowledgements leave, and the emulator is given a moment to write it all down
    // (DynamoDB Local can lose the very last writes it acknowledged when it is SIGKILLed: see
    // below).
    await outboxDrained(60_000);
    await new Promise((resolve) => setTimeout(resolve, 2000));

    // Killed while a burst is in flight, then more requests while it is dead.
    const inFlight = people.slice(10, 20).map(submit);
    process.kill(dynamodb.pid, "SIGKILL");
    await exited(dynamodb.pid);
    const during = await Promise.all(people.slice(20).map(submit));
    const answered = [...before, ...(await Promise.all(inFlight)), ...during];
    const statuses = answered.map((response) => response.status);
    expect(statuses.filter((status) => status !== 201 && status !== 503)).toEqual([]);
    expect(during.map((response) => response.status)).toEqual(Array(10).fill(503));
    for (const response of during) {
      expect(response.headers.get("retry-after")).toBe("5");
      expect((await response.json()).stored).toBe(false);
    }
    const health = await app.request("http://localhost/health");
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "unavailable", parts: { table: "unavailable" } });

    // Started again on the same port and data: the same app serves, without a restart.
    dynamodb = await startDynamoDbLocal(port, dataDirectory);
    expect((await app.request("http://localhost/health")).status).toBe(200);

    // Nothing is half-written: a claim, its record and its acknowledgement, or none of them.
    const stored = await Promise.all(people.map((person) => storedFor(person.email)));
    for (const [index, person] of people.entries()) {
      const { claim, record, acknowledgement } = stored[index] as (typeof stored)[number];
      expect(claim, person.email).toBe(record);
      expect(record, person.email).toBe(acknowledgement);
    }
    // What was stored well before the kill is all there.
    expect(stored.slice(0, 10).every((person) => person.record)).toBe(true);
    // A burst answered 201 just as the JVM died may have lost its last transaction, whole:
    // measured here, 20 transactions acknowledged then an immediate SIGKILL lost 0, 1 and 1 of
    // them (each whole) in three rounds. AWS's DynamoDB keeps what it acknowledged; here such a
    // person sends again.
    const lostByEmulator = people
      .map((_, index) => index)
      .filter((index) => statuses[index] === 201 && !stored[index]?.record);
    expect(lostByEmulator.every((index) => index >= 10 && index < 20)).toBe(true);

    // Everyone told 503 sends again: all are stored, each acknowledged once.
    const retried = await Promise.all(
      people
        .filter((_, index) => statuses[index] === 503 || lostByEmulator.includes(index))
        .map(submit),
    );
    expect(retried.map((response) => response.status)).toEqual(Array(retried.length).fill(201));
    for (const [index, person] of people.entries()) {
      expect((await storedFor(person.email)).record, person.email).toBe(true);
      const received = (await emailsTo(person.email)).length;
      if (lostByEmulator.includes(index)) expect(received, person.email).toBeGreaterThanOrEqual(1);
      else expect(received, person.email).toBe(1);
    }
  });
});
