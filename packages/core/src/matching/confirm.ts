/**
 * Confirming a proposal, for cohorts of any size: the confirmation itself is one conditional write
 * (the proposal becomes "confirmed") and returns at once; a cohort job then queues one message per
 * pair not started yet, and each message starts its pair (`dispatch.ts`: SQS and the pair starter
 * on AWS, a bounded loop in this process locally), retried on failure without holding up the
 * others. Starting is idempotent per pair id (the pair record is created once, the execution is
 * named after the pair), and each pair's outcome is marked once, in the same transaction as the
 * count it adds to: a redelivered message counts nothing twice. The team's page reads the counts
 * and the pairs that failed for good.
 */
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { documents, getItem, queryAll, queryList } from "../clients/dynamodb";
import { clock } from "../clock";
import { env } from "../env";
import { keys } from "../keys";
import { errorForLog, logger } from "../observability";
import { startPair } from "../pair/start";
import { type Delivery, dispatcher, type PairStartMessage } from "./dispatch";
import {
  fitOrRefusal,
  getProposal,
  loadRoster,
  type Proposal,
  pairIdFor,
  StaleProposal,
  saveProposal,
  staleMessage,
} from "./proposal";

export type ConfirmOutcome =
  | { ok: true; proposal: Proposal; pairCount: number }
  | { ok: false; message: string; notFound?: true };

export type PairStarts = {
  total: number;
  started: number;
  /** How many pairs failed to start after every delivery. */
  failedCount: number;
  /** Some of those pairs (the first hundred), with the error's name (never personal data). */
  failed: Record<string, string>;
  /** Whether pairs are still starting (some have no outcome yet and the work reported lately). */
  running: boolean;
  updatedAt?: string;
};

/** Without news from the starts for this long, those left are taken to have stopped. */
const quietMs = 10 * 60_000;

/** How many failed pairs the page names. */
const failuresShown = 100;

/**
 * Confirms the cohort's proposal and has its pairs started. Confirming again (or
 * `resumePairStarts`) queues the pairs not started yet, those that failed included.
 */
export async function confirmProposal(
  cohortId: string,
  expectedVersion?: number,
): Promise<ConfirmOutcome> {
  const proposal = await getProposal(cohortId);
  if (!proposal)
    return { ok: false, notFound: true, message: "Aucune proposition pour cette vague." };
  if (proposal.pairs.length === 0) {
    return { ok: false, message: "La proposition ne contient aucun binôme à confirmer." };
  }
  let confirmed = proposal;
  if (proposal.status === "draft") {
    if (expectedVersion !== undefined && expectedVersion !== proposal.version) {
      return { ok: false, message: staleMessage };
    }
    const problems = await stillValid(proposal);
    if (problems.length > 0) {
      return {
        ok: false,
        message: `La proposition n'est plus valable : ${problems.join(" ; ")}. Relancez l'appariement.`,
      };
    }
    const now = clock.now().toISOString();
    confirmed = {
      ...proposal,
      status: "confirmed",
      confirmedAt: now,
      updatedAt: now,
      version: proposal.version + 1,
    };
    try {
      await saveProposal(confirmed, proposal, { contentChanged: false });
    } catch (error) {
      // Someone confirmed at the same moment: their record stands, the pairs are the same.
      if (!(error instanceof StaleProposal)) throw error;
      confirmed = (await getProposal(cohortId)) ?? confirmed;
    }
  }
  await resumePairStarts(cohortId, confirmed.pairs.length);
  logger.info("Matching confirmed", { cohortId, pairs: confirmed.pairs.length });
  return { ok: true, proposal: confirmed, pairCount: confirmed.pairs.length };
}

/**
 * Has the pairs of the cohort's confirmed proposal not started yet queued (a cohort job). The
 * counts are set up first, so the page shows the starts from the moment it is asked.
 */
