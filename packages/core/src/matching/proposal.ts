import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { BatchWriteCommand, type BatchWriteCommandOutput, PutCommand } from "@aws-sdk/lib-dynamodb";
import { conditionally, documents, getItem, queryAll } from "../clients/dynamodb";
import { clock } from "../clock";
import { getCohortOrDefaults } from "../cohort";
import { countName } from "../counts";
import { readCounts } from "../counts-store";
import { env } from "../env";
import { keys } from "../keys";
import { listMentors, type MentorRecord } from "../mentor";
import { errorForLog, logger } from "../observability";
import type { Pair } from "../pair/model";
import { listPairs } from "../pair/store";
import { listQuestionnaires, type QuestionnaireRecord } from "../questionnaire";
import { canBeMatched } from "../selection";
import {
  type Blocker,
  cohortProblem,
  compileCohort,
  evaluateFit,
  type FitDetails,
  type Level,
  type MatchingMentee,
  type MatchingMentor,
  type MatchingSettings,
  type MeetingFormat,
  type PricingOptions,
  type ProposedPair,
  proposeMatching,
  type UnmatchedMentee,
  verifyOptimal,
} from "./index";
import type { JobProgress } from "./job";

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
  /** Storage: the version whose pieces hold the pairs and reasons, and how many pieces. */
  partsVersion?: number;
  partCount?: number;
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

export async function loadRoster(
  cohortId: string,
  onQuestionnaires?: (read: number) => Promise<void>,
): Promise<CohortRoster> {
  const [cohort, questionnaires, mentors, pairs] = await Promise.all([
    getCohortOrDefaults(cohortId),
    listQuestionnaires(cohortId, onQuestionnaires),
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

export function fitOrRefusal(
  roster: CohortRoster,
  menteeId: string,
  mentorId: string,
): { score: number; explanation: string; details: FitDetails } | { message: string } {
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
  return { score: fit.score, explanation: fit.explanation, details: fit.details };
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

type StoredPart = { pk: string; sk: string; index: number; content: Uint8Array };

/** How many pairs or reasons one stored piece holds: about 30 kB gzipped, far from 400 kB. */
export const proposalPartSize = 500;

export async function getProposal(cohortId: string): Promise<Proposal | undefined> {
  const summary = await getItem<Record<string, unknown>>(keys.matchingProposal(cohortId));
  if (!summary) return undefined;
  const { pk: _pk, sk: _sk, kind: _kind, ...fields } = summary;
  const head = fields as Omit<Proposal, "pairs" | "unmatched">;
  const where = keys.matchingProposalParts(cohortId, head.partsVersion ?? head.version);
  const parts = await queryAll<StoredPart>({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": where.pk, ":prefix": where.skPrefix },
    ConsistentRead: true,
  });
  const pairs: ProposalPair[] = [];
  const unmatched: UnmatchedMentee[] = [];
  // A save cut short may have left more pieces under this version than the summary counts.
  for (const part of parts.filter((item) => item.index < (head.partCount ?? 0))) {
    const piece = JSON.parse(gunzipSync(part.content).toString("utf8"));
    pairs.push(...(piece.pairs ?? []));
    unmatched.push(...(piece.unmatched ?? []));
  }
  return { ...head, pairs, unmatched };
}

export class StaleProposal extends Error {}

/**
 * The pairs and reasons are stored in pieces of `proposalPartSize`, gzipped: 30,000 mentees make
 * megabytes of JSON, and a DynamoDB item holds 400 kB. The pieces of a version are written first,
 * then the summary that points at that version, conditionally on the version it replaces: a
 * reader never sees a version whose pieces are not all there.
 */
function pieces(proposal: Proposal): Uint8Array[] {
  const chunks: { pairs?: ProposalPair[]; unmatched?: UnmatchedMentee[] }[] = [];
  for (let at = 0; at < proposal.pairs.length; at += proposalPartSize) {
    chunks.push({ pairs: proposal.pairs.slice(at, at + proposalPartSize) });
  }
  for (let at = 0; at < proposal.unmatched.length; at += proposalPartSize) {
    chunks.push({ unmatched: proposal.unmatched.slice(at, at + proposalPartSize) });
  }
  return chunks.map((chunk) => gzipSync(JSON.stringify(chunk)));
}

async function writeAll(requests: Record<string, unknown>[]): Promise<void> {
  for (let at = 0; at < requests.length; at += 25) {
    let pending: Record<string, unknown>[] | undefined = requests.slice(at, at + 25);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error("DynamoDB kept refusing part of a batch write");
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result: BatchWriteCommandOutput = await documents.send(
        new BatchWriteCommand({ RequestItems: { [env.tableName]: pending } }),
      );
      pending = result.UnprocessedItems?.[env.tableName] as Record<string, unknown>[] | undefined;
    }
  }
}

async function queryParts(cohortId: string, version: number): Promise<StoredPart[]> {
  const where = keys.matchingProposalParts(cohortId, version);
  return queryAll<StoredPart>({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": where.pk, ":prefix": where.skPrefix },
    ProjectionExpression: "pk, sk, #index",
    ExpressionAttributeNames: { "#index": "index" },
  });
}

/**
 * Saves the summary and, when the pairs or reasons changed, a new set of pieces (under the new
 * version; a status change keeps pointing at the pieces it had). The previous pieces are then
 * deleted; a deletion cut short only leaves pieces nothing points at.
 */
export async function saveProposal(
  proposal: Proposal,
  previous: Proposal | undefined,
  options: { contentChanged: boolean } = { contentChanged: true },
) {
  const { pairs: _pairs, unmatched: _unmatched, ...summary } = proposal;
  const parts = options.contentChanged || !previous ? pieces(proposal) : [];
  const partsVersion =
    parts.length > 0 || !previous ? proposal.version : (previous.partsVersion ?? previous.version);
  await writeAll(
    parts.map((content, index) => ({
      PutRequest: {
        Item: {
          ...keys.matchingProposalPart(proposal.cohortId, proposal.version, index),
          kind: "proposalPart",
          index,
          content,
        },
      },
    })),
  );
  const partCount = parts.length > 0 || !previous ? parts.length : undefined;
  const saved = await conditionally(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...keys.matchingProposal(proposal.cohortId),
        kind: "proposal",
        ...summary,
        partsVersion,
        partCount: partCount ?? previous?.partCount ?? 0,
      },
      ConditionExpression:
        previous === undefined ? "attribute_not_exists(pk)" : "version = :previous",
      ExpressionAttributeValues:
        previous === undefined ? undefined : { ":previous": previous.version },
    }),
  );
  if (!saved) throw new StaleProposal();
  proposal.partsVersion = partsVersion;
  proposal.partCount = partCount ?? previous?.partCount ?? 0;
  const stale = previous && partsVersion !== (previous.partsVersion ?? previous.version);
  if (stale) {
    try {
      const old = await queryParts(proposal.cohortId, previous.partsVersion ?? previous.version);
      await writeAll(old.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })));
    } catch (error) {
      logger.warn("Old proposal pieces left in place", {
        cohortId: proposal.cohortId,
        error: errorForLog(error),
      });
    }
  }
}

