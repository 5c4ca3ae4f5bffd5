import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { askMentors, listStaff, listVisits, publishBarnum } from "#core/barnum/store";
import { documents } from "#core/clients/dynamodb";
import { clock } from "#core/clock";
import { createCohort } from "#core/cohort";
import { parisToday } from "#core/event-dates";
import { mentorLink } from "#core/mentor-space";
import { inviteToComingPreparation, listInvitations, scheduleMeeting } from "#core/network/store";
import { app } from "../../functions/api/app";
import { emailsTo } from "../support/inbox";
import { freshCohortId, origin, pageText, submitMentor } from "./admin-support";

/**
 * The forms a mentor answers on their page (/espace-mentor/<token>), in process against DynamoDB
 * Local: whether they staff a BarNum', whether it took place, whether they come to a network
 * meeting, and the visits they record on the day. A bad or incomplete post comes back as the
 * questionnaire's does (422, the French summary linking to the field, the message by it, what
 * was chosen kept); the same post twice stores once and answers the same.
 */

const day = 24 * 3600_000;

const post = (path: string, form: Record<string, string>) =>
  app.request(`${origin}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams(form),
  });
const get = (path: string) => app.request(`${origin}${path}`);

/** A selected mentor and the path of their page, its link stored as an email would carry it. */
async function mentorWithPage(firstName: string) {
  const cohortId = freshCohortId();
  await createCohort({ id: cohortId, name: `Vague ${firstName}` });
  const mentor = await submitMentor(cohortId, { firstName, lastName: "Benali" });
  const link = mentorLink(mentor.id);
  await documents.send(new PutCommand(link.put));
  return { ...mentor, page: new URL(link.url).pathname };
}

/** A BarNum' three days ahead, from 12:00 to 14:00 (Paris), the mentor asked to staff it. */
async function barnumAskedTo(mentorId: string, event: string) {
  const { barnum } = await publishBarnum({
    event,
    place: "Hall Bercy",
    date: parisToday(new Date(clock.now().getTime() + 3 * day)),
    startTime: "12:00",
    endTime: "14:00",
    slotMinutes: 30,
    placesPerSlot: 2,
    requestKey: crypto.randomUUID(),
  });
  await askMentors(barnum, [mentorId]);
  return barnum;
}

/** Moves the file's clock a minute past an instant. */
const advancePast = (at: string) =>
  clock.advanceBy(Math.max(0, Date.parse(at) - clock.now().getTime()) + 60_000);

/** The error summary's entries: the link's target and its text. */
function summaryOf(html: string) {
  const summary = /id="erreurs"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "";
  return [...summary.matchAll(/<a href="#([^"]+)">([\s\S]*?)<\/a>/g)].map(([, target, text]) => ({
    target,
    text,
  }));
}

/** The field's own message, inside the element the summary links to (after its opening tag). */
function messageBy(html: string, target: string | undefined) {
  const opening = html.indexOf(`id="${target}"`);
  const message = new RegExp(`<p class="error" id="${target}-erreur">([^<]*)</p>`).exec(html);
  if (opening < 0 || !message || message.index < opening) return undefined;
  return message[1];
}

describe("a mentor's answers on their page", () => {
  it("refuses a staffing post without an answer in French, linked to its BarNum', and stores a double yes once", async () => {
    const ines = await mentorWithPage("Inès");
    const barnum = await barnumAskedTo(ines.id, "Semaine de l'innovation");
    const action = `${ines.page}/barnum/${barnum.id}`;

    for (const form of [{}, { answer: "peut-être" }] as Record<string, string>[]) {
      const refused = await post(action, form);
      expect(refused.status).toBe(422);
      const html = await pageText(refused);
      expect(html).toContain("<title>Erreur");
      const [entry, ...others] = summaryOf(html);
      expect(others).toEqual([]);
      expect(entry?.text).toBe(
        "BarNum' «\u00a0Semaine de l'innovation\u00a0»\u00a0: Dites si vous pourrez tenir ce BarNum'.",
      );
      expect(entry?.target).toBe(`champ-barnum-${barnum.id}-answer`);
      expect(messageBy(html, entry?.target)).toBe("Dites si vous pourrez tenir ce BarNum'.");
      expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    expect((await listStaff(barnum.id))[0]?.status).toBe("asked");

    // In English on the English page.
    const english = await pageText(await post(`${action}?lang=en`, {}));
    expect(summaryOf(english)[0]?.text).toBe(
      "BarNum' “Semaine de l'innovation”: Say whether you can staff this BarNum'.",
    );

    // Yes twice (a double tap): one answer, one invitation for the diary, the same answer.
    const first = await post(action, { answer: "yes" });
    const second = await post(action, { answer: "yes" });
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(first.headers.get("location")).toContain("fait=barnum-oui");
    expect((await listStaff(barnum.id)).map((member) => member.status)).toEqual(["confirmed"]);
    const confirmations = (await emailsTo(ines.answers.email)).filter((email) =>
      email.subject.includes("merci, vous en êtes"),
    );
    expect(confirmations).toHaveLength(1);
  });

  it("tells a mentor who was not asked, or a BarNum' that does not exist, that there is nothing to answer", async () => {
    const ines = await mentorWithPage("Inès");
    const hugo = await mentorWithPage("Hugo");
    const barnum = await barnumAskedTo(ines.id, "Forum des métiers");
    const notAsked = await post(`${hugo.page}/barnum/${barnum.id}`, { answer: "yes" });
    expect(notAsked.status).toBe(404);
    expect(await pageText(notAsked)).toContain("Cet événement ne vous est pas proposé");
    expect(await listStaff(barnum.id)).toHaveLength(1);
    expect((await post(`${ines.page}/barnum/${"0".repeat(20)}`, { answer: "yes" })).status).toBe(
      404,
    );
    expect(
      (await post(`${ines.page}/barnum/${barnum.id}/bilan`, { tookPlace: "yes" })).status,
    ).toBe(403);
  });

  it("refuses a took-place post without an answer, then answers the same yes twice and tells a different one it was recorded", async () => {
    const ines = await mentorWithPage("Inès");
    const barnum = await barnumAskedTo(ines.id, "Journée du numérique");
    expect((await post(`${ines.page}/barnum/${barnum.id}`, { answer: "yes" })).status).toBe(303);
    const action = `${ines.page}/barnum/${barnum.id}/bilan`;
    // Before its end the question is not asked.
    expect((await post(action, { tookPlace: "yes" })).status).toBe(403);
    advancePast(barnum.endsAt);
    // Over, it can no longer be staffed or declined: said so, and nothing changes.
    const late = await post(`${ines.page}/barnum/${barnum.id}`, { answer: "no" });
    expect(late.headers.get("location")).toContain("fait=barnum-trop-tard");
    expect(await pageText(await get(late.headers.get("location") ?? ""))).toContain(
      "Ce BarNum' est terminé ou annulé\u00a0: votre réponse n'est plus enregistrée.",
    );
    expect((await listStaff(barnum.id)).map((member) => member.status)).toEqual(["confirmed"]);

    const page = await pageText(await get(ines.page));
    expect(page).toContain("Le BarNum' a-t-il eu lieu\u00a0?");
    const refused = await post(action, { tookPlace: "" });
    expect(refused.status).toBe(422);
    const html = await pageText(refused);
    const [entry] = summaryOf(html);
    expect(entry?.text).toBe(
      "BarNum' «\u00a0Journée du numérique\u00a0»\u00a0: Dites si le BarNum' a eu lieu.",
    );
    expect(entry?.target).toBe(`champ-barnum-${barnum.id}-tookPlace`);
    expect(messageBy(html, entry?.target)).toBe("Dites si le BarNum' a eu lieu.");

    const first = await post(action, { tookPlace: "yes" });
    const second = await post(action, { tookPlace: "yes" });
    expect(first.headers.get("location")).toContain("fait=bilan");
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    const other = await post(action, { tookPlace: "no" });
    expect(other.headers.get("location")).toContain("fait=bilan-deja");
  });

  it("refuses a meeting reply without an answer, linked to the meeting, and keeps one reply when it comes twice", async () => {
    const ines = await mentorWithPage("Inès");
    // Selected before the meeting was scheduled: not invited to it.
    const stranger = await mentorWithPage("Hugo");
    const inDays = new Date(clock.now().getTime() + 5 * day);
    const { meeting } = await scheduleMeeting({
      kind: "preparation",
      date: parisToday(inDays),
      time: "10:00",
      durationMinutes: 90,
      place: `Salle ${Math.random().toString(36).slice(2, 8)}`,
      agenda: "Préparer les premiers binômes",
      note: "",
    });
    const mentor = { id: ines.id, answers: ines.answers } as Parameters<
      typeof inviteToComingPreparation
    >[0];
    await inviteToComingPreparation(mentor);
    const action = `${ines.page}/rencontre/${meeting.id}`;

    const refused = await post(action, { reply: "bientôt" });
    expect(refused.status).toBe(422);
    const html = await pageText(refused);
    const [entry, ...others] = summaryOf(html);
    expect(others).toEqual([]);
    expect(entry?.target).toBe(`champ-rencontre-${meeting.id}-reply`);
    expect(entry?.text).toMatch(/\u00a0: Dites si vous venez à cette rencontre\.$/);
    expect(entry?.text).not.toMatch(/\d{4}-\d{2}-\d{2}|T\d{2}:/);
    expect(messageBy(html, entry?.target)).toBe("Dites si vous venez à cette rencontre.");

    const first = await post(action, { reply: "yes" });
    const second = await post(action, { reply: "yes" });
    expect(first.status).toBe(303);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    const invitations = (await listInvitations(meeting.id)).filter(
      (invitation) => invitation.mentorId === ines.id,
    );
    expect(invitations.map((invitation) => invitation.reply)).toEqual(["yes"]);

    expect((await post(`${stranger.page}/rencontre/${meeting.id}`, { reply: "" })).status).toBe(
      404,
    );
  });
});

describe("a visit recorded on the day", () => {
  it("keeps the theme and the answer chosen when the other is missing, with the summary and the message by the field", async () => {
    const ines = await mentorWithPage("Inès");
    const barnum = await barnumAskedTo(ines.id, "Salon des usages");
    expect((await post(`${ines.page}/barnum/${barnum.id}`, { answer: "yes" })).status).toBe(303);
    advancePast(barnum.startsAt);
    const action = `${ines.page}/barnum/${barnum.id}/visites`;
    const opened = await pageText(await get(action));
    const visitId = /name="visitId" value="([0-9a-f-]{36})"/.exec(opened)?.[1] ?? "";

    const noResolved = await post(action, { visitId, theme: "artificial-intelligence" });
    expect(noResolved.status).toBe(422);
    let html = await pageText(noResolved);
    expect(summaryOf(html)).toEqual([
      {
        target: "champ-resolved",
        text: "Question résolue\u00a0: Indiquez si la question a été résolue.",
      },
    ]);
    expect(messageBy(html, "champ-resolved")).toBe("Indiquez si la question a été résolue.");
    expect(html).toMatch(/value="artificial-intelligence" checked/);
    expect(html).toContain(`name="visitId" value="${visitId}"`);

    const noTheme = await post(action, { visitId, resolved: "no" });
    expect(noTheme.status).toBe(422);
    html = await pageText(noTheme);
    expect(summaryOf(html).map((entry) => entry.target)).toEqual(["champ-theme"]);
    expect(messageBy(html, "champ-theme")).toBe("Choisissez le thème de la question.");
    expect(html).toMatch(/value="no" checked/);

    // A visit id that is none gets a fresh one: pressing again records the visit.
    const forged = await post(action, { visitId: "x", theme: "other", resolved: "yes" });
    expect(forged.status).toBe(422);
    html = await pageText(forged);
    expect(messageBy(html, "champ-visitId")).toContain("appuyez à nouveau");
    expect(html).toMatch(/value="other" checked/);
    const fresh = /name="visitId" value="([0-9a-f-]{36})"/.exec(html)?.[1] ?? "";
    expect(fresh).not.toBe("");
    expect(await listVisits(barnum.id)).toHaveLength(0);

    // Sent twice (a double tap): one visit, the same answer.
    const visit = { visitId: fresh, theme: "other", resolved: "yes" };
    const first = await post(action, visit);
    const second = await post(action, visit);
    expect(first.status).toBe(303);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(await listVisits(barnum.id)).toHaveLength(1);
  });
});
