import { describe, expect, it } from "vitest";
import {
  chapterAfter,
  decideAfterNoShow,
  decideAfterSilence,
  executionName,
  handOverOf,
  isReminderDue,
  isRunning,
  meetingHandOverAfterDays,
  nextChapter,
  nextWait,
  pairMentorIds,
  pauseEnd,
  planEndTimer,
  planPause,
  planReminderTimer,
  type ScheduledSession,
  sessionStep,
} from "#core/pair/rules";

/** The pure rules of a pair, without any service: data in, data out. */
const hour = 60 * 60 * 1000;
const day = 24 * hour;
const now = new Date("2027-03-01T09:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);
const inDays = (days: number) => at(days * day).toISOString();

const session = (overrides: Partial<ScheduledSession> = {}): ScheduledSession => ({
  startsAt: inDays(10),
  durationMinutes: 60,
  version: 1,
  ...overrides,
});

describe("silence", () => {
  it("nudges twice, alerts the programme team the third week, waits one more, then gives up", () => {
    expect([1, 2, 3, 4, 5, 6].map(decideAfterSilence)).toEqual([
      "nudge",
      "nudge",
      "escalate",
      "wait",
      "give-up",
      "give-up",
    ]);
  });
});

describe("no-shows", () => {
  it("asks again after the first, alerts the team after the second and ends the pair at the third", () => {
    expect([1, 2, 3, 4].map(decideAfterNoShow)).toEqual(["ask-again", "escalate", "end", "end"]);
  });
});

describe("chapters and their executions", () => {
  it("goes from the preparation call through the planned sessions to the pause and closure", () => {
    expect(chapterAfter("preparation", 3)).toBe("session-1");
    expect(chapterAfter("session-1", 3)).toBe("session-2");
    expect(chapterAfter("session-3", 3)).toBe("pause");
    expect(chapterAfter("session-9", 10)).toBe("session-10");
    expect(chapterAfter("follow-up", 3)).toBe("closure");
    expect(sessionStep(4)).toBe("session-4");
  });

  it("names the first execution after the pair and each later one after its chapter", () => {
    expect(executionName("pair-1", "preparation")).toBe("pair-1");
    expect(executionName("pair-1", "session-2")).toBe("pair-1--session-2");
    expect(executionName("pair-1", "pause")).toBe("pair-1--pause");
    expect(nextChapter("pair-1", "session-3", 3)).toEqual({
      chapter: "pause",
      executionName: "pair-1--pause",
    });
  });

  it("numbers the fresh executions a meeting is handed over to", () => {
    expect(handOverOf("pair-1", "preparation", "pair-1")).toEqual({
      chapter: "preparation",
      resume: "timer",
      executionName: "pair-1--preparation--2",
    });
    expect(handOverOf("pair-1", "session-2", "pair-1--session-2").executionName).toBe(
      "pair-1--session-2--2",
    );
    expect(handOverOf("pair-1", "session-2", "pair-1--session-2--2").executionName).toBe(
      "pair-1--session-2--3",
    );
  });
});

describe("a scheduled meeting's timers", () => {
  const reminderHoursBefore = 24;
  const startedAt = now.toISOString();

  it("waits after the invitation until the reminder is due", () => {
    const timer = planReminderTimer({ session: session(), now, reminderHoursBefore });
    expect(timer).toEqual({ timeoutSeconds: 9 * 24 * 60 * 60 });
  });

  it("reminds at once a meeting scheduled within the reminder's notice, or already reminded", () => {
    const soon = session({ startsAt: at(3 * hour).toISOString() });
    expect(planReminderTimer({ session: soon, now, reminderHoursBefore }).timeoutSeconds).toBe(1);
    expect(isReminderDue({ session: soon, now, reminderHoursBefore })).toBe(true);
    const reminded = session({ remindedVersion: 1 });
    expect(planReminderTimer({ session: reminded, now, reminderHoursBefore }).timeoutSeconds).toBe(
      1,
    );
    expect(isReminderDue({ session: reminded, now, reminderHoursBefore })).toBe(false);
  });

  it("reminds a moved meeting again, at its new time only", () => {
    const moved = session({ version: 2, remindedVersion: 1 });
    expect(isReminderDue({ session: moved, now, reminderHoursBefore })).toBe(false);
    expect(isReminderDue({ session: moved, now: at(9 * day), reminderHoursBefore })).toBe(true);
    expect(isReminderDue({ session: moved, now: at(11 * day), reminderHoursBefore })).toBe(false);
  });

  it("never lets the first timer run past the time its execution may wait", () => {
    const farOff = session({ startsAt: inDays(300) });
    const timer = planReminderTimer({
      session: farOff,
      now,
      reminderHoursBefore,
      executionStartedAt: startedAt,
    });
    expect(timer.timeoutSeconds).toBe(meetingHandOverAfterDays * 24 * 60 * 60);
    expect(isReminderDue({ session: farOff, now: at(240 * day), reminderHoursBefore })).toBe(false);
  });

  it("waits after the reminder until the meeting has ended", () => {
    const timer = planEndTimer({
      session: session({ startsAt: at(24 * hour).toISOString(), durationMinutes: 90 }),
      now,
      execution: { pairId: "pair-1", step: "session-2", name: "pair-1--session-2", startedAt },
    });
    expect(timer).toEqual({ timeoutSeconds: 25.5 * 60 * 60 });
  });

  it("hands over to a fresh execution a meeting that ends after its execution's time", () => {
    const timer = planEndTimer({
      session: session({ startsAt: inDays(300) }),
      now: at(240 * day),
      execution: { pairId: "pair-1", step: "session-2", name: "pair-1--session-2", startedAt },
    });
    expect(timer).toEqual({
      timeoutSeconds: 1,
      handOver: { chapter: "session-2", resume: "timer", executionName: "pair-1--session-2--2" },
    });
  });
});

describe("the pause", () => {
  it("ends the chosen number of months after the last session, nine at most", () => {
    const last = new Date("2027-01-31T10:00:00Z");
    expect(pauseEnd(new Date("2027-01-15T10:00:00Z"), 3).toISOString()).toBe(
      "2027-04-15T10:00:00.000Z",
    );
    expect(pauseEnd(last, 12).toISOString()).toBe(pauseEnd(last, 9).toISOString());
  });

  it("waits in one go until the pause ends, then ends it", () => {
    const endsAt = at(90 * day);
    expect(planPause({ endsAt, now, onHold: false })).toEqual({
      wakeAt: endsAt.toISOString(),
      ended: false,
    });
    // Put on hold during the pause, the pair still waits for the end in one go.
    expect(planPause({ endsAt, now, onHold: true }).wakeAt).toBe(endsAt.toISOString());
    expect(planPause({ endsAt, now: at(90 * day), onHold: false })).toEqual({
      wakeAt: endsAt.toISOString(),
      ended: true,
    });
  });

  it("looks again a week later at a pair on hold when its pause ends", () => {
    const endsAt = at(-hour);
    expect(planPause({ endsAt, now, onHold: true })).toEqual({
      wakeAt: at(7 * day).toISOString(),
      ended: false,
    });
  });
});

describe("a new waiting token", () => {
  const incoming = (overrides: Partial<Parameters<typeof nextWait>[1]> = {}) => ({
    token: "t2",
    step: "preparation",
    purpose: "schedule",
    now,
    ...overrides,
  });
  const wait = (overrides: Record<string, unknown> = {}) => ({
    token: "t1",
    step: "preparation",
    purpose: "schedule",
    since: "2027-02-01T09:00:00.000Z",
    timeouts: 2,
    answeredBy: [] as string[],
    ...overrides,
  });

  it("starts clean for the first wait of a pair", () => {
    expect(nextWait(undefined, incoming())).toEqual({
      kind: "wait",
      wait: {
        token: "t2",
        step: "preparation",
        purpose: "schedule",
        since: now.toISOString(),
        timeouts: 0,
        answeredBy: [],
      },
      deliver: false,
    });
  });

  it("keeps the silence count and start of the same wait after a timeout", () => {
    const next = nextWait(wait({ lastTimedOutToken: "t1" }), incoming());
    expect(next).toMatchObject({
      kind: "wait",
      wait: {
        token: "t2",
        since: "2027-02-01T09:00:00.000Z",
        timeouts: 2,
        lastTimedOutToken: "t1",
      },
      deliver: false,
    });
  });

  it("starts the count again for another step or purpose", () => {
    const next = nextWait(wait(), incoming({ purpose: "confirm" }));
    expect(next).toMatchObject({ wait: { timeouts: 0, since: now.toISOString() } });
  });

  it("hands over at once an answer its previous token stopped waiting without", () => {
    const answered = wait({
      resolvedAt: now.toISOString(),
      output: { purpose: "schedule" },
      stoppedToken: "t1",
      answeredBy: ["mentor"],
    });
    expect(nextWait(answered, incoming())).toMatchObject({
      kind: "wait",
      wait: { token: "t2", resolvedAt: now.toISOString(), output: { purpose: "schedule" } },
      deliver: true,
    });
  });

  it("starts clean when the previous token took its answer", () => {
    const taken = wait({ resolvedAt: now.toISOString(), output: {}, answeredBy: ["mentor"] });
    expect(nextWait(taken, incoming({ step: "session-1" }))).toMatchObject({
      wait: { answeredBy: [] },
      deliver: false,
    });
    expect((nextWait(taken, incoming()) as { wait: object }).wait).not.toHaveProperty("resolvedAt");
  });

  it("keeps everything for a retry of the same token, and delivers what it has not received", () => {
    const resolved = wait({ token: "t2", resolvedAt: now.toISOString(), output: {} });
    expect(nextWait(resolved, incoming())).toEqual({ kind: "wait", wait: resolved, deliver: true });
    const delivered = { ...resolved, deliveredTo: "t2" };
    expect(nextWait(delivered, incoming())).toEqual({
      kind: "wait",
      wait: delivered,
      deliver: false,
    });
  });

  it("sends the execution back to a meeting changed just as its time came", () => {
    const timer = {
      ...wait({ purpose: "session-time", resolvedAt: now.toISOString() }),
      output: { purpose: "reschedule" },
    };
    expect(nextWait(timer, incoming({ purpose: "confirm" }))).toEqual({
      kind: "meeting-changed",
      change: "reschedule",
    });
    const calledOff = { ...timer, output: { purpose: "cancel-session" } };
    expect(nextWait(calledOff, incoming({ purpose: "confirm" }))).toEqual({
      kind: "meeting-changed",
      change: "cancel-session",
    });
  });
});

describe("a pair's data", () => {
  it("is held while the pair runs, including when a step failed", () => {
    expect(["active", "paused", "failed"].map((status) => isRunning({ status } as never))).toEqual([
      true,
      true,
      true,
    ]);
    expect(isRunning({ status: "closed" })).toBe(false);
    expect(isRunning({ status: "cancelled" })).toBe(false);
  });

  it("belongs to every mentor the pair had, each once", () => {
    const history = [
      { event: "mentor.reassigned", detail: { from: "m1", to: "m2" } },
      { event: "pair.paused" },
      { event: "mentor.reassigned", detail: { from: "m2", to: "m3" } },
    ];
    expect(pairMentorIds({ mentorId: "m3", firstMentorId: "m1" }, history)).toEqual([
      "m1",
      "m2",
      "m3",
    ]);
    expect(pairMentorIds({ mentorId: "m1" }, [])).toEqual(["m1"]);
  });
});