export const staleMessage =
  "La proposition a changé entre-temps (quelqu'un d'autre l'a modifiée) : rechargez-la et recommencez.";

export const unprovedMessage =
  "L'appariement n'a pas pu être prouvé optimal : prévenez l'exploitation.";

/**
 * Runs the matching on the cohort's mentees without a pair, checks on its own that no assignment
 * scores more (the dual certificate over every allowed pair, from a fresh compilation of the fit
 * rules) and stores it as the new draft; `report` hears where it is.
 */
export async function propose(
  cohortId: string,
  options: PricingOptions = {},
  report: (progress: JobProgress) => Promise<void> = async () => undefined,
): Promise<{ ok: true; proposal: Proposal } | { ok: false; message: string }> {
  // The maintained count says how many there are; without one (records from before the counts)
  // the page says how many have been read, with no proportion.
  const counted = (await readCounts(cohortId))[countName.questionnaires] ?? 0;
  const total = (read: number) => (counted > 0 ? Math.max(counted, read) : undefined);
  await report({ phase: "reading", done: 0, total: total(0) });
  const [roster, previous] = await Promise.all([
    loadRoster(cohortId, (read) => report({ phase: "reading", done: read, total: total(read) })),
    getProposal(cohortId),
  ]);
  await report({ phase: "matching" });
  const started = Date.now();
  const mentees = [...roster.mentees.values()];
  const mentors = [...roster.mentors.values()];
  const result = proposeMatching(mentees, mentors, { ...roster.settings }, options);
  await report({ phase: "verifying" });
  const everyPair = cohortProblem(compileCohort(mentees, mentors, { ...roster.settings }));
  const verdict = verifyOptimal(everyPair, result, result.certificate);
  if (!verdict.ok) {
    logger.error("The matching was not proved optimal", { cohortId, reason: verdict.reason });
    return { ok: false, message: unprovedMessage };
  }
  await report({ phase: "saving" });
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
    await saveProposal(proposal, previous);
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
    await saveProposal(next, proposal);
  } catch (error) {
    if (error instanceof StaleProposal) return refuse(staleMessage);
    throw error;
  }
  logger.info("Matching proposal edited", { cohortId, action: edit.action });
  return { ok: true, proposal: next };
}
