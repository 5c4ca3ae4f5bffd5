import { createHash } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { documents, queryAll } from "./clients/dynamodb";
import { type Counts, sumCounts } from "./counts";
import { env } from "./env";
import { type Figures, figuresFromCounts } from "./figures";
import { keys } from "./keys";

/**
 * Where a cohort's counts live: a few count items ("shards") per cohort, each changed with
 * DynamoDB's `ADD` in the transaction of the change it counts (see `pair/store.ts`,
 * `submission.ts`), read together by one query.
 *
 * Sharded, 16 per cohort: a transaction that meets another one on the same item is cancelled
 * (TransactionConflict), and a cohort's pairs start in parallel and are answered in parallel; a
 * record always counts on the same shard (by the hash of its id), so 16 shards make such
 * conflicts rare while a read stays one query of 16 small items.
 */
export const countShards = 16;

export type TransactionWrite = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** The shard a record counts on, always the same for one record. */
export const shardOf = (recordId: string) =>
  createHash("sha256").update(recordId).digest().readUInt16BE(0) % countShards;

/** Counts are stored as attributes of their own, prefixed so none meets a key or a marker. */
export const countPrefix = "n.";

/**
 * The write that adds `delta` to the cohort's counts, for the transaction of the change it
 * counts; `undefined` when the change moves no count.
 */
export function countUpdate(
  cohortId: string,
  recordId: string,
  delta: Counts,
): TransactionWrite | undefined {
  const entries = Object.entries(delta).filter(([, value]) => value !== 0);
  if (!entries.length) return undefined;
  const names: Record<string, string> = { "#kind": "kind", "#cohortId": "cohortId" };
  const values: Record<string, unknown> = { ":kind": "cohort-counts", ":cohortId": cohortId };
  const adds = entries.map(([name, value], index) => {
    names[`#c${index}`] = `${countPrefix}${name}`;
    values[`:c${index}`] = value;
    return `#c${index} :c${index}`;
  });
  return {
    Update: {
      TableName: env.tableName,
      Key: keys.cohortCounts(cohortId, shardOf(recordId)),
      UpdateExpression: `SET #kind = :kind, #cohortId = :cohortId ADD ${adds.join(", ")}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

function countsOf(item: Record<string, unknown>): Counts {
  return Object.fromEntries(
    Object.entries(item)
      .filter(([name, value]) => name.startsWith(countPrefix) && typeof value === "number")
      .map(([name, value]) => [name.slice(countPrefix.length), value as number]),
  );
}

/** A cohort's maintained counts: the sum of its shards. */
export async function readCounts(cohortId: string): Promise<Counts> {
  const shards = await queryAll<Record<string, unknown>>({
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.cohortCountShards(cohortId).pk },
    ConsistentRead: true,
  });
  return sumCounts(shards.map(countsOf));
}

/**
 * Sends a transaction, again when it was cancelled only because another one was changing one of
 * its items at that instant (a count shard, most often): nothing of it was written, so sending it
 * again writes it once. A cancellation for a condition is the caller's answer: it is thrown.
 */
export async function sendTransaction(items: TransactionWrite[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await documents.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      const conflictOnly =
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some((reason) => reason.Code === "TransactionConflict") &&
        (error.CancellationReasons ?? []).every(
          (reason) =>
            !reason.Code || reason.Code === "None" || reason.Code === "TransactionConflict",
        );
      if (!conflictOnly || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt));
    }
  }
}

/** A cohort's figures, from its maintained counts (one query, whatever the cohort's size). */
export async function cohortFigures(cohortId: string): Promise<Figures> {
  return figuresFromCounts(await readCounts(cohortId));
}
