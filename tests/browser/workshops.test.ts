import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailsTo, uniqueEmail } from "../support/inbox";
import {
  checkPage,
  expectLightAndSelfContained,
  focused,
  leadsToPage,
  type System,
  startSystem,
  tabAndType,
  tabTo,
} from "./harness";

/**
 * Collective workshops in Chromium, against the whole local system: a head of service reaches
 * `/atelier` from the menu and asks for a workshop with the keyboard alone, bad input comes back
 * in French with the summary and the answers kept; the programme team finds the request at
 * `/admin/ateliers`. Every page passes axe (WCAG 2.1 AA) and is photographed.
 */
const adminToken = "jeton-equipe-tests-ateliers";
let system: System;

beforeAll(async () => {
  process.env.ADMIN_TOKEN = adminToken;
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

describe("the workshop request form", () => {
  it("is reached from the menu, every field labelled, and an empty form is told in French", async () => {
    const { page } = system;
    await page.goto(system.url("/"));
    await tabTo(page, "nav.main a[href='/atelier']");
    expect((await focused(page)).text).toBe("Atelier collectif");
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(new URL(page.url()).pathname).toBe("/atelier");
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await page.locator("h1").textContent()).toBe("Demander un atelier collectif");
    expect(await page.locator("nav.main a[href='/atelier']").getAttribute("aria-current")).toBe(
      "page",
    );
    // Every field has a label or its group a legend.
    const unlabelled = await page.locator("main form").evaluate((form) =>
      Array.from(form.querySelectorAll("input, select, textarea"))
        .filter((field) => (field as HTMLInputElement).type !== "hidden")
        .filter(
          (field) =>
            !(field as HTMLInputElement).labels?.length &&
            !field.closest("fieldset")?.querySelector("legend"),
        )
        .map((field) => field.getAttribute("name")),
    );
    expect(unlabelled).toEqual([]);
    await checkPage(page, "workshop-request");

    await tabTo(page, "main button[type=submit]", 200);
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(await page.title()).toMatch(/^Erreur — Demander un atelier collectif/);
    expect((await focused(page)).id).toBe("erreurs");
    const summary = await page.locator("#erreurs").textContent();
    for (const message of [
      "Indiquez votre service ou votre direction.",
      "Indiquez combien de cadres participeraient, entre 2 et 200.",
      "Indiquez au moins un moment de la journée qui convient.",
    ]) {
      expect(summary).toContain(message);
    }
    const targets = await page
      .locator("#erreurs a")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")?.slice(1) ?? ""));
    expect(targets).toContain("champ-service");
    expect(targets).toContain("champ-consent");
    for (const id of targets) {
      expect(await page.locator(`[id="${id}"]`).count(), id).toBe(1);
    }
    expect(await page.locator("#champ-managers").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#champ-managers").getAttribute("aria-describedby")).toContain(
      "champ-managers-erreur",
    );
    await checkPage(page, "workshop-request-errors");
  });

  it("a head of service asks with the keyboard alone; a bad count is refused, the answers kept", async () => {
    const { page } = system;
    const email = uniqueEmail("cheffe");
    await page.goto(system.url("/atelier"));
    await tabAndType(page, "#champ-firstName", "Hélène");
    await tabAndType(page, "#champ-lastName", "Durand");
    await tabAndType(page, "#champ-email", email);
    await tabAndType(page, "#champ-service", "Direction des achats de l'État");
    await tabAndType(page, "#champ-managers", "une douzaine");
    await tabTo(page, "#champ-theme");
    await page.keyboard.press("ArrowDown");
    expect((await focused(page)).value).toBe("collaborative-tools");
    await tabAndType(page, "#champ-goal", "Choisir ensemble nos outils de travail partagé");
    await tabTo(page, "#champ-slots-morning");
    await page.keyboard.press("Space");
    await tabAndType(page, "#champ-dates", "Les jeudis de février");
    await tabTo(page, "#champ-consent-on");
    await page.keyboard.press("Space");
    await tabTo(page, "main button[type=submit]");
    await leadsToPage(page, () => page.keyboard.press("Enter"));

    expect(await page.title()).toMatch(/^Erreur/);
    expect(await page.locator("#erreurs").textContent()).toContain(
      "Indiquez combien de cadres participeraient, entre 2 et 200.",
    );
    expect(await page.locator("#erreurs a").count()).toBe(1);
    expect(await page.inputValue("#champ-service")).toBe("Direction des achats de l'État");
    expect(await page.inputValue("#champ-theme")).toBe("collaborative-tools");
    expect(await page.isChecked("#champ-slots-morning")).toBe(true);
    // The summary's link takes the focus to the field to correct.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect((await focused(page)).id).toBe("champ-managers");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("12");
    if (!(await page.isChecked("#champ-consent-on"))) {
      await tabTo(page, "#champ-consent-on");
      await page.keyboard.press("Space");
    }
    await tabTo(page, "main button[type=submit]");
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(await page.locator("h1").textContent()).toBe("Demande envoyée");
    expect(await page.title()).not.toMatch(/^Erreur/);
    await checkPage(page, "workshop-request-sent");
    const acknowledgement = await emailsTo(email);
    expect(acknowledgement).toHaveLength(1);
    expect(acknowledgement[0]?.subject).toContain("demande d'atelier");
  });
});

describe("the team's workshop pages", () => {
  it("lists the request at /admin/ateliers and shows it, each page accessible", async () => {
    const { page } = system;
    await page.goto(system.url("/admin/ateliers"));
    await page.fill("#champ-token", adminToken);
    await leadsToPage(page, () => page.locator("main form button").first().press("Enter"));
    expect(new URL(page.url()).pathname).toBe("/admin/ateliers");
    expect(await page.locator("h1").textContent()).toBe("Ateliers collectifs");
    const request = page.locator("main table a", { hasText: "Direction des achats de l'État" });
    expect(await request.count()).toBe(1);
    await checkPage(page, "admin-workshops");

    await request.focus();
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(await page.locator("h1").textContent()).toBe(
      "Direction des achats de l'État — Outils collaboratifs",
    );
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("Demandé");
    expect(main).toContain("Choisir ensemble nos outils de travail partagé");
    expect(main).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await checkPage(page, "admin-workshop");
    await expectLightAndSelfContained(system, 5);
  });
});
