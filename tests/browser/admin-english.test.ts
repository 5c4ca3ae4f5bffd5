import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkPage,
  expectLightAndSelfContained,
  leadsToPage,
  type System,
  startSystem,
} from "./harness";

/**
 * The programme team's pages in English, in Chromium against the whole local system: sign in on
 * the English login page, stay in English from page to page (the cookie), switch back to French.
 * Each English page passes axe (WCAG 2.1 AA) and is photographed.
 */
const adminToken = "jeton-equipe-tests-anglais";
let system: System;

beforeAll(async () => {
  process.env.ADMIN_TOKEN = adminToken;
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

describe("the programme team's pages in English", () => {
  it("signs in on the English login page and lands on the English page asked for", async () => {
    const { page } = system;
    await page.goto(system.url("/admin/chiffres?lang=en"));
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe("Programme team sign-in");
    await checkPage(page, "admin-login-en");
    await page.fill("#champ-token", adminToken);
    await leadsToPage(page, () => page.locator("main form button").first().press("Enter"));
    expect(new URL(page.url()).pathname).toBe("/admin/chiffres");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe("Programme figures");
    expect(await page.locator("svg[role=img] title").first().textContent()).toContain(
      "Managers' progress in cohort",
    );
    await checkPage(page, "admin-figures-en");
  });

  it("keeps English on the next page without ?lang, and the switch goes back to French", async () => {
    const { page } = system;
    await page.goto(system.url("/admin"));
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe("Cohorts");
    expect(await page.title()).toMatch(/^Cohorts/);
    await checkPage(page, "admin-cohorts-en");

    const toFrench = page.locator("a.lang");
    expect(await toFrench.textContent()).toBe("Français");
    await leadsToPage(page, () => toFrench.click());
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    expect(await page.locator("h1").textContent()).toBe("Vagues");
    expect(await page.locator("a.lang").textContent()).toBe("English");
    await expectLightAndSelfContained(system, 2);
  });
});
