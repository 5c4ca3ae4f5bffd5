import { randomUUID } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutCommand, type TransactWriteCommandInput, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  cancellationReasons,
  conditionally,
  documents,
  getItem,
  queryAll,
  queryList,
} from "../clients/dynamodb";
import { clock } from "../clock";
import { countDelta, countedPairFields } from "../counts";
import { countUpdate, sendTransaction } from "../counts-store";
import { env } from "../env";
import { keys } from "../keys";
import type { HistoryActor, HistoryEntry, Pair } from "./model";

/**
 * Where pairs live: the pair item, its meetings, the step it waits on, its append-only history
 * and the log of what was sent. Only this module talks to DynamoDB about pairs.
 */

const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, kind: _k, countRevision: _r, ...rest } = item;
  return rest as T;
};

/**
 * The revision a pair was read at, beside the object read (never on it, so that it reaches no
 * page and no API): a write that moves the cohort's counts is conditioned on it (see `counted`).
 */
const readRevisions = new WeakMap<Pair, number | undefined>();

async function readPair(pairId: string): Promise<Pair | undefined> {
  const item = await getItem<Record<string, unknown>>(keys.pair(pairId));
  const pair = strip<Pair>(item);
  if (pair) readRevisions.set(pair, item?.countRevision as number | undefined);
  return pair;
}

export async function getPair(pairId: string): Promise<Pair | undefined> {
  return readPair(pairId);
}

export async function requirePair(pairId: string): Promise<Pair> {
  const pair = await getPair(pairId);
  if (!pair) throw new Error(`Unknown pair ${pairId}`);
  return pair;
}

/**
 * Creates the pair once, counted in its cohort's counts in the same transaction; `false` when it
 * already exists (a second start changes nothing, and counts nothing). The same transaction marks
 * the manager's questionnaire as paired with it and files it under the mentor's pairs
 * (`keys.pairMentor`): the lists read a page of forms and the pairs they name, never a whole
 * cohort. It also writes `alongside` (the pair's first history line) and lifts the expiry of the
 * items in `hold` (its people's forms, see retention.ts), so a pair never exists without them. A
 * questionnaire or an item to hold that is not there (a pair made in a test) is left alone.
 */
export async function createPair(
  pair: Pair,
  options: {
    hold?: ItemKey[];
    alongside?: TransactionWrite[];
    /** The mentor's record as the caller read it (`null`: not there); read here when absent. */
    mentor?: MentorLine | null;
  } = {},
): Promise<boolean> {
  const put = {
    TableName: env.tableName,
    Item: {
      ...keys.pair(pair.id),
      ...keys.pairList(pair.cohortId, pair.createdAt, pair.id),
      kind: "pair",
      ...pair,
      countRevision: 1,
    },
    ConditionExpression: "attribute_not_exists(pk)",
  };
  const mentor = await mentorLeads(pair.mentorId, pair.id, options.mentor);
  const counted = countUpdate(pair.cohortId, pair.id, countDelta(undefined, pair));
  const questionnaireKey = keys.questionnaire(pair.menteeId);
  const hold = options.hold ?? [];
  // A transaction writes an item once: the questionnaire's own expiry goes with its paired mark.
  const holdsQuestionnaire = hold.some(
    (key) => key.pk === questionnaireKey.pk && key.sk === questionnaireKey.sk,
  );
  const required = [
    { Put: put },
    ...mentor,
    ...(counted ? [counted] : []),
    ...(options.alongside ?? []),
  ];
  let optional: TransactionWrite[] = [
    { Update: questionnairePaired(pair.menteeId, pair.id, holdsQuestionnaire) },
    ...hold
      .filter((key) => key.pk !== questionnaireKey.pk || key.sk !== questionnaireKey.sk)
      .map((key) => ({ Update: expiryLifted(key) })),
  ];
  for (;;) {
    try {
      await sendTransaction([...required, ...optional]);
      return true;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons?.[0] === "ConditionalCheckFailed") return false;
      // What is not there is left out, and the rest written again.
      const missing = (reasons ?? [])
        .slice(required.length)
        .map((reason) => reason === "ConditionalCheckFailed");
      if (!missing.includes(true)) throw error;
      optional = optional.filter((_, index) => !missing[index]);
    }
  }
}

