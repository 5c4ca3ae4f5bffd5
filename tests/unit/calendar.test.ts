import { describe, expect, it } from "vitest";
import { type CalendarInvitationInput, calendarInvitation, parisTimeToUtc } from "#core/calendar";

/** Unfolds an ICS text (RFC 5545 §3.1) into its property lines, keyed by property name. */
function parseIcs(text: string) {
  const lines = text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean);
  const event = lines.slice(lines.indexOf("BEGIN:VEVENT") + 1, lines.indexOf("END:VEVENT"));
  const property = (source: string[], name: string) =>
    source
      .filter((line) => line.split(/[:;]/)[0] === name)
      .map((line) => line.slice(line.indexOf(":", line.search(/[:;]/)) + 1));
  return {
    lines,
    calendar: (name: string) => property(lines, name),
    event: (name: string) => property(event, name),
    eventLines: (name: string) => event.filter((line) => line.split(/[:;]/)[0] === name),
  };
}

const session: CalendarInvitationInput = {
  uid: "pair-42-session-1@binome",
  sequence: 0,
  method: "REQUEST",
  start: new Date("2026-03-17T13:30:00Z"),
  durationMinutes: 60,
  title: "Binôme — séance n°\u00a01",
  description: "Séance avec Élodie et Marc; objectifs : LinkedIn, visio",
  organizer: { name: "Binôme", email: "mentorat-inverse@example.gouv.fr" },
  attendees: [
    { name: "Élodie", email: "elodie@finances.gouv.fr" },
    { name: "Marc", email: "marc@finances.gouv.fr" },
  ],
  location: "Visio",
};

describe("calendar invitations", () => {
  it("refuses an address the calendar format cannot carry with an error naming the field, never the person", async () => {
    // A domain label over 63 characters: the forms' check lets it through, the calendar's does not.
    const address = `elodie@${"x".repeat(64)}.gouv.fr`;
    const refused = calendarInvitation({
      ...session,
      attendees: [{ name: "Élodie Durand", email: address }, ...session.attendees.slice(1)],
    });
    await expect(refused).rejects.toBeInstanceOf(Error);
    const error = (await refused.catch((caught: unknown) => caught)) as Error;
    expect(error.message).toMatch(/attendees/);
    const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack });
    expect(everything).not.toContain(address);
    expect(everything).not.toContain("Durand");
  });

  it("invites both participants with METHOD:REQUEST, the UID, SEQUENCE 0 and a UTC start", async () => {
    const ics = parseIcs(await calendarInvitation(session));
    expect(ics.calendar("METHOD")).toEqual(["REQUEST"]);
    expect(ics.event("UID")).toEqual(["pair-42-session-1@binome"]);
    expect(ics.event("SEQUENCE")).toEqual(["0"]);
    expect(ics.event("STATUS")).toEqual(["CONFIRMED"]);
    expect(ics.event("DTSTART")).toEqual(["20260317T133000Z"]);
    expect(ics.event("DURATION")).toEqual(["PT60M"]);
    expect(ics.event("LOCATION")).toEqual(["Visio"]);
    const attendees = ics.eventLines("ATTENDEE");
    expect(attendees).toHaveLength(2);
    expect(attendees.join("\n")).toContain("mailto:elodie@finances.gouv.fr");
    expect(attendees.join("\n")).toContain("mailto:marc@finances.gouv.fr");
    expect(ics.eventLines("ORGANIZER")[0]).toContain("mentorat-inverse@example.gouv.fr");
  });

  it("keeps the UID and raises SEQUENCE when a session is moved", async () => {
    const first = parseIcs(await calendarInvitation(session));
    const moved = parseIcs(
      await calendarInvitation({
        ...session,
        sequence: 1,
        start: new Date("2026-03-19T08:00:00Z"),
      }),
    );
    expect(moved.event("UID")).toEqual(first.event("UID"));
    expect(Number(moved.event("SEQUENCE")[0])).toBeGreaterThan(Number(first.event("SEQUENCE")[0]));
    expect(moved.calendar("METHOD")).toEqual(["REQUEST"]);
    expect(moved.event("DTSTART")).toEqual(["20260319T080000Z"]);
  });

  it("cancels with METHOD:CANCEL and STATUS:CANCELLED on the same UID", async () => {
    const cancelled = parseIcs(
      await calendarInvitation({ ...session, sequence: 2, method: "CANCEL" }),
    );
    expect(cancelled.calendar("METHOD")).toEqual(["CANCEL"]);
    expect(cancelled.event("STATUS")).toEqual(["CANCELLED"]);
    expect(cancelled.event("UID")).toEqual([session.uid]);
    expect(cancelled.event("SEQUENCE")).toEqual(["2"]);
  });

  it("escapes the description so that commas and semicolons cannot break the file", async () => {
    const ics = parseIcs(await calendarInvitation(session));
    expect(ics.event("DESCRIPTION")[0]).toBe(
      "Séance avec Élodie et Marc\\; objectifs\u00a0: LinkedIn\\, visio",
    );
  });

  it("writes the title and description with French spacing", async () => {
    const ics = parseIcs(
      await calendarInvitation({
        ...session,
        title: "Binôme — atelier « Intelligence artificielle » / workshop “AI”",
        description: "Binôme : la séance n°\u00a02 d'Hélène",
      }),
    );
    expect(ics.event("SUMMARY")[0]).toBe(
      "Binôme — atelier «\u00a0Intelligence artificielle\u00a0» / workshop “AI”",
    );
    expect(ics.event("DESCRIPTION")[0]).toBe("Binôme\u00a0: la séance n°\u00a02 d'Hélène");
  });
});

describe("Paris wall-clock time to UTC", () => {
  it("is one hour behind in winter and two in summer", () => {
    expect(parisTimeToUtc("2026-01-15", "09:00").toISOString()).toBe("2026-01-15T08:00:00.000Z");
    expect(parisTimeToUtc("2026-07-15", "09:00").toISOString()).toBe("2026-07-15T07:00:00.000Z");
  });

  it("handles the days the clocks change", () => {
    // 29 March 2026: 02:00 jumps to 03:00; 25 October 2026: 03:00 goes back to 02:00.
    expect(parisTimeToUtc("2026-03-29", "01:30").toISOString()).toBe("2026-03-29T00:30:00.000Z");
    expect(parisTimeToUtc("2026-03-29", "03:30").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(parisTimeToUtc("2026-10-25", "04:00").toISOString()).toBe("2026-10-25T03:00:00.000Z");
  });

  it("crosses midnight and the new year", () => {
    expect(parisTimeToUtc("2027-01-01", "00:30").toISOString()).toBe("2026-12-31T23:30:00.000Z");
  });
});
