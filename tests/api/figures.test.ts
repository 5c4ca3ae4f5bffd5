import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { env } from "#core/env";
import { keys } from "#core/keys";
import { adminJson, adminPage, freshCohortId, pageText, submitMentee } from "./admin-support";

/**
 * The figures page over what happens beside the pairs (issue 15): workshops held and people
 * reached, BarNum' visits by theme, network attendance and the mentors' hours, for a period.
 */
const put = (Item: Record<string, unknown>) =>
  documents.send(new PutCommand({ TableName: env.tableName, Item }));

async function eventsOfMarch() {
  const workshop = (id: string, start: string, outcome: Record<string, unknown>) =>
    put({
      ...keys.workshop(id),
      ...keys.workshopList(start, id),
      kind: "workshop",
      id,
      status: outcome.tookPlace ? "closed" : "not-held",
      createdAt: start,
      sequence: 0,
      mentorIds: ["m1", "m2"],
      schedule: { start, durationMinutes: 90 },
      outcome,
      request: { theme: "artificial-intelligence" },
    });
  await workshop("w1", "2026-03-10T09:00:00.000Z", { tookPlace: true, attendees: 14 });
  await workshop("w2", "2026-03-12T09:00:00.000Z", { tookPlace: false });
  await workshop("w3", "2025-11-12T09:00:00.000Z", { tookPlace: true, attendees: 30 });

  const barnum = { id: "b1", startsAt: "2026-03-20T11:00:00.000Z" };
  await put({
    ...keys.barnum(barnum.id),
    ...keys.barnumList(barnum.startsAt, barnum.id),
    kind: "barnum",
    ...barnum,
    event: "Salon du numérique",
    place: "Bercy",
    endsAt: "2026-03-20T13:00:00.000Z",
    slotMinutes: 30,
    placesPerSlot: 2,
    slots: [],
    taken: {},
    status: "published",
    createdAt: barnum.startsAt,
  });
  for (const mentorId of ["m1", "m2", "m3"]) {
    await put({
      ...keys.barnumStaff(barnum.id, mentorId),
      kind: "barnum-staff",
      barnumId: barnum.id,
      mentorId,
      name: mentorId,
      status: mentorId === "m3" ? "declined" : "confirmed",
      askedAt: barnum.startsAt,
    });
  }
  const visits: [string, boolean][] = [
    ["social-networks", true],
    ["social-networks", true],
    ["social-networks", false],
    ["other", true],
  ];
  for (const [index, [theme, resolved]] of visits.entries()) {
    await put({
      ...keys.barnumVisit(barnum.id, `v${index}`),
      kind: "barnum-visit",
      visitId: `v${index}`,
      barnumId: barnum.id,
      theme,
      resolved,
      recordedBy: "m1",
      at: barnum.startsAt,
    });
  }

  const meeting = { id: "n1", startsAt: "2026-03-05T11:30:00.000Z" };
  await put({
    ...keys.networkMeeting(meeting.id),
    ...keys.networkMeetingList(meeting.startsAt, meeting.id),
    kind: "network-meeting",
    meetingKind: "network",
    ...meeting,
    durationMinutes: 90,
    place: "Bercy",
    agenda: "Retours d'expérience",
    createdAt: meeting.startsAt,
    attendanceRecorded: true,
  });
  for (const mentorId of ["m1", "m2", "m3"]) {
    await put({
      ...keys.networkInvitation(meeting.id, mentorId),
      kind: "network-invitation",
      meetingId: meeting.id,
      mentorId,
      name: mentorId,
      attended: mentorId !== "m3",
    });
  }
}

describe("the figures page's other formats", () => {
  it("shows workshops, BarNum' visits by theme, network attendance and mentors' hours for the period, in accessible tables", async () => {
    const cohortId = freshCohortId();
    await submitMentee(cohortId);
    await eventsOfMarch();
    const html = await pageText(
      await adminPage(`/admin/chiffres?vague=${cohortId}&du=2026-03-01&au=2026-03-31`),
    );
    const caption =
      "Ateliers collectifs, BarNum' et réseau des mentors, du 1er mars 2026 au 31 mars 2026";
    expect(html).toContain(`<caption>${caption}</caption>`);
    const row = (label: string) =>
      new RegExp(`<th scope="row">${label}</th><td class="number">([^<]*)</td>`).exec(html)?.[1];
    expect(row("Ateliers collectifs tenus")).toBe("1");
    expect(row("Personnes venues aux ateliers")).toBe("14");
    expect(row("BarNum' tenus")).toBe("1");
    expect(row("Visites aux BarNum'")).toBe("4");
    expect(row("dont questions résolues")).toBe("3");
    expect(row("Rencontres du réseau des mentors")).toBe("1");
    expect(row("Mentors présents aux rencontres")).toBe("2 sur 3 invités");
    // Visits by theme, the programme's themes first, other topics last.
    expect(html).toMatch(
      /<th scope="row">Réseaux sociaux professionnels<\/th><td class="number">3<\/td><td class="number">2<\/td>[\s\S]*<th scope="row">Autre sujet<\/th><td class="number">1<\/td><td class="number">1<\/td>/,
    );
    // Hours: 1 h 30 × 2 mentors, 2 h × 2 confirmed, 1 h 30 × 2 present; no pair yet.
    expect(row("Ateliers collectifs, du 1er mars 2026 au 31 mars 2026")).toBe("3\u00a0h");
    expect(row("BarNum', du 1er mars 2026 au 31 mars 2026")).toBe("4\u00a0h");
    expect(row("Rencontres du réseau, du 1er mars 2026 au 31 mars 2026")).toBe("3\u00a0h");
    expect(row("Total")).toBe("10\u00a0h");
    expect(html).toContain(`/api/admin/exports/mentor-hours.csv?cohort=${cohortId}`);
    expect(html).toContain('name="du" value="2026-03-01"');

    const tables = html.match(/<table[\s\S]*?<\/table>/g) ?? [];
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const table of tables) {
      expect(table).toMatch(/<caption>[^<]+<\/caption>/);
      expect((table.match(/<th scope="(col|row)"/g) ?? []).length).toBe(
        (table.match(/<th[ >]/g) ?? []).length,
      );
    }

    // All time: the November workshop and its 30 people count too; a bad date is left out.
    const all = await pageText(await adminPage(`/admin/chiffres?vague=${cohortId}&du=demain`));
    expect(all).toContain("Ateliers collectifs, BarNum' et réseau des mentors, depuis le début");
    expect(all).toMatch(/Personnes venues aux ateliers<\/th><td class="number">44</);
  });

  it("reads the cohort's counts for the JSON figures too", async () => {
    const cohortId = freshCohortId();
    await submitMentee(cohortId);
    await submitMentee(cohortId);
    const figures = await (await adminJson("GET", `/api/admin/figures?cohort=${cohortId}`)).json();
    expect(figures.funnel[0].count).toBe(2);
    expect(figures.mentorHours).toBe(0);
  });
});
