import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { startProxy } from "./proxy";

/**
 * DynamoDB cut while a mentor answers from their page (/espace-mentor/<token>: staffing a
 * BarNum', whether it took place, a network meeting) and while they record a visit on the day
 * from their phone, gives their manager's address for their attestation, or asks for the link to
 * their page again (/espace-mentor), through a TCP proxy in front of the real DynamoDB Local (as
 * tests/faults/event-forms-outage.test.ts does for the workshop forms): 503 with Retry-After, the
 * answer or the visit back with what was chosen under the French notice saying whether it was
 * stored, and a retry that stores once and answers as the first post would.
 */
const proxy = await startProxy(process.env.AWS_ENDPOINT_URL_DYNAMODB as string);
process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.endpoint;
// Imported only now: the app's client must take the proxy's endpoint.
const { app } = await import("../../functions/api/app");
const { documents } = await import("#core/clients/dynamodb");
const { clock } = await import("#core/clock");
const { parisToday } = await import("#core/event-dates");
const { createCohort } = await import("#core/cohort");
const { mentorLink } = await import("#core/mentor-space");
const { askMentors, listStaff, listVisits, publishBarnum, getBarnum } = await import(
  "#core/barnum/store"
);
const { recordedConfirmation } = await import("#core/events/run");
const { inviteToComingPreparation, listInvitations, scheduleMeeting } = await import(
  "#core/network/store"
);
const { meetingKindLabel } = await import("#core/network/model");
const { formatWhen, frenchSpacing } = await import("#core/words");
const { freshCohortId, origin, pageText, submitMentor } = await import("../api/admin-support");
const { getConsent } = await import("#core/recognition");
const { emailsTo, uniqueEmail } = await import("../support/inbox");

/**
 * When set, the proxy loses every answer from the moment a write whose input contains this text
 * is sent (the write lands, its answer does not). Keyed on that write: the outbox's sender
 * writes too, meanwhile.
 */
let loseAnswersFromWriteWith: string | undefined;
documents.middlewareStack.add(
  (next) => async (args) => {
    if (loseAnswersFromWriteWith && JSON.stringify(args.input).includes(loseAnswersFromWriteWith)) {
      loseAnswersFromWriteWith = undefined;
      await proxy.cut("lose-answers");
    }
    return next(args);
  },
  { step: "initialize", name: "loseAnswersFromWriteWith" },
);

afterAll(() => proxy.close());
beforeEach(async () => {
  loseAnswersFromWriteWith = undefined;
  await proxy.restore();
});

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

/** What every page shown again after a 503 carries, in French. */
async function shownAgain(response: Response, written: "no" | "unknown", title: string) {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
  expect(response.headers.get("content-type")).toContain("text/html");
  const html = await pageText(response);
  expect(html).toContain(`<title>Service momentanément indisponible — ${title} — Binôme</title>`);
  expect(html).toContain(
    written === "no"
      ? "votre envoi n'a pas été enregistré. Vos réponses sont conservées ci-dessous"
      : "nous n'avons pas pu confirmer l'enregistrement de votre envoi",
  );
  if (written === "unknown") {
    expect(html).toContain("s'il avait été enregistré, il ne le sera pas une seconde fois");
  }
  return html;
}

/** The form of a page: its action and the buttons it sends (name, value, label). */
function formOf(html: string) {
  const form = /<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  const buttons = [
    ...(form?.[2] ?? "").matchAll(
      /<button type="submit" name="([^"]+)" value="([^"]+)"[^>]*>([^<]*)<\/button>/g,
    ),
  ].map(([, name, value, label]) => ({ name, value, label }));
  return { action: form?.[1], buttons };
}

