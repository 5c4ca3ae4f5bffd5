import { describe, expect, it } from "vitest";
import { computeFigures, formatDecimal, formatPercent } from "#core/figures";
import type { Pair } from "#core/pair/model";

let counter = 0;
function pair(overrides: Partial<Pair> = {}): Pair {
  counter++;
  return {
    id: `p${counter}`,
    cohortId: "vague-1",
    menteeId: `q${counter}`,
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
    executionName: `p${counter}`,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
}

describe("the funnel", () => {
  it("counts each pair at every step it went past, cancelled ones included", () => {
    const figures = computeFigures({
      questionnaires: 10,
      pairs: [
        pair({ phase: "introduction" }),
        pair({ phase: "preparation" }),
        pair({ phase: "sessions", sessionsDone: 1 }),
        pair({ phase: "sessions", status: "cancelled", sessionsDone: 2 }),
        pair({ phase: "pause", sessionsDone: 3 }),
        pair({ phase: "closure", sessionsDone: 3 }),
        pair({ phase: "closed", status: "closed", sessionsDone: 3 }),
      ],
    });
    expect(figures.funnel.map((step) => [step.id, step.count])).toEqual([
      ["questionnaires", 10],
      ["matched", 7],
      ["preparation", 5],
      ["sessions", 3],
      ["follow-up", 2],
      ["closed", 1],
    ]);
  });

  it("counts the sessions as done when all planned sessions were held, even before the pause starts", () => {
    const figures = computeFigures({
      questionnaires: 1,
      pairs: [pair({ phase: "sessions", sessionsDone: 3, sessionsPlanned: 3 })],
    });
    expect(figures.funnel.find((step) => step.id === "sessions")?.count).toBe(1);
  });
});

describe("rates and satisfaction", () => {
  it("counts completed, stopped and cancelled apart; a failed step is an incident, not an end", () => {
    const figures = computeFigures({
      questionnaires: 4,
      pairs: [
        pair({ status: "closed", phase: "closed", feedbackScores: [5, 4] }),
        pair({ status: "cancelled", outcome: "cancelled", feedbackScores: [2] }),
        pair({ status: "cancelled", outcome: "stopped" }),
        pair({ status: "failed" }),
        pair({ status: "active", feedbackScores: [5], menteeFeedbackScores: [3, 5] }),
        pair({
          status: "closed",
          phase: "closed",
          outcome: "completed",
          missingEvaluations: ["mentee"],
          mentorEvaluation: { comfort: {}, objectivesReached: "partly" },
          selfEvaluation: { before: {}, objectivesReached: "reached" },
        }),
      ],
    });
    expect(figures.closed).toBe(2);
    expect(figures.stoppedAutomatically).toBe(1);
    expect(figures.cancelledByTeam).toBe(1);
    expect(figures.completionRate).toBe(2 / 6);
    expect(figures.dropOutRate).toBe(2 / 6);
    expect(figures.running).toBe(2);
    expect(figures.satisfactionByRole.mentor).toEqual({ average: 4, answers: 4 });
    expect(figures.satisfactionByRole.mentee).toEqual({ average: 4, answers: 2 });
    expect(figures.satisfaction).toEqual({ average: 4, answers: 6 });
    expect(figures.objectivesReached.mentee).toMatchObject({ reached: 1, answers: 1 });
    expect(figures.objectivesReached.mentor).toMatchObject({ partly: 1, answers: 1 });
  });

  it("gives no rate rather than 0 % when there is no pair yet", () => {
    const figures = computeFigures({ questionnaires: 3, pairs: [] });
    expect(figures.completionRate).toBeNull();
    expect(figures.satisfaction.average).toBeNull();
    expect(formatPercent(figures.completionRate)).toBe("—");
    expect(formatDecimal(null)).toBe("—");
  });

  it("writes rates and averages the French way", () => {
    expect(formatPercent(0.456)).toBe("46\u00a0%");
    expect(formatDecimal(3.25)).toBe("3,3");
  });
});

describe("before/after self-evaluation", () => {
  it("averages each theme over the pairs that have both a before and an after value", () => {
    const figures = computeFigures({
      questionnaires: 3,
      pairs: [
        pair({
          selfEvaluation: {
            before: { "social-networks": 1, "artificial-intelligence": 2 },
            after: { "social-networks": 3, "artificial-intelligence": 4 },
          },
        }),
        pair({
          selfEvaluation: { before: { "social-networks": 2 }, after: { "social-networks": 4 } },
        }),
        pair({ selfEvaluation: { before: { "social-networks": 1 } } }),
      ],
    });
    const social = figures.selfEvaluation.find((theme) => theme.theme === "social-networks");
    expect(social).toEqual(expect.objectContaining({ count: 2, before: 1.5, after: 3.5 }));
    const ai = figures.selfEvaluation.find((theme) => theme.theme === "artificial-intelligence");
    expect(ai).toEqual(expect.objectContaining({ count: 1, before: 2, after: 4 }));
    const data = figures.selfEvaluation.find((theme) => theme.theme === "data-business-models");
    expect(data).toEqual(expect.objectContaining({ count: 0, before: null, after: null }));
  });
});
