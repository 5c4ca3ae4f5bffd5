import { calendarContentType } from "../calendar";
import { type Bilingual, render } from "./layout";
import type { OutgoingEmail } from "./send";

/** An email to one person, with a calendar invitation (or its cancellation) attached when given. */
export function emailTo(
  to: string,
  message: Bilingual,
  calendar?: { ics: string; method: "REQUEST" | "CANCEL" },
): OutgoingEmail {
  return {
    to: [to],
    ...render(message),
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
