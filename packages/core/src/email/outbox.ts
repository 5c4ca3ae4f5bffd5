import { randomUUID } from "node:crypto";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { documents } from "../clients/dynamodb";
import { clock } from "../clock";
import { env } from "../env";
import { keys } from "../keys";
import { logger, metrics, withoutPersonalData } from "../observability";
import { table } from "../table";
import { isNewOutboxItem, outboxKeyPrefix, type StreamRecord } from "./outbox-stream";
import { isPermanentRefusal, type OutgoingEmail, sendNow } from "./send";

export type { StreamRecord } from "./outbox-stream";

/**
 * The outbox: every email Binôme sends is first written to the table, in the same transaction as
 * the record that causes it when there is one, then delivered by a sender fed by the table's
 * stream (a Lambda on AWS, the local runtime's stream reader locally, the same handler).
 *
 * One item per purpose (`dedupeKey`, e.g. `ack#questionnaire#<id>`, `pair#<id>#<step>#<role>`),
 * at `keys.emailSent(dedupeKey)`: queuing is a conditional write, so a retried step queues
 * nothing new. While queued the item is listed under `OUTBOX` in the list index (the backlog);
 * delivering it removes it from there, marks it sent and drops the body (names, addresses),
 * keeping the subject and dates. A sender claims an item with a short lease before calling SES,
 * so two senders (the stream and the sweep) never send it twice; a sender that dies between SES
 * and the mark leaves the lease to expire and the email is sent again: the one window where an
 * email may leave twice, never where it is lost.
 */
export type QueueOptions = {
  /** The item's TTL (epoch seconds); a pair's emails get theirs when the pair ends. */
  expiresAt?: number;
  /**
   * A log line written with the queued email, in the same transaction (the pair's "emails sent"),
   * marked `delivery: "sent"` with `sentAt` when the email leaves, or `"failed"`.
   */
  log?: LogLine | LogLine[];
  /**
   * Other writes of the record the email belongs to (a history line, a mailing's progress),
   * in the same transaction: the email is queued with them or not at all.
   */
  alongside?: NonNullable<TransactWriteCommandInput["TransactItems"]>;
};

/** A log line of a queued email (see `log`): one per pair it is logged on. */
type LogLine = { pk: string; sk: string } & Record<string, unknown>;

const logLinesOf = (options: QueueOptions): LogLine[] =>
  options.log === undefined ? [] : ([] as LogLine[]).concat(options.log);

export type QueueResult = "queued" | "already-queued";

export type DeliveryResult = "sent" | "failed" | "skipped";

const backlogPartition = "OUTBOX";
const leaseMs = 60_000;

/** The Put that queues an email: one item of a transaction, or written alone by `queueEmail`. */
export function outboxPut(dedupeKey: string, email: OutgoingEmail, options: QueueOptions = {}) {
  const queuedAt = new Date().toISOString();
  const logKeys = logLinesOf(options).map(({ pk, sk }) => ({ pk, sk }));
  return {
    TableName: env.tableName,
    Item: {
      ...keys.emailSent(dedupeKey),
      [table.listIndex.partitionKey]: backlogPartition,
      [table.listIndex.sortKey]: `${queuedAt}#${dedupeKey}`,
      kind: "email",
      status: "queued",
      dedupeKey,
      subject: email.subject,
      email,
      at: clock.now().toISOString(),
      queuedAt,
      attempts: 0,
      expiresAt: options.expiresAt,
      logKey: logKeys[0],
      // An email logged on several pairs (a mentor of two pairs, written to once) marks them all.
      logKeys: logKeys.length > 1 ? logKeys : undefined,
    },
    ConditionExpression: "attribute_not_exists(pk)",
  };
}

/** Queues an email at most once for a purpose: the same purpose again queues nothing. */
export async function queueEmail(
  dedupeKey: string,
  email: OutgoingEmail,
  options: QueueOptions = {},
): Promise<QueueResult> {
  const put = outboxPut(dedupeKey, email, options);
  const logs = logLinesOf(options);
  try {
    if (logs.length > 0 || options.alongside?.length) {
      await documents.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: put },
            ...logs.map((log) => ({
              Put: { TableName: env.tableName, Item: { ...log, delivery: "queued" } },
            })),
            ...(options.alongside ?? []),
          ],
        }),
      );
    } else {
      await documents.send(new PutCommand(put));
    }
  } catch (error) {
    // Only the outbox item's own condition means "already queued": a transaction cancelled for
    // another reason (a conflict, a condition of a write alongside) queued nothing and says so.
    const alreadyThere =
      error instanceof ConditionalCheckFailedException ||
      (error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === "ConditionalCheckFailed");
    if (alreadyThere) {
      logger.info("Email already queued for this purpose", { purpose: purposeKind(dedupeKey) });
      return "already-queued";
    }
    throw error;
  }
  metrics.addMetric("EmailsQueued", MetricUnit.Count, 1);
  return "queued";
}

