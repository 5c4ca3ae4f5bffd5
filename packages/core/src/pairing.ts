import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { conditionally, documents } from "./clients/dynamodb";
import { clock } from "./clock";
import { getCohortOrDefaults } from "./cohort";
import { env } from "./env";
import { keys } from "./keys";
import {
  type Blocker,
  evaluateFit,
  type Level,
  type MatchingMentee,
  type MatchingMentor,
  type MatchingSettings,
  type MeetingFormat,
  type ProposedPair,
  proposeMatching,
  type UnmatchedMentee,
} from "./matching/index";
import { listMentors, type MentorRecord } from "./mentor";
import { logger } from "./observability";
import type { Pair } from "./pair/model";
import { startPair } from "./pair/start";
import { listPairs } from "./pair/store";
import { listQuestionnaires, type QuestionnaireRecord } from "./questionnaire";
import { canBeMatched } from "./selection";

/**
 * From a cohort's records to started pairs: build the matching's inputs, store the proposal the
 * programme team reviews (swap, remove, force), then confirm it, which starts one workflow
 * execution per pair. A pair's id derives from its cohort and mentee, and starting is idempotent
 * per pair id, so confirming twice starts nothing new.
 */

export type ProposalPair = ProposedPair & { forced?: boolean };

export type ConfirmedPair = { pairId: string; menteeId: string; mentorId: string };

export type Proposal = {
  cohortId: string;
  status: "draft" | "confirmed";
  pairs: ProposalPair[];
  unmatched: UnmatchedMentee[];
  totalScore: number;
  /** Bumped by every change: a change made on a stale proposal is refused. */
  version: number;
  createdAt: string;
  updatedAt: string;
  confirmedAt?: string;
};

/** The pair's id: the same cohort and mentee always give the same id (and execution name). */
export function pairIdFor(cohortId: string, menteeId: string): string {
  const digest = createHash("sha256").update(`${cohortId}\u0000${menteeId}`).digest("hex");
  return `binome-${digest.slice(0, 20)}`;
}

/** Pure: the mentee as the matching sees it; their line of management is themselves. */
export function toMatchingMentee(record: QuestionnaireRecord): MatchingMentee {
  const answers = record.answers;
  return {
    id: record.id,
    priorityThemes: [...answers.priorityThemes],
    comfort: answers.comfort as Record<string, Level>,
    formats: [...answers.formats] as MeetingFormat[],
    availability: [...answers.availability],
    site: answers.site,
    directorate: answers.directorate,
    managementLine: [answers.email],
    email: answers.email,
  };
}

/**
 * Pure: the mentor as the matching sees it, with the capacity left once their running pairs are
 * counted; their line of management is themselves and their manager.
 */
export function toMatchingMentor(record: MentorRecord, capacityLeft: number): MatchingMentor {
  const answers = record.answers;
  return {
    id: record.id,
    capacity: Math.max(1, Math.min(3, capacityLeft)) as 1 | 2 | 3,
    themes: answers.themes.map((item) => ({ theme: item.theme, level: item.level as Level })),
    formats: [...answers.formats] as MeetingFormat[],
    availability: [...answers.availability],
    site: answers.site,
    directorate: answers.directorate,
    managementLine: [answers.email, answers.managerEmail].filter(
      (value): value is string => typeof value === "string" && value !== "",
    ),
    email: answers.email,
  };
}

/** A pair still holds a place in its mentor's capacity while it runs or is paused. */
const holdsPlace = (pair: Pair) => pair.status === "active" || pair.status === "paused";

/** Everything the matching and the review need about a cohort, read once. */
export type CohortRoster = {
  cohortId: string;
  settings: MatchingSettings;
  /** Mentees without a pair yet in this cohort. */
  mentees: Map<string, MatchingMentee>;
  /** Selected mentors with capacity left. */
  mentors: Map<string, MatchingMentor>;
};

