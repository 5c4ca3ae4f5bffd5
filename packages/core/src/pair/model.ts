import type { ObjectivesReached } from "../links";

/**
 * The pair ("binôme") as the rest of the code sees it: shared by the workflow (which moves a pair
 * through its phases) and the programme team's pages (which read and act on pairs).
 */

export type PairPhase =
  | "introduction"
  | "preparation"
  | "sessions"
  | "pause"
  | "follow-up"
  | "closure"
  | "closed";

export type PairStatus = "active" | "paused" | "closed" | "cancelled" | "failed";

/**
 * How a pair ended, as people would say it: completed (its meetings took place, with or without
 * every self-evaluation), stopped by the workflow on its own (silence, missed meetings), or
 * cancelled by the programme team. A stopped pair has the status `cancelled` (the workflow ends
 * it the same way); only `outcome` tells the two apart.
 */
export type PairOutcome = "completed" | "stopped" | "cancelled";

/** Why the workflow stopped a pair by itself. */
export type StopCause =
  | { kind: "silence"; step: string }
  | { kind: "no-shows"; step: string; attempts: number };

/** The settings a cohort gives each of its pairs, fixed when the pair starts. */
export type CohortSettings = {
  sessions: number;
  pauseMonths: number;
  reminderHoursBefore: number;
  allowSameManagementLine: boolean;
};

export type Pair = {
  id: string;
  cohortId: string;
  menteeId: string;
  mentorId: string;
  phase: PairPhase;
  status: PairStatus;
  /** Set when a participant stayed silent past the nudges, or a step failed. */
  needsAttention: boolean;
  settings: CohortSettings;
  sessionsPlanned: number;
  sessionsDone: number;
  /** The step the execution waits on, if any (the task token itself is never exposed). */
  waitingOn?: { step: string; purpose: string; since: string };
  executionName: string;
  objectives?: string;
  mentorHours?: number;
  /** Before/after comfort per theme (1–4): before from the questionnaire, after from closure. */
  selfEvaluation?: {
    before: Record<string, number>;
    after?: Record<string, number>;
    /** The manager's closing comment, for the programme team. */
    comment?: string;
    objectivesReached?: ObjectivesReached;
  };
  /** One-minute feedback scores (1–5) the mentor gave after meetings. */
  feedbackScores?: number[];
  /** The same, given by the manager (the comments stay on each meeting). */
  menteeFeedbackScores?: number[];
  cancelReason?: string;
  /** Set when the pair ends (see `outcomeOf` for pairs that ended before it existed). */
  outcome?: PairOutcome;
  /** Set when the workflow stopped the pair on its own. */
  stopCause?: StopCause;
  /** The closing self-evaluations that never came: the pair closed as completed without them. */
  missingEvaluations?: ("mentor" | "mentee")[];
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  /** The mentor the pair started with (a reassignment changes `mentorId` only). */
  firstMentorId?: string;
  /** The mentor's closing evaluation: the mentee's progress as the mentor sees it. */
  mentorEvaluation?: {
    comfort: Record<string, number>;
    experience?: number;
    comment?: string;
    objectivesReached?: ObjectivesReached;
  };
  /** When the pause ends and the follow-up session is asked for. */
  pauseEndsAt?: string;
  /** A stopped or cancelled pair whose manager the team paired again: the new pair. */
  pairedAgain?: { pairId: string; mentorId: string; at: string };
  /** The stopped or cancelled pair this one follows (the same manager, paired again). */
  follows?: string;
};

export type HistoryActor = "mentee" | "mentor" | "team" | "system";

/** One line of a pair's append-only history. */
export type HistoryEntry = {
  pairId: string;
  at: string;
  actor: HistoryActor;
  event: string;
  detail?: Record<string, string | number | boolean>;
};

/** How the pair ended, or undefined while it runs (a failed step is an incident, not an end). */
export function outcomeOf(pair: Pick<Pair, "status" | "outcome">): PairOutcome | undefined {
  if (pair.outcome) return pair.outcome;
  if (pair.status === "closed") return "completed";
  if (pair.status === "cancelled") return "cancelled";
  return undefined;
}