describe("a staffing answer while DynamoDB is away", () => {
  it("gives the answer back, to send again in one click, under a French notice that it was not stored", async () => {
    const ines = await mentorWithPage("Inès");
    const barnum = await barnumAskedTo(ines.id, "Semaine de l'innovation");
    const action = `${ines.page}/barnum/${barnum.id}`;
    await proxy.cut("refuse");
    const html = await shownAgain(
      await post(action, { answer: "yes" }),
      "no",
      "Mon espace de mentor",
    );
    expect(html).toContain("Pouvez-vous tenir ce BarNum'\u00a0?");
    expect(html).toContain("Votre réponse\u00a0: «\u00a0Je serai là\u00a0».");
    expect(formOf(html)).toEqual({
      action,
      buttons: [{ name: "answer", value: "yes", label: "Renvoyer ma réponse" }],
    });
    expect(html).toContain(`href="${ines.page}"`);
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    // Without a valid answer, both buttons; in English on the English page.
    const unanswered = await pageText(await post(action, {}));
    expect(formOf(unanswered).buttons).toEqual([
      { name: "answer", value: "yes", label: "Je serai là" },
      { name: "answer", value: "no", label: "Je ne pourrai pas" },
    ]);
    const english = await pageText(await post(`${action}?lang=en`, { answer: "no" }));
    expect(english).toContain("Service temporarily unavailable");
    expect(english).toContain("Your answer: “I cannot come”.");
    expect(formOf(english).action).toBe(`${action}?lang=en`);

    await proxy.restore();
    expect((await listStaff(barnum.id)).map((member) => member.status)).toEqual(["asked"]);
  });

  it("says a yes whose answer was lost is unconfirmed; sent again, it is stored once and answered as the first time", async () => {
    const ines = await mentorWithPage("Inès");
    const barnum = await barnumAskedTo(ines.id, "Forum des usages");
    const action = `${ines.page}/barnum/${barnum.id}`;
    // The link, the BarNum' and its staff are read; the answer's write lands, its answer is lost.
    loseAnswersFromWriteWith = "answeredAt = :now";
    const html = await shownAgain(
      await post(action, { answer: "yes" }),
      "unknown",
      "Mon espace de mentor",
    );
    // Read before the outage, the BarNum' is named.
    expect(html).toContain("<h2>Forum des usages</h2>");
    expect(formOf(html).buttons).toEqual([
      { name: "answer", value: "yes", label: "Renvoyer ma réponse" },
    ]);

    await proxy.restore();
    const retry = await post(action, { answer: "yes" });
    expect(retry.status).toBe(303);
    expect(retry.headers.get("location")).toBe(`${ines.page}?fait=barnum-oui`);
    const again = await post(action, { answer: "yes" });
    expect(again.headers.get("location")).toBe(retry.headers.get("location"));
    expect(await pageText(await get(retry.headers.get("location") ?? ""))).toContain(
      "Merci\u00a0: vous tenez ce BarNum'.",
    );
    expect((await listStaff(barnum.id)).map((member) => member.status)).toEqual(["confirmed"]);
    const confirmations = (await emailsTo(ines.answers.email)).filter((email) =>
      email.subject.includes("merci, vous en êtes"),
    );
    expect(confirmations).toHaveLength(1);
  });
});

