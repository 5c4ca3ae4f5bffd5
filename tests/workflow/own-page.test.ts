import { describe, expect, it } from "vitest";
import { createCohort } from "#core/cohort";
import { listHistory, updatePair } from "#core/pair/store";
import { programme } from "#core/programme";
import { localApp } from "../../functions/local/app";
import { emailsTo, type StoredEmail, uniqueEmail } from "../support/inbox";
import { answer, newPair, pairOf, schedule, useEngine } from "./support";

/**
 * A participant's own page as people reach it: from the link in every email of their pair (found
 * in the local inbox), or, when the link is lost, from a link sent again to their address.
 */
const { engine } = useEngine();

const appUrl = process.env.APP_URL as string;
const ownPagePattern = /\/mon-binome\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43})/;
const isoMoment = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const ownPageIn = (email: StoredEmail | undefined) => {
  const token = ownPagePattern.exec(email?.body.text ?? "")?.[1];
  if (!token) throw new Error("No own page link in the email");
  return `${appUrl}/mon-binome/${token}`;
};

async function ownPageOf(address: string, subject: RegExp) {
  const email = (await emailsTo(address)).find((candidate) => subject.test(candidate.subject));
  return ownPageIn(email);
}

const get = async (url: string) => {
  const response = await localApp.request(url);
  // Read as text: the apostrophes the page escapes read as apostrophes.
  const html = (await response.text()).replaceAll("&#39;", "'");
  return { status: response.status, html, response };
};

