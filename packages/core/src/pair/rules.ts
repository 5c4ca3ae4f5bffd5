import type { MeetingTimer, NextChapter } from "../workflow/payload";
import type { Pair } from "./model";

/**
 * The pure rules of a pair's life: which meetings it has, what is due next for a session, when to
 * nudge, escalate or give up, and when a meeting goes on in a fresh execution. No I/O here.
 */

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The silence rule for a step waiting on a person, whose waiting task times out every week
 * (`waitingTaskTimeoutSeconds`): each timeout is counted, and decides what follows.
 */
export const silence = {
  /** Timeouts 1 and 2 nudge the person, 3 alerts the programme team, 5 ends the pair. */
  nudges: 2,
  escalateAt: 3,
  giveUpAt: 5,
} as const;

export type SilenceDecision = "nudge" | "escalate" | "wait" | "give-up";

export function decideAfterSilence(timeouts: number): SilenceDecision {
  if (timeouts <= silence.nudges) return "nudge";
  if (timeouts === silence.escalateAt) return "escalate";
  if (timeouts < silence.giveUpAt) return "wait";
  return "give-up";
}

/** A session can be moved this many times; then the link says to contact the programme team. */
export const maxReschedules = 5;

/**
 * How long a chapter's execution may wait for its meeting, counted from the execution's start; a
 * meeting that ends later goes on in a fresh execution of the same chapter. What may follow the
 * meeting's end in the same execution (its confirmation, then the objectives, the self-evaluations
 * or a new date after a no-show: two silences of at most five weeks each) still fits in a Standard
 * execution's year (see tests/workflow/limits.test.ts).
 */
export const meetingHandOverAfterDays = 240;

/** The longest pause a cohort may set: a pause runs in an execution of its own. */
export const maxPauseMonths = 9;

export type MeetingStep = "preparation" | `session-${number}` | "follow-up";

export const sessionStep = (index: number): MeetingStep => `session-${index}`;

/**
 * Execution names derive from the pair id: one name per chapter, so a chapter never runs twice.
 * The first chapter (introduction and preparation call) is named after the pair itself; a meeting
 * handed over to a fresh execution adds its part ("…--session-2--2").
 */
export function executionName(pairId: string, chapter: string, part = 1): string {
  if (part > 1) return `${pairId}--${chapter}--${part}`;
  return chapter === "preparation" ? pairId : `${pairId}--${chapter}`;
}

/** The fresh execution that takes over a meeting from the execution named `current`. */
export function handOverOf(pairId: string, step: string, current: string): NextChapter {
  const part = Number(/--(\d+)$/.exec(current)?.[1] ?? 1);
  return { chapter: step, resume: "timer", executionName: executionName(pairId, step, part + 1) };
}

/** The chapter after a confirmed meeting. */
export function chapterAfter(step: string, sessionsPlanned: number): string {
  if (step === "preparation") return sessionStep(1);
  if (step === "follow-up") return "closure";
  const index = Number(step.replace("session-", ""));
  return index < sessionsPlanned ? sessionStep(index + 1) : "pause";
}

export function nextChapter(pairId: string, step: string, sessionsPlanned: number): NextChapter {
  const chapter = chapterAfter(step, sessionsPlanned);
  return { chapter, executionName: executionName(pairId, chapter) };
}

export type ScheduledSession = {
  startsAt: string;
  durationMinutes: number;
  version: number;
  /** The version whose reminder was sent: a moved session is reminded again, at its new time. */
  remindedVersion?: number;
};

type MeetingClock = { session: ScheduledSession; now: Date; reminderHoursBefore: number };

