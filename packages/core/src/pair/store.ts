import { randomUUID } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { documents } from "../clients/dynamodb";
import { clock } from "../clock";
import { env } from "../env";
import { keys } from "../keys";
import type { HistoryActor, HistoryEntry, Pair } from "./model";

/**
 * Where pairs live: the pair item, its meetings, the step it waits on, its append-only history
 * and the log of what was sent. Only this module talks to DynamoDB about pairs.
 */

const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, kind: _k, ...rest } = item;
  return rest as T;
};

export async function getPair(pairId: string): Promise<Pair | undefined> {
  const { Item } = await documents.send(
    new GetCommand({ TableName: env.tableName, Key: keys.pair(pairId), ConsistentRead: true }),
  );
  return strip<Pair>(Item);
}

export async function requirePair(pairId: string): Promise<Pair> {
  const pair = await getPair(pairId);
  if (!pair) throw new Error(`Unknown pair ${pairId}`);
  return pair;
}

/** Creates the pair once; `false` when it already exists (a second start changes nothing). */
export async function createPair(pair: Pair): Promise<boolean> {
  try {
    await documents.send(
      new PutCommand({
        TableName: env.tableName,
        Item: {
          ...keys.pair(pair.id),
          ...keys.pairList(pair.cohortId, pair.createdAt, pair.id),
          kind: "pair",
          ...pair,
        },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Sets fields of a pair (and `updatedAt`); `remove` drops optional ones. */
export async function updatePair(
  pairId: string,
  fields: Partial<Pair>,
  options: { remove?: (keyof Pair)[]; add?: Partial<Record<keyof Pair, number>> } = {},
): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const [index, [name, value]] of Object.entries({
    ...fields,
    updatedAt: clock.now().toISOString(),
  }).entries()) {
    if (value === undefined) continue;
    names[`#f${index}`] = name;
    values[`:v${index}`] = value;
    sets.push(`#f${index} = :v${index}`);
  }
  const adds = Object.entries(options.add ?? {}).map(([name, value], index) => {
    names[`#a${index}`] = name;
    values[`:a${index}`] = value;
    return `#a${index} :a${index}`;
  });
  const removes = (options.remove ?? []).map((name, index) => {
    names[`#r${index}`] = name;
    return `#r${index}`;
  });
  const expression = [
    `SET ${sets.join(", ")}`,
    adds.length ? `ADD ${adds.join(", ")}` : "",
    removes.length ? `REMOVE ${removes.join(", ")}` : "",
  ].join(" ");
  await documents.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.pair(pairId),
      UpdateExpression: expression,
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

export async function listPairs(filter: { cohortId?: string } = {}): Promise<Pair[]> {
  const pairs: Pair[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: env.tableName,
        IndexName: "gsi1",
        KeyConditionExpression: filter.cohortId
          ? "gsi1pk = :pk AND begins_with(gsi1sk, :cohort)"
          : "gsi1pk = :pk",
        ExpressionAttributeValues: {
          ":pk": "PAIRS",
          ...(filter.cohortId ? { ":cohort": `${filter.cohortId}#` } : {}),
        },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) pairs.push(strip<Pair>(item) as Pair);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return pairs;
}

async function queryUnderPair(pairId: string, prefix: string) {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": keys.pair(pairId).pk, ":prefix": prefix },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

// ---------------------------------------------------------------------------------------------
// History: append-only. Each line is its own item, written once and never updated.
// ---------------------------------------------------------------------------------------------

export async function appendHistory(
  pairId: string,
  actor: HistoryActor,
  event: string,
  detail?: HistoryEntry["detail"],
  /** Makes the line idempotent: a retried step that writes the same line writes it once. */
  onceKey?: string,
): Promise<void> {
  const at = clock.now().toISOString();
  const unique = onceKey ?? randomUUID();
  try {
    await documents.send(
      new PutCommand({
        TableName: env.tableName,
        Item: {
          ...(onceKey
            ? { pk: keys.pair(pairId).pk, sk: `HISTORY-ONCE#${onceKey}` }
            : keys.pairHistory(pairId, at, unique)),
          kind: "pair-history",
          pairId,
          at,
          actor,
          event,
          ...(detail ? { detail } : {}),
        },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export async function listHistory(pairId: string): Promise<HistoryEntry[]> {
  const items = [
    ...(await queryUnderPair(pairId, "HISTORY#")),
    ...(await queryUnderPair(pairId, "HISTORY-ONCE#")),
  ];
  return items
    .map((item) => {
      const { pairId: id, at, actor, event, detail } = item as HistoryEntry;
      return { pairId: id, at, actor, event, ...(detail ? { detail } : {}) };
    })
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Emails sent about a pair (no addresses: the roles of the recipients only)
// ---------------------------------------------------------------------------------------------

export type PairEmail = {
  at: string;
  subject: string;
  to: ("mentor" | "mentee" | "assistant" | "team")[];
  purpose: string;
};

export async function recordPairEmail(pairId: string, email: PairEmail): Promise<void> {
  await documents.send(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...keys.pairEmail(pairId, email.at, randomUUID()),
        kind: "pair-email",
        ...email,
      },
    }),
  );
}

export async function listPairEmails(pairId: string): Promise<PairEmail[]> {
  const items = await queryUnderPair(pairId, "SENT#");
  return items
    .map(({ at, subject, to, purpose }) => ({ at, subject, to, purpose }) as PairEmail)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Meetings
// ---------------------------------------------------------------------------------------------

export type MeetingRecord = {
  step: string;
  status: "scheduled" | "held" | "no-show" | "cancelled";
  startsAt: string;
  durationMinutes: number;
  format?: string;
  location?: string;
  /** Raised on every change: the calendar SEQUENCE, and what reminders and invitations key on. */
  version: number;
  remindedVersion?: number;
  reschedules: number;
  /** Calendar UID: the same for every version of the meeting. */
  uid: string;
  mentorFeedback?: { satisfaction?: number; comment?: string };
  menteeFeedback?: { satisfaction?: number; comment?: string; tookPlace?: boolean };
};

export async function getMeeting(pairId: string, step: string): Promise<MeetingRecord | undefined> {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: env.tableName,
      Key: keys.pairMeeting(pairId, step),
      ConsistentRead: true,
    }),
  );
  return strip<MeetingRecord>(Item);
}

export async function listMeetings(pairId: string): Promise<MeetingRecord[]> {
  return (await queryUnderPair(pairId, "MEETING#")).map(
    (item) => strip<MeetingRecord>(item) as MeetingRecord,
  );
}

/** Writes a meeting, only if its version is still the one read (two answers never mix). */
export async function putMeeting(
  pairId: string,
  meeting: MeetingRecord,
  expectedVersion: number | undefined,
): Promise<boolean> {
  try {
    await documents.send(
      new PutCommand({
        TableName: env.tableName,
        Item: { ...keys.pairMeeting(pairId, meeting.step), kind: "pair-meeting", ...meeting },
        ...(expectedVersion === undefined
          ? { ConditionExpression: "attribute_not_exists(pk)" }
          : {
              ConditionExpression: "version = :expected",
              ExpressionAttributeValues: { ":expected": expectedVersion },
            }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function markReminded(pairId: string, step: string, version: number) {
  await documents.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.pairMeeting(pairId, step),
      UpdateExpression: "SET remindedVersion = :version",
      ExpressionAttributeValues: { ":version": version },
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// The step a pair waits on (one at a time: an execution runs one task at a time)
// ---------------------------------------------------------------------------------------------

export type WaitRecord = {
  token: string;
  step: string;
  purpose: string;
  since: string;
  /** Timeouts of this step so far (nudges, escalation, giving up), counted once per token. */
  timeouts: number;
  lastTimedOutToken?: string;
  /** Who answered so far, when a step waits on both participants. */
  answeredBy: string[];
  /** Set when an answer resolved this wait; `output` is what the execution receives. */
  resolvedAt?: string;
  output?: Record<string, unknown>;
  /** Set when `output` reached an execution. */
  delivered?: boolean;
};

export async function getWait(pairId: string): Promise<WaitRecord | undefined> {
  const { Item } = await documents.send(
    new GetCommand({ TableName: env.tableName, Key: keys.pairWait(pairId), ConsistentRead: true }),
  );
  return strip<WaitRecord>(Item);
}

export async function putWait(pairId: string, wait: WaitRecord): Promise<void> {
  await documents.send(
    new PutCommand({
      TableName: env.tableName,
      Item: { ...keys.pairWait(pairId), kind: "pair-wait", ...wait },
    }),
  );
}

/** Counts a timeout once per waiting token, so a retried nudge does not count it twice. */
export async function countTimeout(pairId: string, wait: WaitRecord): Promise<number> {
  try {
    const { Attributes } = await documents.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: keys.pairWait(pairId),
        UpdateExpression: "SET timeouts = timeouts + :one, lastTimedOutToken = :token",
        ConditionExpression:
          "#token = :token AND (attribute_not_exists(lastTimedOutToken) OR lastTimedOutToken <> :token)",
        ExpressionAttributeNames: { "#token": "token" },
        ExpressionAttributeValues: { ":one": 1, ":token": wait.token },
        ReturnValues: "ALL_NEW",
      }),
    );
    return Attributes?.timeouts as number;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return wait.timeouts;
    throw error;
  }
}

/**
 * Records who answered; when `complete`, resolves the wait with `output`. Conditional on the
 * token still being the one read, and on this person not having answered yet.
 */
export async function recordAnswer(
  pairId: string,
  wait: WaitRecord,
  by: string,
  complete: boolean,
  output: Record<string, unknown>,
): Promise<"recorded" | "already-recorded"> {
  try {
    await documents.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: keys.pairWait(pairId),
        UpdateExpression: complete
          ? "SET answeredBy = list_append(answeredBy, :by), resolvedAt = :now, #output = :output"
          : "SET answeredBy = list_append(answeredBy, :by)",
        ConditionExpression:
          "#token = :token AND attribute_not_exists(resolvedAt) AND NOT contains(answeredBy, :who)",
        ExpressionAttributeNames: {
          "#token": "token",
          ...(complete ? { "#output": "output" } : {}),
        },
        ExpressionAttributeValues: {
          ":by": [by],
          ":who": by,
          ":token": wait.token,
          ...(complete ? { ":now": clock.now().toISOString(), ":output": output } : {}),
        },
      }),
    );
    return "recorded";
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return "already-recorded";
    throw error;
  }
}

/**
 * Claims the delivery of a resolved wait before sending it, so that the execution (which moves on
 * at once) never finds the answer undelivered and hands it over a second time.
 */
export async function claimDelivery(pairId: string, token: string): Promise<boolean> {
  try {
    await documents.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: keys.pairWait(pairId),
        UpdateExpression: "SET delivered = :yes",
        ConditionExpression:
          "#token = :token AND (attribute_not_exists(delivered) OR delivered = :no)",
        ExpressionAttributeNames: { "#token": "token" },
        ExpressionAttributeValues: { ":yes": true, ":no": false, ":token": token },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The token had stopped waiting: the next wait of the same step picks the answer up. */
export async function releaseDelivery(pairId: string, token: string): Promise<void> {
  await documents
    .send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: keys.pairWait(pairId),
        UpdateExpression: "SET delivered = :no",
        ConditionExpression: "#token = :token",
        ExpressionAttributeNames: { "#token": "token" },
        ExpressionAttributeValues: { ":no": false, ":token": token },
      }),
    )
    .catch((error) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
}
