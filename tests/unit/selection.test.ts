import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { render } from "#core/email/layout";
import {
  canBeMatched,
  decisionEmail,
  decisions,
  gridTotal,
  InterviewSchema,
} from "#core/selection";

const interview = {
  grid: {
    digitalMaturity: { level: 4, note: "Anime la communauté Teams de sa direction" },
    teachingAptitude: { level: 3 },
    seniorCoaching: { level: 2, note: "" },
  },
  decision: "selected",
};

describe("the interview grid", () => {
  it("accepts three criteria on four levels with optional notes, and drops empty notes", () => {
    const parsed = v.parse(InterviewSchema, interview);
    expect(parsed.grid.seniorCoaching.note).toBeUndefined();
    expect(gridTotal(parsed.grid)).toBe(9);
  });

  it("refuses a level outside 1–4 or a missing criterion, in French", () => {
    const outOfRange = v.safeParse(InterviewSchema, {
      ...interview,
      grid: { ...interview.grid, teachingAptitude: { level: 5 } },
    });
    expect(outOfRange.success).toBe(false);
    expect(outOfRange.issues?.[0]?.message).toBe(
      "Choisissez un niveau pour « Goût et aptitude pour la transmission ».",
    );
    const missing = v.safeParse(InterviewSchema, {
      ...interview,
      grid: { digitalMaturity: { level: 2 }, teachingAptitude: { level: 2 } },
    });
    expect(missing.success).toBe(false);
  });

  it("refuses a decision that is not selected, waiting list or not selected", () => {
    const result = v.safeParse(InterviewSchema, { ...interview, decision: "maybe" });
    expect(result.issues?.[0]?.message).toContain("retenu, liste d'attente ou non retenu");
  });
});

describe("the decision", () => {
  it("lets only selected mentors be matched", () => {
    expect(canBeMatched({ status: "selected" })).toBe(true);
    for (const status of ["applied", "waiting-list", "not-selected"] as const) {
      expect(canBeMatched({ status })).toBe(false);
    }
  });

  it("tells the applicant each decision in its own words, French first then English", () => {
    const subjects = new Set<string>();
    for (const decision of decisions) {
      const email = render(decisionEmail(decision, "Yanis"));
      subjects.add(email.subject);
      expect(email.text.startsWith("Bonjour Yanis,")).toBe(true);
      expect(email.text.indexOf("English version")).toBeGreaterThan(email.text.indexOf("Bonjour"));
    }
    expect(subjects.size).toBe(3);
    expect(render(decisionEmail("selected", "Yanis")).text).toContain("est retenue");
    expect(render(decisionEmail("waiting-list", "Yanis")).text).toContain("liste d'attente");
    expect(render(decisionEmail("not-selected", "Yanis")).text).toContain("ne pouvons pas retenir");
  });
});