export async function resumePairStarts(cohortId: string, total?: number): Promise<void> {
  const pairs = total ?? (await getProposal(cohortId))?.pairs.length ?? 0;
  await documents.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.pairStarts(cohortId),
      UpdateExpression:
        "SET #total = :total, startedCount = if_not_exists(startedCount, :zero), failedCount = if_not_exists(failedCount, :zero), activeAt = :now, updatedAt = :at",
      ExpressionAttributeNames: { "#total": "total" },
      ExpressionAttributeValues: {
        ":total": pairs,
        ":zero": 0,
        ":now": Date.now(),
        ":at": clock.now().toISOString(),
      },
    }),
  );
  await (await dispatcher()).sendJob({ kind: "queuePairStarts", cohortId });
}

export async function getPairStarts(cohortId: string): Promise<PairStarts | undefined> {
  const item = await getItem<{
    total: number;
    startedCount?: number;
    failedCount?: number;
    activeAt?: number;
    updatedAt?: string;
  }>(keys.pairStarts(cohortId));
  if (!item || item.startedCount === undefined) return undefined;
  const started = item.startedCount;
  const failedCount = item.failedCount ?? 0;
  const failures =
    failedCount > 0
      ? await queryList<{ menteeId: string; reason: string }>({
          ...keys.pairStartFailures(cohortId),
        })
      : [];
  return {
    total: item.total,
    started,
    failedCount,
    failed: Object.fromEntries(
      failures.slice(0, failuresShown).map((failure) => [failure.menteeId, failure.reason]),
    ),
    running: started + failedCount < item.total && Date.now() - (item.activeAt ?? 0) < quietMs,
    updatedAt: item.updatedAt,
  };
}

/**
 * The cohort job behind a confirmation: queues one message per pair of the confirmed proposal
 * that has not started yet. Safe to run again at any time (a pair already queued and started
 * meanwhile is found started by its message).
 */
export async function queueUnstartedPairs(cohortId: string): Promise<number> {
  const proposal = await getProposal(cohortId);
  if (proposal?.status !== "confirmed") return 0;
  const marks = await queryAll<{ menteeId: string; status: MarkStatus }>({
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": keys.pairStartMarks(cohortId).pk },
    ProjectionExpression: "menteeId, #status",
    ExpressionAttributeNames: { "#status": "status" },
  });
  const started = new Set(
    marks.filter((mark) => mark.status === "started").map((mark) => mark.menteeId),
  );
  const messages: PairStartMessage[] = mentorsApart(
    proposal.pairs.filter((pair) => !started.has(pair.menteeId)),
  ).map((pair) => ({ cohortId, menteeId: pair.menteeId, mentorId: pair.mentorId }));
  await (await dispatcher()).queuePairStarts(messages);
  logger.info("Pair starts queued", { cohortId, queued: messages.length });
  return messages.length;
}

type MarkStatus = "retrying" | "failed" | "started";

/**
 * Pure: the pairs in rounds, each mentor's first pair, then each one's second…, in the
 * proposal's order within a round. A mentor's pairs then start far apart: the first holds the
 * mentor's form and the next find it held, where pairs started side by side would each hold it
 * again (and, on AWS, their transactions on the same items would conflict).
 */
export function mentorsApart<Pair extends { mentorId: string }>(pairs: readonly Pair[]): Pair[] {
  const seen = new Map<string, number>();
  const inRounds = pairs.map((pair) => {
    const round = seen.get(pair.mentorId) ?? 0;
    seen.set(pair.mentorId, round + 1);
    return { round, pair };
  });
  // Sorting is stable: within a round, the proposal's order.
  return inRounds.sort((a, b) => a.round - b.round).map(({ pair }) => pair);
}

/**
 * One delivery of one pair start: starts the pair (idempotent) and marks it started, or records
 * the failure — for good on the last delivery. Says whether the pair has started.
 */