/** The questionnaire names the manager's latest pair (`pairId`), and says it is paired. */
const questionnairePaired = (menteeId: string, pairId: string, liftExpiry = false) => ({
  TableName: env.tableName,
  Key: keys.questionnaire(menteeId),
  UpdateExpression: `SET pairId = :pairId, #status = :paired${liftExpiry ? " REMOVE expiresAt" : ""}`,
  ConditionExpression: "attribute_exists(pk)",
  ExpressionAttributeNames: { "#status": "status" },
  ExpressionAttributeValues: { ":pairId": pairId, ":paired": "paired" },
});

/** An item kept without expiry, for a transaction (never creating it). */
const expiryLifted = (key: ItemKey) => ({
  TableName: env.tableName,
  Key: key,
  UpdateExpression: "REMOVE expiresAt",
  ConditionExpression: "attribute_exists(pk)",
});

/**
 * The mentor leads the pair (see `keys.pairMentor`), as a Put for the pair's transaction; none
 * when the mentor is not there. A pair reassigned away keeps the old mentor's line (the lists
 * check the pair's current mentor). Putting it twice changes nothing.
 */
type MentorLine = { id: string; cohortId: string; createdAt: string };

async function mentorLeads(mentorId: string, pairId: string, read?: MentorLine | null) {
  const mentor =
    read !== undefined
      ? read
      : await getItem<MentorLine>(keys.mentor(mentorId), { projection: "id, cohortId, createdAt" });
  if (!mentor?.createdAt) return [];
  return [
    {
      Put: {
        TableName: env.tableName,
        Item: { ...keys.pairMentor(pairId, mentor), kind: "pair-mentor", pairId, mentorId },
      },
    },
  ];
}

type PairChange = { remove?: (keyof Pair)[]; add?: Partial<Record<keyof Pair, number>> };

/** The update of a pair's fields (and `updatedAt`), for a command or a transaction. */
function pairUpdate(pairId: string, fields: Partial<Pair>, options: PairChange = {}) {
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
  return {
    TableName: env.tableName,
    Key: keys.pair(pairId),
    UpdateExpression: [
      `SET ${sets.join(", ")}`,
      adds.length ? `ADD ${adds.join(", ")}` : "",
      removes.length ? `REMOVE ${removes.join(", ")}` : "",
    ].join(" "),
    ConditionExpression: "attribute_exists(pk)",
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** Sets fields of a pair (and `updatedAt`); `remove` drops optional ones. */
export async function updatePair(
  pairId: string,
  fields: Partial<Pair>,
  /** `read`: the pair as the caller read it, decided on first (a change meanwhile reads again). */
  options: PairChange & { read?: Pair } = {},
): Promise<void> {
  // A new mentor: the pair joins their pairs in the same write (see `createPair`).
  const alongside = fields.mentorId ? await mentorLeads(fields.mentorId, pairId) : [];
  if (!movesCounts(fields, options)) {
    const update = pairUpdate(pairId, fields, options);
    if (alongside.length) await sendTransaction([{ Update: update }, ...alongside]);
    else await documents.send(new UpdateCommand(update));
    return;
  }
  // A change the figures count: read, write with the counts it moves, again if the pair moved.
  for (let attempt = 1; ; attempt++) {
    const before =
      attempt === 1 && options.read && readRevisions.has(options.read)
        ? options.read
        : await readPair(pairId);
    if (!before)
      throw new ConditionalCheckFailedException({ message: `No pair ${pairId}`, $metadata: {} });
    const { update, counts } = counted(
      before,
      pairUpdate(pairId, fields, options),
      fields,
      options,
    );
    try {
      await sendTransaction([{ Update: update }, ...alongside, ...(counts ? [counts] : [])]);
      return;
    } catch (error) {
      if (cancellationReasons(error)?.[0] !== "ConditionalCheckFailed" || attempt >= 6) throw error;
    }
  }
}

const countedFields: ReadonlySet<string> = new Set(countedPairFields);

function movesCounts(fields: Partial<Pair>, options: PairChange) {
  return [
    ...Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([name]) => name),
    ...Object.keys(options.add ?? {}),
    ...(options.remove ?? []),
  ].some((name) => countedFields.has(name));
}

/** The pair as a change leaves it (pure: what `pairUpdate` writes, applied to what was read). */
function applyChange(before: Pair, fields: Partial<Pair>, options: PairChange): Pair {
  const after: Record<string, unknown> = { ...before };
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) after[name] = value;
  for (const [name, value] of Object.entries(options.add ?? {})) {
    after[name] = ((after[name] as number | undefined) ?? 0) + (value as number);
  }
  for (const name of options.remove ?? []) delete after[name];
  return after as Pair;
}

