import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { documents } from "../clients/dynamodb";
import { clock } from "../clock";
import { env } from "../env";
import { keys } from "../keys";
import { logger } from "../observability";
import type { WorkflowEngine } from "../workflow/engine";
import { type EventKindSteps, stepsOfKind } from "./kinds";
import {
  type EventConfirmation,
  type EventInput,
  type EventKind,
  type EventSilence,
  type EventStepPayload,
  type EventTimer,
  type EventWaitPurpose,
  eventExecutionName,
  eventWorkflowErrors,
} from "./payload";

/**
 * The shared runner of the event workflow: what each of its tasks does whatever the kind, and the
 * verbs through which a kind's pages reach a running event (start, moved, cancelled, confirmed).
 *
 * The workflow's record of an event (`keys.eventRun`) holds the token its execution waits on,
 * the date version it invited for, the organisers' answer and their silences. A move or a
 * cancellation is written to the kind's record first, then told to the token that waits; a wait
 * that starts reads the kind's record after storing its token. Both are single-item writes and
 * consistent reads, so of a change and a wait that cross, at least one sees the other: a change is
 * never missed, and telling it twice finds the token gone the second time.
 */
export class EventCancelled extends Error {
  override name = eventWorkflowErrors.cancelled;
}
export class EventMoved extends Error {
  override name = eventWorkflowErrors.moved;
}

type EventRun = {
  /** The current execution's name, once a move has started a fresh one (else the event's own). */
  execution?: string;
  wait?: { token: string; purpose: EventWaitPurpose; since: string };
  invitedSequence?: number;
  remindedSequence?: number;
  askedSequence?: number;
  outcome?: EventConfirmation;
  silences?: number;
};

/** The engine for the event workflow's state machine (the SDK; locally, the local service). */
async function engine(): Promise<WorkflowEngine<EventInput>> {
  const { stepFunctionsEngineFor } = await import("../workflow/step-functions");
  return stepFunctionsEngineFor<EventInput>(() => env.eventStateMachineArn);
}

async function readRun(kind: EventKind, eventId: string): Promise<EventRun> {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: env.tableName,
      Key: keys.eventRun(kind, eventId),
      ConsistentRead: true,
    }),
  );
  return (Item ?? {}) as EventRun;
}

