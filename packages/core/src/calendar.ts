import type { EventAttributes } from "ics";
import { frenchSpacing } from "./words";

/**
 * Calendar invitations for the preparation call and the sessions (RFC 5545 through `ics`).
 * A calendar client matches an update to the event it already holds by UID: a reschedule sends the
 * same UID with a higher SEQUENCE, a cancellation the same UID with METHOD:CANCEL. Times are UTC so
 * that every client shows them in its own time zone.
 *
 * `ics` (and the yup it validates with, ~80 KB) is loaded when an invitation is first built, so
 * that a page that only reads dates (the date helpers below) does not pay for it at cold start.
 */
export type CalendarPerson = { name: string; email: string };

export type CalendarInvitationInput = {
  uid: string;
  sequence: number;
  method: "REQUEST" | "CANCEL";
  start: Date;
  durationMinutes: number;
  title: string;
  description: string;
  organizer: CalendarPerson;
  attendees: CalendarPerson[];
  location?: string;
};

export const calendarContentType = (method: "REQUEST" | "CANCEL") =>
  `text/calendar; charset=utf-8; method=${method}`;

/**
 * A name as an RFC 5545 parameter value (CN): `ics` quotes it, but a DQUOTE or a control character
 * may not appear inside quotes at all (`\"` is not an escape there), so they are spelled as
 * RFC 6868 says: `^'` for a DQUOTE, `^n` for a line break, `^^` for a caret; other controls go.
 */
export function parameterValue(text: string): string {
  return text
    .replace(/\^/g, "^^")
    .replace(/\r\n|\r|\n/g, "^n")
    .replace(/"/g, "^'")
    .replace(/\p{Cc}/gu, "");
}

export async function calendarInvitation(input: CalendarInvitationInput): Promise<string> {
  const { createEvent } = await import("ics");
  const attributes: EventAttributes = {
    productId: "binome/mentorat-inverse",
    method: input.method,
    uid: input.uid,
    sequence: input.sequence,
    status: input.method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    start: input.start.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { minutes: input.durationMinutes },
    // Titles and descriptions are French first: French spacing, as in the emails.
    title: frenchSpacing(input.title),
    description: frenchSpacing(input.description),
    location: input.location,
    organizer: { ...input.organizer, name: parameterValue(input.organizer.name) },
    attendees: input.attendees.map((attendee) => ({
      ...attendee,
      name: parameterValue(attendee.name),
      rsvp: input.method === "REQUEST",
      partstat: "NEEDS-ACTION",
      role: "REQ-PARTICIPANT",
    })),
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw calendarRefusal(error);
  return value;
}

/**
 * The library's refusal is a plain object quoting the whole event (names, addresses): thrown as
 * is, it would reach a log line. Only the names of the fields it refused are kept.
 */
function calendarRefusal(error: unknown): Error {
  const refusal = (error ?? {}) as { path?: unknown; inner?: { path?: unknown }[] };
  const fields = [refusal.path, ...(refusal.inner ?? []).map((inner) => inner.path)].filter(
    (path): path is string => typeof path === "string" && path.length > 0,
  );
  const named = [...new Set(fields)];
  return new Error(
    `The calendar invitation could not be built${named.length ? ` (${named.join(", ")})` : ""}`,
  );
}

/**
 * The UTC instant of a wall-clock date and time in Paris ("2026-03-17", "14:30"), whatever the
 * time zone of the machine, daylight saving included. A time that does not exist (the spring-forward
 * hour) moves forward by the gap, as calendar applications do.
 */
export function parisTimeToUtc(date: string, time: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  const asIfUtc = Date.UTC(year, month - 1, day, hours, minutes);
  const firstGuess = asIfUtc - parisOffsetMs(asIfUtc);
  return new Date(asIfUtc - parisOffsetMs(firstGuess));
}

const parisParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** How far Paris is ahead of UTC at an instant (1 or 2 hours). */
function parisOffsetMs(instant: number): number {
  const parts = Object.fromEntries(
    parisParts.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const wallClock = Date.UTC(
    parts.year as number,
    (parts.month as number) - 1,
    parts.day as number,
    parts.hour as number,
    parts.minute as number,
    parts.second as number,
  );
  return wallClock - Math.floor(instant / 1000) * 1000;
}