type PairUpdateInput = {
  TableName: string;
  Key: { pk: string; sk: string };
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
};

/**
 * A pair's update that moves its cohort's counts: conditioned on the revision `before` was read
 * at (and raising it), with the counts' ADD for the same transaction. A redelivered step writes
 * what is already there: it moves no count, and a change made meanwhile makes the write fail its
 * condition, to be read and decided again, so a change is never counted twice nor missed.
 */
function counted(
  before: Pair,
  update: PairUpdateInput,
  fields: Partial<Pair>,
  options: PairChange,
): { update: PairUpdateInput; counts: TransactionWrite | undefined } {
  if (!readRevisions.has(before)) throw new Error("A counted change needs the pair as read");
  const revision = readRevisions.get(before);
  const after = applyChange(before, fields, options);
  return {
    update: {
      ...update,
      UpdateExpression: update.UpdateExpression.replace(
        /^SET /,
        "SET countRevision = :nextRevision, ",
      ),
      ConditionExpression: `${update.ConditionExpression} AND ${
        revision === undefined ? "attribute_not_exists(countRevision)" : "countRevision = :revision"
      }`,
      ExpressionAttributeValues: {
        ...update.ExpressionAttributeValues,
        ":nextRevision": (revision ?? 0) + 1,
        ...(revision === undefined ? {} : { ":revision": revision }),
      },
    },
    counts: countUpdate(before.cohortId, before.id, countDelta(before, after)),
  };
}

export async function listPairs(filter: { cohortId?: string } = {}): Promise<Pair[]> {
  const items = await queryList<Record<string, unknown>>(keys.pairs(filter.cohortId));
  return items.map((item) => strip<Pair>(item) as Pair);
}

function queryUnderPair(pairId: string, kind: Parameters<typeof keys.pairItems>[1]) {
  const { pk, skPrefix } = keys.pairItems(pairId, kind);
  return queryAll<Record<string, unknown>>({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
    ConsistentRead: true,
  });
}

/**
 * Every item stored under a pair (the pair, history, meetings, wait, emails log), with what the
 * retention pass needs to find what lies elsewhere: the emails' purposes and links, the history.
 */
export function listPairItems(pairId: string): Promise<Record<string, unknown>[]> {
  return queryAll({
    KeyConditionExpression: "pk = :pk",
    // Aliased: some of these names are DynamoDB reserved words.
    ProjectionExpression: "pk, sk, #kind, #purpose, #to, #linkIds, #event, #detail",
    ExpressionAttributeNames: {
      "#kind": "kind",
      "#purpose": "purpose",
      "#to": "to",
      "#linkIds": "linkIds",
      "#event": "event",
      "#detail": "detail",
    },
    ExpressionAttributeValues: { ":pk": keys.pair(pairId).pk },
    ConsistentRead: true,
  });
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
  await conditionally(new PutCommand(historyLine(pairId, actor, event, detail, onceKey)));
}

/** The Put of one history line, alone or in the transaction of what it records. */
export function historyLine(
  pairId: string,
  actor: HistoryActor,
  event: string,
  detail?: HistoryEntry["detail"],
  onceKey?: string,
) {
  const at = clock.now().toISOString();
  const unique = onceKey ?? randomUUID();
  return {
    TableName: env.tableName,
    Item: {
      ...(onceKey ? keys.pairHistoryOnce(pairId, onceKey) : keys.pairHistory(pairId, at, unique)),
      kind: "pair-history",
      pairId,
      at,
      actor,
      event,
      ...(detail ? { detail } : {}),
    },
    ConditionExpression: "attribute_not_exists(pk)",
  };
}