describe("whether a BarNum' took place, while DynamoDB is away", () => {
  it("gives the answer back when nothing was stored, and stores a lost one once, answered as the first time", async () => {
    const ines = await mentorWithPage("Inès");
    const barnum = await barnumAskedTo(ines.id, "Journée du numérique");
    expect((await post(`${ines.page}/barnum/${barnum.id}`, { answer: "yes" })).status).toBe(303);
    advancePast(barnum.endsAt);
    const action = `${ines.page}/barnum/${barnum.id}/bilan`;

    await proxy.cut("refuse");
    const refused = await shownAgain(
      await post(action, { tookPlace: "no" }),
      "no",
      "Mon espace de mentor",
    );
    expect(refused).toContain("Le BarNum' a-t-il eu lieu\u00a0?");
    expect(refused).toContain("Votre réponse\u00a0: «\u00a0Non, il n'a pas eu lieu\u00a0».");
    expect(formOf(refused)).toEqual({
      action,
      buttons: [{ name: "tookPlace", value: "no", label: "Renvoyer ma réponse" }],
    });
    await proxy.restore();
    expect(await recordedConfirmation("barnum", barnum.id)).toBeUndefined();

    loseAnswersFromWriteWith = "SET #outcome = :outcome";
    const lost = await shownAgain(
      await post(action, { tookPlace: "yes" }),
      "unknown",
      "Mon espace de mentor",
    );
    expect(lost).toContain("<h2>Journée du numérique</h2>");
    expect(formOf(lost).buttons).toEqual([
      { name: "tookPlace", value: "yes", label: "Renvoyer ma réponse" },
    ]);

    await proxy.restore();
    // The write did reach the table: the retry is told what a first answer is told.
    const retry = await post(action, { tookPlace: "yes" });
    expect(retry.status).toBe(303);
    expect(retry.headers.get("location")).toBe(`${ines.page}?fait=bilan`);
    const again = await post(action, { tookPlace: "yes" });
    expect(again.headers.get("location")).toBe(retry.headers.get("location"));
    expect((await recordedConfirmation("barnum", barnum.id))?.tookPlace).toBe(true);
    expect((await getBarnum(barnum.id))?.status).toBe("published");
  });
});

