import { describe, expect, it } from "vitest";
import { decideResubmission, fingerprint } from "#core/submission";

describe("resubmission rule", () => {
  it("sees the same answers in another key order as unchanged", () => {
    const first = fingerprint({ a: 1, b: { c: [1, 2], d: "x" } });
    const again = fingerprint({ b: { d: "x", c: [1, 2] }, a: 1 });
    expect(decideResubmission(first, again)).toBe("unchanged");
  });

  it("sees a changed answer, even in a list's order, as a change", () => {
    expect(
      decideResubmission(fingerprint({ themes: ["a", "b"] }), fingerprint({ themes: ["b", "a"] })),
    ).toBe("changed");
  });

  it("ignores absent optional answers", () => {
    expect(fingerprint({ a: 1, note: undefined })).toBe(fingerprint({ a: 1 }));
  });
});
