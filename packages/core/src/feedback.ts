import { loadCohortRecords } from "./admin/pairs";
import { fullName } from "./fields";
import type { LinkRecipient, ObjectivesReached } from "./links";
import type { Pair } from "./pair/model";
import { listMeetings, type MeetingRecord } from "./pair/store";
import type { Localised } from "./programme";

/**
 * A cohort's feedback, as the programme team reads it: every rating and every comment from both
 * roles at every step (after each meeting, the objectives agreed at the preparation call, the
 * closing self-evaluations), one line each, filtered by role and step. Pure but for the loader.
 */

export const feedbackSteps = ["preparation", "session", "follow-up", "closure"] as const;
export type FeedbackStep = (typeof feedbackSteps)[number];

export type FeedbackEntry = {
  pairId: string;
  menteeName: string;
  mentorName: string;
  role: LinkRecipient;
  /** The workflow step it was given at (`session-2`), named in words by the page. */
  step: string;
  kind: FeedbackStep;
  /** What the line is: a meeting's one-minute feedback, the objectives, the closing evaluation. */
  about: "meeting" | "objectives" | "closing";
  /** The meeting's date, for a meeting's feedback. */
  at?: string;
  /** 1–5: satisfaction after a meeting, the mentor's experience at closure. */
  rating?: number;
  tookPlace?: boolean;
  comment?: string;
  objectivesReached?: ObjectivesReached;
};

/** Who wrote a line, and what it is, in words: the feedback page and its CSV say the same. */
export const feedbackRoleLabel: Record<LinkRecipient, Localised> = {
  mentee: { fr: "Cadre", en: "Manager" },
  mentor: { fr: "Mentor", en: "Mentor" },
};

export const feedbackAboutLabel: Record<FeedbackEntry["about"], Localised> = {
  meeting: { fr: "Retour après le rendez-vous", en: "Feedback after the meeting" },
  objectives: { fr: "Objectifs convenus", en: "Agreed goals" },
  closing: { fr: "Auto-évaluation de clôture", en: "Closing self-evaluation" },
};

export type FeedbackFilter = { role?: LinkRecipient; step?: FeedbackStep };

const kindOf = (step: string): FeedbackStep =>
  step === "preparation" ? "preparation" : step === "follow-up" ? "follow-up" : "session";

/** Pure: the lines of one pair, in the order of its journey. */
export function feedbackOfPair(
  pair: Pair,
  meetings: MeetingRecord[],
  names: { menteeName: string; mentorName: string },
): FeedbackEntry[] {
  const base = { pairId: pair.id, ...names };
  const lines: FeedbackEntry[] = [];
  const ordered = [...meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  for (const meeting of ordered) {
    const kind = kindOf(meeting.step);
    const common = { ...base, step: meeting.step, kind, about: "meeting" as const };
    const mentor = meeting.mentorFeedback;
    if (mentor && (mentor.satisfaction !== undefined || mentor.comment)) {
      lines.push({
        ...common,
        role: "mentor",
        at: meeting.startsAt,
        ...(mentor.satisfaction !== undefined ? { rating: mentor.satisfaction } : {}),
        ...(mentor.comment ? { comment: mentor.comment } : {}),
      });
    }
    const mentee = meeting.menteeFeedback;
    if (mentee) {
      lines.push({
        ...common,
        role: "mentee",
        at: meeting.startsAt,
        ...(mentee.tookPlace !== undefined ? { tookPlace: mentee.tookPlace } : {}),
        ...(mentee.satisfaction !== undefined ? { rating: mentee.satisfaction } : {}),
        ...(mentee.comment ? { comment: mentee.comment } : {}),
      });
    }
    if (meeting.step === "preparation" && pair.objectives) {
      lines.push({
        ...base,
        role: "mentor",
        step: "preparation",
        kind: "preparation",
        about: "objectives",
        comment: pair.objectives,
      });
    }
  }
  const closingMentee = pair.selfEvaluation;
  if (closingMentee?.after || closingMentee?.comment || closingMentee?.objectivesReached) {
    lines.push({
      ...base,
      role: "mentee",
      step: "closure",
      kind: "closure",
      about: "closing",
      ...(closingMentee.comment ? { comment: closingMentee.comment } : {}),
      ...(closingMentee.objectivesReached
        ? { objectivesReached: closingMentee.objectivesReached }
        : {}),
    });
  }
  const closingMentor = pair.mentorEvaluation;
  if (closingMentor) {
    lines.push({
      ...base,
      role: "mentor",
      step: "closure",
      kind: "closure",
      about: "closing",
      ...(closingMentor.experience !== undefined ? { rating: closingMentor.experience } : {}),
      ...(closingMentor.comment ? { comment: closingMentor.comment } : {}),
      ...(closingMentor.objectivesReached
        ? { objectivesReached: closingMentor.objectivesReached }
        : {}),
    });
  }
  return lines;
}

/** Pure: the lines that match the filter. */
export const filterFeedback = (entries: FeedbackEntry[], filter: FeedbackFilter) =>
  entries.filter(
    (entry) =>
      (!filter.role || entry.role === filter.role) && (!filter.step || entry.kind === filter.step),
  );

/** Every line of a cohort's feedback, pair by pair. */
export async function loadCohortFeedback(cohortId: string): Promise<FeedbackEntry[]> {
  const records = await loadCohortRecords(cohortId);
  const names = new Map<string, string>();
  for (const record of records.questionnaires) names.set(record.id, fullName(record.answers));
  for (const record of records.mentors) names.set(record.id, fullName(record.answers));
  const perPair = await Promise.all(
    records.pairs.map(async (pair) =>
      feedbackOfPair(pair, await listMeetings(pair.id), {
        menteeName: names.get(pair.menteeId) ?? "—",
        mentorName: names.get(pair.mentorId) ?? "—",
      }),
    ),
  );
  return perPair.flat();
}