export async function listHistory(pairId: string): Promise<HistoryEntry[]> {
  const items = [
    ...(await queryUnderPair(pairId, "history")),
    ...(await queryUnderPair(pairId, "historyOnce")),
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
  /** Whether the outbox delivered it yet (absent on lines logged before the outbox: sent). */
  delivery?: "queued" | "sent" | "failed";
  /** When the outbox's sender handed it to SES, or SES refused it for good. */
  settledAt?: string;
};

/**
 * The log line of an email about a pair, written when it is queued and marked by the outbox's
 * sender when it leaves (see email/outbox.ts). `linkIds`: the links it carried, so that they
 * expire with the pair.
 */
export function pairEmailItem(pairId: string, email: PairEmail, linkIds: string[] = []) {
  return {
    ...keys.pairEmail(pairId, email.at, randomUUID()),
    kind: "pair-email",
    ...email,
    ...(linkIds.length ? { linkIds } : {}),
  };
}

export async function listPairEmails(pairId: string): Promise<PairEmail[]> {
  const items = await queryUnderPair(pairId, "email");
  return items
    .map(
      ({ at, subject, to, purpose, delivery, settledAt }) =>
        ({
          at,
          subject,
          to,
          purpose,
          ...(delivery ? { delivery } : {}),
          ...(settledAt ? { settledAt } : {}),
        }) as PairEmail,
    )
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
  /** Times this meeting was reported as not having taken place (see `noShowRule`). */
  noShows?: number;
  /** Calendar UID: the same for every version of the meeting. */
  uid: string;
  mentorFeedback?: { satisfaction?: number; comment?: string };
  menteeFeedback?: { satisfaction?: number; comment?: string; tookPlace?: boolean };
};

export async function getMeeting(pairId: string, step: string): Promise<MeetingRecord | undefined> {
  return strip<MeetingRecord>(await getItem(keys.pairMeeting(pairId, step)));
}

export async function listMeetings(pairId: string): Promise<MeetingRecord[]> {
  return (await queryUnderPair(pairId, "meeting")).map(
    (item) => strip<MeetingRecord>(item) as MeetingRecord,
  );
}

/** Writes a meeting, only if its version is still the one read (two answers never mix). */
export async function putMeeting(
  pairId: string,
  meeting: MeetingRecord,
  expectedVersion: number | undefined,
): Promise<boolean> {
  return conditionally(
    new PutCommand({
      TableName: env.tableName,
      Item: { ...keys.pairMeeting(pairId, meeting.step), kind: "pair-meeting", ...meeting },
      ...versionCondition(expectedVersion),
    }),
  );
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
//
// One item per pair. An answer is recorded in one transaction with its effects, conditioned on
// the wait's `revision` as read (see `recordAnswer`): it resolves the wait (`resolvedAt`,
// `output`); then it is handed to the waiting token (`deliveredTo`, claimed before sending, given
// back if the token had stopped waiting). A token that stopped waiting without an answer is named
// in `stoppedToken`: the next wait of the same step takes a resolved answer over (see `nextWait`).
// Every write of the answer side bumps `revision`, so that a new wait never overwrites an answer
// it did not see, and an answer never lands on a wait it did not see.
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
  /** The token the answer was handed to (or is being handed to). */
  deliveredTo?: string;
  /** A token that stopped waiting without taking an answer (timed out, or a new mentor). */
  stoppedToken?: string;
  revision?: number;
};

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

export async function getWait(pairId: string): Promise<WaitRecord | undefined> {
  return strip<WaitRecord>(await getItem(keys.pairWait(pairId)));
}

/** Writes a wait as is (tests and repairs); the workflow uses `replaceWait`. */
export async function putWait(pairId: string, wait: WaitRecord): Promise<void> {
  await documents.send(
    new PutCommand({
      TableName: env.tableName,
      Item: { ...keys.pairWait(pairId), kind: "pair-wait", ...wait },
    }),
  );
}

/**
 * Replaces the wait with a new one, only if nothing was written since `previous` was read
 * (an answer claimed or resolved in between): `false` says read again.
 */
export async function replaceWait(
  pairId: string,
  next: WaitRecord,
  previous: WaitRecord | undefined,
): Promise<boolean> {
  const revision = previous?.revision;
  return conditionally(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...keys.pairWait(pairId),
        kind: "pair-wait",
        ...next,
        revision: (revision ?? 0) + 1,
      },
      ...(!previous
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : revision === undefined
          ? {
              ConditionExpression: "#token = :token AND attribute_not_exists(revision)",
              ExpressionAttributeNames: { "#token": "token" },
              ExpressionAttributeValues: { ":token": previous.token },
            }
          : {
              ConditionExpression: "revision = :revision",
              ExpressionAttributeValues: { ":revision": revision },
            }),
    }),
  );
}

/**
 * Counts a timeout once per waiting token, so a retried nudge does not count it twice, and marks
 * the token as stopped. Not when an answer is recorded: `"answered"`.
 */