const hourMs = 60 * 60 * 1000;
const startOf = (session: ScheduledSession) => new Date(session.startsAt).getTime();
const endOf = (session: ScheduledSession) => startOf(session) + session.durationMinutes * 60_000;
const secondsUntil = (at: number, now: Date) => Math.max(1, Math.ceil((at - now.getTime()) / 1000));
/** When the execution started at `startedAt` must have handed its meeting over. */
const deadlineOf = (startedAt: string | undefined) =>
  startedAt ? new Date(startedAt).getTime() + meetingHandOverAfterDays * dayMs : Infinity;

/** The reminder of the meeting's current version goes now: it is time, and the meeting is ahead. */
export function isReminderDue({ session, now, reminderHoursBefore }: MeetingClock): boolean {
  const remindAt = startOf(session) - reminderHoursBefore * hourMs;
  return (
    session.remindedVersion !== session.version &&
    now.getTime() >= remindAt &&
    now.getTime() < startOf(session)
  );
}

/**
 * The first timer of a scheduled meeting (after its invitation): until its reminder is due, at
 * once when that time has passed or the reminder of this version went already; never past the
 * time its execution may wait (`meetingHandOverAfterDays`).
 */
export function planReminderTimer(
  input: MeetingClock & { executionStartedAt?: string },
): MeetingTimer {
  const { session, now } = input;
  const reminderAhead =
    session.remindedVersion !== session.version && now.getTime() < startOf(session);
  const remindAt = reminderAhead
    ? startOf(session) - input.reminderHoursBefore * hourMs
    : now.getTime();
  return {
    timeoutSeconds: secondsUntil(Math.min(remindAt, deadlineOf(input.executionStartedAt)), now),
  };
}

/**
 * The second timer (after the reminder): until the meeting has ended, when the confirmation is
 * asked. A meeting that ends after the time its execution may wait is handed over instead.
 */
export function planEndTimer(input: {
  session: ScheduledSession;
  now: Date;
  execution: { startedAt?: string; name: string; pairId: string; step: string };
}): MeetingTimer {
  const { session, now, execution } = input;
  if (endOf(session) > deadlineOf(execution.startedAt)) {
    return {
      timeoutSeconds: 1,
      handOver: handOverOf(execution.pairId, execution.step, execution.name),
    };
  }
  return { timeoutSeconds: secondsUntil(endOf(session), now) };
}

export function pauseEnd(lastSessionAt: Date, pauseMonths: number): Date {
  const end = new Date(lastSessionAt);
  end.setUTCMonth(end.getUTCMonth() + Math.min(pauseMonths, maxPauseMonths));
  return end;
}

/** A pair on hold when its pause ends is looked at again this many days later, until it resumes. */
export const onHoldLookAgainDays = 7;

/** The pause is one wait until its end; `ended` once that has come and the pair is not on hold. */
export function planPause(input: { endsAt: Date; now: Date; onHold: boolean }): {
  wakeAt: string;
  ended: boolean;
} {
  const { endsAt, now } = input;
  if (now.getTime() < endsAt.getTime()) return { wakeAt: endsAt.toISOString(), ended: false };
  if (!input.onHold) return { wakeAt: now.toISOString(), ended: true };
  const later = new Date(now.getTime() + onHoldLookAgainDays * dayMs);
  return { wakeAt: later.toISOString(), ended: false };
}

/**
 * A meeting reported as not having taken place is asked for again; the second time, the
 * programme team is alerted (the mentor is still asked for a new date, the team follows up);
 * the third time, the pair ends and both are told. Three attempts at one meeting are plenty, and
 * the cap bounds the execution (see tests/workflow/limits.test.ts).
 */
export const noShowRule = { escalateAt: 2, endAt: 3 } as const;

export type NoShowDecision = "ask-again" | "escalate" | "end";

export function decideAfterNoShow(noShows: number): NoShowDecision {
  if (noShows >= noShowRule.endAt) return "end";
  if (noShows === noShowRule.escalateAt) return "escalate";
  return "ask-again";
}

