import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { calendarInvitation } from "#core/calendar";
import { email, optionalEmail } from "#core/fields";

const required = email("Indiquez votre adresse électronique.");
const optional = optionalEmail("Indiquez l'adresse de votre assistant.");
const longLabel = `elodie@${"x".repeat(64)}.gouv.fr`;
const longLocal = `${"e".repeat(65)}@finances.gouv.fr`;
const refusal =
  "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.gouv.fr.";

const messagesOf = (schema: typeof required | typeof optional, value: string) => {
  const result = v.safeParse(schema, value);
  return result.success ? [] : result.issues.map((issue) => issue.message);
};

describe("an email address in a form", () => {
  it("is kept in lower case when mail can carry it", () => {
    expect(v.parse(required, " Elodie.Durand@Finances.gouv.fr ")).toBe(
      "elodie.durand@finances.gouv.fr",
    );
    expect(v.parse(optional, `${"e".repeat(64)}@${"x".repeat(63)}.fr`)).toBeDefined();
  });

  it("is refused in French when a part is longer than mail allows, as a calendar invitation would refuse it", async () => {
    expect(messagesOf(required, `pas-une-adresse-${"x".repeat(70)}`)).toEqual([refusal]);
    for (const address of [longLabel, longLocal]) {
      expect(messagesOf(required, address)).toEqual([refusal]);
      expect(messagesOf(optional, address)).toEqual([refusal]);
    }
    await expect(
      calendarInvitation({
        uid: "pair-1-preparation@binome",
        sequence: 0,
        method: "REQUEST",
        start: new Date("2027-03-17T13:30:00Z"),
        durationMinutes: 60,
        title: "Binôme",
        description: "",
        organizer: { name: "Binôme", email: "mentorat-inverse@example.gouv.fr" },
        attendees: [{ name: "Élodie", email: longLabel }],
      }),
    ).rejects.toThrow(/attendees/);
  });
});