export async function countTimeout(pairId: string, wait: WaitRecord): Promise<number | "answered"> {
  await markStopped(pairId, wait);
  try {
    const { Attributes } = await documents.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: keys.pairWait(pairId),
        UpdateExpression:
          "SET timeouts = timeouts + :one, lastTimedOutToken = :token ADD revision :one",
        ConditionExpression:
          "#token = :token AND (attribute_not_exists(lastTimedOutToken) OR lastTimedOutToken <> :token) AND attribute_not_exists(resolvedAt)",
        ExpressionAttributeNames: { "#token": "token" },
        ExpressionAttributeValues: { ":one": 1, ":token": wait.token },
        ReturnValues: "ALL_NEW",
      }),
    );
    return Attributes?.timeouts as number;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const latest = await getWait(pairId);
    if (latest?.resolvedAt) return "answered";
    return latest?.timeouts ?? wait.timeouts;
  }
}

/** The current token of `step`/`purpose` stopped waiting without an answer (a timer ran out). */
export async function markStopped(
  pairId: string,
  wait: { step: string; purpose: string; token?: string },
): Promise<void> {
  await conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.pairWait(pairId),
      UpdateExpression: "SET stoppedToken = #token",
      ConditionExpression: `#step = :step AND #purpose = :purpose${wait.token ? " AND #token = :token" : ""}`,
      ExpressionAttributeNames: { "#token": "token", "#step": "step", "#purpose": "purpose" },
      ExpressionAttributeValues: {
        ":step": wait.step,
        ":purpose": wait.purpose,
        ...(wait.token ? { ":token": wait.token } : {}),
      },
    }),
  );
}

/**
 * Claims the delivery of a resolved wait to `token` before sending it, so that the answer path and
 * the execution's next wait never both hand it over to the same token.
 */
export async function claimDelivery(pairId: string, token: string): Promise<boolean> {
  return conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.pairWait(pairId),
      UpdateExpression: "SET deliveredTo = :token ADD revision :one",
      ConditionExpression:
        "#token = :token AND attribute_exists(resolvedAt) AND (attribute_not_exists(deliveredTo) OR deliveredTo <> :token)",
      ExpressionAttributeNames: { "#token": "token" },
      ExpressionAttributeValues: { ":token": token, ":one": 1 },
    }),
  );
}

/** The token had stopped waiting: the answer stays resolved for the step's next wait. */
export async function releaseDelivery(pairId: string, token: string): Promise<void> {
  await conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.pairWait(pairId),
      UpdateExpression: "REMOVE deliveredTo ADD revision :one",
      ConditionExpression: "deliveredTo = :token",
      ExpressionAttributeValues: { ":token": token, ":one": 1 },
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Retention: expiries (DynamoDB's TTL attribute, epoch seconds) of a pair's items and of the
// items that belong to it elsewhere (its links, its emails' dedupe records, its people's forms).
// Each write is conditional on the item existing, so an update never creates a stray item.
// ---------------------------------------------------------------------------------------------

type ItemKey = { pk: string; sk: string };

/** Sets the expiry of an existing item, unless it already expires at that time or later. */
export async function expireNoEarlierThan(key: ItemKey, expiresAt: number): Promise<void> {
  await conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: key,
      UpdateExpression: "SET expiresAt = :expiresAt",
      ConditionExpression:
        "attribute_exists(pk) AND (attribute_not_exists(expiresAt) OR expiresAt < :expiresAt)",
      ExpressionAttributeValues: { ":expiresAt": expiresAt },
    }),
  );
}

