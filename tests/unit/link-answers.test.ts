import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { clock } from "#core/clock";
import { answerSchema } from "#core/links";

/** The rules of each link's form: pure schemas, checked without any service. */
describe("what a link accepts", () => {
  const parse = (purpose: Parameters<typeof answerSchema>[0], input: unknown, who = "mentor") =>
    v.safeParse(answerSchema(purpose, who as "mentor" | "mentee"), input);

  it("turns a Paris date and time into a UTC instant", () => {
    const year = clock.now().getUTCFullYear() + 1;
    const result = parse("schedule", {
      date: `15/01/${year}`,
      time: "14h30",
      durationMinutes: "60",
      format: "video",
      location: " https://visio.example.gouv.fr/abc ",
    });
    expect(result.success).toBe(true);
    expect(result.output).toEqual({
      startsAt: `${year}-01-15T13:30:00.000Z`,
      durationMinutes: 60,
      format: "video",
      location: "https://visio.example.gouv.fr/abc",
    });
  });

  it("refuses a date in the past, in French, on the date field", () => {
    const result = parse("schedule", {
      date: "2020-01-15",
      time: "10:00",
      durationMinutes: "60",
      format: "phone",
    });
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toBe("Choisissez une date et une heure à venir.");
    expect(result.issues && v.getDotPath(result.issues[0] as v.BaseIssue<unknown>)).toBe("date");
  });

  it("refuses an impossible date and a missing time with French messages", () => {
    const result = parse("reschedule", {
      date: "31/02/2030",
      time: undefined,
      durationMinutes: "60",
      format: "site",
    });
    expect(result.success).toBe(false);
    const messages = result.issues?.map((issue) => issue.message);
    expect(messages).toContain("Saisissez une date valide, par exemple 17/03/2026.");
    expect(messages).toContain("Indiquez l'heure.");
  });

  it("asks for a rating when the meeting took place, not when it did not", () => {
    expect(parse("confirm", { tookPlace: "yes" }).issues?.[0]?.message).toBe(
      "Choisissez une note de 1 à 5.",
    );
    expect(parse("confirm", { tookPlace: "no" }).output).toEqual({ tookPlace: false });
    expect(
      parse("confirm", { tookPlace: "yes", satisfaction: "4", comment: "Top" }).output,
    ).toEqual({ tookPlace: true, satisfaction: 4, comment: "Top" });
  });

  it("accepts 1 to 10 sessions with the objectives, as a cohort allows", () => {
    expect(parse("objectives", { objectives: "LinkedIn", sessions: "1" }).output).toEqual({
      objectives: "LinkedIn",
      sessions: 1,
    });
    expect(parse("objectives", { objectives: "LinkedIn", sessions: "10" }).success).toBe(true);
    for (const sessions of ["0", "11", "trois", ""]) {
      expect(parse("objectives", { objectives: "LinkedIn", sessions }).issues?.[0]?.message).toBe(
        "Indiquez un nombre de séances entre 1 et 10.",
      );
    }
  });

  it("asks the mentee to rate every theme of the questionnaire, and the mentor their experience", () => {
    const comfort = {
      "social-networks": "3",
      "collaborative-tools": "4",
      "artificial-intelligence": "2",
      "data-business-models": "2",
      "digital-identity-security": "3",
    };
    expect(parse("self-evaluation", { comfort }, "mentee").output).toEqual({
      comfort: {
        "social-networks": 3,
        "collaborative-tools": 4,
        "artificial-intelligence": 2,
        "data-business-models": 2,
        "digital-identity-security": 3,
      },
    });
    const missing = parse(
      "self-evaluation",
      { comfort: { ...comfort, "social-networks": undefined } },
      "mentee",
    );
    expect(missing.issues?.[0]?.message).toBe("Choisissez un niveau pour ce thème.");
    expect(parse("self-evaluation", { comfort }, "mentor").success).toBe(false);
    expect(parse("self-evaluation", { comfort, experience: "5" }, "mentor").success).toBe(true);
  });
});
