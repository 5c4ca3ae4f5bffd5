/**
 * The one payload shared by the event workflow (stacks/workflow/EventWorkflow.ts, which builds it
 * in each Task's parameters) and the event steps Lambda (functions/workflow/event-steps.ts, which
 * dispatches on `action` and `kind`). An "event" is one occurrence of something a programme runs
 * for many people at once: a collective workshop, a BarNum'. Changing a field here changes both.
 */

/** The kinds of event that run on the event workflow; each brings its own steps (see steps.ts). */
export const eventKinds = ["workshop", "barnum", "network"] as const;
export type EventKind = (typeof eventKinds)[number];

/**
 * The input of an execution: one per event, named `eventExecutionName(kind, eventId)`, and one
 * more for each move that found the event's execution ended (see `eventExecutionName`).
 */
export type EventInput = { kind: EventKind; eventId: string };

/** Tasks that run and return at once. */
export type EventImmediateAction =
  /** Invitations (with their calendar file) for the event's current date, to everyone invited. */
  | "invite"
  | "remind"
  /** After a silence about the confirmation: a nudge, then the programme team, then the end. */
  | "nudge"
  | "request-feedback"
  | "close"
  /** The event was cancelled: the kind's cancellation notices (CANCEL, next SEQUENCE), once each. */
  | "tell-cancelled"
  | "record-failure";

export type EventAction = EventImmediateAction | "await";

/** What a waiting task waits for. */
export type EventWaitPurpose =
  /** No one is asked: the reminder's or the end's time, or a move or a cancellation. */
  | "event-time"
  /** The organisers (the workshop's two mentors, the BarNum' team) say whether it took place. */
  | "confirm";

export type EventStepPayload = {
  action: EventAction;
  kind: EventKind;
  eventId: string;
  purpose?: EventWaitPurpose;
  /** Set by Step Functions from `$$.Task.Token` on waiting tasks only; never leaves the server. */
  taskToken?: string;
  /** On `record-failure`: what the Catch put at `$.failure`. */
  failure?: { Error?: string; Cause?: string };
};

/** What `invite` and `remind` return: how long the next timed wait lasts (at least a second). */
export type EventTimer = { timeoutSeconds: number };

/** What `nudge` returns: wait again (after a nudge or the escalation), or end without an answer. */
export type EventSilence = { decision: "wait" | "end"; silences: number };

/** The answer that ends the confirmation wait (sent with SendTaskSuccess). */
export type EventConfirmation = { tookPlace: boolean; attendees?: number };

/** The error names the state machine catches by name (thrown by the steps, or sent as failures). */
export const eventWorkflowErrors = {
  /** The event was cancelled: its people are told (with the record, or by the last step), it stops. */
  cancelled: "EventCancelled",
  /** The event was moved: its invitations go again, with the calendar file's next SEQUENCE. */
  moved: "EventMoved",
  transient: "TransientStepError",
} as const;

/** How long the organisers have to say whether it took place before each nudge (3 days). */
export const eventConfirmationTimeoutSeconds = 3 * 24 * 60 * 60;

/** How long participants may give their feedback before the event is closed (7 days). */
export const eventFeedbackWindowSeconds = 7 * 24 * 60 * 60;

/**
 * The execution of an event, named after it; a move that finds it ended (failed, stopped) starts
 * a fresh one named after the date version it starts for ("…--2"), as Step Functions keeps a name
 * taken for 90 days. The name of the current one is kept with the run (`currentEventExecution`).
 * A second start of the same name is refused by Step Functions: a retried move starts one.
 */
export const eventExecutionName = (kind: EventKind, eventId: string, sequence = 0) =>
  sequence > 0 ? `${kind}-${eventId}--${sequence}` : `${kind}-${eventId}`;