/**
 * Emails SES accepted whose mark this process could not write (the table unreachable right
 * after SES answered): the next try marks them without sending them again. Only a sender that
 * dies in that moment can still send one twice.
 */
const acceptedNotMarked = new Map<string, string | undefined>();

/**
 * Delivers one queued email. `sent` once SES accepted it, `failed` when SES refused it for good
 * (kept, out of the backlog, logged), `skipped` when it is not queued any more or another sender
 * holds it. Throws when SES could not be reached: the caller retries later.
 */
export async function deliver(
  dedupeKey: string,
  /** Who delivers: the same sender trying again after a lost answer takes its own lease back. */
  owner: string = randomUUID(),
): Promise<DeliveryResult> {
  // The lease tells senders apart, not the lanes of one sender: those are told apart here.
  if (inHand.has(dedupeKey)) return "skipped";
  inHand.add(dedupeKey);
  try {
    return await deliverInHand(dedupeKey, owner);
  } finally {
    inHand.delete(dedupeKey);
  }
}

/** The emails this process is delivering now, whoever the owner it delivers them as. */
const inHand = new Set<string>();

async function deliverInHand(dedupeKey: string, owner: string): Promise<DeliveryResult> {
  const key = keys.emailSent(dedupeKey);
  const lease = await claim(key, owner);
  if (!lease) return "skipped";
  // SES took it already but the mark could not be written (the table went away): mark it now.
  if (acceptedNotMarked.has(dedupeKey)) {
    await settle(key, lease, "sent", { messageId: acceptedNotMarked.get(dedupeKey) });
    acceptedNotMarked.delete(dedupeKey);
    metrics.addMetric("EmailsSent", MetricUnit.Count, 1);
    return "sent";
  }
  let messageId: string | undefined;
  try {
    messageId = await sendNow(lease.email);
  } catch (error) {
    if (isPermanentRefusal(error)) {
      await settle(key, lease, "failed", { reason: (error as Error).name });
      metrics.addMetric("EmailsRefused", MetricUnit.Count, 1);
      logger.error("SES refused an email for good", {
        purpose: purposeKind(dedupeKey),
        error: withoutPersonalData((error as Error).message),
      });
      return "failed";
    }
    await release(key, lease.until);
    throw error;
  }
  try {
    await settle(key, lease, "sent", { messageId });
  } catch (error) {
    acceptedNotMarked.set(dedupeKey, messageId);
    throw error;
  }
  metrics.addMetric("EmailsSent", MetricUnit.Count, 1);
  return "sent";
}

type Entity = { pk: string; sk: string };

type Lease = { until: number; email: OutgoingEmail; logKeys: Entity[] };

async function claim(key: Entity, owner: string): Promise<Lease | undefined> {
  const now = Date.now();
  const until = now + leaseMs;
  try {
    const { Attributes } = await documents.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: key,
        UpdateExpression:
          "SET leaseUntil = :until, leaseOwner = :owner, attempts = if_not_exists(attempts, :zero) + :one",
        ConditionExpression:
          "#status = :queued AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now OR leaseOwner = :owner)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":until": until,
          ":owner": owner,
          ":now": now,
          ":queued": "queued",
          ":zero": 0,
          ":one": 1,
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    const item = Attributes as { email: OutgoingEmail; logKey?: Entity; logKeys?: Entity[] };
    return {
      until,
      email: item.email,
      logKeys: item.logKeys ?? (item.logKey ? [item.logKey] : []),
    };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Gives the email back to the backlog at once, so the next try need not wait for the lease. */
async function release(key: Entity, until: number) {
  try {
    await documents.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: key,
        UpdateExpression: "REMOVE leaseUntil, leaseOwner",
        ConditionExpression: "leaseUntil = :until",
        ExpressionAttributeValues: { ":until": until },
      }),
    );
  } catch (error) {
    // Another sender took it over meanwhile: it is its email now.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/**
 * Takes the email out of the backlog for good, and marks its log line, in one transaction: the
 * log of emails sent says exactly what left.
 */
async function settle(
  key: Entity,
  lease: Lease,
  status: "sent" | "failed",
  detail: Record<string, string | undefined>,
) {
  const { until, logKeys } = lease;
  const at = clock.now().toISOString();
  const fields = Object.entries(detail).filter(([, value]) => value !== undefined);
  const update = {
    TableName: env.tableName,
    Key: key,
    UpdateExpression: `SET #status = :status, settledAt = :at${fields
      .map(([name]) => `, ${name} = :${name}`)
      .join(
        "",
      )} REMOVE ${table.listIndex.partitionKey}, ${table.listIndex.sortKey}, leaseUntil, leaseOwner${
      status === "sent" ? ", email" : ""
    }`,
    ConditionExpression: "#status = :queued AND leaseUntil = :until",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: {
      ":status": status,
      ":at": at,
      ":queued": "queued",
      ":until": until,
      ...Object.fromEntries(fields.map(([name, value]) => [`:${name}`, value])),
    },
  };
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: update },
          ...logKeys.map((logKey) => ({
            Update: {
              TableName: env.tableName,
              Key: logKey,
              UpdateExpression: "SET delivery = :status, settledAt = :at",
              ExpressionAttributeValues: { ":status": status, ":at": at },
            },
          })),
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    // The lease ran out while SES was answering and another sender took the email over.
    logger.warn("An email's lease ran out while it was being sent", {
      purpose: purposeKind(String(key.pk)),
    });
  }
}

