import { DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { stepFunctions } from "#core/clients/sfn";
import { clock } from "#core/clock";
import { createCohort } from "#core/cohort";
import { parisToday } from "#core/event-dates";
import { eventExecutionName } from "#core/events/payload";
import { listInvitations, listMeetings } from "#core/network/store";
import type { MentorRecordOfWork } from "#core/recognition";
import { app } from "../../functions/api/app";
import { localEventStateMachineArn } from "../../stacks/workflow/render";
import {
  adminForm,
  adminJson,
  adminPage,
  freshCohortId,
  origin,
  pageText,
  submitMentor,
} from "../api/admin-support";
import { pdfText } from "../api/pdf-text";
import { emailsTo, type StoredEmail } from "../support/inbox";
import { advanceTo, useEngine } from "./support";

/**
 * A network meeting end to end, through the pages, the links in the local inbox and the dev
 * clock: the team schedules it, every active mentor is invited with a calendar file, one says
 * they come from the link in their email and one that they do not, the day before each mentor
 * who did not decline is reminded once, the team records who came, and each mentor's record of
 * work and attestation count the meeting and its hours for those who came only.
 */
const { engine } = useEngine();

const day = 24 * 3600_000;

const get = (path: string) => app.request(`${origin}${path}`);
const post = (path: string, form: Record<string, string>) =>
  app.request(`${origin}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams(form),
  });

/** What a mentor received about the network (their application's emails aside). */
const networkMail = async (address: string) =>
  (await emailsTo(address)).filter((email) =>
    /Rencontre du réseau|rencontre du réseau/.test(email.subject),
  );

const reminders = (mail: StoredEmail[]) =>
  mail.filter((email) => email.subject.startsWith("Rappel"));

/** The calendar file of an email, its folded lines unfolded (RFC 5545 folds at 75 octets). */
const calendarOf = (email: StoredEmail | undefined) =>
  (
    (email?.attachments ?? [])
      .map((file) => Buffer.from(file.content, "base64").toString("utf8"))
      .find((content) => content.includes("BEGIN:VCALENDAR")) ?? ""
  ).replace(/\r?\n[ \t]/g, "");

/** The link of an email's text to the mentor's own page (its path). */
function mentorPageLink(text: string | undefined): string {
  const match = /https?:\/\/[^/\s]+(\/espace-mentor\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(
    text ?? "",
  );
  if (!match?.[1]) throw new Error("No mentor page link in the email");
  return match[1];
}

/** The ICS's DTSTART as an instant (the `ics` library writes UTC: 20270114T113000Z). */
function dtstartOf(ics: string): number {
  const found = /^DTSTART:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\r?$/m.exec(ics);
  if (!found) throw new Error("No UTC DTSTART in the calendar file");
  const [, y, mo, d, h, mi, s] = found.map(Number) as number[];
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s);
}

async function recordOf(mentorId: string): Promise<MentorRecordOfWork> {
  const response = await adminJson("GET", `/api/admin/mentors/${mentorId}/record`);
  expect(response.status).toBe(200);
  return (await response.json()) as MentorRecordOfWork;
}

async function attestationOf(mentorId: string): Promise<string> {
  const response = await adminPage(`/api/admin/mentors/${mentorId}/attestation.pdf`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/pdf");
  return pdfText(new Uint8Array(await response.arrayBuffer()));
}

describe("a network meeting from the team's page to the attestation", () => {
  it("invites every active mentor, takes their answers, reminds those who did not decline, and counts who came", async () => {
    const cohortId = freshCohortId();
    await createCohort({ id: cohortId, name: "Vague réseau" });
    const ines = await submitMentor(cohortId, { firstName: "Inès", lastName: "Benali" });
    const hugo = await submitMentor(cohortId, { firstName: "Hugo", lastName: "Roche" });
    const lina = await submitMentor(cohortId, { firstName: "Lina", lastName: "Haddad" });
    // Not selected: not an active mentor, not invited.
    const paul = await submitMentor(
      cohortId,
      { firstName: "Paul", lastName: "Morel" },
      "waiting-list",
    );

    // The team schedules a network meeting through its page (posted twice: one meeting).
    const form = {
      kind: "network",
      date: parisToday(new Date(clock.now().getTime() + 6 * day)),
      time: "14:30",
      durationMinutes: "120",
      place: "Salle Colbert",
      agenda: "Retours d'expérience des binômes, les outils d'IA du ministère.",
    };
    const scheduled = await adminForm("/admin/reseau", form);
    expect(scheduled.status).toBe(303);
    expect((await adminForm("/admin/reseau", form)).status).toBe(303);
    const meetings = (await listMeetings()).filter((item) => item.place === form.place);
    expect(meetings).toHaveLength(1);
    const meeting = meetings[0];
    if (!meeting) throw new Error("not scheduled");
    expect(meeting.kind).toBe("network");
    expect(scheduled.headers.get("location")).toContain(`/admin/reseau/${meeting.id}`);
    await engine().settle();

    // Every active mentor is invited once, with the calendar file at the meeting's date.
    const invited = (await listInvitations(meeting.id)).map((invitation) => invitation.mentorId);
    expect(invited).toEqual(expect.arrayContaining([ines.id, hugo.id, lina.id]));
    expect(invited).not.toContain(paul.id);
    expect(await networkMail(paul.answers.email)).toHaveLength(0);
    const links = new Map<string, string>();
    for (const mentor of [ines, hugo, lina]) {
      const mail = await networkMail(mentor.answers.email);
      expect(mail).toHaveLength(1);
      const invitation = mail[0];
      expect(invitation?.subject).toMatch(
        /^Rencontre du réseau des mentors\u00a0: \S+ \d+(er)? \S+ \d{4} à 14\u00a0h\u00a030 \(heure de Paris\)$/,
      );
      const text = invitation?.body.text ?? "";
      expect(text).toContain(`Bonjour ${mentor.answers.firstName}`);
      expect(text).toContain("Salle Colbert");
      expect(text).toContain("Ordre du jour");
      expect(text).toContain("Je dis si je viens");
      // Outside its links, the email shows no id, code or ISO date, French first.
      expect(text.indexOf("Bonjour")).toBeLessThan(text.indexOf("Hello"));
      const words = text.replace(/https?:\/\/\S+/g, "");
      expect(words).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(words).not.toContain(meeting.id);
      expect(words).not.toContain(mentor.id);
      expect(words.split("— English version —")[0]).not.toMatch(/\bnetwork\b|\bpreparation\b/);
      const ics = calendarOf(invitation);
      expect(ics).toContain("METHOD:REQUEST");
      expect(ics).toContain(mentor.answers.email);
      expect(dtstartOf(ics)).toBe(Date.parse(meeting.startsAt));
      expect(ics).toContain("DURATION:PT120M");
      links.set(mentor.id, mentorPageLink(text));
    }

    // The team's page lists it, with its invitations.
    const overview = await pageText(await adminPage("/admin/reseau"));
    expect(overview).toContain("Rencontre du réseau des mentors");
    expect(overview).not.toContain(meeting.startsAt);

    // Inès opens the link of her email (a GET only shows) and says she comes; Hugo says he does
    // not; Lina does not answer.
    const inesPage = links.get(ines.id) ?? "";
    const opened = await pageText(await get(inesPage));
    expect(opened).toContain("Rencontre du réseau des mentors");
    expect(opened).toContain("Venez-vous\u00a0?");
    expect((await listInvitations(meeting.id)).every((one) => one.reply === undefined)).toBe(true);
    const yes = await post(`${inesPage}/rencontre/${meeting.id}`, { reply: "yes" });
    expect(yes.status).toBe(303);
    expect(yes.headers.get("location")).toContain("rencontre-oui");
    const hugoPage = links.get(hugo.id) ?? "";
    const no = await post(`${hugoPage}/rencontre/${meeting.id}`, { reply: "no" });
    expect(no.status).toBe(303);
    expect(await pageText(await get(inesPage))).toContain("Vous avez dit\u00a0: je viens.");
    const replies = new Map(
      (await listInvitations(meeting.id)).map((one) => [one.mentorId, one.reply]),
    );
    expect(replies.get(ines.id)).toBe("yes");
    expect(replies.get(hugo.id)).toBe("no");
    expect(replies.get(lina.id)).toBeUndefined();
    // Answering sends nothing.
    expect(await networkMail(ines.answers.email)).toHaveLength(1);

    // The day before: each invited mentor who did not decline is reminded, once.
    await advanceTo(Date.parse(meeting.startsAt) - 23 * 3600_000);
    for (const mentor of [ines, lina]) {
      const sent = reminders(await networkMail(mentor.answers.email));
      expect(sent.map((email) => email.subject)).toEqual([
        "Rappel\u00a0: rencontre du réseau des mentors demain",
      ]);
      expect(sent[0]?.body.text).toContain("Salle Colbert");
      expect(sent[0]?.body.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    expect(reminders(await networkMail(hugo.answers.email))).toHaveLength(0);

    // After it, the team is asked who came, and records it from the meeting's page: Inès and
    // Lina came, Hugo did not (recorded twice: the same attendance).
    await advanceTo(Date.parse(meeting.startsAt) + 120 * 60_000);
    const meetingView = await pageText(await adminPage(`/admin/reseau/${meeting.id}`));
    expect(meetingView).toContain("Inès Benali");
    const present = { present: [ines.id, lina.id] };
    const recorded = await adminForm(`/admin/reseau/${meeting.id}/presences`, present);
    expect(recorded.status).toBe(303);
    expect((await adminForm(`/admin/reseau/${meeting.id}/presences`, present)).status).toBe(303);
    const attendance = new Map(
      (await listInvitations(meeting.id)).map((one) => [one.mentorId, one.attended]),
    );
    expect(attendance.get(ines.id)).toBe(true);
    expect(attendance.get(lina.id)).toBe(true);
    expect(attendance.get(hugo.id)).toBe(false);

    // A week later the execution ends cleanly, and nobody got a second reminder.
    await advanceTo(clock.now().getTime() + 8 * day);
    const { status } = await stepFunctions.send(
      new DescribeExecutionCommand({
        executionArn: `${localEventStateMachineArn.replace(":stateMachine:", ":execution:")}:${eventExecutionName("network", meeting.id)}`,
      }),
    );
    expect(status).toBe("SUCCEEDED");
    for (const mentor of [ines, lina]) {
      expect(reminders(await networkMail(mentor.answers.email))).toHaveLength(1);
    }
    expect(reminders(await networkMail(hugo.answers.email))).toHaveLength(0);

    // The record of work counts the meeting and its two hours for those who came only, and the
    // attestation says the same figures.
    for (const mentor of [ines, lina]) {
      const record = await recordOf(mentor.id);
      expect(record.networkMeetings).toBe(1);
      expect(record.hoursByKind.network).toBe(2);
      expect(record.hours).toBe(2);
      const pdf = await attestationOf(mentor.id);
      expect(pdf).toContain(`${mentor.answers.firstName} ${mentor.answers.lastName}`);
      expect(pdf).toContain("1 rencontre du réseau des mentors (2\u00a0h)");
      expect(pdf).toContain("soit 2\u00a0h au total.");
    }
    const hugoRecord = await recordOf(hugo.id);
    expect(hugoRecord.networkMeetings).toBe(0);
    expect(hugoRecord.hoursByKind.network).toBe(0);
    expect(hugoRecord.hours).toBe(0);
    const hugoPdf = await attestationOf(hugo.id);
    expect(hugoPdf).toContain("0 rencontre du réseau des mentors (0\u00a0min)");
    expect(hugoPdf).toContain("soit 0\u00a0min au total.");

    // The mentor's own attestation, from the link of the email, says the same as the team's.
    const own = await get(`${inesPage}/attestation.pdf`);
    expect(pdfText(new Uint8Array(await own.arrayBuffer()))).toContain(
      "1 rencontre du réseau des mentors (2\u00a0h)",
    );
  });
});
