import { DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { stepFunctions } from "#core/clients/sfn";
import { clock } from "#core/clock";
import { type EventKindSteps, type EventState, useEventKindSteps } from "#core/events/kinds";
import { eventExecutionName } from "#core/events/payload";
import { confirmationUpdate, deliverConfirmation, startEvent, tellEvent } from "#core/events/run";
import { localEventStateMachineArn } from "../../stacks/workflow/render";
import { day, hour, useEngine } from "./support";

/**
 * The event workflow itself (stacks/workflow/EventWorkflow.ts) on the local Step Functions
 * service: its runner and its record in DynamoDB Local, the clock moved through the service. The
 * kind here only writes down what the workflow asks of it, so that the order and the count of each
 * step can be read; the workshop test drives a real kind through its pages and emails.
 */
const { engine } = useEngine();

const calls: string[] = [];
const events = new Map<string, EventState>();
const recording: EventKindSteps = {
  load: async (id) => events.get(id) as EventState,
  sendInvitations: async (id, sequence) => void calls.push(`${id} invite ${sequence}`),
  sendReminders: async (id, sequence) => void calls.push(`${id} remind ${sequence}`),
  askConfirmation: async (id, sequence) => void calls.push(`${id} ask ${sequence}`),
  nudgeOrganisers: async (id) => void calls.push(`${id} nudge`),
  escalate: async (id) => void calls.push(`${id} escalate`),
  requestFeedback: async (id) => void calls.push(`${id} feedback`),
  close: async (id, outcome) =>
    void calls.push(`${id} close ${outcome ? JSON.stringify(outcome) : "unconfirmed"}`),
  recordFailure: async (id, error) => void calls.push(`${id} failed ${error}`),
};
beforeAll(() => useEventKindSteps("workshop", recording));
afterAll(() => useEventKindSteps("workshop", undefined));

const callsOf = (id: string) =>
  calls.filter((call) => call.startsWith(`${id} `)).map((call) => call.slice(id.length + 1));

function newEvent(inDays: number) {
  const id = `ev${Math.random().toString(36).slice(2, 10)}`;
  const start = new Date(clock.now().getTime() + inDays * day);
  events.set(id, {
    start,
    end: new Date(start.getTime() + 2 * hour),
    sequence: 0,
    cancelled: false,
    reminderLeadMs: day,
  });
  return id;
}

const status = async (id: string) =>
  (
    await stepFunctions.send(
      new DescribeExecutionCommand({
        executionArn: `${localEventStateMachineArn.replace(":stateMachine:", ":execution:")}:${eventExecutionName("workshop", id)}`,
      }),
    )
  ).status;

async function confirm(id: string, tookPlace: boolean, attendees?: number) {
  await documents.send(
    new TransactWriteCommand({
      TransactItems: [confirmationUpdate("workshop", id, { tookPlace, attendees })],
    }),
  );
  await deliverConfirmation("workshop", id);
}

describe("the event workflow", () => {
  it("invites, reminds the day before, asks the organisers, then asks for feedback and closes", async () => {
    const id = newEvent(10);
    expect(await startEvent("workshop", id)).toEqual({ started: true });
    expect(await startEvent("workshop", id)).toEqual({ started: false });
    await engine().settle();
    expect(callsOf(id)).toEqual(["invite 0"]);
    await engine().advance(8 * day);
    expect(callsOf(id)).toEqual(["invite 0"]);
    await engine().advance(day + hour);
    expect(callsOf(id)).toEqual(["invite 0", "remind 0"]);
    await engine().advance(day + 2 * hour);
    expect(callsOf(id)).toEqual(["invite 0", "remind 0", "ask 0"]);
    await confirm(id, true, 9);
    expect(callsOf(id)).toEqual(["invite 0", "remind 0", "ask 0", "feedback"]);
    await engine().advance(7 * day);
    expect(callsOf(id).at(-1)).toBe('close {"tookPlace":true,"attendees":9}');
    expect(await status(id)).toBe("SUCCEEDED");
  });

  it("closes without feedback when the organisers say it did not take place", async () => {
    const id = newEvent(3);
    await startEvent("workshop", id);
    await engine().advance(4 * day);
    await confirm(id, false);
    expect(callsOf(id)).toEqual(["invite 0", "remind 0", "ask 0", 'close {"tookPlace":false}']);
    expect(await status(id)).toBe("SUCCEEDED");
  });

  it("nudges the silent organisers, then tells the programme team, then ends cleanly", async () => {
    const id = newEvent(2);
    await startEvent("workshop", id);
    await engine().advance(3 * day);
    expect(callsOf(id).at(-1)).toBe("ask 0");
    await engine().advance(3 * day + hour);
    expect(callsOf(id).at(-1)).toBe("nudge");
    await engine().advance(3 * day + hour);
    expect(callsOf(id).at(-1)).toBe("escalate");
    await engine().advance(3 * day + hour);
    // Asked once: a nudge and the escalation are their own emails.
    expect(callsOf(id)).toEqual([
      "invite 0",
      "remind 0",
      "ask 0",
      "nudge",
      "escalate",
      "close unconfirmed",
    ]);
    expect(await status(id)).toBe("SUCCEEDED");
  });

  it("takes an answer given during a nudge at the next wait", async () => {
    const id = newEvent(2);
    await startEvent("workshop", id);
    await engine().advance(3 * day);
    await engine().advance(3 * day + hour);
    // The nudge ran; the answer is recorded while its new wait starts.
    await confirm(id, true, 4);
    await engine().settle();
    expect(callsOf(id)).toContain("feedback");
  });

  it("invites everyone again when the event moves, and reminds for the new date only", async () => {
    const id = newEvent(10);
    await startEvent("workshop", id);
    await engine().settle();
    const event = events.get(id) as EventState;
    const later = new Date(event.start.getTime() + 5 * day);
    events.set(id, { ...event, start: later, end: new Date(later.getTime() + hour), sequence: 1 });
    await tellEvent("workshop", id, "moved");
    await engine().settle();
    expect(callsOf(id)).toEqual(["invite 0", "invite 1"]);
    await engine().advance(10 * day);
    expect(callsOf(id)).toEqual(["invite 0", "invite 1"]);
    await engine().advance(5 * day + 2 * hour);
    expect(callsOf(id)).toEqual(["invite 0", "invite 1", "remind 1", "ask 1"]);
  });

  it("sees a move it was not told about at its next wait", async () => {
    const id = newEvent(10);
    await startEvent("workshop", id);
    await engine().settle();
    const event = events.get(id) as EventState;
    events.set(id, { ...event, sequence: 1 });
    // The web function died before telling the execution: the reminder's time comes.
    await engine().advance(9 * day + hour);
    expect(callsOf(id)).toEqual(["invite 0", "invite 1", "remind 1"]);
  });

  it("stops the execution when the event is cancelled, before or after its date", async () => {
    const before = newEvent(10);
    const after = newEvent(1);
    await startEvent("workshop", before);
    await startEvent("workshop", after);
    await engine().advance(2 * day);
    for (const id of [before, after]) {
      events.set(id, { ...(events.get(id) as EventState), cancelled: true });
      await tellEvent("workshop", id, "cancelled");
    }
    await engine().settle();
    expect(await status(before)).toBe("SUCCEEDED");
    expect(await status(after)).toBe("SUCCEEDED");
    expect(callsOf(before)).toEqual(["invite 0"]);
    expect(callsOf(after)).toEqual(["invite 0", "remind 0", "ask 0"]);
  });
});
