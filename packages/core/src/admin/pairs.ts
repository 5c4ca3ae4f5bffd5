import { getCohortOrDefaults } from "../cohort";
import { env } from "../env";
import { evaluateFit } from "../matching/index";
import { blockerMessages, toMatchingMentee, toMatchingMentor } from "../matching/proposal";
import { getMentor, listMentors } from "../mentor";
import { cancelPair, pausePair, reassignMentor, resumePair } from "../pair/actions";
import type { Pair } from "../pair/model";
import { listNotes } from "../pair/notes";
import { loadPersonWait } from "../pair/reminders";
import { getPair, listHistory, listMeetings, listPairEmails, listPairs } from "../pair/store";
import { getQuestionnaire, listQuestionnaires } from "../questionnaire";
import { canBeMatched } from "../selection";
import { executionConsoleUrl } from "./follow-up";

/**
 * A pair as the programme team follows it (its people, timeline, the step it waits on and its
 * execution) and the team's actions on it: pause, resume, cancel with a reason, reassign.
 */

export async function loadPairDetails(pairId: string) {
  const pair = await getPair(pairId);
  if (!pair) return undefined;
  const [history, emails, meetings, notes, personWait, previous, mentee, mentor] =
    await Promise.all([
      listHistory(pairId),
      listPairEmails(pairId),
      listMeetings(pairId),
      listNotes(pairId),
      loadPersonWait(pair),
      pair.follows ? getPair(pair.follows) : undefined,
      getQuestionnaire(pair.menteeId),
      getMentor(pair.mentorId),
    ]);
  return {
    pair,
    history,
    emails,
    meetings,
    notes,
    /** Who the pair waits on now, to be reminded (the team's resend and reminder). */
    personWait,
    /** The stopped pair this one follows: its id and mentor, to name and link it. */
    previous: previous && { pairId: previous.id, mentorId: previous.mentorId },
    mentee,
    mentor,
    executionUrl: executionConsoleUrl(
      env.stateMachineArnIfDeployed,
      pair.executionName,
      env.localStepFunctionsEndpoint,
    ),
    executionIsLocal: env.localStepFunctionsEndpoint !== undefined,
  };
}

export type PairDetails = NonNullable<Awaited<ReturnType<typeof loadPairDetails>>>;

/** Everything the follow-up lists of one cohort need, read in parallel. */
export async function loadCohortRecords(cohortId: string) {
  const [questionnaires, mentors, pairs] = await Promise.all([
    listQuestionnaires(cohortId),
    listMentors(cohortId),
    listPairs({ cohortId }),
  ]);
  return { questionnaires, mentors, pairs };
}

export type PairAction =
  | { action: "pause" }
  | { action: "resume" }
  | { action: "cancel"; reason: string }
  | { action: "reassign"; mentorId: string };

export type ActionOutcome =
  | { ok: true; pair: Pair }
  | { ok: false; status: 404 | 409 | 422; message: string };

/** The statuses each action applies to (the same rules as the actions themselves). */
const allowedFrom: Record<PairAction["action"], Pair["status"][]> = {
  pause: ["active", "failed"],
  resume: ["paused"],
  cancel: ["active", "paused", "failed"],
  reassign: ["active", "paused", "failed"],
};

const refusedFrom: Record<PairAction["action"], string> = {
  pause: "Seul un binôme en cours peut être mis en pause.",
  resume: "Seul un binôme en pause peut reprendre.",
  cancel: "Ce binôme est déjà terminé ou annulé.",
  reassign: "On ne change pas le mentor d'un binôme terminé ou annulé.",
};

/**
 * Why the new mentor cannot take over this pair, or undefined: the same hard constraints as the
 * matching (selected, a place left, formats, themes, line of management, exclusions).
 */
export async function reassignmentProblem(pair: Pair, mentorId: string) {
  if (mentorId === pair.mentorId) return "C'est déjà le mentor de ce binôme.";
  const [mentee, mentor, cohort, pairs] = await Promise.all([
    getQuestionnaire(pair.menteeId),
    getMentor(mentorId),
    getCohortOrDefaults(pair.cohortId),
    listPairs({ cohortId: pair.cohortId }),
  ]);
  if (!mentor || mentor.cohortId !== pair.cohortId) return "Ce mentor n'est pas dans cette vague.";
  if (!canBeMatched(mentor)) return "Ce mentor n'a pas été retenu à l'entretien.";
  if (!mentee) return "Le questionnaire du cadre est introuvable.";
  const taken = pairs.filter(
    (other) =>
      other.mentorId === mentorId && (other.status === "active" || other.status === "paused"),
  ).length;
  if (taken >= mentor.answers.capacity) return "Ce mentor est déjà complet.";
  const fit = evaluateFit(toMatchingMentee(mentee), toMatchingMentor(mentor, 1), {
    allowSameManagementLine: cohort.settings.allowSameManagementLine,
    excludedPairs: cohort.excludedPairs,
  });
  return fit.allowed ? undefined : `Binôme impossible : ${blockerMessages[fit.blocker]}.`;
}

export async function actOnPair(pairId: string, request: PairAction): Promise<ActionOutcome> {
  const pair = await getPair(pairId);
  if (!pair) return { ok: false, status: 404, message: "Ce binôme n'existe pas." };
  if (!allowedFrom[request.action].includes(pair.status)) {
    return { ok: false, status: 409, message: refusedFrom[request.action] };
  }
  switch (request.action) {
    case "pause":
      await pausePair(pairId);
      break;
    case "resume":
      await resumePair(pairId);
      break;
    case "cancel":
      await cancelPair(pairId, request.reason);
      break;
    case "reassign": {
      const problem = await reassignmentProblem(pair, request.mentorId);
      if (problem) return { ok: false, status: 422, message: problem };
      await reassignMentor(pairId, request.mentorId);
      break;
    }
  }
  return { ok: true, pair: (await getPair(pairId)) ?? pair };
}
