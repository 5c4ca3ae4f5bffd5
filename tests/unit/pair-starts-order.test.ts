import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mentorsApart } from "#core/matching/confirm";

const pair = (menteeId: string, mentorId: string) => ({ menteeId, mentorId });

describe("the order a confirmed cohort's pairs start in", () => {
  it("takes every mentor's first pair before any mentor's second", () => {
    const pairs = [
      pair("a", "M1"),
      pair("b", "M1"),
      pair("c", "M1"),
      pair("d", "M2"),
      pair("e", "M3"),
      pair("f", "M2"),
    ];
    expect(mentorsApart(pairs).map((item) => item.menteeId)).toEqual([
      "a",
      "d",
      "e",
      "b",
      "f",
      "c",
    ]);
  });

  it("starts every pair once, keeps each mentor's pairs in the proposal's order, and puts a mentor's next pair after every mentor's previous round", () => {
    const proposals = fc
      .array(fc.constantFrom("M1", "M2", "M3", "M4", "M5"), { maxLength: 40 })
      .map((mentors) => mentors.map((mentorId, index) => pair(`q${index}`, mentorId)));
    fc.assert(
      fc.property(proposals, (pairs) => {
        const ordered = mentorsApart(pairs);
        expect([...ordered].sort((a, b) => a.menteeId.localeCompare(b.menteeId))).toEqual(
          [...pairs].sort((a, b) => a.menteeId.localeCompare(b.menteeId)),
        );
        const roundOf = new Map<string, number>();
        const seen = new Map<string, number>();
        for (const item of pairs) {
          const round = seen.get(item.mentorId) ?? 0;
          seen.set(item.mentorId, round + 1);
          roundOf.set(item.menteeId, round);
        }
        const rounds = ordered.map((item) => roundOf.get(item.menteeId) ?? -1);
        expect(rounds).toEqual([...rounds].sort((a, b) => a - b));
        for (const mentorId of seen.keys()) {
          const theirs = (list: typeof pairs) =>
            list.filter((item) => item.mentorId === mentorId).map((item) => item.menteeId);
          expect(theirs(ordered)).toEqual(theirs(pairs));
        }
      }),
    );
  });
});
