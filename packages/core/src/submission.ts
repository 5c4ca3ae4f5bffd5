import { createHash, randomUUID } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { GetCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { conditionally, documents } from "./clients/dynamodb";
import { clock } from "./clock";
import type { TransactionWrite } from "./counts-store";
import { type Bilingual, render } from "./email/layout";
import { outboxPut } from "./email/outbox";
import { env } from "./env";
import { keys } from "./keys";
import { logger } from "./observability";
import { unpairedRecordExpiry } from "./retention";
import { type SearchableForm, searchChanges, searchItems, searchKeysOf } from "./search";

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
  /** What the creation adds to the cohort's counts, written in its transaction (`counts.ts`). */
  counted?: (id: string) => TransactionWrite | undefined;
};

/**
 * Stores the form under the resubmission rule. A creation queues its acknowledgement in the same
 * transaction (the outbox's sender delivers it), so a stored form is always acknowledged, once,
 * whether or not SES is up at that moment.
 */
export async function submitOnce(spec: SubmissionSpec): Promise<SubmissionOutcome> {
  const outcome = await store(spec);
  logger.info("Form submitted", {
    kind: spec.kind,
    recordId: outcome.id,
    cohortId: spec.cohortId,
    status: outcome.status,
  });
  return outcome;
}

/**
 * Two submissions of one person's form may race (a double click, two tabs): each attempt reads
 * again what the other wrote, so both get an answer and the stored form is one of them, whole.
 */
const maxAttempts = 6;

async function store(spec: SubmissionSpec): Promise<SubmissionOutcome> {
  const claimKey = keys.submissionClaim(spec.kind, spec.cohortId, spec.email);
  const contentHash = fingerprint(spec.answers);
  for (let attempt = 1; ; attempt++) {
    const at = clock.now();
    // Deleted by DynamoDB's TTL unless a pair is formed (the pair then owns the retention).
    const expiresAt = unpairedRecordExpiry(at);
    const created = await create(spec, claimKey, contentHash, at, expiresAt);
    if (created) return created;
    const outcome = await resubmit(spec, claimKey, contentHash, at.toISOString(), expiresAt);
    if (outcome) return outcome;
    if (attempt >= maxAttempts) throw new Error("Submission kept racing with another one");
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
  }
}

/** The first submission: the claim, the record and its acknowledgement, or nothing. */
async function create(
  spec: SubmissionSpec,
  claimKey: Entity,
  contentHash: string,
  at: Date,
  expiresAt: number,
): Promise<SubmissionOutcome | undefined> {
  const id = randomUUID();
  const now = at.toISOString();
  const counted = spec.counted?.(id);
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
          // The person is found by name and address from the moment the form is stored.
          ...searchItems(spec.kind, {
            id,
            cohortId: spec.cohortId,
            answers: spec.answers,
            expiresAt,
          }).map((Item) => ({ Put: { TableName: env.tableName, Item } })),
          {
            Put: outboxPut(
              `ack#${spec.kind}#${id}`,
              { to: [spec.email], ...render(spec.acknowledgement) },
              { expiresAt },
            ),
          },
          ...(counted ? [counted] : []),
        ],
      }),
    );
    return { id, status: "created", firstTime: true };
  } catch (error) {
    // Already claimed, or another transaction on the claim was under way: read what is there.
    if (error instanceof TransactionCanceledException) return undefined;
    throw error;
  }
}

/** A later submission, or `undefined` when another one changed the form meanwhile. */
async function resubmit(
  spec: SubmissionSpec,
  claimKey: Entity,
  contentHash: string,
  now: string,
  expiresAt: number,
): Promise<SubmissionOutcome | undefined> {
  const claim = await documents.send(
    new GetCommand({ TableName: env.tableName, Key: claimKey, ConsistentRead: true }),
  );
  const existingId = claim.Item?.id as string | undefined;
  // The claim's creation was still under way: try again.
  if (!existingId) return undefined;
  const existing = await documents.send(
    new GetCommand({
      TableName: env.tableName,
      Key: spec.entityKey(existingId),
      ConsistentRead: true,
    }),
  );
  const storedHash = existing.Item?.contentHash as string | undefined;
  if (storedHash === undefined) return undefined;
  if (decideResubmission(storedHash, contentHash) === "unchanged") {
    return { id: existingId, status: "created", firstTime: false };
  }
  const update = {
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
  };
  // A changed name or address changes the terms the person is found by, in the same write.
  const held = existing.Item?.expiresAt !== undefined;
  const form = (answers: unknown): SearchableForm => ({
    id: existingId,
    cohortId: spec.cohortId,
    answers: (answers ?? {}) as SearchableForm["answers"],
    ...(held ? { expiresAt } : {}),
  });
  const terms = searchChanges(spec.kind, form(existing.Item?.answers), form(spec.answers));
  const changed = terms.length
    ? await transactOrRace([{ Update: update }, ...terms])
    : await conditionally(new UpdateCommand(update));
  if (!changed) return undefined;
  await Promise.all(
    [spec.entityKey(existingId), claimKey, ...searchKeysOf(spec.kind, form(spec.answers))].map(
      (key) => extendUnpairedExpiry(key, expiresAt),
    ),
  );
  return { id: existingId, status: "updated", firstTime: false };
}

/** A transaction that loses a race with another change: `false`, read again. */
async function transactOrRace(
  TransactItems: NonNullable<
    ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]
  >,
): Promise<boolean> {
  try {
    await documents.send(new TransactWriteCommand({ TransactItems }));
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
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