export async function startOnePair(message: PairStartMessage, delivery: Delivery) {
  const { cohortId, menteeId, mentorId } = message;
  try {
    await startPair({ pairId: pairIdFor(cohortId, menteeId), cohortId, menteeId, mentorId });
  } catch (error) {
    logger.error("A pair did not start", {
      cohortId,
      attempt: delivery.attempt,
      error: errorForLog(error),
    });
    await markOutcome(message, delivery.last ? "failed" : "retrying", (error as Error).name);
    return false;
  }
  await markOutcome(message, "started");
  return true;
}

/**
 * Moves a pair's mark to its new status and the counts with it, in one transaction. A pair
 * already started stays started; "retrying" is not counted; "failed" counts until it starts.
 */
async function markOutcome(message: PairStartMessage, next: MarkStatus, reason = "") {
  const { cohortId, menteeId } = message;
  const mark = keys.pairStartMark(cohortId, menteeId);
  for (let attempt = 0; attempt < 5; attempt++) {
    // Most pairs have no mark yet: the first try assumes none (its condition checks it) and
    // saves a read per pair; a mark found makes it read and try again.
    const from = attempt === 0 ? undefined : (await getItem<{ status: MarkStatus }>(mark))?.status;
    if (from === "started") return;
    if (from === "failed" && next === "retrying") return;
    if (from === next && next !== "failed") return;
    const counts: Record<string, number> = {};
    if (next === "started") counts.startedCount = 1;
    if (next === "failed" && from !== "failed") counts.failedCount = 1;
    if (from === "failed" && next === "started") counts.failedCount = -1;
    const countNames = Object.keys(counts);
    try {
      await documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: env.tableName,
                Item: {
                  ...mark,
                  ...(next === "failed" ? keys.pairStartFailureList(cohortId, menteeId) : {}),
                  kind: "pairStartMark",
                  menteeId,
                  status: next,
                  reason,
                  at: clock.now().toISOString(),
                },
                ...(from
                  ? {
                      ConditionExpression: "#status = :from",
                      ExpressionAttributeNames: { "#status": "status" },
                      ExpressionAttributeValues: { ":from": from },
                    }
                  : { ConditionExpression: "attribute_not_exists(pk)" }),
              },
            },
            {
              Update: {
                TableName: env.tableName,
                Key: keys.pairStarts(cohortId),
                UpdateExpression: `SET activeAt = :now, updatedAt = :at${
                  countNames.length > 0
                    ? ` ADD ${countNames.map((name) => `${name} :${name}`).join(", ")}`
                    : ""
                }`,
                ExpressionAttributeValues: {
                  ":now": Date.now(),
                  ":at": clock.now().toISOString(),
                  ...Object.fromEntries(countNames.map((name) => [`:${name}`, counts[name]])),
                },
              },
            },
          ],
        }),
      );
      return;
    } catch (error) {
      // Another delivery of the same pair moved the mark meanwhile: read it again.
      if (!(error instanceof TransactionCanceledException)) throw error;
    }
  }
  throw new Error("A pair's start mark kept changing");
}

/** What changed since the proposal was made and forbids it now (mentor withdrawn, mentee paired…). */
async function stillValid(proposal: Proposal): Promise<string[]> {
  const roster = await loadRoster(proposal.cohortId);
  const problems: string[] = [];
  const load = new Map<string, number>();
  for (const pair of proposal.pairs) {
    load.set(pair.mentorId, (load.get(pair.mentorId) ?? 0) + 1);
    const fit = fitOrRefusal(roster, pair.menteeId, pair.mentorId);
    if ("message" in fit) problems.push(fit.message.replace(/\.$/, ""));
  }
  for (const [mentorId, count] of load) {
    const capacity = roster.mentors.get(mentorId)?.capacity ?? 0;
    if (capacity > 0 && count > capacity)
      problems.push("un mentor a plus de binômes que de places");
  }
  return [...new Set(problems)];
}
