import { programme } from "../programme";
import type { Bilingual, Paragraph } from "./layout";

/**
 * What the programme team writes itself: a reminder to one participant of a pair, an email to a
 * whole cohort. The team's words are in French (as written); the English part says so and gives
 * them as they are. Paragraphs are the team's own, split on blank lines.
 */

const subject = (text: string) => `${programme.name} : ${text}`;

/** The team's text as paragraphs: a blank line starts a new one. */
export const paragraphsOf = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);

/** A reminder written by hand to one participant, with the link they are awaited on, if any. */
export function teamReminder(input: {
  recipientFirstName: string;
  otherFirstName: string;
  text: string;
  link?: { url: string; label: { fr: string; en: string } };
}): Bilingual {
  const link = (lang: "fr" | "en"): Paragraph[] =>
    input.link ? [{ link: input.link.url, label: input.link.label[lang] }] : [];
  return {
    subject: subject(
      `un mot de l'équipe d'animation sur votre binôme avec ${input.otherFirstName}`,
    ),
    fr: [`Bonjour ${input.recipientFirstName},`, ...paragraphsOf(input.text), ...link("fr")],
    en: [
      `Hello ${input.recipientFirstName},`,
      `The programme team wrote to you about your pair with ${input.otherFirstName} (in French, above).`,
      ...link("en"),
    ],
  };
}

/** An email of the team to a cohort: its own subject and text, one copy per person. */
export function cohortMessage(input: {
  recipientFirstName: string;
  subject: string;
  text: string;
}): Bilingual {
  return {
    subject: subject(input.subject),
    fr: [`Bonjour ${input.recipientFirstName},`, ...paragraphsOf(input.text)],
    en: [
      `Hello ${input.recipientFirstName},`,
      "The programme team wrote this message to everyone in your cohort (in French, above).",
    ],
  };
}