/** Attribute names as `#name` placeholders (some, like `wait`, are DynamoDB reserved words). */
const attribute = /(?<![:#\w])([A-Za-z_]\w*)(?!\w*\s*\()/g;
const named = (expression: string) => expression.replace(attribute, "#$1");
const names = (expression: string): Record<string, string> => ({
  ...Object.fromEntries([...expression.matchAll(attribute)].map(([, name]) => [`#${name}`, name])),
  "#kind": "kind",
});

/**
 * One write to the run record: `set` assignments, and attributes to `remove`; a `condition` names
 * its attributes itself (`#name`, among those it sets or removes).
 */
async function updateRun(
  kind: EventKind,
  eventId: string,
  set: string,
  values: Record<string, unknown>,
  remove?: string,
  condition?: string,
): Promise<EventRun> {
  const { Attributes } = await documents.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.eventRun(kind, eventId),
      UpdateExpression: `SET ${named(set)}, #kind = :kind${remove ? ` REMOVE ${named(remove)}` : ""}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: names(`${set} ${remove ?? ""}`),
      ExpressionAttributeValues: { ...values, ":kind": "event-run" },
      ReturnValues: "ALL_NEW",
    }),
  );
  return (Attributes ?? {}) as EventRun;
}

const secondsUntil = (at: Date) =>
  Math.max(1, Math.ceil((at.getTime() - clock.now().getTime()) / 1000));

async function activeState(steps: EventKindSteps, eventId: string) {
  const state = await steps.load(eventId);
  if (state.cancelled) throw new EventCancelled("The event was cancelled");
  return state;
}

// ---------------------------------------------------------------------------------------------
// The tasks
// ---------------------------------------------------------------------------------------------

/** Invitations for the current date version (each recipient once per version), then the timer. */
async function invite(kind: EventKind, eventId: string): Promise<EventTimer> {
  const steps = await stepsOfKind(kind);
  const state = await activeState(steps, eventId);
  await steps.sendInvitations(eventId, state.sequence);
  await updateRun(
    kind,
    eventId,
    "invitedSequence = :sequence",
    { ":sequence": state.sequence },
    "wait",
  );
  return { timeoutSeconds: secondsUntil(new Date(state.start.getTime() - state.reminderLeadMs)) };
}

/**
 * The reminder, unless the event has started already or was moved since its invitations (the
 * wait that follows sees the move at once and goes back to the invitations).
 */
async function remind(kind: EventKind, eventId: string): Promise<EventTimer> {
  const steps = await stepsOfKind(kind);
  const state = await activeState(steps, eventId);
  const run = await readRun(kind, eventId);
  if (run.invitedSequence !== state.sequence) return { timeoutSeconds: 1 };
  if (clock.now() < state.start) await steps.sendReminders(eventId, state.sequence);
  await updateRun(kind, eventId, "remindedSequence = :sequence", {
    ":sequence": state.sequence,
  });
  return { timeoutSeconds: secondsUntil(state.end) };
}

/** A wait: its token stored, then the event read again (see the module's comment). */
async function awaitStep(payload: EventStepPayload): Promise<void> {
  const { kind, eventId } = payload;
  const purpose = payload.purpose as EventWaitPurpose;
  const token = payload.taskToken as string;
  const steps = await stepsOfKind(kind);
  const run = await updateRun(kind, eventId, "wait = :wait", {
    ":wait": { token, purpose, since: clock.now().toISOString() },
  });
  const state = await activeState(steps, eventId);
  if (run.invitedSequence !== state.sequence) throw new EventMoved("The event was moved");
  if (purpose !== "confirm") return;
  // Answered while no token waited (during a nudge): the answer goes on at once.
  if (run.outcome) {
    await (await engine()).sendTaskSuccess(token, run.outcome);
    return;
  }
  // Asked once per date version: a wait that starts again after a nudge asks nothing new.
  if (run.askedSequence === state.sequence) return;
  await steps.askConfirmation(eventId, state.sequence);
  await updateRun(kind, eventId, "askedSequence = :sequence", { ":sequence": state.sequence });
}

/** First silence: a nudge; second: the programme team; third: the event ends unconfirmed. */
async function nudge(kind: EventKind, eventId: string): Promise<EventSilence> {
  const steps = await stepsOfKind(kind);
  const run = await updateRun(
    kind,
    eventId,
    "silences = if_not_exists(silences, :zero) + :one",
    { ":zero": 0, ":one": 1 },
    "wait",
  );
  const silences = run.silences ?? 1;
  if (silences === 1) await steps.nudgeOrganisers(eventId, silences);
  else if (silences === 2) await steps.escalate(eventId);
  return { decision: silences >= 3 ? "end" : "wait", silences };
}

async function close(kind: EventKind, eventId: string): Promise<void> {
  const steps = await stepsOfKind(kind);
  const run = await updateRun(
    kind,
    eventId,
    "closedAt = :now",
    { ":now": clock.now().toISOString() },
    "wait",
  );
  await steps.close(eventId, run.outcome);
}

async function tellCancelled(kind: EventKind, eventId: string): Promise<void> {
  const steps = await stepsOfKind(kind);
  if (!steps.sendCancellations) return;
  const state = await steps.load(eventId);
  if (state.cancelled) await steps.sendCancellations(eventId, state.sequence);
}

/**
 * A step failed after its retries: the programme team is told. A cancellation made while the run
 * was failing found it still running and left the telling to it; it is told here, as the run
 * ends right after (best effort: the failure may be the telling's own).
 */
async function recordFailure(kind: EventKind, eventId: string, error: string): Promise<void> {
  await (await stepsOfKind(kind)).recordFailure(eventId, error);
  try {
    await tellCancelled(kind, eventId);
  } catch (failure) {
    logger.warn("A failed event's cancellation could not be told", {
      kind,
      error: (failure as Error).name,
    });
  }
}

/** The event steps Lambda's dispatch: one function per action of the payload. */
export async function runEventStep(payload: EventStepPayload): Promise<unknown> {
  const { kind, eventId } = payload;
  switch (payload.action) {
    case "invite":
      return invite(kind, eventId);
    case "await":
      return awaitStep(payload);
    case "remind":
      return remind(kind, eventId);
    case "nudge":
      return nudge(kind, eventId);
    case "request-feedback":
      return (await stepsOfKind(kind)).requestFeedback(eventId);
    case "close":
      return close(kind, eventId);
    case "tell-cancelled":
      return tellCancelled(kind, eventId);
    case "record-failure":
      return recordFailure(kind, eventId, payload.failure?.Error ?? "Error");
  }
}

// ---------------------------------------------------------------------------------------------
// The verbs a kind's pages call
// ---------------------------------------------------------------------------------------------

/** Starts the event's execution once its date is set; a second start finds it running. */
export async function startEvent(kind: EventKind, eventId: string) {
  return (await engine()).start(eventExecutionName(kind, eventId), { kind, eventId });
}

/**
 * Tells the event's execution that the event was moved or cancelled (already written to the
 * kind's record, and for a cancellation its emails queued with it, when the kind does). When no
 * token waits, or the one recorded is gone: a running execution reads the record at its next
 * step and says it itself; one that has ended (failed, stopped) never will, so for a
 * cancellation its last step is run here, and a move starts a fresh execution for the new date
 * (invitations, reminder, confirmation, feedback, as for any event). Emails are keyed per
 * purpose, recipient and date version, so telling twice, or here and by an execution at once,
 * sends each once.
 */
export async function tellEvent(kind: EventKind, eventId: string, change: "moved" | "cancelled") {
  const run = await readRun(kind, eventId);
  if (run.wait) {
    const error = change === "moved" ? eventWorkflowErrors.moved : eventWorkflowErrors.cancelled;
    const cause = `The event was ${change}`;
    if ((await (await engine()).sendTaskFailure(run.wait.token, error, cause)) === "delivered") {
      return;
    }
  }
  const current = run.execution ?? eventExecutionName(kind, eventId);
  if (await isRunning(current)) return;
  logger.info("Event changed after its execution ended: told by the page", { kind, change });
  if (change === "cancelled") await tellCancelled(kind, eventId);
  else await startAgain(kind, eventId, run.execution);
}

/**
 * The name of the event's current execution: the one a move started after the previous had
 * ended, else the event's own. For whatever links to the run or describes it.
 */
export const currentEventExecution = async (kind: EventKind, eventId: string) =>
  (await readRun(kind, eventId)).execution ?? eventExecutionName(kind, eventId);

/** Whether the execution of that name runs (one that never started does not). */
async function isRunning(executionName: string): Promise<boolean> {
  // Loaded when first needed, as the engine is: the web function's cold start does not pay for it.
  const { DescribeExecutionCommand, ExecutionDoesNotExist } = await import("@aws-sdk/client-sfn");
  const { stepFunctions } = await import("../clients/sfn");
  const executionArn = `${env.eventStateMachineArn.replace(":stateMachine:", ":execution:")}:${executionName}`;
  try {
    const { status } = await stepFunctions.send(new DescribeExecutionCommand({ executionArn }));
    return status === "RUNNING";
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) return false;
    throw error;
  }
}

/**
 * A move after the execution `ended` (its name as recorded, none for the event's own): a fresh
 * execution for the new date, named after its date version. Its name is recorded first, on the
 * condition that the ended one is still the current one, so that moves that cross start one
 * (the other's date is then read by its invitations, or told to its wait); a start that fails
 * after the record is made again by the next post, which finds that name never started.
 */
async function startAgain(kind: EventKind, eventId: string, ended: string | undefined) {
  const state = await (await stepsOfKind(kind)).load(eventId);
  if (state.cancelled) return tellCancelled(kind, eventId);
  const name = eventExecutionName(kind, eventId, state.sequence);
  if (name !== ended) {
    try {
      await updateRun(
        kind,
        eventId,
        "execution = :name",
        { ":name": name, ...(ended ? { ":ended": ended } : {}) },
        undefined,
        ended
          ? "#execution IN (:ended, :name)"
          : "attribute_not_exists(#execution) OR #execution = :name",
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Another move started a fresh execution meanwhile: it runs for the current date.
      return;
    }
  }
  await (await engine()).start(name, { kind, eventId });
}

/**
 * The write that records the organisers' answer, for the transaction of the kind that records it
 * (with its link's use): only the first answer passes.
 */
export const confirmationUpdate = (
  kind: EventKind,
  eventId: string,
  outcome: EventConfirmation,
) => ({
  Update: {
    TableName: env.tableName,
    Key: keys.eventRun(kind, eventId),
    UpdateExpression: "SET #outcome = :outcome, #kind = :kind",
    ConditionExpression: "attribute_not_exists(#outcome)",
    ExpressionAttributeNames: { "#outcome": "outcome", "#kind": "kind" },
    ExpressionAttributeValues: { ":outcome": outcome, ":kind": "event-run" },
  },
});

/** The organisers' answer recorded for an event, if one was. */
export const recordedConfirmation = async (kind: EventKind, eventId: string) =>
  (await readRun(kind, eventId)).outcome;

/** Hands the recorded answer to the confirmation wait, if one waits (else its next wait will). */
export async function deliverConfirmation(kind: EventKind, eventId: string) {
  const run = await readRun(kind, eventId);
  if (!run.outcome || run.wait?.purpose !== "confirm") return;
  await (await engine()).sendTaskSuccess(run.wait.token, run.outcome);
}
