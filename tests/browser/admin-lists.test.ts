import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as questionnaire from "#core/questionnaire";
import { seedCohort } from "../bench/scale-seed";
import { questionnaireAnswers } from "../support/fixtures";
import { checkPage, focused, leadsToPage, type System, startSystem, tabTo } from "./harness";

/**
 * The team's paged lists in Chromium, by keyboard only: the search box and the pager are reached
 * with Tab, have their labels, and each page passes axe (WCAG 2.1 AA).
 */
const adminToken = "jeton-equipe-tests-listes";
const cohortId = `listes-${Date.now().toString(36)}`;
let system: System;

beforeAll(async () => {
  process.env.ADMIN_TOKEN = adminToken;
  system = await startSystem();
  await seedCohort(cohortId, { mentees: 60, mentors: 1 }, { searchable: true });
  await questionnaire.submit(
    questionnaireAnswers({ firstName: "Hélène", lastName: "Zéphyrin" }),
    cohortId,
  );
});

afterAll(async () => {
  await system?.stop();
});

describe("the team's paged lists", () => {
  it("searches and pages with the keyboard, with labelled controls", async () => {
    const { page } = system;
    await page.goto(system.url(`/admin/questionnaires?vague=${cohortId}`));
    await page.fill("#champ-token", adminToken);
    await leadsToPage(page, () => page.locator("main form button").first().press("Enter"));
    expect(await page.locator("h1").textContent()).toBe("Questionnaires des cadres");
    expect(await page.locator("[role=status]").first().textContent()).toContain(
      "50 questionnaires sur cette page",
    );
    expect(await page.getByLabel("Rechercher un nom ou une adresse").count()).toBe(1);
    expect(await page.getByRole("navigation", { name: "Pages de la liste" }).count()).toBe(1);
    await checkPage(page, "admin-questionnaires-paged");

    // "Suivants" by keyboard: the rest of the list, and the way back to the first page.
    await tabTo(page, "a[rel=next]", 200);
    expect((await focused(page)).text).toBe("Suivants");
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(new URL(page.url()).searchParams.get("curseur")).toBeTruthy();
    expect(await page.locator("tbody tr").count()).toBe(11);
    expect(await page.getByRole("link", { name: "Première page" }).count()).toBe(1);
    await checkPage(page, "admin-questionnaires-next");

    // The search box by keyboard: « helene » finds Hélène.
    await tabTo(page, "#filtre-recherche", 200);
    await page.keyboard.type("helene zeph");
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(await page.locator("[role=status]").first().textContent()).toContain(
      "1 questionnaire pour la recherche «\u00a0helene zeph\u00a0»",
    );
    expect(await page.locator("tbody th").first().textContent()).toBe("Hélène Zéphyrin");
    expect(await page.inputValue("#filtre-recherche")).toBe("helene zeph");
    await checkPage(page, "admin-questionnaires-search");
  }, 120_000);
});
