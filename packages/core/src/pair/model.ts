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
  selfEvaluation?: { before: Record<string, number>; after?: Record<string, number> };
  /** One-minute feedback scores (1–5) given after sessions. */
  feedbackScores?: number[];
  cancelReason?: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  /** The mentor the pair started with (a reassignment changes `mentorId` only). */
  firstMentorId?: string;
  /** The mentor's closing evaluation: the mentee's progress as the mentor sees it. */
  mentorEvaluation?: { comfort: Record<string, number>; experience?: number; comment?: string };
  /** When the pause ends and the follow-up session is asked for. */
  pauseEndsAt?: string;
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