export async function loadRoster(cohortId: string): Promise<CohortRoster> {
  const [cohort, questionnaires, mentors, pairs] = await Promise.all([
    getCohortOrDefaults(cohortId),
    listQuestionnaires(cohortId),
    listMentors(cohortId),
    listPairs({ cohortId }),
  ]);
  const paired = new Set(pairs.map((pair) => pair.menteeId));
  const load = new Map<string, number>();
  for (const pair of pairs.filter(holdsPlace)) {
    load.set(pair.mentorId, (load.get(pair.mentorId) ?? 0) + 1);
  }
  const mentees = new Map(
    questionnaires
      .filter((record) => !paired.has(record.id))
      .map((record) => [record.id, toMatchingMentee(record)] as const),
  );
  const available = new Map<string, MatchingMentor>();
  for (const record of mentors.filter(canBeMatched)) {
    const left = record.answers.capacity - (load.get(record.id) ?? 0);
    if (left > 0) available.set(record.id, toMatchingMentor(record, left));
  }
  return {
    cohortId,
    settings: {
      allowSameManagementLine: cohort.settings.allowSameManagementLine,
      excludedPairs: cohort.excludedPairs,
    },
    mentees,
    mentors: available,
  };
}

export const blockerMessages: Record<Blocker, string> = {
  noPriorityTheme: "ce cadre n'a indiqué aucun thème prioritaire",
  noCommonFormat: "ils n'ont aucun format de rencontre en commun",
  noPriorityThemeCovered: "ce mentor ne couvre aucun des thèmes prioritaires du cadre",
  sameManagementLine:
    "ce mentor est dans la ligne hiérarchique du cadre, ce que la vague n'autorise pas",
  excluded: "l'équipe d'animation a écarté ce binôme",
};

export const removedReason = "Retiré de la proposition par l'équipe d'animation";

export type Edit = { ok: true; proposal: Proposal } | { ok: false; message: string };

const refuse = (message: string): Edit => ({ ok: false, message });

function withPairs(proposal: Proposal, pairs: ProposalPair[], unmatched: UnmatchedMentee[]) {
  return {
    ...proposal,
    pairs,
    unmatched,
    totalScore: pairs.reduce((total, pair) => total + pair.score, 0),
  };
}

function fitOrRefusal(
  roster: CohortRoster,
  menteeId: string,
  mentorId: string,
): { score: number; explanation: string } | { message: string } {
  const mentee = roster.mentees.get(menteeId);
  if (!mentee) return { message: "Ce cadre n'est pas à apparier dans cette vague." };
  const mentor = roster.mentors.get(mentorId);
  if (!mentor) {
    return {
      message: "Ce mentor n'est pas disponible : il doit être retenu et avoir encore de la place.",
    };
  }
  const fit = evaluateFit(mentee, mentor, roster.settings);
  if (!fit.allowed) return { message: `Binôme impossible : ${blockerMessages[fit.blocker]}.` };
  return { score: fit.score, explanation: fit.explanation };
}

/** Pure: the two mentees exchange their mentors, if both new pairs are allowed. */
export function swapMentors(
  proposal: Proposal,
  roster: CohortRoster,
  first: string,
  second: string,
): Edit {
  const a = proposal.pairs.find((pair) => pair.menteeId === first);
  const b = proposal.pairs.find((pair) => pair.menteeId === second);
  if (!a || !b) return refuse("Les deux cadres doivent avoir un binôme dans la proposition.");
  if (a.mentorId === b.mentorId) return refuse("Ces deux cadres ont déjà le même mentor.");
  const newA = fitOrRefusal(roster, a.menteeId, b.mentorId);
  if ("message" in newA) return refuse(newA.message);
  const newB = fitOrRefusal(roster, b.menteeId, a.mentorId);
  if ("message" in newB) return refuse(newB.message);
  const pairs = proposal.pairs.map((pair) => {
    if (pair === a) return { menteeId: a.menteeId, mentorId: b.mentorId, ...newA, forced: true };
    if (pair === b) return { menteeId: b.menteeId, mentorId: a.mentorId, ...newB, forced: true };
    return pair;
  });
  return { ok: true, proposal: withPairs(proposal, pairs, proposal.unmatched) };
}

