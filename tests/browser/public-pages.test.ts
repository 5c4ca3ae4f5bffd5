import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailsTo, uniqueEmail } from "../support/inbox";
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
 * The public pages in Chromium, against the whole local system: keyboard-only questionnaire,
 * error summary, mentor application, acknowledgements in the local inbox, language switch,
 * trust pages, and every page accessible (axe, WCAG 2.1 AA), light and self-contained.
 */
let system: System;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

const mainText = () => system.page.locator("main").textContent();

describe("home and trust pages", () => {
  it("home page: the skip link is the first Tab stop and takes the focus to the main content", async () => {
    const { page } = system;
    await page.goto(system.url("/"));
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    await page.keyboard.press("Tab");
    const skip = await focused(page);
    expect(skip.text).toBe("Aller au contenu");
    const skipBox = await page.locator(".skip").boundingBox();
    expect(skipBox?.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press("Enter");
    expect((await focused(page)).id).toBe("contenu");
    expect(await page.locator("h1").count()).toBe(1);
    expect(await page.title()).toContain("Binôme");
    await checkPage(page, "home");
  });

  it("privacy notice says what is kept, why, for how long, who to contact and how to get a copy or deletion", async () => {
    const { page } = system;
    await page.goto(system.url("/"));
    await page.locator("footer a[href='/confidentialite']").focus();
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    const text = await mainText();
    for (const expected of [
      "Politique de confidentialité",
      "Quelles données sont conservées",
      "Pourquoi",
      "Combien de temps",
      "mois",
      "copie",
      "supprimer",
      "CNIL",
      "mentorat-inverse@example.gouv.fr",
    ]) {
      expect(text).toContain(expected);
    }
    await checkPage(page, "privacy");
  });

  it("accessibility statement gives the conformity status, the known limits, a contact and the recourse", async () => {
    const { page } = system;
    await page.goto(system.url("/accessibilite"));
    const text = await mainText();
    for (const expected of [
      "Déclaration d'accessibilité",
      "partiellement conforme",
      "RGAA",
      "Contenus non accessibles",
      "Défenseur des droits",
      "mentorat-inverse@example.gouv.fr",
    ]) {
      expect(text).toContain(expected);
    }
    await checkPage(page, "accessibility");
  });

  it("switches to English with ?lang=en, remembers it on the next pages, and back to French", async () => {
    const { page } = system;
    await page.goto(system.url("/"));
    await page.locator("a.lang").focus();
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toContain("Reverse mentoring");
    await checkPage(page, "home-en");
    await page.goto(system.url("/questionnaire"));
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe("Needs questionnaire");
    await checkPage(page, "questionnaire-en");
    await page.goto(system.url("/confidentialite"));
    expect(await page.locator("h1").textContent()).toBe("Privacy notice");
    await checkPage(page, "privacy-en");
    await page.goto(system.url("/accessibilite"));
    expect(await page.locator("h1").textContent()).toBe("Accessibility statement");
    await checkPage(page, "accessibility-en");
    await page.goto(system.url("/candidature?lang=fr"));
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    await page.goto(system.url("/"));
    expect(await page.getAttribute("html", "lang")).toBe("fr");
  });
});

describe("manager questionnaire", () => {
  it("an empty submission shows the error summary first, focused and announced, linked to invalid fields", async () => {
    const { page } = system;
    await page.goto(system.url("/questionnaire"));
    await checkPage(page, "questionnaire");
    await tabTo(page, "button[type=submit]", 200);
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(await page.title()).toMatch(/^Erreur — Questionnaire de besoins/);
    const summary = page.locator("#erreurs");
    expect(await summary.getAttribute("role")).toBe("alert");
    // First thing in main, and focused on load without any script.
    expect(
      await page.evaluate(() => {
        const main = document.querySelector("main")?.textContent?.trim() ?? "";
        return main.startsWith(document.getElementById("erreurs")?.textContent?.trim() ?? "-");
      }),
    ).toBe(true);
    expect((await focused(page)).id).toBe("erreurs");
    const targets = await summary
      .locator("a")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")?.slice(1) ?? ""));
    expect(targets).toContain("champ-firstName");
    expect(targets).toContain("champ-comfort-social-networks");
    expect(targets).toContain("champ-consent");
    for (const id of targets) {
      const target = page.locator(`[id="${id}"]`);
      expect(await target.count(), id).toBe(1);
      expect(await target.getAttribute("aria-invalid"), id).toBe("true");
    }
    // Following the first link of the summary puts the focus on the field to correct.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect((await focused(page)).id).toBe("champ-firstName");
    expect(await page.locator("#champ-firstName").getAttribute("aria-describedby")).toContain(
      "champ-firstName-erreur",
    );
    await checkPage(page, "questionnaire-errors");
  });

  it("a manager fills in the questionnaire with the keyboard alone and sees the confirmation", async () => {
    const { page } = system;
    const email = uniqueEmail("claire");
    await page.goto(system.url("/questionnaire"));
    await tabAndType(page, "#champ-firstName", "Claire");
    await tabAndType(page, "#champ-lastName", "Martin");
    await tabAndType(page, "#champ-email", email);
    await tabAndType(page, "#champ-directorate", "Direction générale des entreprises");
    await tabAndType(page, "#champ-role", "Sous-directrice");
    // A radio group is one Tab stop: Space ticks the first level, each arrow the next one.
    const comfort: Record<string, number> = {
      "social-networks": 1,
      "collaborative-tools": 2,
      "artificial-intelligence": 1,
      "data-business-models": 3,
      "digital-identity-security": 4,
    };
    for (const [theme, level] of Object.entries(comfort)) {
      await tabTo(page, `input[name="comfort.${theme}"]`);
      await page.keyboard.press("Space");
      for (let step = 1; step < level; step++) await page.keyboard.press("ArrowRight");
      expect((await focused(page)).value).toBe(String(level));
    }
    for (const theme of ["social-networks", "artificial-intelligence"]) {
      await tabTo(page, `#champ-priorityThemes-${theme}`);
      await page.keyboard.press("Space");
    }
    await tabAndType(page, "#champ-goal", "Identifier ce que l'IA peut apporter à mon service");
    await tabTo(page, "#champ-formats-video");
    await page.keyboard.press("Space");
    await tabTo(page, "#champ-availability-morning");
    await page.keyboard.press("Space");
    await tabTo(page, "#champ-consent-on");
    await page.keyboard.press("Space");
    await tabTo(page, "button[type=submit]");
    await leadsToPage(page, () => page.keyboard.press("Enter"));
    expect(await page.locator("h1").textContent()).toBe(
      "Merci, votre questionnaire est bien enregistré",
    );
    expect(await page.title()).not.toMatch(/^Erreur/);
    await checkPage(page, "questionnaire-confirmation");

    const acknowledgements = await emailsTo(email);
    expect(acknowledgements).toHaveLength(1);
    expect(acknowledgements[0]?.subject).toContain("questionnaire");
  });

  it("every Tab stop of the questionnaire shows a visible focus ring", async () => {
    const { page } = system;
    await page.goto(system.url("/questionnaire"));
    const seen = new Set<string>();
    for (let press = 0; press < 80; press++) {
      await page.keyboard.press("Tab");
      const ring = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        return {
          element: `${element.tagName} ${element.id || element.getAttribute("href") || ""} #${Array.from(
            document.querySelectorAll("*"),
          ).indexOf(element)}`,
          style: style.outlineStyle,
          width: Number.parseFloat(style.outlineWidth),
        };
      });
      if (seen.has(ring.element) || ring.element.startsWith("BODY")) break;
      seen.add(ring.element);
      expect(ring.style, ring.element).toBe("solid");
      expect(ring.width, ring.element).toBeGreaterThanOrEqual(2);
    }
    expect(seen.size).toBeGreaterThan(25);
  });

  it("an English page shows its errors in English", async () => {
    const { page } = system;
    await page.goto(system.url("/questionnaire?lang=en"));
    await leadsToPage(page, () => page.locator("button[type=submit]").press("Enter"));
    expect(await page.title()).toMatch(/^Error — Needs questionnaire/);
    const summary = await page.locator("#erreurs").textContent();
    expect(summary).toContain("Enter your first name.");
    expect(summary).not.toContain("Indiquez");
    await checkPage(page, "questionnaire-errors-en");
    await page.goto(system.url("/?lang=fr"));
  });
});

