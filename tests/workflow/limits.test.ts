import { describe, expect, it } from "vitest";
import { clock } from "#core/clock";
import { updateSettings } from "#core/cohort";
import { maxPauseMonths, maxReschedules, noShowRule, silence } from "#core/pair/rules";
import { getMeeting, listPairEmails } from "#core/pair/store";
import { programme } from "#core/programme";
import { waitingTaskTimeoutSeconds } from "#core/workflow/payload";
import { renderPairWorkflowAsl } from "../../stacks/workflow/render";
import { answer, day, hour, newPair, pairOf, schedule, useEngine } from "./support";

/**
 * Step Functions ends a Standard execution after one year or 25,000 history events. The worst
 * pair a cohort may configure is played here on the local engine, and each of its executions is
 * measured by the engine itself: 10 sessions, a 9-month pause, every wait for a person left
 * silent until just before the pair would end (two nudges, the alert to the programme team, one
 * more week), every meeting set a year ahead and moved the most times allowed, each time just
 * before it came, and three no-shows (two of them on the same session, the most a meeting may
 * miss without ending the pair).
 */
const { engine } = useEngine();
const year = 365 * day;
const silentWeeks = silence.giveUpAt - 1;

/** Lets a wait for a person time out every week until the last week before the pair would end. */
const stayAlmostSilent = () =>
  engine().advance(silentWeeks * waitingTaskTimeoutSeconds * 1000 + hour);

/** Moves the clock to `at`, and past it by `after`. */
async function advanceTo(at: number, after = 0) {
  await engine().advance(Math.max(0, at - clock.now().getTime()) + after);
}

/** The meeting, scheduled late and a year ahead, moved as often as allowed, reported after weeks. */
async function worstMeeting(pairId: string, step: string, tookPlace: boolean) {
  await stayAlmostSilent();
  expect(await schedule(pairId, step, 363)).toBe("recorded");
  const moves = ((await getMeeting(pairId, step))?.reschedules ?? 0) < maxReschedules;
  for (let move = 0; moves && move < maxReschedules; move++) {
    const meeting = await getMeeting(pairId, step);
    // Just before its reminder: the timers ran as long as they can.
    await advanceTo(new Date(meeting?.startsAt ?? 0).getTime() - 8 * day);
    expect(await schedule(pairId, step, 363, "reschedule")).toBe("recorded");
  }
  const meeting = await getMeeting(pairId, step);
  await advanceTo(new Date(meeting?.startsAt ?? 0).getTime(), 2 * hour);
  await stayAlmostSilent();
  expect(await answer(pairId, step, "confirm", "mentor", { tookPlace, satisfaction: 4 })).toBe(
    "recorded",
  );
}

const comfort = {
  "social-networks": 3,
  "collaborative-tools": 3,
  "artificial-intelligence": 2,
  "data-business-models": 2,
  "digital-identity-security": 4,
};

describe("the limits of one execution", () => {
  it("waits for every person with a timeout that ends in a nudge, and pauses in one Wait", () => {
    const states = Object.entries(renderPairWorkflowAsl().States);
    for (const [name, state] of states) {
      if (state.Type !== "Task" || !String(state.Resource).includes("waitForTaskToken")) continue;
      expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath, name).toBeDefined();
      const catches = (state.Catch as { ErrorEquals: string[] }[]).flatMap((c) => c.ErrorEquals);
      expect(catches, name).toContain("States.Timeout");
    }
    expect(states.filter(([, state]) => state.Type === "Wait")).toHaveLength(1);
  });

  it("keeps every execution of the worst pair under one year and far under 25,000 events", {
    timeout: 900_000,
  }, async () => {
    expect(programme.defaults.maxSessions).toBe(10);
    await updateSettings("vague-test", {
      sessions: programme.defaults.maxSessions,
      pauseMonths: maxPauseMonths,
      reminderHoursBefore: 168,
      allowSameManagementLine: false,
    });
    const { pairId } = await newPair();
    await engine().settle();

    await worstMeeting(pairId, "preparation", false);
    await worstMeeting(pairId, "preparation", true);
    await stayAlmostSilent();
    expect(
      await answer(pairId, "preparation", "objectives", "mentor", {
        objectives: "Tout explorer",
        sessions: programme.defaults.maxSessions,
      }),
    ).toBe("recorded");
    const sessions = Array.from({ length: programme.defaults.maxSessions }, (_, k) => k + 1);
    for (const session of sessions) {
      const step = `session-${session}`;
      const missed = session === sessions.length ? noShowRule.endAt - 1 : 0;
      for (let k = 0; k < missed; k++) await worstMeeting(pairId, step, false);
      await worstMeeting(pairId, step, true);
    }
    await advanceTo(new Date((await pairOf(pairId)).pauseEndsAt ?? 0).getTime(), hour);
    await worstMeeting(pairId, "follow-up", true);
    await stayAlmostSilent();
    expect(await answer(pairId, "closure", "self-evaluation", "mentee", { comfort })).toBe(
      "recorded",
    );
    expect(
      await answer(pairId, "closure", "self-evaluation", "mentor", { comfort, experience: 4 }),
    ).toBe("recorded");

    // The worst case ran whole: the pair closed, after every nudge and escalation.
    expect(await pairOf(pairId)).toMatchObject({ status: "closed", sessionsDone: 10 });
    const purposes = (await listPairEmails(pairId)).map((email) => email.purpose);
    const escalations = purposes.filter((purpose) => purpose.endsWith("#escalation"));
    expect(escalations.length).toBeGreaterThanOrEqual(12 * 2);

    const executions = Object.entries((await engine().stats()).executions).filter(([name]) =>
      name.startsWith(pairId),
    );
    // Meetings a year ahead went on in fresh executions of their chapter.
    expect(executions.some(([name]) => name.endsWith("--2"))).toBe(true);
    for (const [name, execution] of executions) {
      expect(execution.status, name).toBe("SUCCEEDED");
      expect((execution.stoppedAt ?? 0) - execution.startedAt, name).toBeLessThan(year);
      // The engine logs fewer events than AWS (about five per state on AWS): a wide margin.
      expect(execution.events, name).toBeLessThan(25_000 / 20);
      expect(execution.transitions * 6, name).toBeLessThan(25_000 / 10);
    }
  });
});
