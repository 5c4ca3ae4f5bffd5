import { describe, expect, it } from "vitest";
import {
  countAll,
  countDelta,
  countName,
  pairContribution,
  questionnaireContribution,
  sumCounts,
} from "#core/counts";
import { computeFigures, figuresFromCounts, formatCount } from "#core/figures";
import type { Pair } from "#core/pair/model";
import { themeIds } from "#core/programme";

const base: Pair = {
  id: "p1",
  cohortId: "vague-1",
  menteeId: "q1",
  mentorId: "m1",
  phase: "introduction",
  status: "active",
  needsAttention: false,
  settings: {
    sessions: 3,
    pauseMonths: 3,
    reminderHoursBefore: 24,
    allowSameManagementLine: false,
  },
  sessionsPlanned: 3,
  sessionsDone: 0,
  executionName: "p1",
  selfEvaluation: { before: Object.fromEntries(themeIds.map((id) => [id, 2])) },
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
};

/** A pair's life, change by change, as the workflow and the answers write it. */
const life: Partial<Pair>[] = [
  { phase: "preparation" },
  { objectives: "LinkedIn", sessionsPlanned: 3 },
  { phase: "sessions" },
  { sessionsDone: 1, feedbackScores: [5] },
  { menteeFeedbackScores: [4] },
  { sessionsDone: 2, feedbackScores: [5, 3] },
  { sessionsDone: 3, feedbackScores: [5, 3, 4] },
  { phase: "pause" },
  { phase: "follow-up" },
  { phase: "closure" },
  {
    selfEvaluation: {
      before: Object.fromEntries(themeIds.map((id) => [id, 2])),
      after: Object.fromEntries(themeIds.map((id) => [id, 4])),
      objectivesReached: "reached",
    },
  },
  { mentorEvaluation: { comfort: {}, objectivesReached: "partly" } },
  { status: "closed", phase: "closed", outcome: "completed" },
];

describe("the counts a change moves", () => {
  it("counts a new pair once, and nothing for a redelivered step that writes the same again", () => {
    expect(countDelta(undefined, base)).toEqual({ pairs: 1 });
    const closed: Pair = { ...base, status: "closed", phase: "closed", outcome: "completed" };
    expect(countDelta(closed, { ...closed, updatedAt: "2026-02-01T00:00:00.000Z" })).toEqual({});
    expect(countDelta(base, { ...base, needsAttention: true, mentorId: "m2" })).toEqual({});
  });

  it("moves a pair from running to completed, stopped or cancelled, each apart", () => {
    const running: Pair = { ...base, phase: "sessions", sessionsDone: 1 };
    expect(countDelta(running, { ...running, status: "cancelled", outcome: "stopped" })).toEqual({
      [countName.outcome("stopped")]: 1,
    });
    expect(countDelta(running, { ...running, status: "cancelled", outcome: "cancelled" })).toEqual({
      [countName.outcome("cancelled")]: 1,
    });
    // A pair cancelled by the team and then closed by a step in flight: counted once, as closed.
    const cancelled: Pair = { ...running, status: "cancelled", outcome: "cancelled" };
    expect(
      countDelta(cancelled, {
        ...cancelled,
        status: "closed",
        phase: "closed",
        outcome: "completed",
      }),
    ).toEqual({
      [countName.outcome("cancelled")]: -1,
      [countName.outcome("completed")]: 1,
      [countName.passed("sessions")]: 1,
      [countName.passed("follow-up")]: 1,
    });
  });

  it("adds a rating's score and count by role, and comfort before and after by theme at closure", () => {
    expect(countDelta(base, { ...base, menteeFeedbackScores: [4] })).toEqual({
      [countName.ratings("mentee")]: 1,
      [countName.ratingsTotal("mentee")]: 4,
    });
    const delta = countDelta(base, { ...base, ...life[10] });
    const [theme] = themeIds;
    expect(delta[countName.comfortPairs(theme as string)]).toBe(1);
    expect(delta[countName.comfortBefore(theme as string)]).toBe(2);
    expect(delta[countName.comfortAfter(theme as string)]).toBe(4);
    expect(delta[countName.objectives("mentee", "reached")]).toBe(1);
  });

  it("sums, change after change of a whole life, to what the final pair contributes", () => {
    let pair = base;
    const deltas = [countDelta(undefined, pair)];
    for (const change of life) {
      const next = { ...pair, ...change };
      deltas.push(countDelta(pair, next));
      // Each step delivered twice: the second moves nothing.
      deltas.push(countDelta(next, { ...next }));
      pair = next;
    }
    expect(sumCounts(deltas)).toEqual(pairContribution(pair));
  });

  it("gives the same figures from counts summed change by change as from every record", () => {
    const pairs: Pair[] = [];
    const deltas = [questionnaireContribution(), questionnaireContribution()];
    // Pairs stopped at every point of the same life, in every way it can end.
    for (let stop = 0; stop <= life.length; stop++) {
      let pair: Pair = { ...base, id: `p${stop}` };
      deltas.push(countDelta(undefined, pair));
      for (const change of life.slice(0, stop)) {
        const next = { ...pair, ...change };
        deltas.push(countDelta(pair, next));
        pair = next;
      }
      if (stop % 3 === 1 && stop < life.length) {
        const ended: Pair = { ...pair, status: "cancelled", outcome: "stopped" };
        deltas.push(countDelta(pair, ended));
        pair = ended;
      }
      pairs.push(pair);
    }
    const maintained = sumCounts(deltas);
    expect(maintained).toEqual(countAll({ questionnaires: 2, pairs }));
    const figures = figuresFromCounts(maintained);
    expect(figures).toEqual(computeFigures({ questionnaires: 2, pairs }));
    expect(figures.funnel.map((step) => step.count)).toEqual([2, 14, 11, 7, 4, 1]);
    expect(figures.satisfactionByRole.mentor.answers).toBe(25);
    expect(figures.stoppedAutomatically).toBe(4);
    expect(figures.selfEvaluation[0]).toEqual(expect.objectContaining({ before: 2, after: 4 }));
  });
});

describe("counts as people read them", () => {
  it("writes 20 000 the French way (narrow no-break space) and 20,000 in English", () => {
    expect(formatCount(20_000)).toBe("20\u202f000");
    expect(formatCount(20_000, "en")).toBe("20,000");
    expect(formatCount(7)).toBe("7");
  });
});