/** The emails still waiting, oldest first (at most `limit`). */
export async function queuedEmails(
  options: { limit?: number; queuedBefore?: Date } = {},
): Promise<string[]> {
  const before = (options.queuedBefore ?? new Date(Date.now() + 1000)).toISOString();
  const { Items = [] } = await documents.send(
    new QueryCommand({
      TableName: env.tableName,
      IndexName: table.listIndex.name,
      KeyConditionExpression: "#pk = :outbox AND #sk < :before",
      ExpressionAttributeNames: {
        "#pk": table.listIndex.partitionKey,
        "#sk": table.listIndex.sortKey,
      },
      ExpressionAttributeValues: { ":outbox": backlogPartition, ":before": before },
      ProjectionExpression: "dedupeKey",
      Limit: options.limit ?? 100,
    }),
  );
  return Items.map((item) => item.dedupeKey as string);
}

/** How many emails wait in the outbox (counted up to `upTo`). */
export async function backlogSize(upTo = 1000): Promise<number> {
  return (await queuedEmails({ limit: upTo })).length;
}

/** Reads one outbox item (tests and the programme team's tools). */
export async function outboxItem(dedupeKey: string) {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: env.tableName,
      Key: keys.emailSent(dedupeKey),
      ConsistentRead: true,
    }),
  );
  return Item;
}

const parallelSends = 8;

/** This sender (one per Lambda container, or per local process), as the owner of its leases. */
const streamSender = randomUUID();
const sweeper = randomUUID();

/**
 * Delivers the outbox items of a batch of stream records, a few at a time. Those SES could not
 * take are reported from the first of them (`batchItemFailures`): the stream gives them again
 * from there, with its retries and backoff; those already delivered are skipped then.
 */
export async function deliverStreamRecords(
  records: StreamRecord[],
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const failed = new Set<number>();
  await inParallel(records, parallelSends, async (record, index) => {
    if (!isNewOutboxItem(record)) return;
    // Once SES failed, the rest of the batch waits for the retry rather than failing one by one.
    if (failed.size > 0) {
      failed.add(index);
      return;
    }
    const dedupeKey = (record.dynamodb?.Keys?.pk?.S ?? "").slice(outboxKeyPrefix.length);
    try {
      await deliver(dedupeKey, streamSender);
    } catch (error) {
      failed.add(index);
      logger.warn("SES could not take an email; it stays queued", {
        purpose: purposeKind(dedupeKey),
        error: withoutPersonalData((error as Error).message),
      });
    }
  });
  if (failed.size === 0) return { batchItemFailures: [] };
  const first = Math.min(...failed);
  return {
    batchItemFailures: [{ itemIdentifier: records[first]?.dynamodb?.SequenceNumber ?? "" }],
  };
}

/**
 * Delivers what the stream did not: emails queued more than `olderThanMs` ago and still waiting
 * (the stream gave up after its retries, or a sender died holding a lease). Run on a schedule.
 */
export async function sweepOutbox(olderThanMs = 2 * 60_000): Promise<{
  sent: number;
  waiting: number;
}> {
  const waiting = await queuedEmails({
    limit: 500,
    queuedBefore: new Date(Date.now() - olderThanMs),
  });
  let sent = 0;
  let left = 0;
  await inParallel(waiting, parallelSends, async (dedupeKey) => {
    if (left > 0) {
      left += 1;
      return;
    }
    try {
      if ((await deliver(dedupeKey, sweeper)) === "sent") sent += 1;
    } catch {
      left += 1;
    }
  });
  if (waiting.length) logger.info("Outbox swept", { found: waiting.length, sent, left });
  return { sent, waiting: left };
}

/** Runs `work` over `items`, at most `width` at once. */
export async function inParallel<T>(
  items: T[],
  width: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/** Purposes name ids only, but logs keep just their kind, to be safe. */
const purposeKind = (dedupeKey: string) => dedupeKey.replace(/^EMAIL#/, "").split("#")[0];
