import type { EventConfirmation, EventKind } from "./payload";

/**
 * What one kind of event (a workshop, a BarNum') brings to the event workflow: how to read where
 * it stands, and the emails of each step. The shared runner (run.ts) decides when each is due and
 * keeps the workflow's own record; a kind's emails are keyed per recipient and per `sequence` (the
 * date version), so a retried step queues nothing new and a move invites everyone again.
 */
export type EventState = {
  start: Date;
  end: Date;
  /** The date version: 0 when first set, one more at each move (the calendar file's SEQUENCE). */
  sequence: number;
  cancelled: boolean;
  /** How long before the start the reminder goes. */
  reminderLeadMs: number;
};

export interface EventKindSteps {
  load(eventId: string): Promise<EventState>;
  sendInvitations(eventId: string, sequence: number): Promise<void>;
  sendReminders(eventId: string, sequence: number): Promise<void>;
  /** The organisers are asked whether it took place, with their links. */
  askConfirmation(eventId: string, sequence: number): Promise<void>;
  /** The organisers' `silences`-th silence: a nudge (1), then the programme team (2). */
  nudgeOrganisers(eventId: string, silences: number): Promise<void>;
  escalate(eventId: string): Promise<void>;
  requestFeedback(eventId: string): Promise<void>;
  /** The end: `outcome` is absent when the organisers never answered. */
  close(eventId: string, outcome: EventConfirmation | undefined): Promise<void>;
  /**
   * The event was cancelled: everyone it concerns is told, once each (a retried step queues
   * nothing new). A kind that queues these with the cancellation itself leaves it out.
   */
  sendCancellations?(eventId: string, sequence: number): Promise<void>;
  /** A step failed after its retries: the programme team is told. */
  recordFailure(eventId: string, error: string): Promise<void>;
}

/** Each kind's steps, loaded when first needed (a kind's module may import the runner). */
const registry: Record<EventKind, () => Promise<EventKindSteps>> = {
  workshop: async () => (await import("./workshop/steps")).workshopSteps,
  barnum: async () => (await import("../barnum/event-steps")).barnumSteps,
  network: async () => (await import("../network/event-steps")).networkSteps,
};

const overrides = new Map<EventKind, EventKindSteps>();

/** Tests of the workflow itself may run it with steps of their own (`undefined` drops them). */
export function useEventKindSteps(kind: EventKind, steps: EventKindSteps | undefined) {
  if (steps) overrides.set(kind, steps);
  else overrides.delete(kind);
}

export const stepsOfKind = async (kind: EventKind): Promise<EventKindSteps> =>
  overrides.get(kind) ?? registry[kind]();
