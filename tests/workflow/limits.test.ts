import { describe, expect, it } from "vitest";
import {
  continueAfterDays,
  decideAfterNoShow,
  decideAfterSilence,
  maxPauseMonths,
  maxReschedules,
  maxWaitSeconds,
  noShowRule,
  silence,
} from "#core/pair/rules";
import { programme } from "#core/programme";
import { waitingTaskTimeoutSeconds } from "#core/workflow/payload";
import { renderPairWorkflowAsl } from "../../stacks/workflow/render";

/**
 * Step Functions ends a Standard execution after one year or 25,000 history events. The workflow
 * runs each chapter of a pair (introduction + preparation call, each session, the pause, the
 * follow-up + closure) in its own execution, and hands a very long timer over to a fresh one; this
 * proves, on the rendered definition and the rules, that the worst chapter fits both limits.
 */
const asl = renderPairWorkflowAsl();
const states = asl.States as Record<string, Record<string, unknown>>;
const dayS = 24 * 60 * 60;
/** Generous upper bound of the history events one state transition writes (entered, scheduled, started, succeeded/failed, exited…). */
const eventsPerTransition = 6;

/** Longest time a wait for a person lasts: silence until the pair is given up. */
const silenceBoundDays = (silence.giveUpAt * waitingTaskTimeoutSeconds) / dayS;

describe("the limits of one execution", () => {
  it("gives every wait a timeout, and no wait is longer than 20 days", () => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === "Task" && String(state.Resource).includes("waitForTaskToken")) {
        expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath, name).toBeDefined();
        if (state.TimeoutSeconds)
          expect(state.TimeoutSeconds as number).toBeLessThanOrEqual(maxWaitSeconds);
        const catches = (state.Catch as { ErrorEquals: string[] }[]).flatMap((c) => c.ErrorEquals);
        expect(catches, name).toContain("States.Timeout");
      }
      if (state.Type === "Wait") expect(state.TimestampPath, name).toBe("$.pause.wakeAt");
    }
    expect(maxWaitSeconds).toBeLessThan(24.8 * dayS);
  });

  it("ends every silence: nudges, then the programme team, then the pair ends", () => {
    const decisions = Array.from({ length: silence.giveUpAt }, (_, k) => decideAfterSilence(k + 1));
    expect(decisions).toEqual(["nudge", "nudge", "escalate", "wait", "give-up"]);
  });

  it("caps the no-shows of one meeting: asked again, then the programme team, then the end", () => {
    const decisions = Array.from({ length: noShowRule.endAt + 1 }, (_, k) =>
      decideAfterNoShow(k + 1),
    );
    expect(decisions).toEqual(["ask-again", "escalate", "end", "end"]);
    // The no-show loop has an exit in the definition itself.
    const choices = Object.entries(states).filter(([name]) => name.startsWith("Ask again for"));
    expect(choices.length).toBeGreaterThan(0);
    for (const [, choice] of choices) {
      const rules = choice.Choices as { StringEquals?: string; Variable?: string }[];
      expect(
        rules.some((rule) => rule.Variable === "$.noShow.decision" && rule.StringEquals === "end"),
      ).toBe(true);
    }
  });

  it("keeps the longest chapter under one year and 25,000 events", () => {
    // A meeting chapter, worst case: every wait for a person answered just before it ends, the
    // session moved the most times allowed, its timer handed over after `continueAfterDays`.
    const meetingChapterDays =
      silenceBoundDays + // scheduling
      continueAfterDays + // timers until the execution hands over (looked at every ≤ 20 days)
      maxWaitSeconds / dayS + // the last timer chunk
      silenceBoundDays + // confirmation
      silenceBoundDays; // objectives (preparation) or self-evaluations (closure)
    const pauseChapterDays = maxPauseMonths * 31 + maxWaitSeconds / dayS;
    expect(Math.max(meetingChapterDays, pauseChapterDays)).toBeLessThan(365);

    // Transitions: each loop is bounded — silence loops (wait, nudge, choice) per wait, timers
    // (wait, choice, plan/remind) every ≤ 20 days, changes (wait, choice, invite) per reschedule.
    const silenceLoop = 3 * silence.giveUpAt;
    const timerLoops = 3 * (Math.ceil((continueAfterDays * dayS) / maxWaitSeconds) + 2);
    const changes = 3 * (maxReschedules + 1) + 3 * maxReschedules; // moves, and calls-off then re-scheduling
    // A missed meeting is asked for again at most `noShowRule.endAt - 1` times; each retry runs
    // scheduling and confirmation again (with their silences), the invitation, a timer, the
    // reminder and the no-show record with its choice.
    const noShows = (noShowRule.endAt - 1) * (2 * silenceLoop + 10);
    const meetingTransitions = 1 + 3 * silenceLoop + timerLoops + changes + noShows + 10;
    const pauseTransitions = 3 * Math.ceil((maxPauseMonths * 31 * dayS) / maxWaitSeconds) + 5;
    const worst = Math.max(meetingTransitions, pauseTransitions);
    expect(worst * eventsPerTransition).toBeLessThan(25_000);
    // The definition itself stays small: one block per meeting, at most 10 sessions.
    expect(Object.keys(states).length).toBeLessThan(300);
    expect(programme.defaults.maxSessions).toBe(10);
  });
});