/** Pure: the mentee leaves the proposal and waits for a later round. */
export function removePair(proposal: Proposal, menteeId: string): Edit {
  if (!proposal.pairs.some((pair) => pair.menteeId === menteeId)) {
    return refuse("Ce cadre n'a pas de binôme dans la proposition.");
  }
  return {
    ok: true,
    proposal: withPairs(
      proposal,
      proposal.pairs.filter((pair) => pair.menteeId !== menteeId),
      [...proposal.unmatched, { menteeId, reason: removedReason }],
    ),
  };
}

/**
 * Pure: the team imposes a pair. The hard constraints still hold (formats, themes, line of
 * management, exclusions, capacity); a refusal says which one.
 */
export function forcePair(
  proposal: Proposal,
  roster: CohortRoster,
  menteeId: string,
  mentorId: string,
): Edit {
  const fit = fitOrRefusal(roster, menteeId, mentorId);
  if ("message" in fit) return refuse(fit.message);
  const capacity = roster.mentors.get(mentorId)?.capacity ?? 0;
  const load = proposal.pairs.filter(
    (pair) => pair.mentorId === mentorId && pair.menteeId !== menteeId,
  ).length;
  if (load >= capacity) {
    return refuse(
      `Ce mentor est déjà complet (${capacity} ${capacity > 1 ? "places" : "place"}) : retirez d'abord un de ses binômes.`,
    );
  }
  const pair: ProposalPair = { menteeId, mentorId, ...fit, forced: true };
  const others = proposal.pairs.filter((item) => item.menteeId !== menteeId);
  return {
    ok: true,
    proposal: withPairs(
      proposal,
      [...others, pair],
      proposal.unmatched.filter((item) => item.menteeId !== menteeId),
    ),
  };
}

export async function getProposal(cohortId: string): Promise<Proposal | undefined> {
  const result = await documents.send(
    new GetCommand({
      TableName: env.tableName,
      Key: keys.matchingProposal(cohortId),
      ConsistentRead: true,
    }),
  );
  if (!result.Item) return undefined;
  const { pk: _pk, sk: _sk, kind: _kind, content, ...summary } = result.Item;
  const { pairs, unmatched } = JSON.parse(gunzipSync(content as Uint8Array).toString("utf8"));
  return { ...(summary as Omit<Proposal, "pairs" | "unmatched">), pairs, unmatched };
}

class StaleProposal extends Error {}

/**
 * The pairs and reasons are stored gzipped: for 2,000 mentees and 700 mentors they make about
 * 490 kB of JSON, more than a DynamoDB item holds (400 kB), and 87 kB compressed (measured).
 */
function stored(proposal: Proposal) {
  const { pairs, unmatched, ...summary } = proposal;
  return { ...summary, content: gzipSync(JSON.stringify({ pairs, unmatched })) };
}

async function saveProposal(proposal: Proposal, previousVersion: number | undefined) {
  const saved = await conditionally(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...keys.matchingProposal(proposal.cohortId),
        kind: "proposal",
        ...stored(proposal),
      },
      ConditionExpression:
        previousVersion === undefined ? "attribute_not_exists(pk)" : "version = :previous",
      ExpressionAttributeValues:
        previousVersion === undefined ? undefined : { ":previous": previousVersion },
    }),
  );
  if (!saved) throw new StaleProposal();
}

const staleMessage =
  "La proposition a changé entre-temps (quelqu'un d'autre l'a modifiée) : rechargez-la et recommencez.";

/** Runs the matching on the cohort's mentees without a pair and stores it as the new draft. */
export async function propose(
  cohortId: string,
): Promise<{ ok: true; proposal: Proposal } | { ok: false; message: string }> {
  const [roster, previous] = await Promise.all([loadRoster(cohortId), getProposal(cohortId)]);
  const started = Date.now();
  const result = proposeMatching([...roster.mentees.values()], [...roster.mentors.values()], {
    ...roster.settings,
  });
  const now = clock.now().toISOString();
  const proposal: Proposal = {
    cohortId,
    status: "draft",
    pairs: result.pairs,
    unmatched: result.unmatched,
    totalScore: result.totalScore,
    version: (previous?.version ?? 0) + 1,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await saveProposal(proposal, previous?.version);
  } catch (error) {
    if (error instanceof StaleProposal) return { ok: false, message: staleMessage };
    throw error;
  }
  logger.info("Matching proposed", {
    cohortId,
    mentees: roster.mentees.size,
    mentors: roster.mentors.size,
    pairs: proposal.pairs.length,
    milliseconds: Date.now() - started,
  });
  return { ok: true, proposal };
}