describe("a network meeting reply while DynamoDB is away", () => {
  it("gives the reply back when nothing was stored, and stores a lost one once, answered as the first time", async () => {
    const ines = await mentorWithPage("Inès");
    const { meeting } = await scheduleMeeting({
      kind: "preparation",
      date: parisToday(new Date(clock.now().getTime() + 5 * day)),
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
    const replyOf = async () =>
      (await listInvitations(meeting.id)).find((invitation) => invitation.mentorId === ines.id)
        ?.reply;

    await proxy.cut("refuse");
    const refused = await shownAgain(
      await post(action, { reply: "yes" }),
      "no",
      "Mon espace de mentor",
    );
    expect(refused).toContain("Venez-vous à cette rencontre\u00a0?");
    expect(refused).toContain("Votre réponse\u00a0: «\u00a0Je viens\u00a0».");
    expect(formOf(refused)).toEqual({
      action,
      buttons: [{ name: "reply", value: "yes", label: "Renvoyer ma réponse" }],
    });
    await proxy.restore();
    expect(await replyOf()).toBeUndefined();

    loseAnswersFromWriteWith = "repliedAt = :now";
    const lost = await shownAgain(
      await post(action, { reply: "yes" }),
      "unknown",
      "Mon espace de mentor",
    );
    // Read before the outage, the meeting is named, with its date in words.
    const when = frenchSpacing(formatWhen(new Date(meeting.startsAt)).fr);
    expect(lost).toContain(`<h2>${meetingKindLabel.preparation.fr}, ${when}</h2>`);
    expect(lost).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    await proxy.restore();
    const retry = await post(action, { reply: "yes" });
    expect(retry.status).toBe(303);
    expect(retry.headers.get("location")).toBe(`${ines.page}?fait=rencontre-oui`);
    const again = await post(action, { reply: "yes" });
    expect(again.headers.get("location")).toBe(retry.headers.get("location"));
    expect(await replyOf()).toBe("yes");
  });
});

describe("a visit recorded on the day while DynamoDB is away", () => {
  async function visitPage(event: string) {
    const ines = await mentorWithPage("Inès");
    const barnum = await barnumAskedTo(ines.id, event);
    expect((await post(`${ines.page}/barnum/${barnum.id}`, { answer: "yes" })).status).toBe(303);
    advancePast(barnum.startsAt);
    const action = `${ines.page}/barnum/${barnum.id}/visites`;
    const opened = await pageText(await get(action));
    const visitId = /name="visitId" value="([0-9a-f-]{36})"/.exec(opened)?.[1] ?? "";
    expect(visitId).not.toBe("");
    return { barnum, action, visitId };
  }

  it("shows the visit again with the theme and the answer chosen, under a French notice that it was not stored", async () => {
    const { barnum, action, visitId } = await visitPage("Salon des usages");
    await proxy.cut("refuse");
    const response = await post(action, {
      visitId,
      theme: "artificial-intelligence",
      resolved: "no",
    });
    const html = await shownAgain(response, "no", "Noter une visite");
    // The form itself, as it was: the same visit id, the theme and the answer checked.
    expect(html).toContain(`<form method="post" action="${action}"`);
    expect(html).toContain(`name="visitId" value="${visitId}"`);
    expect(html).toMatch(/value="artificial-intelligence" checked/);
    expect(html).toMatch(/value="no" checked/);
    expect(html).not.toContain('class="error"');

    const english = await pageText(
      await post(`${action}?lang=en`, { visitId, theme: "other", resolved: "yes" }),
    );
    expect(english).toContain("Service temporarily unavailable");
    expect(english).toContain("Your answers are kept below");
    expect(english).toMatch(/value="other" checked/);

    await proxy.restore();
    expect(await listVisits(barnum.id)).toEqual([]);
  });

  it("says a visit whose answer was lost is unconfirmed; sent again from that page, it is stored once and answered as the first time", async () => {
    const { barnum, action, visitId } = await visitPage("Forum des métiers");
    loseAnswersFromWriteWith = '"kind":"barnum-visit"';
    const lost = await post(action, { visitId, theme: "collaborative-tools", resolved: "yes" });
    const html = await shownAgain(lost, "unknown", "Noter une visite");
    expect(html).toMatch(/value="collaborative-tools" checked/);
    // The page shown again carries the same visit id: what it sends is the same visit.
    const kept = /name="visitId" value="([0-9a-f-]{36})"/.exec(html)?.[1];
    expect(kept).toBe(visitId);

    await proxy.restore();
    const visit = { visitId, theme: "collaborative-tools", resolved: "yes" };
    const retry = await post(action, visit);
    expect(retry.status).toBe(303);
    expect(retry.headers.get("location")).toBe(`${action}?fait=visite`);
    const again = await post(action, visit);
    expect(again.headers.get("location")).toBe(retry.headers.get("location"));
    const visits = await listVisits(barnum.id);
    expect(visits.map((stored) => [stored.theme, stored.resolved])).toEqual([
      ["collaborative-tools", true],
    ]);
  });
});

describe("the consent to send the attestation while DynamoDB is away", () => {
  const manager = "claire.martin@finances.gouv.fr";
  /** The consent form's address and box, as the page shown again has them. */
  const consentForm = (html: string) => ({
    address: /<input[^>]*name="managerEmail"[^>]*>/.exec(html)?.[0].match(/value="([^"]*)"/)?.[1],
    agreed: /<input[^>]*name="agree"[^>]*value="on"[^>]*checked/.test(html),
  });

  it("shows the consent form alone again, with the address typed and the box ticked, under a French notice that it was not stored", async () => {
    const ines = await mentorWithPage("Inès");
    const action = `${ines.page}/consentement`;
    await proxy.cut("refuse");
    const html = await shownAgain(
      await post(action, { managerEmail: manager, agree: "on" }),
      "no",
      "Mon espace de mentor",
    );
    expect(html).toContain("<h2>Envoyer l'attestation à votre responsable</h2>");
    expect(html).toContain(`<form method="post" action="${action}"`);
    expect(consentForm(html)).toEqual({ address: manager, agreed: true });
    expect(html).toContain(`href="${ines.page}"`);

    // What was typed comes back as it was, the box left unticked too; in English on the English page.
    const unticked = await pageText(await post(action, { managerEmail: "claire.martin@" }));
    expect(consentForm(unticked)).toEqual({ address: "claire.martin@", agreed: false });
    const english = await pageText(
      await post(`${action}?lang=en`, { managerEmail: manager, agree: "on" }),
    );
    expect(english).toContain("Service temporarily unavailable");
    expect(english).toContain("Your answers are kept below");
    expect(english).toContain(`action="${action}?lang=en"`);

    await proxy.restore();
    expect(await getConsent(ines.id)).toBeUndefined();
  });

  it("says a consent whose answer was lost is unconfirmed; sent again, it is stored once and answered as the first time", async () => {
    const ines = await mentorWithPage("Inès");
    const action = `${ines.page}/consentement`;
    loseAnswersFromWriteWith = '"kind":"mentor-consent"';
    const html = await shownAgain(
      await post(action, { managerEmail: manager, agree: "on" }),
      "unknown",
      "Mon espace de mentor",
    );
    expect(consentForm(html)).toEqual({ address: manager, agreed: true });

    await proxy.restore();
    const retry = await post(action, { managerEmail: manager, agree: "on" });
    expect(retry.status).toBe(303);
    expect(retry.headers.get("location")).toBe(`${ines.page}?fait=consentement`);
    const again = await post(action, { managerEmail: manager, agree: "on" });
    expect(again.headers.get("location")).toBe(retry.headers.get("location"));
    expect((await getConsent(ines.id))?.managerEmail).toBe(manager);
    expect(await pageText(await get(retry.headers.get("location") ?? ""))).toContain(
      `Vous avez accepté que l'attestation soit envoyée à ${manager}.`,
    );
  });
});

describe("« Retrouver ma page de mentor » while DynamoDB is away", () => {
  /** The page with the address typed taken out: what must not differ between two addresses. */
  const without = (html: string, address: string) => html.replaceAll(address, "ADRESSE");

  it("gives the form back with the address, under the same French notice whether the address is a mentor's or not; sent again, the link goes", async () => {
    const ines = await mentorWithPage("Inès");
    const stranger = uniqueEmail("inconnu");
    await proxy.cut("refuse");
    // This form's first request is a write: the client must have seen its pooled connections
    // reset (a service stopped a moment ago), or that write may have been sent on one of them.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const known = await shownAgain(
      await post("/espace-mentor", { email: ines.answers.email }),
      "no",
      "Retrouver ma page de mentor",
    );
    expect(known).toContain(`value="${ines.answers.email}"`);
    expect(known).toContain('<form method="post" action="/espace-mentor?lang=fr"');
    const unknown = await shownAgain(
      await post("/espace-mentor", { email: stranger }),
      "no",
      "Retrouver ma page de mentor",
    );
    expect(without(unknown, stranger)).toBe(without(known, ines.answers.email));

    await proxy.restore();
    const retry = await post("/espace-mentor", { email: ines.answers.email });
    expect(retry.status).toBe(200);
    expect(await pageText(retry)).toContain("Consultez votre messagerie");
    const links = (await emailsTo(ines.answers.email)).filter((email) =>
      email.body.text?.includes("/espace-mentor/acces/"),
    );
    expect(links).toHaveLength(1);
  });

  it("says the same unconfirmed notice for a mentor's address and another when the answer was lost; sent again, the one link goes", async () => {
    const ines = await mentorWithPage("Inès");
    const stranger = uniqueEmail("inconnu");
    loseAnswersFromWriteWith = "mentor-access-throttle";
    const known = await shownAgain(
      await post("/espace-mentor", { email: ines.answers.email }),
      "unknown",
      "Retrouver ma page de mentor",
    );
    expect(known).toContain(`value="${ines.answers.email}"`);
    await proxy.restore();
    // The write landed whole or not at all: sent again, the mentor is told to look, and the one
    // link email is on its way (a throttle written without its email kept it from going for ten
    // minutes).
    const retry = await post("/espace-mentor", { email: ines.answers.email });
    expect(retry.status).toBe(200);
    expect(await pageText(retry)).toContain("Consultez votre messagerie");
    const links = (await emailsTo(ines.answers.email)).filter((email) =>
      email.body.text?.includes("/espace-mentor/acces/"),
    );
    expect(links).toHaveLength(1);
    loseAnswersFromWriteWith = "mentor-access-throttle";
    const unknown = await shownAgain(
      await post("/espace-mentor", { email: stranger }),
      "unknown",
      "Retrouver ma page de mentor",
    );
    expect(without(unknown, stranger)).toBe(without(known, ines.answers.email));
  });
});
