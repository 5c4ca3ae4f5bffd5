import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailsTo, uniqueEmail } from "../support/inbox";
import { checkPage, leadsToPage, type System, startSystem } from "./harness";

/**
 * A person's data rights in Chromium, against the whole local system: from the privacy notice to
 * the request form, the link in the local inbox, their data, and an erasure request; every page
 * accessible (axe, WCAG 2.1 AA) and usable with the keyboard.
 */
let system: System;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

describe("a person's own data", () => {
  it("goes from the privacy notice to their data with the keyboard, and asks for erasure", async () => {
    const { page } = system;
    const email = uniqueEmail("odile");
    await page.goto(system.url("/questionnaire"));
    await page.fill("#champ-firstName", "Odile");
    await page.fill("#champ-lastName", "Garnier");
    await page.fill("#champ-email", email);
    await page.fill("#champ-directorate", "Direction du budget");
    await page.fill("#champ-role", "Cheffe de bureau");
    for (const theme of [
      "social-networks",
      "collaborative-tools",
      "artificial-intelligence",
      "data-business-models",
      "digital-identity-security",
    ]) {
      await page.check(`input[name="comfort.${theme}"][value="2"]`);
    }
    await page.check("#champ-priorityThemes-artificial-intelligence");
    await page.fill("#champ-goal", "Comprendre ce que l'IA change pour mon bureau");
    await page.check("#champ-formats-video");
    await page.check("#champ-availability-morning");
    await page.check("#champ-consent-on");
    await leadsToPage(page, () => page.click("button[type=submit]"));

    await page.goto(system.url("/confidentialite"));
    await page.locator("main a[href='/mes-donnees']").focus();
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(await page.locator("h1").textContent()).toBe("Vos données personnelles");
    await checkPage(page, "my-data-ask");
    await page.locator("#champ-email").focus();
    await page.keyboard.type(email);
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(await page.locator("h1").textContent()).toBe("Consultez votre messagerie");
    await checkPage(page, "my-data-sent");

    const message = (await emailsTo(email)).find((sent) =>
      sent.body.text?.includes("/mes-donnees/"),
    );
    const link = /http:\/\/localhost:\d+\/mes-donnees\/\S+/.exec(message?.body.text ?? "")?.[0];
    expect(link).toBeDefined();
    await page.goto(link ?? "");
    expect(await page.locator("h1").textContent()).toBe("Les données que nous détenons sur vous");
    expect(await page.locator("main").textContent()).toContain("Garnier");
    await checkPage(page, "my-data");

    await leadsToPage(page, () => page.click("form[action*='effacement'] button"));
    expect(await page.locator("#erreurs").textContent()).toContain("Cochez la case");
    await checkPage(page, "my-data-erasure-error");
    await page.check("#champ-confirm");
    await leadsToPage(page, () => page.click("form[action*='effacement'] button"));
    expect(await page.locator("h1").textContent()).toBe("Votre demande est enregistrée");
    await checkPage(page, "my-data-request-recorded");
  }, 120_000);
});