/** An item kept while its pair runs: no expiry. */
export async function removeExpiry(key: ItemKey): Promise<void> {
  await conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: key,
      UpdateExpression: "REMOVE expiresAt",
      ConditionExpression: "attribute_exists(pk) AND attribute_exists(expiresAt)",
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Recording an answer: everything it changes, in one transaction
// ---------------------------------------------------------------------------------------------

/** What one answer writes; every part is conditioned on what the answer was decided from. */
export type AnswerWrites = {
  /** The pair, which must still be running; `fields` and `add` change it. */
  pair: { fields?: Partial<Pair>; add?: Partial<Record<keyof Pair, number>> };
  meeting?:
    | { kind: "put"; record: MeetingRecord; expectedVersion: number | undefined }
    | { kind: "mentee-feedback"; step: string; feedback: MeetingRecord["menteeFeedback"] };
  history: { actor: HistoryActor; event: string; detail?: HistoryEntry["detail"] };
  /** The wait as read, and who has answered it now; `resolve` with the execution's output. */
  wait?: { read: WaitRecord; answeredBy: string[]; resolve?: Record<string, unknown> };
};

/** A write of another entity that must happen with the answer (the link's use). */
export type TransactionWrite = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/**
 * Writes an answer and its effects at once, or nothing: `"link-used"` when the link had already
 * been used, `"changed"` when the pair, the wait or the meeting changed since they were read.
 */
export async function recordAnswer(
  pairId: string,
  writes: AnswerWrites,
  alongside?: TransactionWrite,
  /** The pair the answer was decided from (`getPair`): what a counted change is written over. */
  read?: Pair,
): Promise<"recorded" | "link-used" | "changed"> {
  const fields = writes.pair.fields ?? {};
  const change = { add: writes.pair.add };
  const update = pairUpdate(pairId, fields, change);
  const running = {
    ...update,
    ConditionExpression: "attribute_exists(pk) AND NOT (#status IN (:cancelled, :closed))",
    ExpressionAttributeNames: { ...update.ExpressionAttributeNames, "#status": "status" },
    ExpressionAttributeValues: {
      ...update.ExpressionAttributeValues,
      ":cancelled": "cancelled",
      ":closed": "closed",
    },
  };
  // A rating, a meeting held, objectives, a self-evaluation: counted with the answer, at once.
  let withCounts: ReturnType<typeof counted> = { update: running, counts: undefined };
  if (movesCounts(fields, change)) {
    const before = read ?? (await readPair(pairId));
    if (!before) return "changed";
    withCounts = counted(before, running, fields, change);
  }
  const at = clock.now().toISOString();
  const items: TransactionWrite[] = [
    ...(alongside ? [alongside] : []),
    { Update: withCounts.update },
    ...(withCounts.counts ? [withCounts.counts] : []),
    {
      Put: {
        TableName: env.tableName,
        Item: {
          ...keys.pairHistory(pairId, at, randomUUID()),
          kind: "pair-history",
          pairId,
          at,
          ...writes.history,
        },
      },
    },
  ];
  const { meeting, wait } = writes;
  if (meeting?.kind === "put") {
    items.push({
      Put: {
        TableName: env.tableName,
        Item: {
          ...keys.pairMeeting(pairId, meeting.record.step),
          kind: "pair-meeting",
          ...meeting.record,
        },
        ...versionCondition(meeting.expectedVersion),
      },
    });
  }
  if (meeting?.kind === "mentee-feedback") {
    items.push({
      Update: {
        TableName: env.tableName,
        Key: keys.pairMeeting(pairId, meeting.step),
        UpdateExpression: "SET menteeFeedback = :feedback",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(menteeFeedback)",
        ExpressionAttributeValues: { ":feedback": meeting.feedback },
      },
    });
  }
  if (wait) {
    const revision = wait.read.revision;
    items.push({
      Update: {
        TableName: env.tableName,
        Key: keys.pairWait(pairId),
        UpdateExpression: `SET answeredBy = :answeredBy${wait.resolve ? ", resolvedAt = :now, #output = :output" : ""} ADD revision :one`,
        ConditionExpression:
          revision === undefined
            ? "#token = :token AND attribute_not_exists(revision)"
            : "revision = :revision",
        ...nonEmpty("ExpressionAttributeNames", {
          ...(revision === undefined ? { "#token": "token" } : {}),
          ...(wait.resolve ? { "#output": "output" } : {}),
        }),
        ExpressionAttributeValues: {
          ":answeredBy": wait.answeredBy,
          ":one": 1,
          ...(revision === undefined ? { ":token": wait.read.token } : { ":revision": revision }),
          ...(wait.resolve ? { ":now": at, ":output": wait.resolve } : {}),
        },
      },
    });
  }
  try {
    await sendTransaction(items);
    return "recorded";
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons?.includes("ConditionalCheckFailed")) throw error;
    return alongside && reasons[0] === "ConditionalCheckFailed" ? "link-used" : "changed";
  }
}

/** DynamoDB refuses an empty map of names. */
const nonEmpty = <K extends string>(name: K, map: Record<string, string>) =>
  (Object.keys(map).length ? { [name]: map } : {}) as Partial<Record<K, Record<string, string>>>;

const versionCondition = (expectedVersion: number | undefined) =>
  expectedVersion === undefined
    ? { ConditionExpression: "attribute_not_exists(pk)" }
    : {
        ConditionExpression: "version = :expected",
        ExpressionAttributeValues: { ":expected": expectedVersion },
      };
