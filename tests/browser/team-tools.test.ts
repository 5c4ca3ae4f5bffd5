import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mentorAnswers, questionnaireAnswers } from "../support/fixtures";
import { emailsTo, type StoredEmail } from "../support/inbox";
import {
  checkPage,
  expectLightAndSelfContained,
  leadsToPage,
  type System,
  startSystem,
} from "./harness";

/**
 * The programme team's daily tools in Chromium against the whole local system: on a pair's page,
 * a note, the waiting link sent again, a reminder written by hand, then the pair cancelled and
 * the manager paired again; and an email to the cohort, previewed then sent. Every page passes
 * axe (WCAG 2.1 AA), fits a 375 px phone, and is photographed.
 */
const adminToken = "jeton-equipe-tests-outils";
const cohortId = "vague-1";
let system: System;
const mentee = questionnaireAnswers({ firstName: "Hélène", lastName: "Durand" });
const mentors = [
  mentorAnswers({ firstName: "Yanis", lastName: "Benali", capacity: 1 }),
  mentorAnswers({ firstName: "Inès", lastName: "Moreau", capacity: 1 }),
];
let pairPath = "";

const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(system.url(path), {
    method,
    headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status}`);
  return response.json() as Promise<Record<string, unknown>>;
};

async function until<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Still waiting for ${what}`);
}

async function waitForEmail(address: string, matches: (email: StoredEmail) => boolean) {
  return until(async () => (await emailsTo(address)).find(matches), `an email to ${address}`);
}

beforeAll(async () => {
  process.env.ADMIN_TOKEN = adminToken;
  system = await startSystem();
  // The cohort and its pair through the JSON API (the pages that do it are tested in pair-journey).
  await api("POST", "/api/questionnaires", mentee);
  for (const answers of mentors) {
    const { id } = await api("POST", "/api/mentor-applications", answers);
    await api("PUT", `/api/admin/mentors/${id}/interview`, {
      grid: {
        digitalMaturity: { level: 4 },
        teachingAptitude: { level: 3 },
        seniorCoaching: { level: 3 },
      },
      decision: "selected",
    });
  }
  await api("POST", `/api/admin/cohorts/${cohortId}/proposal`);
  const proposal = await until(async () => {
    const job = await api("GET", `/api/admin/cohorts/${cohortId}/proposal/job`);
    return job.status === "done"
      ? api("GET", `/api/admin/cohorts/${cohortId}/proposal`)
      : undefined;
  }, "the proposal");
  await api("POST", `/api/admin/cohorts/${cohortId}/proposal/confirm`, {
    version: proposal.version,
  });
  const pairId = await until(async () => {
    const { pairs } = (await api("GET", `/api/admin/pairs?cohort=${cohortId}`)) as {
      pairs?: { id: string }[];
    };
    return pairs?.[0]?.id;
  }, "the pair");
  pairPath = `/admin/binomes/${pairId}`;
  await waitForEmail(mentee.email, (email) => email.subject.includes("voici votre binôme"));
  // Signed in as the team, in the browser.
  const { page } = system;
  await page.goto(system.url("/admin/connexion"));
  await page.fill("#champ-token", adminToken);
  await leadsToPage(page, () => page.locator("main form button").first().press("Enter"));
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

describe("the programme team's tools on a pair", () => {
  it("adds a note, sends the waiting link again and writes a reminder", async () => {
    const { page } = system;
    await page.goto(system.url(pairPath));
    await checkPage(page, "admin-pair-tools");

    await page.fill("#champ-text", "Appel au mentor : il part en congé deux semaines.");
    await page.fill("#champ-author", "Sophie Leroy");
    await leadsToPage(page, () => page.locator(`form[action$='/notes'] button`).click());
    expect(await page.locator("[role=status]").first().textContent()).toContain(
      "La note est ajoutée",
    );
    expect(await page.locator("ol.notes").textContent()).toContain("il part en congé");
    await checkPage(page, "admin-pair-note-added");

    await leadsToPage(page, () => page.locator(`form[action$='/lien-renvoye'] button`).click());
    await checkPage(page, "admin-pair-link-resent");

    // A reminder without its message is given back, the error linked to the field.
    await leadsToPage(page, () => page.locator(`form[action$='/relance'] button`).click());
    expect(await page.locator("#champ-message").getAttribute("aria-invalid")).toBe("true");
    await checkPage(page, "admin-pair-reminder-errors");
    await page.fill(
      "#champ-message",
      "Pensez à proposer une date pour le rendez-vous de préparation.",
    );
    await leadsToPage(page, () => page.locator(`form[action$='/relance'] button`).click());
    expect(await page.locator("#champ-message").getAttribute("aria-invalid")).toBeNull();
    await checkPage(page, "admin-pair-reminder-sent");
    await waitForEmail(mentors[0]?.email as string, (email) =>
      (email.body.text ?? "").includes("Pensez à proposer une date"),
    );
  }, 120_000);

  it("cancels the pair and pairs the manager again with another mentor", async () => {
    const { page } = system;
    await page.goto(system.url(pairPath));
    await page.fill("#champ-reason", "Le mentor change de poste.");
    await leadsToPage(page, () => page.locator(`form[action$='/annulation'] button`).click());
    await page.goto(system.url(pairPath));
    expect(await page.locator("#nouveau-binome-titre").count()).toBe(1);
    await checkPage(page, "admin-pair-again");
    const choice = page.locator("select[name=newMentorId] option", { hasText: "Inès Moreau" });
    await page.selectOption("select[name=newMentorId]", (await choice.getAttribute("value")) ?? "");
    await leadsToPage(page, () => page.locator(`form[action$='/nouveau-binome'] button`).click());
    expect(new URL(page.url()).pathname).not.toBe(pairPath);
    expect(await page.locator("main").textContent()).toContain("Inès Moreau");
    await checkPage(page, "admin-pair-again-formed");
    await waitForEmail(mentors[1]?.email as string, (email) =>
      email.subject.includes("voici votre binôme"),
    );
  }, 120_000);
});

describe("writing to a cohort", () => {
  it("previews the email with its count, then sends it and shows its progress", async () => {
    const { page } = system;
    await page.goto(system.url(`/admin/vagues/${cohortId}/courriel`));
    await checkPage(page, "admin-mailing");
    await page.check("input[name=audience][value=all]");
    await page.fill("#champ-subject", "Réunion de lancement");
    await page.fill("#champ-text", "Rendez-vous le 8 décembre.\n\nÀ bientôt !");
    await leadsToPage(page, () => page.locator("button[name=etape][value=apercu]").click());
    expect(await page.locator("main").textContent()).toContain("2 destinataires");
    await checkPage(page, "admin-mailing-preview");
    await leadsToPage(page, () => page.locator("button[name=etape][value=envoi]").click());
    expect(new URL(page.url()).pathname).toContain(`/admin/vagues/${cohortId}/courriels/`);
    expect(await page.locator("main").textContent()).toContain("Les courriels sont dans la file");
    await checkPage(page, "admin-mailing-progress");
    await waitForEmail(mentee.email, (email) => email.subject.endsWith("Réunion de lancement"));
  }, 120_000);

  it("every page weighs under 50 KB with its CSS and asks nothing of another site", async () => {
    await expectLightAndSelfContained(system, 6);
  });
});
