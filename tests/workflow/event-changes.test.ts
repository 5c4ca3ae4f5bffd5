import { DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { listBarnums } from "#core/barnum/store";
import { stepFunctions } from "#core/clients/sfn";
import { clock } from "#core/clock";
import { createCohort } from "#core/cohort";
import { parisToday } from "#core/event-dates";
import { type EventKind, eventExecutionName } from "#core/events/payload";
import { listMeetings } from "#core/network/store";
import { app } from "../../functions/api/app";
import { localEventStateMachineArn } from "../../stacks/workflow/render";
import {
  adminForm,
  adminPage,
  freshCohortId,
  origin,
  pageText,
  submitMentor,
} from "../api/admin-support";
import { emailsTo, type StoredEmail, uniqueEmail } from "../support/inbox";
import { advanceTo, useEngine } from "./support";

/**
 * A BarNum' and a network meeting moved, then cancelled, through the team's pages: everyone
 * concerned is told once per change, their calendar event updated on the same UID (next
 * SEQUENCE, then CANCEL), the execution follows the new date, then ends.
 */
const { engine } = useEngine();

const day = 24 * 3600_000;

const post = (path: string, form: Record<string, string>) =>
  app.request(`${origin}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams(form),
  });

const executionStatus = async (kind: EventKind, id: string) =>
  (
    await stepFunctions.send(
      new DescribeExecutionCommand({
        executionArn: `${localEventStateMachineArn.replace(":stateMachine:", ":execution:")}:${eventExecutionName(kind, id)}`,
      }),
    )
  ).status;

const calendarOf = (email: StoredEmail | undefined) =>
  (email?.attachments ?? [])
    .map((file) => Buffer.from(file.content, "base64").toString("utf8"))
    .find((content) => content.includes("BEGIN:VCALENDAR"));

const uidOf = (ics: string | undefined) => /UID:(\S+)/.exec(ics ?? "")?.[1];

function mentorPageLink(text: string | undefined): string {
  const match = /https?:\/\/\S+?(\/espace-mentor\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(text ?? "");
  if (!match?.[1]) throw new Error("No mentor page link in the email");
  return match[1];
}

const withSubject = async (address: string, pattern: RegExp) =>
  (await emailsTo(address)).filter((email) => pattern.test(email.subject));

describe("moving and cancelling a BarNum'", () => {
  it("tells the mentors and the agents once per change, on the same calendar events", async () => {
    const cohortId = freshCohortId();
    await createCohort({ id: cohortId, name: "Vague BarNum déplacé" });
    const ines = await submitMentor(cohortId, { firstName: "Inès", lastName: "Benali" });
    const hugo = await submitMentor(cohortId, { firstName: "Hugo", lastName: "Roche" });
    const first = clock.now().getTime() + 5 * day;
    const form = {
      event: "Midi numérique",
      place: "Hall Bercy",
      date: parisToday(first),
      startTime: "12:00",
      endTime: "13:00",
      slotMinutes: "30",
      placesPerSlot: "2",
      requestKey: crypto.randomUUID(),
    };
    expect((await adminForm("/admin/barnum", form)).status).toBe(303);
    const barnum = (await listBarnums()).find((item) => item.event === form.event);
    if (!barnum) throw new Error("not published");
    await adminForm(`/admin/barnum/${barnum.id}/mentors`, { mentorIds: [ines.id, hugo.id] });
    // Inès staffs it; Hugo has not answered yet.
    const asked = await withSubject(ines.answers.email, /pouvez-vous en être/);
    const inesPage = mentorPageLink(asked[0]?.body.text);
    expect((await post(`${inesPage}/barnum/${barnum.id}`, { answer: "yes" })).status).toBe(303);
    const agent = uniqueEmail("agent");
    const registration = {
      firstName: "Léa",
      email: agent,
      slotId: "2",
      consent: "on",
    };
    expect((await post(`/barnum/${barnum.id}`, registration)).status).toBe(200);
    const staffIcs = calendarOf((await withSubject(ines.answers.email, /vous en êtes/))[0]);
    const agentIcs = calendarOf((await emailsTo(agent))[0]);
    await engine().settle();

    // A bad move is refused in French, filled in; nothing is sent.
    const refused = await adminForm(`/admin/barnum/${barnum.id}/deplacer`, {
      date: parisToday(clock.now().getTime() - day),
      startTime: "99:00",
      place: "",
    });
    expect(refused.status).toBe(422);
    const refusedPage = await pageText(refused);
    expect(refusedPage).toContain("Saisissez une heure valide, par exemple 14:30.");
    expect(refusedPage).toContain("Indiquez le lieu du BarNum'.");

    // Moved two days later, at 14:00, elsewhere; posted twice (a double click).
    const second = first + 2 * day;
    const move = { date: parisToday(second), startTime: "14:00", place: "Salle Colbert" };
    expect((await adminForm(`/admin/barnum/${barnum.id}/deplacer`, move)).status).toBe(303);
    expect((await adminForm(`/admin/barnum/${barnum.id}/deplacer`, move)).status).toBe(303);
    await engine().settle();
    const movedSubject = /^BarNum' «\u00a0Midi numérique\u00a0»\u00a0: nouvelle date/;
    const [inesMoved, ...inesMore] = await withSubject(ines.answers.email, movedSubject);
    expect(inesMore).toHaveLength(0);
    expect(inesMoved?.body.text).toContain("Salle Colbert");
    expect(inesMoved?.body.text).toContain("de 14\u00a0h à 15\u00a0h");
    expect(inesMoved?.body.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const inesMovedIcs = calendarOf(inesMoved);
    expect(uidOf(inesMovedIcs)).toBe(uidOf(staffIcs));
    expect(inesMovedIcs).toContain("SEQUENCE:1");
    expect(inesMovedIcs).toContain("METHOD:REQUEST");
    // Hugo, asked and silent, is told too, with nothing for a diary he never had it in.
    const [hugoMoved, ...hugoMore] = await withSubject(hugo.answers.email, movedSubject);
    expect(hugoMore).toHaveLength(0);
    expect(calendarOf(hugoMoved)).toBeUndefined();
    // Léa's slot moves with it: the second slot, 14:30 to 15:00.
    const [leaMoved, ...leaMore] = await withSubject(agent, movedSubject);
    expect(leaMore).toHaveLength(0);
    expect(leaMoved?.body.text).toContain("de 14\u00a0h\u00a030 à 15\u00a0h");
    expect(uidOf(calendarOf(leaMoved))).toBe(uidOf(agentIcs));
    expect(calendarOf(leaMoved)).toContain("SEQUENCE:1");
    expect(await pageText(await adminPage(`/admin/barnum/${barnum.id}`))).toContain(
      "Salle Colbert",
    );

    // The old date's reminder time passes with no reminder; the new one's brings one each.
    const reminder = /^Rappel\u00a0: BarNum'/;
    await advanceTo(first - 23 * 3600_000);
    expect(await withSubject(agent, reminder)).toHaveLength(0);
    const newStart = Date.parse(
      (await listBarnums()).find((item) => item.id === barnum.id)?.startsAt ?? "",
    );
    await advanceTo(newStart - 23 * 3600_000);
    expect(await withSubject(agent, reminder)).toHaveLength(1);
    expect(await withSubject(ines.answers.email, reminder)).toHaveLength(1);
    expect(await executionStatus("barnum", barnum.id)).toBe("RUNNING");

    // The visits export of its day lists it until it is cancelled.
    const visitsOfItsDay = async () =>
      (
        await adminPage(`/api/admin/exports/barnum-visits.csv?from=${move.date}&to=${move.date}`)
      ).text();
    expect(await visitsOfItsDay()).toMatch(/Midi numérique;[^;]+;Salle Colbert;1;/);

    // Cancelled the day before (twice): a CANCEL on the same events, once each; the end.
    expect((await adminForm(`/admin/barnum/${barnum.id}/annuler`, {})).status).toBe(303);
    expect((await adminForm(`/admin/barnum/${barnum.id}/annuler`, {})).status).toBe(303);
    await engine().settle();
    const cancelled = /^BarNum' «\u00a0Midi numérique\u00a0»\u00a0: annulé$/;
    const inesCancel = await withSubject(ines.answers.email, cancelled);
    expect(inesCancel).toHaveLength(1);
    expect(calendarOf(inesCancel[0])).toContain("METHOD:CANCEL");
    expect(calendarOf(inesCancel[0])).toContain("SEQUENCE:2");
    expect(uidOf(calendarOf(inesCancel[0]))).toBe(uidOf(staffIcs));
    const leaCancel = await withSubject(agent, cancelled);
    expect(leaCancel).toHaveLength(1);
    expect(calendarOf(leaCancel[0])).toContain("METHOD:CANCEL");
    expect(uidOf(calendarOf(leaCancel[0]))).toBe(uidOf(agentIcs));
    expect(await withSubject(hugo.answers.email, cancelled)).toHaveLength(1);
    expect(await executionStatus("barnum", barnum.id)).toBe("SUCCEEDED");
    // A cancelled BarNum' did not take place: it leaves the export of its day.
    expect(await visitsOfItsDay()).not.toContain("Salle Colbert");

    // It leaves the public page; its own page says so; nobody may register or move it.
    expect(await pageText(await app.request(`${origin}/barnum`))).not.toContain("Midi numérique");
    expect((await post(`/barnum/${barnum.id}`, registration)).status).toBe(404);
    const adminView = await pageText(await adminPage(`/admin/barnum/${barnum.id}`));
    expect(adminView).toContain("Ce BarNum' est annulé");
    expect(adminView).not.toContain("Changer la date");
    const late = await adminForm(`/admin/barnum/${barnum.id}/deplacer`, move);
    expect(late.headers.get("location")).toContain("fait=trop-tard");
    expect(await pageText(await app.request(`${origin}${inesPage}`))).toContain(
      "Ce BarNum' est annulé.",
    );
  });
});

describe("a network meeting's answers, move and cancellation", () => {
  it("records who comes, tells each mentor of a move and asks again, then of the cancellation", async () => {
    const cohortId = freshCohortId();
    await createCohort({ id: cohortId, name: "Vague réseau déplacé" });
    const ines = await submitMentor(cohortId, { firstName: "Inès", lastName: "Benali" });
    const hugo = await submitMentor(cohortId, { firstName: "Hugo", lastName: "Roche" });
    const first = clock.now().getTime() + 6 * day;
    const form = {
      kind: "network",
      date: parisToday(first),
      time: "17:00",
      durationMinutes: "90",
      place: "Salle Turgot",
      agenda: "Ce que nous avons appris ce trimestre.",
    };
    expect((await adminForm("/admin/reseau", form)).status).toBe(303);
    const meeting = (await listMeetings()).find((item) => item.place === "Salle Turgot");
    if (!meeting) throw new Error("not scheduled");
    await engine().settle();
    const invitationSubject = /^Rencontre du réseau des mentors\u00a0: (?!nouvelle date)/;
    const [invitation] = await withSubject(ines.answers.email, invitationSubject);
    const invitationIcs = calendarOf(invitation);
    // The invitation links to the answer on her page; opening it only shows.
    const page = mentorPageLink(invitation?.body.text);
    expect(invitation?.body.text).toContain(`#rencontre-${meeting.id}`);
    const opened = await pageText(await app.request(`${origin}${page}`));
    expect(opened).toContain("Venez-vous\u00a0?");
    let team = await pageText(await adminPage(`/admin/reseau/${meeting.id}`));
    expect(team).toContain("Inès Benali — pas de réponse");

    // Inès comes (said twice); Hugo does not; the team sees both.
    expect((await post(`${page}/rencontre/${meeting.id}`, { reply: "yes" })).status).toBe(303);
    expect((await post(`${page}/rencontre/${meeting.id}`, { reply: "yes" })).status).toBe(303);
    const hugoInvitation = (await withSubject(hugo.answers.email, invitationSubject))[0];
    const hugoPage = mentorPageLink(hugoInvitation?.body.text);
    expect((await post(`${hugoPage}/rencontre/${meeting.id}`, { reply: "no" })).status).toBe(303);
    team = await pageText(await adminPage(`/admin/reseau/${meeting.id}`));
    expect(team).toContain("Inès Benali — vient");
    expect(team).toContain("Hugo Roche — ne vient pas");
    expect(await pageText(await app.request(`${origin}${page}`))).toContain(
      "Vous avez dit\u00a0: je viens.",
    );

    // Moved (twice): each mentor is told once, same UID, next SEQUENCE; answers asked again.
    const move = { date: parisToday(first + day), time: "12:30", place: "Salle Turgot" };
    expect((await adminForm(`/admin/reseau/${meeting.id}/deplacer`, move)).status).toBe(303);
    expect((await adminForm(`/admin/reseau/${meeting.id}/deplacer`, move)).status).toBe(303);
    await engine().settle();
    const movedSubject = /^Rencontre du réseau des mentors\u00a0: nouvelle date, /;
    for (const mentor of [ines, hugo]) {
      const notices = await withSubject(mentor.answers.email, movedSubject);
      expect(notices).toHaveLength(1);
      expect(notices[0]?.body.text).toContain("12\u00a0h\u00a030");
      expect(calendarOf(notices[0])).toContain("SEQUENCE:1");
      expect(await withSubject(mentor.answers.email, invitationSubject)).toHaveLength(1);
    }
    expect(uidOf(calendarOf((await withSubject(ines.answers.email, movedSubject))[0]))).toBe(
      uidOf(invitationIcs),
    );
    team = await pageText(await adminPage(`/admin/reseau/${meeting.id}`));
    expect(team).toContain("Inès Benali — pas de réponse");
    expect(team).toContain("Hugo Roche — pas de réponse");

    // The old date's reminder time passes quietly; then the team cancels it.
    await advanceTo(first - 23 * 3600_000);
    expect(await withSubject(ines.answers.email, /^Rappel/)).toHaveLength(0);
    expect((await adminForm(`/admin/reseau/${meeting.id}/annuler`, {})).status).toBe(303);
    expect((await adminForm(`/admin/reseau/${meeting.id}/annuler`, {})).status).toBe(303);
    await engine().settle();
    for (const mentor of [ines, hugo]) {
      const notices = await withSubject(mentor.answers.email, /annulée$/);
      expect(notices).toHaveLength(1);
      expect(calendarOf(notices[0])).toContain("METHOD:CANCEL");
      expect(calendarOf(notices[0])).toContain("SEQUENCE:2");
    }
    expect(await executionStatus("network", meeting.id)).toBe("SUCCEEDED");
    // No answer, attendance or reminder after a cancellation.
    const late = await post(`${page}/rencontre/${meeting.id}`, { reply: "yes" });
    expect(late.headers.get("location")).toContain("fait=trop-tard");
    await advanceTo(first + 2 * day);
    expect(await withSubject(ines.answers.email, /^Rappel/)).toHaveLength(0);
    expect(await pageText(await adminPage("/admin/reseau"))).toContain("(annulée)");
  });
});
