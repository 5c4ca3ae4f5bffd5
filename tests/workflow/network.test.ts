import { DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { stepFunctions } from "#core/clients/sfn";
import { clock } from "#core/clock";
import { createCohort } from "#core/cohort";
import { parisToday } from "#core/event-dates";
import { eventExecutionName } from "#core/events/payload";
import { listInvitations, listMeetings } from "#core/network/store";
import { programme } from "#core/programme";
import { recordInterview } from "#core/selection";
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
import { pdfText } from "../api/pdf-text";
import { emailsTo } from "../support/inbox";
import { advanceTo, useEngine } from "./support";

/**
 * A preparation session of the mentor network end to end, on the event workflow: the team
 * schedules it, every mentor not prepared is invited with a calendar file, reminded the day
 * before, the team records who came, the list of mentors not prepared follows, and the attendee's
 * attestation counts the meeting.
 */
const { engine } = useEngine();

const day = 24 * 3600_000;

const networkMail = async (address: string) =>
  (await emailsTo(address)).filter((email) => /préparation|Rappel/.test(email.subject));

const get = (path: string) => app.request(`${origin}${path}`);

describe("a preparation session of the mentor network", () => {
  it("invites the mentors not prepared, reminds them, records who came and counts it", async () => {
    const cohortId = freshCohortId();
    await createCohort({ id: cohortId, name: "Vague réseau" });
    const ines = await submitMentor(cohortId, { firstName: "Inès", lastName: "Benali" });
    const hugo = await submitMentor(cohortId, { firstName: "Hugo", lastName: "Roche" });

    // The form proposes a date two months ahead, and refuses bad input in French.
    const overview = await pageText(await adminPage("/admin/reseau"));
    const inTwoMonths = new Date(clock.now());
    inTwoMonths.setUTCMonth(inTwoMonths.getUTCMonth() + 2);
    expect(overview).toContain(`value="${parisToday(inTwoMonths)}"`);
    const refused = await adminForm("/admin/reseau", {
      kind: "preparation",
      date: parisToday(new Date(clock.now().getTime() - day)),
      time: "25:00",
      durationMinutes: "10",
      place: "",
      agenda: "",
    });
    expect(refused.status).toBe(422);
    const refusedPage = await pageText(refused);
    expect(refusedPage).toContain("Saisissez une heure valide, par exemple 14:30.");
    expect(refusedPage).toContain("Choisissez la durée de la rencontre.");
    expect(refusedPage).toContain("Indiquez le lieu ou le lien de la visio.");
    expect(refusedPage).toContain("Indiquez l'ordre du jour.");

    // Scheduled twice (a double click): one session, one invitation each, with its ICS.
    const form = {
      kind: "preparation",
      date: parisToday(new Date(clock.now().getTime() + 5 * day)),
      time: "12:30",
      durationMinutes: "90",
      place: "Salle Turgot",
      agenda: "Les objectifs du programme, le rôle du mentor, une mise en situation.",
    };
    expect((await adminForm("/admin/reseau", form)).status).toBe(303);
    expect((await adminForm("/admin/reseau", form)).status).toBe(303);
    const meetings = await listMeetings();
    expect(meetings).toHaveLength(1);
    const meeting = meetings[0];
    if (!meeting) throw new Error("not scheduled");
    await engine().settle();
    expect(await listInvitations(meeting.id)).toHaveLength(2);
    const [invitation] = await networkMail(ines.answers.email);
    expect(await networkMail(ines.answers.email)).toHaveLength(1);
    expect(invitation?.subject).toMatch(
      /^Séance de préparation des nouveaux mentors\u00a0: \S+ \d+(er)? \S+ \d{4} à 12\u00a0h\u00a030 \(heure de Paris\)$/,
    );
    expect(invitation?.body.text).toContain("Salle Turgot");
    expect(invitation?.body.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const ics = Buffer.from(invitation?.attachments?.[0]?.content ?? "", "base64").toString();
    expect(ics).toContain("METHOD:REQUEST");
    expect(await networkMail(hugo.answers.email)).toHaveLength(1);

    // A mentor selected once the session is scheduled is invited to it at once, and once.
    const lina = await submitMentor(cohortId, { firstName: "Lina", lastName: "Haddad" });
    // The grid saved again (the decision unchanged) invites nobody again.
    await recordInterview(lina.id, {
      grid: {
        digitalMaturity: { level: 4 },
        teachingAptitude: { level: 3 },
        seniorCoaching: { level: 3 },
      },
      decision: "selected",
    });
    await engine().settle();
    expect(await networkMail(lina.answers.email)).toHaveLength(1);
    expect(await listInvitations(meeting.id)).toHaveLength(3);

    // The team sees who has not been prepared, and that each is invited.
    const waiting = await pageText(await adminPage("/admin/reseau"));
    expect(waiting).toContain("Inès Benali — invité(e) à la prochaine séance");
    expect(waiting).toContain("Hugo Roche — invité(e) à la prochaine séance");

    // The day before, each is reminded once.
    await advanceTo(Date.parse(meeting.startsAt) - 23 * 3600_000);
    for (const mentor of [ines, hugo]) {
      const subjects = (await networkMail(mentor.answers.email)).map((email) => email.subject);
      expect(subjects.filter((subject) => subject.startsWith("Rappel"))).toEqual([
        "Rappel\u00a0: séance de préparation des nouveaux mentors demain",
      ]);
    }

    // After it, the team is asked who came; Inès came, Hugo did not.
    await advanceTo(Date.parse(meeting.startsAt) + 90 * 60_000);
    const team = (await emailsTo(programme.contactEmail)).map((email) => email.subject);
    expect(team.some((subject) => subject.endsWith("qui était là\u00a0?"))).toBe(true);
    const present = { present: [ines.id] };
    expect((await adminForm(`/admin/reseau/${meeting.id}/presences`, present)).status).toBe(303);
    expect((await adminForm(`/admin/reseau/${meeting.id}/presences`, present)).status).toBe(303);
    const after = await pageText(await adminPage("/admin/reseau"));
    expect(after).not.toContain("Inès Benali —");
    expect(after).toContain("Hugo Roche — pas encore invité(e)");

    // A week later the execution ends cleanly.
    await advanceTo(clock.now().getTime() + 8 * day);
    const { status } = await stepFunctions.send(
      new DescribeExecutionCommand({
        executionArn: `${localEventStateMachineArn.replace(":stateMachine:", ":execution:")}:${eventExecutionName("network", meeting.id)}`,
      }),
    );
    expect(status).toBe("SUCCEEDED");

    // Inès's page and attestation count the session with its hour and a half.
    const link = /\/espace-mentor\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(
      invitation?.body.text ?? "",
    )?.[0];
    const page = await pageText(await get(link ?? "/espace-mentor/x"));
    expect(page).toContain("Séance de préparation des nouveaux mentors");
    expect(page).toContain("(présent(e))");
    const pdf = await get(`${link}/attestation.pdf`);
    expect(pdfText(new Uint8Array(await pdf.arrayBuffer()))).toContain(
      "1 rencontre du réseau des mentors (1\u00a0h\u00a030)",
    );
  });
});
