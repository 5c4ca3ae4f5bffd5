/**
 * Confirming a proposal, for cohorts of any size: the confirmation itself is one conditional write
 * (the proposal becomes "confirmed") and returns at once; the pairs then start in the background,
 * a bounded number at a time, each retried on failure without holding up the others. Starting is
 * idempotent per pair id (the pair record is created once, the execution is named after the pair),
 * so a run cut short is finished by the next one and no pair ever starts twice. The progress —
 * how many started, which failed and why — is kept in one small item the team's page reads.
 */
import { randomUUID } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { conditionally, documents, getItem } from "../clients/dynamodb";
import { clock } from "../clock";
import { env } from "../env";
import { keys } from "../keys";
import { logger } from "../observability";
import { startPair } from "../pair/start";
import { runInBackground } from "./background";
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
  /** Pairs whose start failed after every retry, with the error's name (never personal data). */
  failed: Record<string, string>;
  running: boolean;
  updatedAt?: string;
};

export type StartOptions = {
  /** How many pairs start at once: StartExecution allows a few hundred a second per account. */
  parallelism?: number;
  /** Tries per pair before it is reported as failed. */
  attempts?: number;
  /** Wait before the second try, doubled for each later one (milliseconds). */
  backoffMs?: number;
};

/** A run that has not reported for this long is taken to have died: another may take over. */
const staleRunMs = 5 * 60_000;

/**
 * Confirms the cohort's proposal and starts its pairs in the background. Confirming again (or
 * `retryPairStarts`) resumes the pairs not started yet and retries those that failed.
 */
export async function confirmProposal(
  cohortId: string,
  expectedVersion?: number,
  options: StartOptions = {},
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
  resumePairStarts(cohortId, options);
  logger.info("Matching confirmed", { cohortId, pairs: confirmed.pairs.length });
  return { ok: true, proposal: confirmed, pairCount: confirmed.pairs.length };
}

/** Starts, in the background, the pairs of a confirmed proposal not started yet. */
export function resumePairStarts(cohortId: string, options: StartOptions = {}): void {
  runInBackground("start confirmed pairs", async () => {
    await startConfirmedPairs(cohortId, options);
  });
}

export async function getPairStarts(cohortId: string): Promise<PairStarts | undefined> {
  const item = await getItem<PairStarts & { runningSince?: number }>(keys.pairStarts(cohortId));
  if (!item) return undefined;
  const running = item.runningSince !== undefined && Date.now() - item.runningSince < staleRunMs;
  return {
    total: item.total,
    started: item.started,
    failed: item.failed ?? {},
    running,
    updatedAt: item.updatedAt,
  };
}

async function withRetries<T>(attempts: number, backoffMs: number, work: () => Promise<T>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
    }
  }
}

/**
 * Starts every pair of the cohort's confirmed proposal, `parallelism` at a time. Returns false
 * when another run holds the cohort (it does the work). Safe to run again at any time.
 */
export async function startConfirmedPairs(
  cohortId: string,
  options: StartOptions = {},
): Promise<boolean> {
  const parallelism = Math.max(1, options.parallelism ?? 16);
  const attempts = Math.max(1, options.attempts ?? 3);
  const backoffMs = options.backoffMs ?? 200;
  const proposal = await getProposal(cohortId);
  if (proposal?.status !== "confirmed") return false;
  const runId = randomUUID();
  const key = keys.pairStarts(cohortId);
  const now = Date.now();
  const taken = await conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: key,
      UpdateExpression:
        "SET runId = :run, runningSince = :now, #total = :total, started = :zero, failed = :none, updatedAt = :at",
      ConditionExpression: "attribute_not_exists(runningSince) OR runningSince < :stale",
      ExpressionAttributeNames: { "#total": "total" },
      ExpressionAttributeValues: {
        ":run": runId,
        ":now": now,
        ":stale": now - staleRunMs,
        ":total": proposal.pairs.length,
        ":zero": 0,
        ":none": {},
        ":at": clock.now().toISOString(),
      },
    }),
  );
  if (!taken) return false;

  // Counts are sent in small batches: one write per batch, not per pair.
  let unreported = 0;
  const report = async (failure?: [menteeId: string, reason: string]) => {
    const names: Record<string, string> = { "#runId": "runId" };
    const values: Record<string, unknown> = { ":run": runId, ":now": Date.now() };
    const parts = ["runningSince = :now"];
    if (failure) {
      names["#menteeId"] = failure[0];
      values[":reason"] = failure[1];
      parts.push("failed.#menteeId = :reason");
    }
    const count = unreported;
    unreported = 0;
    await documents.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: key,
        UpdateExpression: `SET ${parts.join(", ")}${count > 0 ? " ADD started :count" : ""}`,
        ConditionExpression: "#runId = :run",
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: count > 0 ? { ...values, ":count": count } : values,
      }),
    );
  };

  let next = 0;
  const worker = async () => {
    while (next < proposal.pairs.length) {
      const pair = proposal.pairs[next++];
      if (!pair) break;
      try {
        await withRetries(attempts, backoffMs, () =>
          startPair({
            pairId: pairIdFor(cohortId, pair.menteeId),
            cohortId,
            menteeId: pair.menteeId,
            mentorId: pair.mentorId,
          }),
        );
        unreported++;
        if (unreported >= 25) await report();
      } catch (error) {
        logger.error("A pair did not start", { cohortId, error });
        await report([pair.menteeId, (error as Error).name || "Error"]);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: parallelism }, worker));
    await report();
  } finally {
    await documents
      .send(
        new UpdateCommand({
          TableName: env.tableName,
          Key: key,
          UpdateExpression: "REMOVE runningSince SET updatedAt = :at",
          ConditionExpression: "runId = :run",
          ExpressionAttributeValues: { ":run": runId, ":at": clock.now().toISOString() },
        }),
      )
      .catch((error) => logger.warn("Pair starts left marked running", { cohortId, error }));
  }
  return true;
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
