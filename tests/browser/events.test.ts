import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "#core/event-dates";
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
 * BarNum' and the mentor network in Chromium, against the whole local system: the team publishes
 * a BarNum' and schedules a network meeting at /admin/barnum and /admin/reseau, an agent
 * registers for a slot with the keyboard alone (French errors first), the mentor answers from
 * their page and, on the day, records a visit from a phone. Every page passes axe (WCAG 2.1 AA)
 * and fits a 375 px screen.
 */
const adminToken = "jeton-equipe-tests-barnum";
const phone = { width: 375, height: 812 };
const day = 24 * 3600_000;
let system: System;

beforeAll(async () => {
  process.env.ADMIN_TOKEN = adminToken;
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

async function waitForEmail(address: string, matches: (email: StoredEmail) => boolean) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const found = (await emailsTo(address)).find(matches);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No matching email to ${address}`);
}

const mentorPageIn = (email: StoredEmail) =>
  /https?:\/\/[^\s"<>]+\/espace-mentor\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(
    email.body.text ?? "",
  )?.[0] as string;

const mentor = uniqueEmail("ines");
/** The BarNum' is the day after tomorrow; the dev clock brings its day. */
const barnumDate = parisToday(Date.now() + 2 * day);
let barnumPath = "";
let mentorPage = "";

describe("BarNum' and the mentor network in a browser", () => {
  it("an agent applies as a mentor and the team selects her", async () => {
    const { page } = system;
    await page.goto(system.url("/candidature"));
    await fillMentorApplication(page, {
      firstName: "Inès",
      lastName: "Benali",
      email: mentor,
      directorate: "Secrétariat général",
      role: "Chargée de projets numériques",
      grade: "B",
      theme: "artificial-intelligence",
      level: "4",
      motivation: "Transmettre ce que j'utilise tous les jours.",
      format: "video",
      slot: "morning",
    });
    await leadsToPage(page, () => page.click("button[type=submit]"));
    await page.goto(system.url("/admin"));
    await page.fill("#champ-token", adminToken);
    await leadsToPage(page, () => page.locator("main form button").first().press("Enter"));
    await page.goto(system.url("/admin/mentors"));
    await leadsToPage(page, () => page.getByRole("link", { name: "Inès Benali" }).click());
    await page.check("#champ-grid-digitalMaturity-level-4");
    await page.check("#champ-grid-teachingAptitude-level-4");
    await page.check("#champ-grid-seniorCoaching-level-3");
    await page.check("#champ-decision-selected");
    await leadsToPage(page, () =>
      page.locator("form[action$='/entretien'] button[type=submit]").click(),
    );
    expect(await page.title()).not.toMatch(/^Erreur/);
  }, 90_000);

  it("the team publishes a BarNum' at /admin/barnum, French errors first, and asks the mentor", async () => {
    const { page } = system;
    await page.goto(system.url("/admin/barnum"));
    await checkPage(page, "admin-barnum");
    await leadsToPage(page, () =>
      page.locator("form[action$='/admin/barnum'] button[type=submit]").click(),
    );
    expect(await page.title()).toMatch(/^Erreur/);
    expect(await page.locator("main").textContent()).toContain(
      "Indiquez l'événement ou l'occasion du BarNum'.",
    );
    await checkPage(page, "admin-barnum-errors");
    await page.fill("#champ-event", "Midi numérique");
    await page.fill("#champ-place", "Hall Bercy");
    await page.fill("#champ-date", barnumDate);
    await page.fill("#champ-startTime", "12:00");
    await page.fill("#champ-endTime", "13:00");
    await page.selectOption("#champ-slotMinutes", "30");
    await page.fill("#champ-placesPerSlot", "2");
    await leadsToPage(page, () =>
      page.locator("form[action$='/admin/barnum'] button[type=submit]").click(),
    );
    barnumPath = new URL(page.url()).pathname;
    expect(barnumPath).toMatch(/^\/admin\/barnum\/[0-9a-f]{20}$/);
    await page.locator("input[name=mentorIds]").first().check();
    await leadsToPage(page, () =>
      page.locator("form[action$='/mentors'] button[type=submit]").click(),
    );
    expect(await page.locator("main").textContent()).toContain("Inès Benali — sollicité");
    await checkPage(page, "admin-barnum-page");
  }, 90_000);

  it("the team schedules a network meeting at /admin/reseau and sees its page", async () => {
    const { page } = system;
    await page.goto(system.url("/admin/reseau"));
    await checkPage(page, "admin-network");
    await page.check("#champ-kind-network");
    await page.fill("#champ-date", parisToday(Date.now() + 5 * day));
    await page.fill("#champ-time", "17:00");
    await page.fill("#champ-place", "Salle Turgot");
    await page.fill("#champ-agenda", "Ce que nous avons appris ce trimestre.");
    await leadsToPage(page, () =>
      page.locator("form[action$='/admin/reseau'] button[type=submit]").click(),
    );
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/reseau\/[0-9a-f]{20}$/);
    expect(await page.locator("main").textContent()).toContain("Changer la date");
    await checkPage(page, "admin-network-meeting");
  }, 90_000);

  it("an agent registers for a slot with the keyboard alone, after French errors", async () => {
    const { page } = system;
    await page.goto(system.url("/barnum"));
    await checkPage(page, "barnum-list");
    await tabTo(page, "main a[href^='/barnum/']");
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(await page.locator("h1").count()).toBe(1);
    await checkPage(page, "barnum-registration");

    await tabTo(page, "main button[type=submit]");
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(await page.title()).toMatch(/^Erreur/);
    expect((await focused(page)).id).toBe("erreurs");
    const errors = await page.locator("#erreurs").textContent();
    expect(errors).toContain("Choisissez un créneau.");
    expect(errors).toContain("Vous devez accepter la politique de confidentialité");
    await checkPage(page, "barnum-registration-errors");

    await tabTo(page, "#champ-slotId-1");
    await page.keyboard.press("Space");
    await tabAndType(page, "#champ-firstName", "Léa");
    await tabAndType(page, "#champ-email", uniqueEmail("lea"));
    await tabAndType(page, "#champ-question", "Comment résumer un rapport avec une IA ?");
    await tabTo(page, "#champ-consent-on");
    await page.keyboard.press("Space");
    await tabTo(page, "main button[type=submit]");
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(await page.title()).not.toMatch(/^Erreur/);
    expect(await page.locator("main").textContent()).toMatch(/inscrit/);
    await checkPage(page, "barnum-registered");
  }, 90_000);

  it("the mentor answers on her page, and records a visit from a phone on the day", async () => {
    const { page } = system;
    const asked = await waitForEmail(mentor, (email) => email.subject.startsWith("BarNum'"));
    mentorPage = mentorPageIn(asked);
    await page.setViewportSize(phone);
    try {
      await page.goto(mentorPage);
      await checkPage(page, "mentor-space");
      await leadsToPage(page, () => page.getByRole("button", { name: "Je serai là" }).click());
      expect(await page.locator("main").textContent()).toContain("vous tenez ce BarNum'");
      await checkPage(page, "mentor-space-staffing");

      // The dev clock brings the day of the BarNum'.
      const start = Date.parse(`${barnumDate}T12:00:00+01:00`);
      const seconds = Math.ceil((start - Date.now()) / 1000) + 60;
      const moved = await fetch(system.url("/api/dev/clock"), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ advance: `PT${seconds}S` }),
      });
      expect(moved.status).toBe(200);
      await page.goto(mentorPage);
      await leadsToPage(page, () => page.getByRole("link", { name: "Noter les visites" }).click());
      expect(page.url()).toContain("/visites");
      await checkPage(page, "barnum-visits");
      await leadsToPage(page, () => page.locator("main button[type=submit]").click());
      expect(await page.locator("main").textContent()).toContain(
        "Choisissez le thème de la question.",
      );
      await checkPage(page, "barnum-visits-errors");
      await page.check("#champ-theme-artificial-intelligence");
      await page.check("#champ-resolved-yes");
      await leadsToPage(page, () => page.locator("main button[type=submit]").click());
      expect(page.url()).toContain("fait=visite");
      await checkPage(page, "barnum-visit-recorded");
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.goto(system.url(barnumPath));
    expect(await page.locator("main").textContent()).toContain("1 visite, 1 question résolue");
    await expectLightAndSelfContained(system, 10);
  }, 120_000);
});
