import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailsTo, type StoredEmail, uniqueEmail } from "../support/inbox";
import {
  checkPage,
  expectLightAndSelfContained,
  fillMentorApplication,
  focused,
  leadsToPage,
  type System,
  startSystem,
  tabAndType,
  tabTo,
} from "./harness";

/**
 * A pair from start to first appointment, in Chromium against the whole local system: a manager
 * and an agent sign up through the pages, the programme team selects the mentor, runs the matching
 * and confirms the pair, and the mentor opens the link of the introduction email found in the
 * local inbox to schedule the preparation call. The programme team's pages are checked on the way.
 */
const adminToken = "jeton-equipe-tests-navigateur";
const cohortId = "vague-1";
let system: System;

beforeAll(async () => {
  process.env.ADMIN_TOKEN = adminToken;
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

/** Polls the local inbox until an email to `address` matches, as a person refreshes a mailbox. */
async function waitForEmail(address: string, matches: (email: StoredEmail) => boolean) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const found = (await emailsTo(address)).find(matches);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No matching email to ${address}`);
}

const linkIn = (email: StoredEmail) =>
  /https?:\/\/[^\s"<>]+\/lien\/[^\s"<>]+/.exec(email.body.text ?? email.body.html ?? "")?.[0];

const people = { mentee: uniqueEmail("claire"), mentor: uniqueEmail("yanis") };

describe("a pair from sign-up to its first appointment", () => {
  it("a manager and an agent sign up through the pages", async () => {
    const { page } = system;
    await page.goto(system.url("/questionnaire"));
    await page.fill("#champ-firstName", "Claire");
    await page.fill("#champ-lastName", "Martin");
    await page.fill("#champ-email", people.mentee);
    await page.fill("#champ-directorate", "Direction générale des entreprises");
    await page.fill("#champ-role", "Sous-directrice");
    for (const theme of [
      "social-networks",
      "collaborative-tools",
      "artificial-intelligence",
      "data-business-models",
      "digital-identity-security",
    ]) {
      await page.check(`#champ-comfort-${theme}-1`);
    }
    await page.check("#champ-priorityThemes-artificial-intelligence");
    await page.fill("#champ-goal", "Identifier ce que l'IA peut apporter à mon service");
    await page.check("#champ-formats-video");
    await page.check("#champ-availability-morning");
    await page.check("#champ-consent-on");
    await leadsToPage(page, () => page.click("button[type=submit]"));
    expect(await page.locator("h1").textContent()).toContain("questionnaire est bien enregistré");

    await page.goto(system.url("/candidature"));
    await fillMentorApplication(page, {
      firstName: "Yanis",
      lastName: "Benali",
      email: people.mentor,
      directorate: "Secrétariat général",
      role: "Chargé de projets numériques",
      grade: "B",
      theme: "artificial-intelligence",
      level: "4",
      motivation: "Transmettre ce que j'utilise tous les jours.",
      format: "video",
      slot: "morning",
    });
    await leadsToPage(page, () => page.click("button[type=submit]"));
    expect(await page.locator("h1").textContent()).toContain("candidature est bien enregistrée");
  });

  it("the programme team logs in with the local token, and is refused with a wrong one", async () => {
    const { page } = system;
    await page.goto(system.url("/admin"));
    expect(await page.locator("h1").textContent()).toContain("Connexion");
    await checkPage(page, "admin-login");
    await page.fill("#champ-token", "not-the-token");
    await leadsToPage(page, () => page.locator("main form button").first().press("Enter"));
    await checkPage(page, "admin-login-refused");
    await page.fill("#champ-token", adminToken);
    await leadsToPage(page, () => page.locator("main form button").first().press("Enter"));
    await page.goto(system.url("/admin"));
    expect(await page.title()).toMatch(/^Vagues/);
    await checkPage(page, "admin-cohorts");
  });

  it("the programme team records the interview and selects the mentor", async () => {
    const { page } = system;
    await page.goto(system.url("/admin/questionnaires"));
    await checkPage(page, "admin-questionnaires");
    await page.goto(system.url("/admin/mentors"));
    await checkPage(page, "admin-mentors");
    await leadsToPage(page, () => page.getByRole("link", { name: "Yanis Benali" }).click());
    await checkPage(page, "admin-mentor");
    const interview = page.locator("form[action$='/entretien']");
    await leadsToPage(page, () => interview.locator("button[type=submit]").click());
    expect(await page.locator("[role=alert]").count()).toBe(1);
    await checkPage(page, "admin-mentor-errors");
    await page.check("#champ-grid-digitalMaturity-level-4");
    await page.check("#champ-grid-teachingAptitude-level-4");
    await page.check("#champ-grid-seniorCoaching-level-3");
    await page.check("#champ-decision-selected");
    await leadsToPage(page, () =>
      page.locator("form[action$='/entretien'] button[type=submit]").click(),
    );
    expect(await page.title()).not.toMatch(/^Erreur/);
    await checkPage(page, "admin-mentor-selected");
  });

  it("the programme team runs the matching, confirms the pair and follows it", async () => {
    const { page } = system;
    await page.goto(system.url(`/admin/vagues/${cohortId}`));
    await checkPage(page, "admin-cohort");
    await page.goto(system.url(`/admin/vagues/${cohortId}/appariement`));
    await checkPage(page, "admin-matching");
    await leadsToPage(page, () =>
      page.locator(`form[action$='/vagues/${cohortId}/appariement'] button`).click(),
    );
    // The matching runs in the background: the page shows the proposal once it is stored.
    // The mentor's name is on the page from the start (the exclusion form): wait for the
    // proposal's own confirmation form instead.
    const confirmation = page.locator("form[action$='/appariement/confirmation']");
    for (let tries = 0; tries < 100; tries++) {
      if ((await confirmation.count()) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
      await page.reload();
    }
    expect(await confirmation.count()).toBe(1);
    expect(await page.locator("main").textContent()).toContain("Yanis Benali");
    await checkPage(page, "admin-matching-proposal");
    await leadsToPage(page, () =>
      page.locator("form[action$='/appariement/confirmation'] button").click(),
    );
    expect(page.url()).toContain("/appariement");
    expect(await page.locator("main").textContent()).toContain("Lancement des binômes");
    // The pair starts in the background: the pairs page lists it once it has.
    for (let tries = 0; tries < 50; tries++) {
      await page.goto(system.url(`/admin/binomes?vague=${cohortId}`));
      if ((await page.locator("main a[href^='/admin/binomes/']").count()) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await checkPage(page, "admin-pairs");
    await leadsToPage(page, () => page.locator("main a[href^='/admin/binomes/']").first().click());
    await checkPage(page, "admin-pair");
    await page.goto(system.url("/admin/chiffres"));
    await checkPage(page, "admin-figures");
  }, 90_000);

  it("the mentor opens the link of the introduction email and schedules the preparation call", async () => {
    const { page } = system;
    const introduction = await waitForEmail(people.mentor, (email) => Boolean(linkIn(email)));
    const link = linkIn(introduction) as string;
    expect(new URL(link).origin).toBe(new URL(system.runtime.appUrl).origin);

    await page.goto(link);
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    await checkPage(page, "link-schedule");

    await leadsToPage(page, () => page.locator("button[type=submit]").press("Enter"));
    expect(await page.title()).toMatch(/^Erreur/);
    expect((await focused(page)).id).toBe("erreurs");
    await checkPage(page, "link-schedule-errors");

    const day = new Date(Date.now() + 10 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await page.fill("#champ-date", day);
    await page.fill("#champ-time", "14:30");
    if (!(await page.isChecked("#champ-format-phone"))) await page.check("#champ-format-phone");
    if (!(await page.locator("input[name=durationMinutes]:checked").count())) {
      await page.check("#champ-durationMinutes-30");
    }
    await page.fill("#champ-location", "01 23 45 67 89");
    await leadsToPage(page, () => page.click("button[type=submit]"));
    expect(await page.title()).not.toMatch(/^Erreur/);
    await checkPage(page, "link-schedule-recorded");

    // The link has served: opened again (here in English) it says so and changes nothing.
    await page.goto(`${link}?lang=en`);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await checkPage(page, "link-already-used-en");
    await page.goto(system.url("/?lang=fr"));

    // Both participants receive the calendar invitation.
    const invitation = await waitForEmail(people.mentee, (email) =>
      Boolean(email.attachments?.some((file) => file.filename?.endsWith(".ics"))),
    );
    expect(invitation.subject).toBeTruthy();
  });

  it("the manager reaches her own page from the invitation, and asks the team for help with the keyboard", async () => {
    const { page } = system;
    const invitation = await waitForEmail(people.mentee, (email) =>
      Boolean(email.attachments?.some((file) => file.filename?.endsWith(".ics"))),
    );
    const own = /https?:\/\/[^\s"<>]+\/mon-binome\/[A-Za-z0-9_.-]+/.exec(
      invitation.body.text ?? "",
    )?.[0] as string;
    expect(own).toBeTruthy();
    await page.goto(own);
    expect(await page.locator("h1").textContent()).toBe("Mon binôme");
    expect(await page.locator("main").textContent()).toContain("À venir");
    await checkPage(page, "own-page");

    await tabTo(page, "#champ-kind-help");
    await page.keyboard.press("Space");
    await tabAndType(page, "#champ-message", "Une question avant la séance");
    await tabTo(page, "main form[action*='/demande'] button[type=submit]");
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(await page.locator("h1").textContent()).toBe("Votre demande est partie");
    await checkPage(page, "own-page-request-sent");

    await page.goto(`${own}?lang=en`);
    expect(await page.locator("h1").textContent()).toBe("My pair");
    await checkPage(page, "own-page-en");
    await page.goto(system.url("/mon-binome?lang=fr"));
    await checkPage(page, "own-page-ask");
    await page.goto(system.url("/admin/retours"));
    expect(await page.locator("h1").textContent()).toBe("Retours des participants");
    await checkPage(page, "admin-feedback");
  });

  it("every page of the journey weighs under 50 KB with its CSS and asks nothing of another site", async () => {
    await expectLightAndSelfContained(system, 4);
  });
});
