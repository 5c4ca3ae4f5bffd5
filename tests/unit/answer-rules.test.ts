import { describe, expect, it } from "vitest";
import { type AnswerInput, type AnswerState, decideAnswer } from "#core/pair/answer-rules";
import type { Pair } from "#core/pair/model";
import { silence } from "#core/pair/rules";
import type { MeetingRecord, WaitRecord } from "#core/pair/store";
import { pairRecord } from "../support/fixtures";

/** What an answer changes, decided without any service from what was read. */
const pair: Pair = pairRecord({ id: "pair-1", feedbackScores: [4] });

const waiting = (purpose: string, step = "session-2", extra: Partial<WaitRecord> = {}) => ({
  token: "token-1",
  step,
  purpose,
  since: "2026-02-01T09:00:00.000Z",
  timeouts: 0,
  answeredBy: [],
  revision: 3,
  ...extra,
});

const meeting: MeetingRecord = {
  step: "session-2",
  status: "scheduled",
  startsAt: "2026-02-10T13:30:00.000Z",
  durationMinutes: 90,
  format: "video",
  version: 2,
  reschedules: 1,
  uid: "pair-1-session-2@binome",
};

const at = (state: Partial<AnswerState>): AnswerState => ({
  pair,
  wait: undefined,
  meeting: undefined,
  ...state,
});

const schedule: AnswerInput = {
  pairId: "pair-1",
  step: "session-2",
  by: "mentor",
  purpose: "schedule",
  answer: { startsAt: "2026-03-17T13:30:00.000Z", durationMinutes: 60, format: "video" },
};

const held: AnswerInput = {
  pairId: "pair-1",
  step: "session-2",
  by: "mentor",
  purpose: "confirm",
  answer: { tookPlace: true, satisfaction: 5 },
};

describe("deciding what an answer changes", () => {
  it("schedules a first meeting and resolves the wait on the revision it read", () => {
    const decision = decideAnswer(at({ wait: waiting("schedule") }), schedule);
    expect(decision).toMatchObject({
      kind: "write",
      resolves: true,
      writes: {
        meeting: {
          kind: "put",
          expectedVersion: undefined,
          record: { status: "scheduled", version: 1, startsAt: "2026-03-17T13:30:00.000Z" },
        },
        history: { actor: "mentor", event: "session-2.scheduled" },
        wait: { read: { revision: 3 }, answeredBy: ["mentor"], resolve: { purpose: "schedule" } },
      },
    });
  });

  it("counts a held session, its hours and its rating, and names the next chapter", () => {
    const decision = decideAnswer(at({ wait: waiting("confirm"), meeting }), held);
    expect(decision).toMatchObject({
      kind: "write",
      writes: {
        meeting: {
          expectedVersion: 2,
          record: { status: "held", mentorFeedback: { satisfaction: 5 } },
        },
        pair: { fields: { feedbackScores: [4, 5] }, add: { mentorHours: 1.5, sessionsDone: 1 } },
        wait: { resolve: { tookPlace: true, next: { chapter: "session-3" } } },
      },
    });
  });

  it("counts a no-show on the meeting and adds no hours", () => {
    const decision = decideAnswer(at({ wait: waiting("confirm"), meeting }), {
      ...held,
      answer: { tookPlace: false },
    });
    expect(decision).toMatchObject({
      writes: { meeting: { record: { status: "no-show", noShows: 1 } }, pair: {} },
    });
    if (decision.kind === "write") expect(decision.writes.pair.add).toBeUndefined();
  });

  it("refuses an answer for another step, or one the wait does not take", () => {
    expect(decideAnswer(at({ wait: waiting("schedule", "session-3") }), schedule)).toEqual({
      kind: "refused",
      outcome: "not-waiting",
    });
    expect(decideAnswer(at({ wait: waiting("confirm"), meeting }), schedule)).toEqual({
      kind: "refused",
      outcome: "not-waiting",
    });
  });

  it("says already recorded once the wait is resolved", () => {
    const resolved = waiting("schedule", "session-2", { resolvedAt: "2026-02-02T09:00:00.000Z" });
    expect(decideAnswer(at({ wait: resolved }), schedule)).toEqual({
      kind: "refused",
      outcome: "already-recorded",
    });
  });

  it("takes no answer after the last timeout, nor for a pair that has ended", () => {
    const last = waiting("schedule", "session-2", { timeouts: silence.giveUpAt });
    expect(decideAnswer(at({ wait: last }), schedule).kind).toBe("refused");
    const ended = at({ pair: { ...pair, status: "cancelled" }, wait: waiting("schedule") });
    expect(decideAnswer(ended, schedule)).toEqual({ kind: "refused", outcome: "not-waiting" });
  });

  it("moves a meeting only while it is scheduled and under the cap of moves", () => {
    const move: AnswerInput = { ...schedule, purpose: "reschedule" };
    const timer = waiting("session-time");
    expect(decideAnswer(at({ wait: timer, meeting }), move)).toMatchObject({
      writes: { meeting: { record: { version: 3, reschedules: 2 } } },
    });
    expect(
      decideAnswer(at({ wait: timer, meeting: { ...meeting, reschedules: 5 } }), move).kind,
    ).toBe("refused");
    expect(
      decideAnswer(at({ wait: timer, meeting: { ...meeting, status: "cancelled" } }), move).kind,
    ).toBe("refused");
  });

  it("keeps the mentee's feedback once, without touching the wait", () => {
    const feedback: AnswerInput = { ...held, by: "mentee" };
    expect(decideAnswer(at({ wait: waiting("confirm"), meeting }), feedback)).toMatchObject({
      kind: "write",
      resolves: false,
      writes: {
        meeting: { kind: "mentee-feedback", feedback: { tookPlace: true, satisfaction: 5 } },
      },
    });
    const given = { ...meeting, menteeFeedback: { tookPlace: true } };
    expect(decideAnswer(at({ meeting: given }), feedback)).toEqual({
      kind: "refused",
      outcome: "already-recorded",
    });
  });

  it("resolves the self-evaluations with the second of the two answers", () => {
    const evaluation: AnswerInput = {
      pairId: "pair-1",
      step: "closure",
      by: "mentee",
      purpose: "self-evaluation",
      answer: { comfort: { "social-networks": 3 } },
    };
    const first = decideAnswer(at({ wait: waiting("self-evaluation", "closure") }), evaluation);
    expect(first).toMatchObject({ resolves: false, writes: { wait: { answeredBy: ["mentee"] } } });
    const second = decideAnswer(
      at({ wait: waiting("self-evaluation", "closure", { answeredBy: ["mentor"] }) }),
      evaluation,
    );
    expect(second).toMatchObject({
      resolves: true,
      writes: { wait: { answeredBy: ["mentor", "mentee"], resolve: {} } },
    });
  });
});
