import { calendarContentType } from "../calendar";
import { frenchSpacing } from "../words";
import { type Bilingual, type Paragraph, render } from "./layout";
import type { OutgoingEmail } from "./send";

const spaced = (paragraph: Paragraph): Paragraph =>
  typeof paragraph === "string"
    ? frenchSpacing(paragraph)
    : { ...paragraph, label: frenchSpacing(paragraph.label) };

/** The French part of a message with French spacing (see `frenchSpacing`). */
export const typeset = (message: Bilingual): Bilingual => ({
  ...message,
  subject: frenchSpacing(message.subject),
  fr: message.fr.map(spaced),
});

/** An email to one person, with a calendar invitation (or its cancellation) attached when given. */
export function emailTo(
  to: string,
  message: Bilingual,
  calendar?: { ics: string; method: "REQUEST" | "CANCEL" },
): OutgoingEmail {
  return {
    to: [to],
    ...render(typeset(message)),
    attachments: calendar
      ? [
          {
            fileName: calendar.method === "CANCEL" ? "annulation.ics" : "invitation.ics",
            contentType: calendarContentType(calendar.method),
            content: calendar.ics,
          },
        ]
      : undefined,
  };
}
