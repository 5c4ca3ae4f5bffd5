import { createHash, randomUUID } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { GetCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { conditionally, documents } from "./clients/dynamodb";
import { clock } from "./clock";
import { type Bilingual, render } from "./email/layout";
import { sendOnce } from "./email/send";
import { env } from "./env";
import { keys } from "./keys";
import { logger } from "./observability";
import { unpairedRecordExpiry } from "./retention";

/**
 * The resubmission rule, shared by questionnaires and mentor applications.
 *
 * A person submits at most one form of a kind per cohort, identified by their email address.
 * - The first submission creates the record and is acknowledged by email ("created").
 * - An identical resubmission (same answers) changes nothing and gets the same answer as the first
 *   ("created", same id): a double click or a browser retry is harmless.
 * - A changed resubmission updates the record in place and says so ("updated"); no second
 *   acknowledgement is sent.
 */
export type SubmissionOutcome = { id: string; status: "created" | "updated"; firstTime: boolean };

export type SubmissionKind = "questionnaire" | "mentor";

/** Pure: what a resubmission does, from the stored answers' fingerprint and the new one. */
export function decideResubmission(
  storedHash: string,
  incomingHash: string,
): "unchanged" | "changed" {
  return storedHash === incomingHash ? "unchanged" : "changed";
}

/** A stable fingerprint of the answers: key order does not matter. */
export function fingerprint(answers: unknown): string {
  return createHash("sha256").update(canonicalJson(answers)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

type Entity = { pk: string; sk: string };

export type SubmissionSpec = {
  kind: SubmissionKind;
  cohortId: string;
  email: string;
  answers: Record<string, unknown>;
  entityKey: (id: string) => Entity;
  listKey: (createdAt: string, id: string) => { gsi1pk: string; gsi1sk: string };
  /** Attributes stored beside the answers on creation only (e.g. a status). */
  initial?: Record<string, unknown>;
  /** Sent once to the person, when the record is created (or on a retry of that creation). */
  acknowledgement: Bilingual;
};

/**
 * Stores the form under the resubmission rule, then acknowledges it. The acknowledgement is keyed
 * by the record, so an identical retry after a failed send sends it, and never twice.
 */
export async function submitOnce(spec: SubmissionSpec): Promise<SubmissionOutcome> {
  const outcome = await store(spec);
  if (outcome.status === "created") {
    await sendOnce(
      `ack#${spec.kind}#${outcome.id}`,
      { to: [spec.email], ...render(spec.acknowledgement) },
      { expiresAt: unpairedRecordExpiry(clock.now()) },
    );
  }
  logger.info("Form submitted", {
    kind: spec.kind,
    recordId: outcome.id,
    cohortId: spec.cohortId,
    status: outcome.status,
  });
  return outcome;
}

async function store(spec: SubmissionSpec): Promise<SubmissionOutcome> {
  const claimKey = keys.submissionClaim(spec.kind, spec.cohortId, spec.email);
  const contentHash = fingerprint(spec.answers);
  const id = randomUUID();
  const at = clock.now();
  const now = at.toISOString();
  // Deleted by DynamoDB's TTL unless a pair is formed (the pair then owns the retention).
  const expiresAt = unpairedRecordExpiry(at);
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: env.tableName,
              Item: { ...claimKey, kind: "claim", id, expiresAt },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            Put: {
              TableName: env.tableName,
              Item: {
                ...spec.entityKey(id),
                ...spec.listKey(now, id),
                ...spec.initial,
                kind: spec.kind,
                id,
                cohortId: spec.cohortId,
                answers: spec.answers,
                contentHash,
                createdAt: now,
                updatedAt: now,
                expiresAt,
              },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
        ],
      }),
    );
    return { id, status: "created", firstTime: true };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
  }
  return resubmit(spec, claimKey, contentHash, now, expiresAt);
}

async function resubmit(
  spec: SubmissionSpec,
  claimKey: Entity,
  contentHash: string,
  now: string,
  expiresAt: number,
): Promise<SubmissionOutcome> {
  const claim = await documents.send(
    new GetCommand({ TableName: env.tableName, Key: claimKey, ConsistentRead: true }),
  );
  const existingId = claim.Item?.id as string | undefined;
  if (!existingId) throw new Error("Submission claim without a record");
  const existing = await documents.send(
    new GetCommand({
      TableName: env.tableName,
      Key: spec.entityKey(existingId),
      ConsistentRead: true,
    }),
  );
  const storedHash = existing.Item?.contentHash as string;
  if (decideResubmission(storedHash, contentHash) === "unchanged") {
    return { id: existingId, status: "created", firstTime: false };
  }
  await documents.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: spec.entityKey(existingId),
      UpdateExpression: "SET answers = :answers, contentHash = :hash, updatedAt = :now",
      ConditionExpression: "contentHash = :stored",
      ExpressionAttributeValues: {
        ":answers": spec.answers,
        ":hash": contentHash,
        ":now": now,
        ":stored": storedHash,
      },
    }),
  );
  await Promise.all([
    extendUnpairedExpiry(spec.entityKey(existingId), expiresAt),
    extendUnpairedExpiry(claimKey, expiresAt),
  ]);
  return { id: existingId, status: "updated", firstTime: false };
}

/** A change restarts the unpaired retention; a record without expiry (paired) keeps none. */
async function extendUnpairedExpiry(key: Entity, expiresAt: number) {
  await conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: key,
      UpdateExpression: "SET expiresAt = :expiresAt",
      ConditionExpression: "attribute_exists(expiresAt)",
      ExpressionAttributeValues: { ":expiresAt": expiresAt },
    }),
  );
}