type WaitState = {
  token: string;
  step: string;
  purpose: string;
  since: string;
  timeouts: number;
  lastTimedOutToken?: string;
  answeredBy: string[];
  resolvedAt?: string;
  output?: Record<string, unknown>;
  deliveredTo?: string;
  stoppedToken?: string;
  revision?: number;
};

export type NextWait<W extends WaitState> =
  /** Store `wait`; `deliver`: hand its resolved answer to the new token at once. */
  | { kind: "wait"; wait: W; deliver: boolean }
  /** The session was moved or called off just as its time came: go back to the session. */
  | { kind: "meeting-changed"; change: "reschedule" | "cancel-session" };

/**
 * What a new waiting token of a pair finds, and keeps, of the previous wait. An answer recorded
 * for the previous token of the same step is taken over only when that token stopped waiting
 * without it (it timed out, or failed for a new mentor); otherwise that token took it, and the
 * new wait starts clean. A session changed at the very moment its time came (its timer had ended,
 * the execution now asks whether it took place) sends the execution back to the session.
 */
export function nextWait<W extends WaitState>(
  previous: W | undefined,
  incoming: { token: string; step: string; purpose: string; now: Date },
): NextWait<W> {
  const { token, step, purpose, now } = incoming;
  const sameStep = previous?.step === step;
  const same = sameStep && previous?.purpose === purpose;
  if (previous && same && previous.token === token) {
    // The same task again (a retry): keep everything; deliver what it has not received.
    return {
      kind: "wait",
      wait: previous,
      deliver: Boolean(previous.resolvedAt) && previous.deliveredTo !== token,
    };
  }
  const untaken = Boolean(previous?.resolvedAt) && previous?.stoppedToken === previous?.token;
  if (previous && sameStep && previous.purpose === "session-time" && purpose === "confirm") {
    // The timer ended straight into this wait: an answer it holds never reached the execution.
    const change = previous.output?.purpose;
    if (previous.resolvedAt && (change === "reschedule" || change === "cancel-session")) {
      return { kind: "meeting-changed", change };
    }
  }
  const fresh = {
    token,
    step,
    purpose,
    since: same && previous ? previous.since : now.toISOString(),
    timeouts: same && previous ? previous.timeouts : 0,
    ...(same && previous?.lastTimedOutToken
      ? { lastTimedOutToken: previous.lastTimedOutToken }
      : {}),
    answeredBy: same && previous && !previous.resolvedAt ? previous.answeredBy : [],
  } as W;
  if (previous && same && untaken) {
    return {
      kind: "wait",
      wait: {
        ...fresh,
        answeredBy: previous.answeredBy,
        resolvedAt: previous.resolvedAt,
        output: previous.output,
        ...(previous.deliveredTo ? { deliveredTo: previous.deliveredTo } : {}),
      },
      deliver: true,
    };
  }
  return { kind: "wait", wait: fresh, deliver: false };
}

// ---------------------------------------------------------------------------------------------
// Retention
// ---------------------------------------------------------------------------------------------

/** A pair holds its participants' data until it is closed or cancelled (a failed one may resume). */
export const isRunning = (pair: Pick<Pair, "status">) =>
  pair.status !== "closed" && pair.status !== "cancelled";

/** A pair takes its mentor's time while under way or paused (a failed one waits for the team). */
export const takesMentorTime = (pair: Pick<Pair, "status">) =>
  pair.status === "active" || pair.status === "paused";

/** Every mentor a pair had: the first, the current one, and those a reassignment moved. */
export function pairMentorIds(
  pair: Pick<Pair, "mentorId" | "firstMentorId">,
  history: { event: string; detail?: Record<string, unknown> }[],
): string[] {
  const moved = history
    .filter((entry) => entry.event === "mentor.reassigned")
    .flatMap((entry) => [entry.detail?.from, entry.detail?.to])
    .filter((id): id is string => typeof id === "string");
  return [...new Set([pair.firstMentorId ?? pair.mentorId, ...moved, pair.mentorId])];
}
