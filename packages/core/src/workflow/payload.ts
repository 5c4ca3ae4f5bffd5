/**
 * The one payload shared by the state machine (which builds it in each Task's parameters) and the
 * pair steps Lambda (which dispatches on `action`). Changing a field here changes both sides.
 */

/** Tasks that run and return at once. */
export type ImmediateAction =
  | "introduce"
  | "invite"
  | "remind"
  | "record-no-show"
  | "nudge"
  | "give-up"
  | "close"
  | "plan-pause"
  | "record-failure";

/** Tasks that store their token and wait for a person (or a time) to resolve it. */
export type WaitingAction = "await";

export type StepAction = ImmediateAction | WaitingAction;

/** What a waiting task waits for: the kinds of answers (link purposes) that resolve it. */
export type WaitPurpose =
  | "schedule"
  | "confirm"
  | "objectives"
  | "self-evaluation"
  /** No one is asked: the session's own time, or a change to it (reschedule, cancel-session). */
  | "session-time";

export type StepPayload = {
  action: StepAction;
  pairId: string;
  /** "preparation", "session-1"…"session-10", "follow-up", "closure", or the chapter for tasks. */
  step?: string;
  purpose?: WaitPurpose;
  /** Set by Step Functions from `$$.Task.Token` on waiting tasks only; never leaves the server. */
  taskToken?: string;
  /** `$$.Execution.StartTime`, on the meeting's timers: a date too far off goes to a fresh execution. */
  executionStartedAt?: string;
  /** `$$.Execution.Name`: the fresh execution that takes over is named after this one. */
  executionName?: string;
  /** On `record-failure`: what the Catch put at `$.failure`. */
  failure?: { Error?: string; Cause?: string };
};

/** What `record-no-show` returns: ask for a new date, or end the pair (see `noShowRule`). */
export type NoShowOutcome = { noShows: number; decision: "ask-again" | "end" };

/**
 * What `invite` and `remind` return: how long the meeting's next timer waits (until its reminder,
 * then until its end). `handOver`, from `remind` only: the meeting ends after this execution's
 * time, a fresh execution of the same chapter waits for it.
 */
export type MeetingTimer = { timeoutSeconds: number; handOver?: NextChapter };

/**
 * The input of every execution: which chapter of the pair it runs. A meeting's chapter is named
 * after its step ("preparation", "session-2", "follow-up"), which the meeting states pass on to
 * every task; the other chapter is "pause".
 */
export type ChapterInput = {
  pairId: string;
  chapter: string;
  /** Set when a meeting goes on in a fresh execution: it starts again at its invitation. */
  resume?: "timer";
};

/** Given back to the execution when a meeting is confirmed: where the pair goes next. */
export type NextChapter = { chapter: string; executionName: string; resume?: "timer" };

/** The error names the state machine catches by name (thrown by the handlers, or sent as failures). */
export const workflowErrors = {
  cancelled: "PairCancelled",
  reassigned: "PairReassigned",
  transient: "TransientStepError",
  /** A session moved (or called off) just as its time came: back to its invitation (or date). */
  meetingMoved: "MeetingMoved",
  meetingCalledOff: "MeetingCalledOff",
} as const;

export const waitingTaskTimeoutSeconds = 7 * 24 * 60 * 60;
