import { describe, expect, it } from "vitest";
import { clock } from "#core/clock";
import { getWait, listHistory, listMeetings } from "#core/pair/store";
import { useWorkflowEngine, type WorkflowEngine } from "#core/workflow/engine";
import type { StepPayload } from "#core/workflow/payload";
import { stepFunctionsEngine } from "#core/workflow/step-functions";
import { handler } from "../../functions/workflow/steps";
import { day, hour, newPair, pairOf, purposesFor, schedule, useEngine } from "./support";

/**
 * An answer that arrives just as the step it answers times out. Each race is played at a chosen
 * instant on the local Step Functions service: the clock is moved, or the answer is given, from inside the steps
 * that run at that instant, so the interleaving is the same on every run.
 */
let beforeTask: ((payload: StepPayload) => Promise<void>) | undefined;
const service = useEngine({
  handler: async (payload) => {
    const hook = beforeTask;
    if (hook) await hook(payload);
    return handler(payload);
  },
});
const engine = {
  advance: (ms: number) => service.engine().advance(ms),
  settle: () => service.engine().settle(),
};

/** Runs `action` once, just before the first task that matches. */
function onceBefore(matches: (payload: StepPayload) => boolean, action: () => Promise<unknown>) {
  const outcome: { ran?: unknown } = {};
  beforeTask = async (payload) => {
    if (!matches(payload)) return;
    beforeTask = undefined;
    outcome.ran = await action();
  };
  return outcome;
}

const waitOf = async (pairId: string) => {
  const wait = await getWait(pairId);
  if (!wait) throw new Error("no wait");
  return wait;
};

describe("an answer given as its step times out", () => {
  it("reaches the execution when the wait times out while the answer is being handed over", async () => {
    const { pairId } = await newPair();
    await engine.settle();
    const first = (await waitOf(pairId)).token;
    // The engine port as the answer sees it: its first hand-over lets the 7-day timeout pass
    // first, so the token it hands the answer to has just stopped waiting.
    let raced = false;
    const racing: WorkflowEngine = {
      ...stepFunctionsEngine,
      async sendTaskSuccess(token, output) {
        if (!raced && token === first) {
          raced = true;
          await engine.advance(7 * day + hour);
        }
        return stepFunctionsEngine.sendTaskSuccess(token, output);
      },
    };
    useWorkflowEngine(racing);
    try {
      expect(await schedule(pairId, "preparation", 10)).toBe("recorded");
    } finally {
      useWorkflowEngine(undefined);
    }
    await engine.settle();
    expect(raced).toBe(true);
    const wait = await waitOf(pairId);
    expect(wait.token).not.toBe(first);
    expect(wait.purpose).toBe("session-time");
    expect(await purposesFor(pairId, "mentor")).toEqual([
      "introduction",
      "preparation#invitation#v1",
    ]);
    expect((await pairOf(pairId)).waitingOn?.purpose).toBe("session-time");
  });

  it("reaches the execution when it is recorded between the timeout and the next wait, and sends no nudge", async () => {
    const { pairId } = await newPair();
    await engine.settle();
    const answered = onceBefore(
      (payload) => payload.action === "nudge" && payload.pairId === pairId,
      () => schedule(pairId, "preparation", 10),
    );
    await engine.advance(7 * day + hour);
    expect(answered.ran).toBe("recorded");
    expect(await purposesFor(pairId, "mentor")).toEqual([
      "introduction",
      "preparation#invitation#v1",
    ]);
    expect((await waitOf(pairId)).purpose).toBe("session-time");
    expect((await listHistory(pairId)).map((entry) => entry.event)).not.toContain("nudge.sent");
  });

  it("goes back to a session moved just as its time came, and reminds it at its new time", async () => {
    const { pairId } = await newPair();
    await engine.settle();
    expect(await schedule(pairId, "preparation", 3)).toBe("recorded");
    // The timer ends and the execution turns to "did it take place?": the move lands in between.
    const moved = onceBefore(
      (payload) =>
        payload.action === "await" && payload.purpose === "confirm" && payload.pairId === pairId,
      () => schedule(pairId, "preparation", 4, "reschedule"),
    );
    await engine.advance(4 * day);
    expect(moved.ran).toBe("recorded");
    const [meeting] = await listMeetings(pairId);
    expect(meeting).toMatchObject({ version: 2, status: "scheduled" });
    expect((await waitOf(pairId)).purpose).toBe("session-time");
    expect(await purposesFor(pairId, "mentor")).toEqual([
      "introduction",
      "preparation#invitation#v1",
      "preparation#reminder#v1",
      "preparation#invitation#v2",
    ]);
    await engine.advance(4 * day);
    const sent = await purposesFor(pairId, "mentor");
    expect(sent.slice(4)).toEqual(["preparation#reminder#v2", "preparation#confirm#ask#v2"]);
    expect(sent).not.toContain("preparation#confirm#ask#v1");
    expect(new Date(meeting?.startsAt ?? 0).getTime()).toBeGreaterThan(
      clock.now().getTime() - 2 * day,
    );
  });
});
