import { describe, expect, it } from "vitest";
import { clock } from "#core/clock";
import { themeIds } from "#core/programme";
import { localApp } from "../../functions/local/app";
import { adminHeaders } from "../api/admin-support";
import { emailsTo } from "../support/inbox";
import { answer, calendarsTo, day, held, newPair, schedule, useEngine } from "./support";

/**
 * The pair's words and links as people meet them: the links of the emails in the local inbox,
 * the link pages and the programme team's pair page and export, on the local engine.
 */
const { engine } = useEngine();

const appUrl = process.env.APP_URL as string;
const linkPattern = new RegExp(
  `${appUrl.replace(/[.:/]/g, "\\$&")}/lien/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+`,
  "g",
);

async function linksIn(address: string, subject: RegExp): Promise<string[]> {
  const email = (await emailsTo(address))
    .filter((candidate) => subject.test(candidate.subject))
    .sort((a, b) => a.at - b.at)
    .at(-1);
  if (!email) throw new Error(`No email matching ${subject}`);
  return [...new Set(`${email.body.text ?? ""}`.match(linkPattern) ?? [])];
}

const page = async (link: string) => (await localApp.request(link)).text();

const submit = (link: string, fields: Record<string, string>) =>
  localApp.request(link, {
    method: "POST",
    headers: { Origin: appUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });

const isoMoment = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

describe("links and invitations people can trust", () => {
  it("shows the current date, format and video link on the change-date form", async () => {
    const { pairId, mentorEmail } = await newPair();
    await engine().settle();
    const at = new Date(clock.now().getTime() + 5 * day);
    at.setUTCHours(9, 0, 0, 0);
    await answer(pairId, "preparation", "schedule", "mentor", {
      startsAt: at.toISOString(),
      durationMinutes: 45,
      format: "video",
      location: "https://visio.example.gouv.fr/salle-42",
    });
    const [reschedule] = await linksIn(mentorEmail, /rendez-vous de préparation le/);
    const html = await page(reschedule as string);
    expect(html).toContain("Date actuelle");
    expect(html).toContain("https://visio.example.gouv.fr/salle-42");
    expect(html).toMatch(/value="video"[^>]*checked|checked[^>]*value="video"/);
    expect(html).toMatch(/value="45"[^>]*checked|checked[^>]*value="45"/);
    expect(html).toContain(`value="${at.toISOString().slice(0, 10)}"`);
  });

  it("shows on GET that a step is done, with what was recorded, for a link never used", async () => {
    const { pairId, mentorEmail } = await newPair();
    await engine().settle();
    const [scheduleLink] = await linksIn(mentorEmail, /voici votre binôme/);
    // The date is given another way (here the verb the pages call); the email's link is stale.
    await schedule(pairId, "preparation", 5);
    const html = await page(scheduleLink as string);
    expect(html).toContain("Cette étape est faite");
    expect(html).toContain("Ce qui est enregistré");
    expect(html).toMatch(/En visio|Visio/i);
    expect(html).not.toContain('<form method="post"');
    expect(html).not.toMatch(isoMoment);
  });

  it("makes the mentor the invitation's organizer and the manager the attendee, keeping UID and SEQUENCE", async () => {
    const { pairId, menteeEmail, mentorEmail } = await newPair();
    await engine().settle();
    await schedule(pairId, "preparation", 5);
    await schedule(pairId, "preparation", 7, "reschedule");
    const [first, moved] = await calendarsTo(menteeEmail);
    const unfolded = (ics = "") => ics.replaceAll(/\r?\n[ \t]/g, "");
    expect(unfolded(first)).toMatch(new RegExp(`ORGANIZER[^\\n]*mailto:${mentorEmail}`, "i"));
    expect(unfolded(first)).toMatch(new RegExp(`ATTENDEE[^\\n]*mailto:${menteeEmail}`, "i"));
    expect(unfolded(first)).not.toMatch(/ATTENDEE[^\n]*mentorat-inverse@/i);
    expect(unfolded(first)).not.toMatch(/ORGANIZER[^\n]*mentorat-inverse@/i);
    const uid = (ics = "") => /UID:(.+)/.exec(ics)?.[1]?.trim();
    expect(uid(moved)).toBe(uid(first));
    expect(moved).toMatch(/SEQUENCE:2/);
  });
});

describe("nothing a person writes is lost", () => {
  it("keeps both roles' feedback and the closing answers, and shows them to the team in words", async () => {
    const { pairId, menteeEmail } = await newPair();
    await engine().settle();
    await schedule(pairId, "preparation", 5);
    await engine().advance(6 * day);
    await held(pairId, "preparation", 4);
    const [menteeConfirm] = await linksIn(menteeEmail, /a-t-il eu lieu/);
    const posted = await submit(menteeConfirm as string, {
      tookPlace: "yes",
      satisfaction: "5",
      comment: "Très clair, merci Yanis",
    });
    expect(posted.status).toBe(200);
    await answer(pairId, "preparation", "objectives", "mentor", {
      objectives: "Créer mon compte LinkedIn",
      sessions: 1,
    });
    await schedule(pairId, "session-1", 5);
    await engine().advance(6 * day);
    await held(pairId, "session-1", 5);
    await engine().advance(95 * day);
    await schedule(pairId, "follow-up", 5);
    await engine().advance(6 * day);
    await held(pairId, "follow-up", 5);
    const [evaluation] = await linksIn(menteeEmail, /auto-évaluation/);
    const form = await page(evaluation as string);
    expect(form).toContain("Les objectifs convenus ont-ils été atteints\u00a0?");
    expect(form).toContain("Créer mon compte LinkedIn");
    const closing = await submit(evaluation as string, {
      ...Object.fromEntries(themeIds.map((id) => [`comfort.${id}`, "3"])),
      objectivesReached: "partly",
      comment: "Je publie maintenant chaque semaine",
    });
    expect(closing.status).toBe(200);
    // The answer is kept, and the link says so when opened again.
    expect(await page(evaluation as string)).toContain("Je publie maintenant chaque semaine");

    const pairPage = await (
      await localApp.request(`/admin/binomes/${pairId}`, { headers: adminHeaders() })
    ).text();
    for (const words of [
      "Très clair, merci Yanis",
      "Je publie maintenant chaque semaine",
      "En partie",
      "5 / 5",
      "Ce que les participants ont écrit",
    ]) {
      expect(pairPage).toContain(words);
    }
    expect(pairPage).not.toMatch(isoMoment);
    expect(pairPage).not.toContain("version :");
    expect(pairPage).not.toContain("mentorHours");

    const api = await (
      await localApp.request(`/api/admin/pairs/${pairId}`, { headers: adminHeaders() })
    ).text();
    expect(api).toContain("Je publie maintenant chaque semaine");

    // The comments export has every line the feedback page shows, in words, codes apart.
    const { cohortId } = (JSON.parse(api) as { pair: { cohortId: string } }).pair;
    const exported = await (
      await localApp.request(`/api/admin/exports/comments.csv?cohort=${cohortId}`, {
        headers: adminHeaders(),
      })
    ).text();
    const line = (comment: string) =>
      exported.split("\r\n").find((row) => row.includes(pairId) && row.includes(comment)) ?? "";
    expect(exported).toContain("Binôme;Qui;Étape;Date du rendez-vous;Ce que c'est;Note (1 à 5)");
    expect(line("Très clair, merci Yanis")).toMatch(
      /^Claire Dubois et Yanis Martin;Cadre;Le rendez-vous de préparation;\d\d\/\d\d\/\d{4};Retour après le rendez-vous;\d;oui;;Très clair, merci Yanis;/,
    );
    expect(line("Je publie maintenant chaque semaine")).toContain(";Auto-évaluation de clôture;");
    expect(line("Je publie maintenant chaque semaine")).toContain(";En partie;");
  }, 120_000);
});
