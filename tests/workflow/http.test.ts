import { describe, expect, it } from "vitest";
import { clock } from "#core/clock";
import { readLink } from "#core/links";
import { getWait, listMeetings } from "#core/pair/store";
import { themeIds } from "#core/programme";
import { localApp } from "../../functions/local/app";
import { emailsTo } from "../support/inbox";
import { day, newPair, pairOf, useEngine } from "./support";

/**
 * A pair driven only through what people really use: the emails in the SES local server's store
 * and the link pages of the local app (GET shows, POST acts, as a browser posts a form).
 */
const { engine } = useEngine();

const appUrl = process.env.APP_URL as string;
const linkPattern = new RegExp(
  `${appUrl.replace(/[.:/]/g, "\\$&")}/lien/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+`,
  "g",
);

/** The links of the newest email to `address` whose subject matches. */
async function linksIn(address: string, subject: RegExp): Promise<string[]> {
  const email = (await emailsTo(address))
    .filter((candidate) => subject.test(candidate.subject))
    .sort((a, b) => a.at - b.at)
    .at(-1);
  if (!email) throw new Error(`No email matching ${subject} to this address`);
  return [...new Set(`${email.body.text ?? ""}`.match(linkPattern) ?? [])];
}

async function linkIn(address: string, subject: RegExp): Promise<string> {
  const [link] = await linksIn(address, subject);
  if (!link) throw new Error(`No link in the email matching ${subject}`);
  return link;
}

const open = (link: string) => localApp.request(link);

const submit = (link: string, fields: Record<string, string>) =>
  localApp.request(link, {
    method: "POST",
    headers: { Origin: appUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });

/** A date `inDays` from now, as the date field of the form sends it, at 10:00 in Paris. */
const dateIn = (inDays: number) => ({
  date: new Date(clock.now().getTime() + inDays * day).toISOString().slice(0, 10),
  time: "10:00",
  durationMinutes: "60",
  format: "video",
});

const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

describe("a pair driven through its emails and link pages", () => {
  it("moves on at once after each posted answer, refuses an expired link and says a used one was recorded", async () => {
    const { pairId, mentorEmail, menteeEmail } = await newPair();
    await engine().settle();

    // Opening the link shows the choices and changes nothing.
    const scheduleLink = await linkIn(mentorEmail, /voici votre binôme/);
    const page = await open(scheduleLink);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="date"');
    expect(html).toContain("<form");
    expect((await getWait(pairId))?.purpose).toBe("schedule");
    const unread = await readLink(tokenOf(scheduleLink));
    expect(unread.ok).toBe(true);
    expect(unread.ok && unread.link.usedAt).toBeUndefined();

    // Posting the form reaches the waiting execution at once: the invitation is already sent.
    const posted = await submit(scheduleLink, dateIn(5));
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain("Merci, la date est enregistrée");
    expect((await getWait(pairId))?.purpose).toBe("session-time");
    expect((await pairOf(pairId)).waitingOn?.purpose).toBe("session-time");
    const invitationLinks = await linksIn(menteeEmail, /préparation le/);
    expect(invitationLinks.length).toBeGreaterThan(0);

    // A second click on the used link: already recorded, nothing changes.
    const again = await submit(scheduleLink, dateIn(7));
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Votre réponse est déjà enregistrée");
    expect((await listMeetings(pairId)).map((meeting) => meeting.version)).toEqual([1]);

    /** The session's time passes; the mentor says it took place, from the email. */
    const heldFromEmail = async () => {
      await engine().advance(6 * day);
      const confirmLink = await linkIn(mentorEmail, /eu lieu\s\?/);
      expect((await open(confirmLink)).status).toBe(200);
      const confirmed = await submit(confirmLink, { tookPlace: "yes", satisfaction: "5" });
      expect(confirmed.status).toBe(200);
    };
    await heldFromEmail();

    const objectives = await submit(await linkIn(mentorEmail, /objectifs/i), {
      objectives: "Créer un compte LinkedIn et publier",
      sessions: "3",
    });
    expect(objectives.status).toBe(200);
    expect((await getWait(pairId))?.step).toBe("session-1");

    for (const step of ["session-1", "session-2", "session-3"]) {
      const scheduled = await submit(await linkIn(mentorEmail, /proposez une date/), dateIn(5));
      expect(scheduled.status).toBe(200);
      expect(await getWait(pairId)).toMatchObject({ step, purpose: "session-time" });
      await heldFromEmail();
    }
    expect((await pairOf(pairId)).phase).toBe("pause");

    // Past its 60 days, a link of the preparation's invitation is refused: French page, no change.
    await engine().advance(95 * day);
    const [oldReschedule] = invitationLinks;
    const expired = await submit(oldReschedule as string, dateIn(3));
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("Ce lien a expiré");
    expect((await open(oldReschedule as string)).status).toBe(410);
    expect((await listMeetings(pairId)).find((m) => m.step === "preparation")?.status).toBe("held");

    expect((await pairOf(pairId)).phase).toBe("follow-up");
    expect((await submit(await linkIn(mentorEmail, /séance de suivi/), dateIn(5))).status).toBe(
      200,
    );
    await heldFromEmail();

    const comfort = Object.fromEntries(themeIds.map((id) => [`comfort.${id}`, "3"]));
    const menteeEvaluation = await submit(await linkIn(menteeEmail, /auto-évaluation/), comfort);
    expect(menteeEvaluation.status).toBe(200);
    const mentorEvaluation = await submit(await linkIn(mentorEmail, /auto-évaluation/), {
      ...comfort,
      experience: "5",
    });
    expect(mentorEvaluation.status).toBe(200);
    expect(await pairOf(pairId)).toMatchObject({ status: "closed", sessionsDone: 3 });
  });
});
