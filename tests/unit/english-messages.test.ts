import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { MailingSchema } from "#core/cohort-mailing";
import { type LinkPurpose, type LinkRecipient, parseAnswer } from "#core/links";
import { NoteSchema } from "#core/pair/notes";
import { ReminderSchema } from "#core/pair/reminders";
import { ResourceSchema } from "#core/resources";
import { localiseMessage } from "#web/i18n";

/**
 * The schemas write their messages in French; an English page shows them through the catalogue.
 * Each form is posted empty and then with wrong values, and every message it gives must read in
 * English: one left out shows French on the English page.
 */

/** Words that only the French messages use. */
const french =
  /(?<!\p{L})(Indiquez|Choisissez|Cochez|Écrivez|Décrivez|Donnez|Saisissez|Dites|vous|votre|une|le|la|les|des)(?!\p{L})/u;

const messagesOf = (issues: readonly { message: string }[] | undefined) =>
  (issues ?? []).map((issue) => issue.message);

const wrong = {
  date: "31/02/2026",
  time: "25:99",
  durationMinutes: "7",
  format: "pigeon",
  location: "",
  tookPlace: "peut-être",
  rating: "9",
  objectives: "x".repeat(2001),
  reason: "x".repeat(501),
  objectivesReached: "bof",
  sessionsHeld: "99",
  experienceRating: "0",
};

describe("the forms' messages on an English page", () => {
  const links: [LinkPurpose, LinkRecipient][] = [
    ["schedule", "mentor"],
    ["confirm", "mentee"],
    ["objectives", "mentor"],
    ["cancel-session", "mentor"],
    ["self-evaluation", "mentee"],
    ["self-evaluation", "mentor"],
  ];

  it.each(links)("a link's %s form (%s) reads in English", (purpose, recipient) => {
    const messages = [{}, wrong].flatMap((input) => {
      const parsed = parseAnswer(purpose, recipient, input);
      return parsed.success ? [] : messagesOf(parsed.issues);
    });
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(localiseMessage("en", message), message).not.toMatch(french);
    }
  });

  it.each([
    ["a resource", ResourceSchema, { url: "http://x", durationMinutes: 0.5, theme: "?" }],
    ["a note", NoteSchema, { author: "", text: "" }],
    ["a reminder", ReminderSchema, { role: "boss", message: "" }],
    ["a mailing", MailingSchema, { audience: "everyone", subject: "", text: "" }],
  ] as const)("the team's form for %s reads in English", (_name, schema, bad) => {
    const messages = [{}, bad].flatMap((input) =>
      messagesOf(v.safeParse(schema as v.GenericSchema, input).issues),
    );
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(localiseMessage("en", message), message).not.toMatch(french);
    }
  });

  it("reads in English the reasons of proposals stored before their wording changed", () => {
    for (const reason of [
      "Aucun mentor disponible ne couvre vos thèmes prioritaires",
      "Les seuls mentors qui couvrent vos thèmes prioritaires sont dans votre ligne hiérarchique",
      "Aucun mentor disponible ne couvre ses thèmes prioritaires",
      "Les seuls mentors qui couvrent ses thèmes prioritaires sont dans sa ligne hiérarchique",
    ]) {
      expect(localiseMessage("en", reason), reason).not.toMatch(french);
    }
  });
});
