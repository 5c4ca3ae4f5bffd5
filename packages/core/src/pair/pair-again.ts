import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { conditionally } from "../clients/dynamodb";
import { clock } from "../clock";
import { env } from "../env";
import { keys } from "../keys";
import {
  type CohortRoster,
  fitOrRefusal,
  loadRoster,
  pairIdFor,
  toMatchingMentee,
} from "../matching/proposal";
import { getQuestionnaire } from "../questionnaire";
import type { Pair } from "./model";
import { isRunning } from "./rules";
import { startPair } from "./start";
import { appendHistory, getPair, listPairs } from "./store";

/**
 * Pairing a manager again after their pair stopped (the workflow gave up) or was cancelled: the
 * team picks an available selected mentor — the matching's own fit rules decide who may be
 * picked (line of management, exclusions, formats, a place left) — and a new pair starts the way
 * a confirmation starts one (`startPair`). The two pairs name each other.
 *
 * The stopped pair records the new pair's id and mentor first, with a condition, so that two
 * posts (or a retry after a crash) start one pair, and the same one: its id is derived from the
 * stopped pair's, and starting a pair is idempotent.
 */

export const PairAgainSchema = v.strictObject({
  mentorId: v.pipe(
    v.string("Choisissez le mentor du nouveau binôme."),
    v.nonEmpty("Choisissez le mentor du nouveau binôme."),
  ),
});

export type PairAgainOutcome =
  | { ok: true; pairId: string; started: "now" | "already" }
  | { ok: false; status: 404 | 409 | 422; message: string };

/** A pair the team may pair again: it ended without being completed. */
export const mayPairAgain = (pair: Pick<Pair, "status">) => pair.status === "cancelled";

/** The new pair's id: one per stopped pair, whatever the retries. */
export const nextPairId = (pair: Pick<Pair, "id" | "cohortId" | "menteeId">) =>
  pairIdFor(pair.cohortId, `${pair.menteeId}\u0000after\u0000${pair.id}`);

export type Candidate = { mentorId: string; placesLeft: number; score: number };

/** The roster with this manager in it (the matching's roster leaves out those already paired). */
async function rosterFor(pair: Pair): Promise<CohortRoster | undefined> {
  const [roster, questionnaire] = await Promise.all([
    loadRoster(pair.cohortId),
    getQuestionnaire(pair.menteeId),
  ]);
  if (!questionnaire) return undefined;
  return {
    ...roster,
    mentees: new Map([[pair.menteeId, toMatchingMentee(questionnaire)]]),
  };
}

/** The selected mentors with a place left whom the fit rules allow for this manager, best first. */
export async function pairAgainCandidates(pair: Pair): Promise<Candidate[]> {
  if (!mayPairAgain(pair) || pair.pairedAgain) return [];
  const roster = await rosterFor(pair);
  if (!roster) return [];
  const candidates: Candidate[] = [];
  for (const [mentorId, mentor] of roster.mentors) {
    const fit = fitOrRefusal(roster, pair.menteeId, mentorId);
    if ("score" in fit)
      candidates.push({ mentorId, placesLeft: mentor.capacity, score: fit.score });
  }
  return candidates.sort((a, b) => b.score - a.score);
}

export async function pairAgain(pairId: string, mentorId: string): Promise<PairAgainOutcome> {
  const pair = await getPair(pairId);
  if (!pair) return { ok: false, status: 404, message: "Ce binôme n'existe pas." };
  if (pair.pairedAgain) return finish(pair, pair.pairedAgain, "already");
  if (!mayPairAgain(pair)) {
    return {
      ok: false,
      status: 409,
      message: "Seul un binôme arrêté ou annulé peut laisser place à un nouveau binôme.",
    };
  }
  const others = await listPairs({ cohortId: pair.cohortId });
  if (others.some((other) => other.menteeId === pair.menteeId && isRunning(other))) {
    return { ok: false, status: 409, message: "Ce cadre a déjà un binôme en cours." };
  }
  const roster = await rosterFor(pair);
  if (!roster) {
    return {
      ok: false,
      status: 409,
      message: "Le questionnaire de ce cadre n'existe plus (ses données ont été effacées).",
    };
  }
  const fit = fitOrRefusal(roster, pair.menteeId, mentorId);
  if ("message" in fit) return { ok: false, status: 422, message: fit.message };
  const next = { pairId: nextPairId(pair), mentorId, at: clock.now().toISOString() };
  const recorded = await conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.pair(pair.id),
      // The team has acted on the stopped pair: it no longer asks for attention.
      UpdateExpression: "SET pairedAgain = :next, needsAttention = :false, updatedAt = :at",
      ConditionExpression: "attribute_not_exists(pairedAgain) AND #status = :cancelled",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":next": next,
        ":false": false,
        ":at": next.at,
        ":cancelled": "cancelled",
      },
    }),
  );
  if (!recorded) {
    // Someone paired this manager again a moment ago: their pair stands.
    const latest = await getPair(pair.id);
    if (latest?.pairedAgain) return finish(latest, latest.pairedAgain, "already");
    return {
      ok: false,
      status: 409,
      message: "Ce binôme a changé entre-temps : rechargez la page.",
    };
  }
  return finish(pair, next, "now");
}

/** Starts the new pair (again, if a first attempt stopped midway: nothing happens twice). */
async function finish(
  pair: Pair,
  next: NonNullable<Pair["pairedAgain"]>,
  started: "now" | "already",
): Promise<PairAgainOutcome> {
  await startPair({
    pairId: next.pairId,
    cohortId: pair.cohortId,
    menteeId: pair.menteeId,
    mentorId: next.mentorId,
    follows: pair.id,
  });
  await appendHistory(pair.id, "team", "pair.paired-again", undefined, "pair.paired-again");
  return { ok: true, pairId: next.pairId, started };
}
