import { DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { listBarnums, listRegistrations, listVisits } from "#core/barnum/store";
import { stepFunctions } from "#core/clients/sfn";
import { clock } from "#core/clock";
import { createCohort } from "#core/cohort";
import { parisToday } from "#core/event-dates";
import { eventExecutionName } from "#core/events/payload";
import { app } from "../../functions/api/app";
import { localApp } from "../../functions/local/app";
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
import { emailsTo, uniqueEmail } from "../support/inbox";
import { useEngine } from "./support";

/**
 * A BarNum' end to end through the pages, on the event workflow (the local Step Functions
 * service): the team publishes and staffs it, each mentor answers from the link in their email,
 * agents register on the public page, the dev clock brings the reminders and the day, the mentors
 * record visits from their page, say it took place, and the attestation counts the BarNum'.
 */
const { engine } = useEngine();

const day = 24 * 3600_000;

const post = (path: string, form: Record<string, string>) =>
  app.request(`${origin}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams(form),
  });

const get = (path: string) => app.request(`${origin}${path}`);

async function advance(duration: string) {
  const response = await localApp.request("/api/dev/clock", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advance: duration }),
  });
  await engine().settle();
  return response;
}

const executionStatus = async (barnumId: string) =>
  (
    await stepFunctions.send(
      new DescribeExecutionCommand({
        executionArn: `${localEventStateMachineArn.replace(":stateMachine:", ":execution:")}:${eventExecutionName("barnum", barnumId)}`,
      }),
    )
  ).status;

const subjects = async (address: string) => (await emailsTo(address)).map((email) => email.subject);

/** Moves the dev clock to an instant (a little after it). */
const advanceTo = (at: string) =>
  advance(`PT${Math.max(1, Math.ceil((Date.parse(at) - clock.now().getTime()) / 1000) + 60)}S`);

const pathOf = (url: string) => new URL(url).pathname;

/** The first link of an email's text that goes to a mentor's page. */
function mentorPageLink(text: string | undefined): string {
  const match = /https?:\/\/\S+\/espace-mentor\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(text ?? "");
  if (!match) throw new Error("No mentor page link in the email");
  return pathOf(match[0]);
}

/** What a mentor received about BarNum' (their application's acknowledgement and decision aside). */
const barnumMail = async (address: string) =>
  (await emailsTo(address)).filter((email) => email.subject.startsWith("BarNum'"));

const calendarOf = (email: { attachments?: { content: string }[] }) =>
  (email.attachments ?? [])
    .map((file) => Buffer.from(file.content, "base64").toString("utf8"))
    .find((content) => content.includes("BEGIN:VCALENDAR"));

describe("a BarNum' from publication to the attestation", () => {
  it("is published, staffed, registered for, visited, and counted", async () => {
    const cohortId = freshCohortId();
    await createCohort({ id: cohortId, name: "Vague BarNum" });
    const ines = await submitMentor(cohortId, { firstName: "Inès", lastName: "Benali" });
    const hugo = await submitMentor(cohortId, { firstName: "Hugo", lastName: "Roche" });

    // The team's form refuses bad input in French and keeps what was typed.
    const refused = await adminForm("/admin/barnum", {
      event: "",
      place: "Hall Bercy",
      date: "31/02/2027",
      startTime: "14:00",
      endTime: "12:00",
      slotMinutes: "25",
      placesPerSlot: "0",
    });
    expect(refused.status).toBe(422);
    const refusedPage = await pageText(refused);
    expect(refusedPage).toContain("Indiquez l'événement ou l'occasion du BarNum'.");
    expect(refusedPage).toContain("Le 31 février n'existe pas\u00a0: vérifiez le jour.");
    expect(refusedPage).toContain("L'heure de fin doit venir après l'heure de début.");
    expect(refusedPage).toContain("Choisissez la durée d'un créneau.");
    expect(refusedPage).toContain("Indiquez le nombre de places par créneau, de 1 à 50.");
    expect(refusedPage).toContain('value="Hall Bercy"');

    // Published twice (a double click): one BarNum'.
    const date = parisToday(new Date(clock.now().getTime() + 3 * day));
    const form = {
      event: "Semaine de l'innovation",
      place: "Hall Bercy",
      date,
      startTime: "12:00",
      endTime: "14:00",
      slotMinutes: "30",
      placesPerSlot: "1",
      requestKey: crypto.randomUUID(),
    };
    const published = await adminForm("/admin/barnum", form);
    expect(published.status).toBe(303);
    expect((await adminForm("/admin/barnum", form)).status).toBe(303);
    const barnums = (await listBarnums()).filter((item) => item.event === form.event);
    expect(barnums).toHaveLength(1);
    const barnum = barnums[0];
    if (!barnum) throw new Error("not published");
    expect(barnum.slots).toHaveLength(4);

    // Staffed: asked twice, each mentor gets one email with a link to their page.
    const mentors = { mentorIds: [ines.id, hugo.id] };
    expect((await adminForm(`/admin/barnum/${barnum.id}/mentors`, mentors)).status).toBe(303);
    expect((await adminForm(`/admin/barnum/${barnum.id}/mentors`, mentors)).status).toBe(303);
    const [inesAsked] = await barnumMail(ines.answers.email);
    expect(await barnumMail(ines.answers.email)).toHaveLength(1);
    expect(inesAsked?.subject).toMatch(
      /^BarNum' du \d+(er)? \S+ \d{4}\u00a0: pouvez-vous en être\u00a0\?$/,
    );
    expect(inesAsked?.body.text).toContain("«\u00a0Semaine de l'innovation\u00a0»");
    expect(inesAsked?.body.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const inesPage = mentorPageLink(inesAsked?.body.text);
    const hugoPage = mentorPageLink((await barnumMail(hugo.answers.email))[0]?.body.text);

    // Opening the link shows; answering is a POST. Inès comes, Hugo cannot.
    const opened = await pageText(await get(inesPage));
    expect(opened).toContain("Semaine de l'innovation");
    expect(opened).toContain("Je serai là");
    expect((await post(`${inesPage}/barnum/${barnum.id}`, { answer: "yes" })).status).toBe(303);
    expect((await post(`${inesPage}/barnum/${barnum.id}`, { answer: "yes" })).status).toBe(303);
    expect((await post(`${hugoPage}/barnum/${barnum.id}`, { answer: "no" })).status).toBe(303);
    const inesMail = await barnumMail(ines.answers.email);
    expect(inesMail.map((email) => email.subject)).toHaveLength(2);
    const confirmed = inesMail[1];
    expect(confirmed?.subject).toContain("merci, vous en êtes");
    expect(calendarOf(confirmed ?? {})).toContain("METHOD:REQUEST");
    expect(await barnumMail(hugo.answers.email)).toHaveLength(1);
    const adminView = await pageText(await adminPage(`/admin/barnum/${barnum.id}`));
    expect(adminView).toContain("Inès Benali — sera là");
    expect(adminView).toContain("Hugo Roche — ne pourra pas");

    // The public page lists it with no account.
    const list = await pageText(await get("/barnum"));
    expect(list).toContain("Semaine de l'innovation");
    expect(list).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    // An agent's bad registration comes back in French, filled in.
    const agent = uniqueEmail("agent");
    const bad = await post(`/barnum/${barnum.id}`, { firstName: "Léa", email: "pas-une-adresse" });
    expect(bad.status).toBe(422);
    const badPage = await pageText(bad);
    expect(badPage).toContain("Choisissez un créneau.");
    expect(badPage).toContain("Saisissez une adresse électronique valide");
    expect(badPage).toContain("Vous devez accepter la politique de confidentialité");
    expect(badPage).toContain('value="Léa"');

    // Registered twice with the same answers: stored once, one confirmation with its ICS.
    const registration = {
      firstName: "Léa",
      email: agent,
      slotId: "1",
      theme: "artificial-intelligence",
      question: "Comment résumer un rapport avec une IA ?",
      consent: "on",
    };
    expect((await post(`/barnum/${barnum.id}`, registration)).status).toBe(200);
    const again = await post(`/barnum/${barnum.id}`, registration);
    expect(await pageText(again)).toContain("Vous étiez déjà inscrit(e)");
    expect(await listRegistrations(barnum.id)).toHaveLength(1);
    let agentMail = await emailsTo(agent);
    expect(agentMail).toHaveLength(1);
    expect(agentMail[0]?.subject).toMatch(/^BarNum' du .+\u00a0: vous êtes inscrit\(e\)$/);
    expect(agentMail[0]?.body.text).toContain("de 12\u00a0h à 12\u00a0h\u00a030");
    expect(calendarOf(agentMail[0] ?? {})).toContain("SEQUENCE:0");

    // A second agent finds the slot full (one place) and is told so; nothing is stored.
    const other = uniqueEmail("autre");
    const full = await post(`/barnum/${barnum.id}`, { ...registration, email: other });
    expect(full.status).toBe(409);
    expect(await pageText(full)).toContain("Ce créneau est complet");
    expect(await emailsTo(other)).toHaveLength(0);

    // Léa moves to another slot: the invitation is updated (same UID, next SEQUENCE).
    expect((await post(`/barnum/${barnum.id}`, { ...registration, slotId: "2" })).status).toBe(200);
    agentMail = await emailsTo(agent);
    expect(agentMail).toHaveLength(2);
    expect(agentMail[1]?.subject).toContain("votre inscription est modifiée");
    expect(calendarOf(agentMail[1] ?? {})).toContain("SEQUENCE:1");
    expect((await post(`/barnum/${barnum.id}`, { ...registration, email: other })).status).toBe(
      200,
    );

    // Before the day, visits cannot be recorded.
    expect((await get(`${inesPage}/barnum/${barnum.id}/visites`)).status).toBe(403);
    expect(await executionStatus(barnum.id)).toBe("RUNNING");

    // The day before: a reminder to the mentor who staffs it and to each agent registered.
    const reminder = `Rappel\u00a0: BarNum' «\u00a0Semaine de l'innovation\u00a0» demain`;
    expect(await subjects(ines.answers.email)).not.toContain(reminder);
    expect(
      (await advanceTo(new Date(Date.parse(barnum.startsAt) - 23 * 3600_000).toISOString())).status,
    ).toBe(200);
    expect(await subjects(ines.answers.email)).toContain(reminder);
    expect(await subjects(agent)).toContain(reminder);
    expect(await subjects(other)).toContain(reminder);
    expect(await subjects(hugo.answers.email)).not.toContain(reminder);
    const leaReminder = (await emailsTo(agent)).find((email) => email.subject === reminder);
    expect(leaReminder?.body.text).toContain("demain de 12\u00a0h\u00a030 à 13\u00a0h");

    // The day comes: Inès records visits from her phone; a double tap stores one.
    expect((await advanceTo(barnum.startsAt)).status).toBe(200);
    const opening = await get(`${inesPage}/barnum/${barnum.id}/visites`);
    expect(opening.status).toBe(200);
    const visitPage = await pageText(opening);
    expect(visitPage).toContain('name="viewport"');
    const visitId = /name="visitId" value="([0-9a-f-]{36})"/.exec(visitPage)?.[1] ?? "";
    const visit = { visitId, theme: "artificial-intelligence", resolved: "yes" };
    expect((await post(`${inesPage}/barnum/${barnum.id}/visites`, visit)).status).toBe(303);
    expect((await post(`${inesPage}/barnum/${barnum.id}/visites`, visit)).status).toBe(303);
    const noTheme = await post(`${inesPage}/barnum/${barnum.id}/visites`, {
      visitId: crypto.randomUUID(),
    });
    expect(noTheme.status).toBe(422);
    expect(await pageText(noTheme)).toContain("Choisissez le thème de la question.");
    for (const [theme, resolved] of [
      ["social-networks", "no"],
      ["other", "yes"],
    ] as const) {
      const id = crypto.randomUUID();
      expect(
        (await post(`${inesPage}/barnum/${barnum.id}/visites`, { visitId: id, theme, resolved }))
          .status,
      ).toBe(303);
    }
    // Hugo, who said no, cannot record visits.
    expect((await get(`${hugoPage}/barnum/${barnum.id}/visites`)).status).toBe(403);
    expect(await listVisits(barnum.id)).toHaveLength(3);
    const figures = await pageText(await adminPage(`/admin/barnum/${barnum.id}`));
    expect(figures).toContain("3 visites, 2 questions résolues");
    expect(figures).toContain("Intelligence artificielle");

    // After the end, the workflow asks the mentors who staffed it whether it took place.
    expect((await advanceTo(barnum.endsAt)).status).toBe(200);
    const asked = "BarNum' «\u00a0Semaine de l'innovation\u00a0»\u00a0: a-t-il eu lieu\u00a0?";
    expect(await subjects(ines.answers.email)).toContain(asked);
    expect(await subjects(hugo.answers.email)).not.toContain(asked);
    const answerPage = await pageText(await get(inesPage));
    expect(answerPage).toContain("Oui, il a eu lieu");
    const said = await post(`${inesPage}/barnum/${barnum.id}/bilan`, { tookPlace: "yes" });
    expect(said.headers.get("location")).toContain("fait=bilan");
    const again2 = await post(`${inesPage}/barnum/${barnum.id}/bilan`, { tookPlace: "no" });
    expect(again2.headers.get("location")).toContain("fait=bilan-deja");

    // A week later the execution closes it: the mentor is thanked with the figures.
    expect((await advance("P8D")).status).toBe(200);
    expect(await executionStatus(barnum.id)).toBe("SUCCEEDED");
    const thanks = (await emailsTo(ines.answers.email)).find((email) =>
      email.subject.endsWith("merci\u00a0!"),
    );
    expect(thanks?.body.text).toContain("3 visites, 2 questions résolues");
    expect(await subjects(hugo.answers.email)).toHaveLength(3);

    // Inès's attestation counts the BarNum' with its two hours; Hugo's does not.
    const pdf = await get(`${inesPage}/attestation.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain("1 BarNum' tenu (2\u00a0h)");
    const hugoPdf = pdfText(
      new Uint8Array(await (await get(`${hugoPage}/attestation.pdf`)).arrayBuffer()),
    );
    expect(hugoPdf).toContain("0 BarNum' tenu (0\u00a0min)");
  });

  it("refuses a forged mentor link and a BarNum' that does not exist", async () => {
    expect(
      (
        await get(
          "/espace-mentor/aaaaaaaaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        )
      ).status,
    ).toBe(404);
    expect((await get("/barnum/inconnu")).status).toBe(404);
  });
});