const post = (url: string, fields: Record<string, string>) =>
  localApp.request(url, {
    method: "POST",
    headers: { Origin: appUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });

const actionLink = (html: string, label: string) => {
  const match = new RegExp(`<a href="([^"]+/lien/[^"]+)">${label}</a>`).exec(html);
  if (!match?.[1]) throw new Error(`No action "${label}" on the page`);
  return match[1].replaceAll("&amp;", "&");
};

describe("a page of one's own", () => {
  it("shows each one their pair, the other's address, the meetings, the objectives and what waits on them", async () => {
    const { pairId, menteeEmail, mentorEmail } = await newPair();
    await engine().settle();
    const mentorPage = await ownPageOf(mentorEmail, /voici votre binôme/);
    const menteePage = await ownPageOf(menteeEmail, /voici votre binôme/);

    const forMentor = await get(mentorPage);
    expect(forMentor.status).toBe(200);
    expect(forMentor.html).toContain("<h1>Mon binôme</h1>");
    expect(forMentor.html).toContain("Claire Dubois");
    expect(forMentor.html).toContain(`href="mailto:${menteeEmail}"`);
    expect(forMentor.html).toContain("Rendez-vous de préparation");
    expect(forMentor.html).toContain("Date à fixer");
    expect(forMentor.html).toContain("Pas encore notés");
    // The action is the existing link page, with its form.
    const propose = actionLink(forMentor.html, "Proposer une date");
    expect((await get(propose)).html).toContain('<form method="post"');

    const forMentee = await get(menteePage);
    expect(forMentee.html).toContain("Yanis Martin");
    expect(forMentee.html).toContain(`href="mailto:${mentorEmail}"`);
    expect(forMentee.html).toContain("Rien pour l'instant");
    expect(forMentee.html).toContain("Yanis doit proposer la prochaine date.");

    // A date is set, the call takes place, the objectives are recorded: the pages follow.
    await schedule(pairId, "preparation", 5);
    const meeting = await get(menteePage);
    expect(meeting.html).toContain("À venir");
    expect(meeting.html).toContain("Changer la date");
    expect(meeting.html).toMatch(/\d{4} à \d{1,2}\u00a0h/);
    expect(meeting.html).not.toMatch(isoMoment);
    await engine().advance(6 * 24 * 60 * 60 * 1000);
    const confirm = await get(menteePage);
    expect(confirm.html).toContain("Dire si le rendez-vous a eu lieu");
    await answer(pairId, "preparation", "confirm", "mentor", { tookPlace: true, satisfaction: 5 });
    await answer(pairId, "preparation", "objectives", "mentor", {
      objectives: "Créer un compte LinkedIn et publier un premier message",
      sessions: 3,
    });
    const after = await get(menteePage);
    expect(after.html).toContain("A eu lieu");
    expect(after.html).toContain("Créer un compte LinkedIn et publier un premier message");

    const english = await get(`${menteePage}?lang=en`);
    expect(english.html).toContain("<h1>My pair</h1>");
    expect(english.html).toContain("Your mentor");
    expect(english.html).toContain("Took place");
  });

  it("takes a request for help to the team through the outbox, records it on the pair, once", async () => {
    const { pairId, menteeEmail } = await newPair();
    await engine().settle();
    const page = await ownPageOf(menteeEmail, /voici votre binôme/);

    const missing = await post(`${page}/demande`, { message: "" });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain("Choisissez ce que vous demandez");

    const fields = { kind: "help", message: "Nous n'arrivons pas à trouver un créneau." };
    const sent = await post(`${page}/demande`, fields);
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain("Votre demande est partie");
    await post(`${page}/demande`, fields);

    const toTeam = (await emailsTo(programme.contactEmail)).filter((email) =>
      email.replyTo?.includes(menteeEmail),
    );
    expect(toTeam).toHaveLength(1);
    expect(toTeam[0]?.subject).toContain("Claire Dubois demande de l'aide");
    expect(toTeam[0]?.body.text).toContain("Nous n'arrivons pas à trouver un créneau.");
    expect((await pairOf(pairId)).needsAttention).toBe(true);
    const asked = (await listHistory(pairId)).filter(
      (entry) => entry.event === "participant.asked-help",
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]?.actor).toBe("mentee");
  });

  it("takes the mentor's request for a pause to the team, with no message, once", async () => {
    const { pairId, mentorEmail } = await newPair();
    await engine().settle();
    const page = await ownPageOf(mentorEmail, /voici votre binôme/);
    const sent = await post(`${page}/demande`, { kind: "pause", message: "" });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain("Votre demande est partie");
    await post(`${page}/demande`, { kind: "pause", message: "" });

    const toTeam = (await emailsTo(programme.contactEmail)).filter((email) =>
      email.replyTo?.includes(mentorEmail),
    );
    expect(toTeam).toHaveLength(1);
    expect(toTeam[0]?.subject).toContain("Yanis Martin demande une pause");
    expect(toTeam[0]?.body.text).toContain("Yanis Martin (mentor) demande une pause");
    expect(toTeam[0]?.body.text).toContain("Aucun message n'accompagne la demande.");
    expect((await pairOf(pairId)).needsAttention).toBe(true);
    const asked = (await listHistory(pairId)).filter(
      (entry) => entry.event === "participant.asked-pause",
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]?.actor).toBe("mentor");
  });

  it("sends a lost link again to the registered address only, answering the same for an unknown one", async () => {
    await createCohort({ id: "vague-test", name: "Vague de test" } as never);
    const { menteeEmail } = await newPair();
    await engine().settle();
    const unknown = uniqueEmail("inconnu");

    const known = await post(`${appUrl}/mon-binome`, { email: menteeEmail });
    const stranger = await post(`${appUrl}/mon-binome`, { email: unknown });
    expect(known.status).toBe(200);
    expect(await known.text()).toBe(await stranger.text());
    await post(`${appUrl}/mon-binome`, { email: menteeEmail });

    const sent = (await emailsTo(menteeEmail)).filter((email) =>
      email.subject.includes("page de votre binôme"),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]?.destination.to).toEqual([menteeEmail]);
    const access = /\/mon-binome\/acces\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}/.exec(
      sent[0]?.body.text ?? "",
    )?.[0];
    expect(access).toBeDefined();
    const opened = await get(`${appUrl}${access}`);
    expect(opened.status).toBe(303);
    const page = await get(opened.response.headers.get("location") as string);
    expect(page.html).toContain("Yanis Martin");
  });

  it("refuses an altered link, and offers to send a new one", async () => {
    const { menteeEmail } = await newPair();
    await engine().settle();
    const page = await ownPageOf(menteeEmail, /voici votre binôme/);
    const altered = `${page.slice(0, -3)}${page.endsWith("AAA") ? "BBB" : "AAA"}`;
    const refused = await get(altered);
    expect(refused.status).toBe(404);
    expect(refused.html).toContain("Recevoir un nouveau lien");
    expect(refused.html).not.toContain("Claire");
  });

  it("stops opening the pair for a mentor the team replaced", async () => {
    const { pairId, mentorEmail } = await newPair();
    await engine().settle();
    const page = await ownPageOf(mentorEmail, /voici votre binôme/);
    expect((await get(page)).status).toBe(200);
    await updatePair(pairId, { mentorId: "another-mentor" });
    const refused = await get(page);
    expect(refused.status).toBe(404);
    expect(refused.html).not.toContain("Claire");
  });
});