export type ProposalEdit =
  | { action: "swap"; menteeIds: [string, string] }
  | { action: "remove"; menteeId: string }
  | { action: "force"; menteeId: string; mentorId: string };

/** Applies one review change to the cohort's draft proposal. */
export async function editProposal(
  cohortId: string,
  edit: ProposalEdit,
  expectedVersion?: number,
): Promise<Edit | { ok: false; message: string; notFound: true }> {
  const proposal = await getProposal(cohortId);
  if (!proposal) {
    return { ok: false, notFound: true, message: "Aucune proposition pour cette vague." };
  }
  if (proposal.status !== "draft") {
    return refuse("Cette proposition est déjà confirmée : lancez un nouvel appariement.");
  }
  if (expectedVersion !== undefined && expectedVersion !== proposal.version) {
    return refuse(staleMessage);
  }
  const roster = edit.action === "remove" ? undefined : await loadRoster(cohortId);
  const outcome =
    edit.action === "remove"
      ? removePair(proposal, edit.menteeId)
      : edit.action === "swap"
        ? swapMentors(proposal, roster as CohortRoster, edit.menteeIds[0], edit.menteeIds[1])
        : forcePair(proposal, roster as CohortRoster, edit.menteeId, edit.mentorId);
  if (!outcome.ok) return outcome;
  const next: Proposal = {
    ...outcome.proposal,
    version: proposal.version + 1,
    updatedAt: clock.now().toISOString(),
  };
  try {
    await saveProposal(next, proposal.version);
  } catch (error) {
    if (error instanceof StaleProposal) return refuse(staleMessage);
    throw error;
  }
  logger.info("Matching proposal edited", { cohortId, action: edit.action });
  return { ok: true, proposal: next };
}

export type ConfirmOutcome =
  | {
      ok: true;
      proposal: Proposal;
      pairs: (ConfirmedPair & { started: boolean })[];
      /** Executions started by this call (0 when the proposal was already confirmed). */
      startedCount: number;
    }
  | { ok: false; message: string; notFound?: true };

/**
 * Confirms the cohort's proposal: one workflow execution per pair. The proposal is marked
 * confirmed only after every pair started, so a confirmation cut short is completed by the next
 * one; starting is idempotent per pair id, so a second confirmation starts nothing new.
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
  }
  const pairs: (ConfirmedPair & { started: boolean })[] = [];
  for (const pair of proposal.pairs) {
    const pairId = pairIdFor(cohortId, pair.menteeId);
    const result = await startPair({
      pairId,
      cohortId,
      menteeId: pair.menteeId,
      mentorId: pair.mentorId,
    });
    pairs.push({
      pairId,
      menteeId: pair.menteeId,
      mentorId: pair.mentorId,
      started: result.started,
    });
  }
  let confirmed = proposal;
  if (proposal.status === "draft") {
    const now = clock.now().toISOString();
    confirmed = {
      ...proposal,
      status: "confirmed",
      confirmedAt: now,
      updatedAt: now,
      version: proposal.version + 1,
    };
    try {
      await saveProposal(confirmed, proposal.version);
    } catch (error) {
      // Someone confirmed at the same moment: their record stands, the pairs are the same.
      if (!(error instanceof StaleProposal)) throw error;
      confirmed = (await getProposal(cohortId)) ?? confirmed;
    }
  }
  const startedCount = pairs.filter((pair) => pair.started).length;
  logger.info("Matching confirmed", { cohortId, pairs: pairs.length, started: startedCount });
  return { ok: true, proposal: confirmed, pairs, startedCount };
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