describe("without JavaScript", () => {
  it("a form sent empty still comes back with its error summary focused, and a valid one is saved", async () => {
    const context = await system.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(system.url("/candidature"));
      await leadsToPage(page, () => page.locator("button[type=submit]").press("Enter"));
      expect(await page.title()).toMatch(/^Erreur/);
      expect((await focused(page)).id).toBe("erreurs");
      await fillMentorApplication(page, {
        firstName: "Inès",
        lastName: "Moreau",
        email: uniqueEmail("ines"),
        directorate: "Direction du budget",
        role: "Apprentie développeuse",
        grade: "apprenti",
        theme: "collaborative-tools",
        level: "3",
        motivation: "Partager mes outils.",
        format: "site",
        slot: "afternoon",
      });
      await leadsToPage(page, () => page.click("button[type=submit]"));
      expect(await page.locator("h1").textContent()).toBe(
        "Merci, votre candidature est bien enregistrée",
      );
    } finally {
      await context.close();
    }
  });
});

describe("mentor application", () => {
  it("an empty application lists its errors and marks the fields invalid", async () => {
    const { page } = system;
    await page.goto(system.url("/candidature"));
    await checkPage(page, "mentor-application");
    await leadsToPage(page, () => page.locator("button[type=submit]").press("Enter"));
    expect(await page.title()).toMatch(/^Erreur — Devenir mentor/);
    expect((await focused(page)).id).toBe("erreurs");
    const targets = await page
      .locator("#erreurs a")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")?.slice(1) ?? ""));
    expect(targets).toEqual(
      expect.arrayContaining(["champ-firstName", "champ-grade", "champ-themes", "champ-capacity"]),
    );
    for (const id of targets) {
      expect(await page.locator(`[id="${id}"]`).getAttribute("aria-invalid"), id).toBe("true");
    }
    await checkPage(page, "mentor-application-errors");
  });

  it("an agent applies as mentor, sees the confirmation and finds the acknowledgement in the local inbox", async () => {
    const { page } = system;
    const email = uniqueEmail("yanis");
    await page.goto(system.url("/candidature"));
    await page.fill("#champ-firstName", "Yanis");
    await page.fill("#champ-lastName", "Benali");
    await page.fill("#champ-email", email);
    await page.fill("#champ-directorate", "Secrétariat général");
    await page.fill("#champ-role", "Chargé de projets numériques");
    await page.check("#champ-grade-B");
    await page.selectOption("#champ-themes-artificial-intelligence", "4");
    await page.selectOption("#champ-themes-social-networks", "3");
    await page.fill("#champ-motivation", "Transmettre ce que j'utilise tous les jours.");
    await page.check("#champ-formats-video");
    await page.check("#champ-availability-lunch");
    await page.check("#champ-capacity-2");
    await page.check("#champ-consent-on");
    await leadsToPage(page, () => page.click("button[type=submit]"));
    expect(await page.locator("h1").textContent()).toBe(
      "Merci, votre candidature est bien enregistrée",
    );
    await checkPage(page, "mentor-confirmation");

    const acknowledgements = await emailsTo(email);
    expect(acknowledgements).toHaveLength(1);
    expect(acknowledgements[0]?.subject).toContain("candidature de mentor");
    expect(acknowledgements[0]?.body.html).toContain("Bonjour Yanis");
  });
});

describe("light and self-contained pages", () => {
  it("every page visited weighs under 50 KB with its CSS, runs no script and asks nothing of another site", async () => {
    await expectLightAndSelfContained(system, 7);
    expect(await system.page.locator("script").count()).toBe(0);
  });
});
