import { beforeAll, describe, expect, it } from "vitest";
import { env } from "#core/env";
import { idle } from "#core/matching/background";
import { describeHistoryEvent } from "#web/pages/admin/history-events";
import {
  adminForm,
  adminHeaders,
  adminJson,
  adminPage,
  freshCohortId,
  pageText,
  submitMentee,
  submitMentor,
  useRecordingEngine,
} from "./admin-support";

/**
 * The programme team's pages, like every page, are French first with a switch to English:
 * `?lang=en` gives the English page, forms keep the language, and French stays the default.
 */

beforeAll(() => useRecordingEngine());

/** A cohort with a pair confirmed, so every page has something to show. */
async function confirmedCohort() {
  const cohortId = freshCohortId();
  const mentee = await submitMentee(cohortId, {
    priorityThemes: ["social-networks"],
    formats: ["video"],
  });
  const mentor = await submitMentor(cohortId, {
    themes: [{ theme: "social-networks", level: 4 }],
    formats: ["video"],
    capacity: 2,
  });
  await adminJson("POST", `/api/admin/cohorts/${cohortId}/proposal`);
  await idle();
  const confirmed = await (
    await adminJson("POST", `/api/admin/cohorts/${cohortId}/proposal/confirm`, {})
  ).json();
  await idle();
  return { cohortId, mentee, mentor, pairId: confirmed.pairs[0].pairId as string };
}

let fixture: Awaited<ReturnType<typeof confirmedCohort>>;
beforeAll(async () => {
  fixture = await confirmedCohort();
});

const h1Of = (html: string) => html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1]?.trim();

/** The language switch of the layout: a link to the same page in the other language. */
const switchTo = (html: string, lang: "fr" | "en") =>
  html.match(new RegExp(`<a class="lang" href="([^"]+)" hreflang="${lang}"`))?.[1];

const pages = () => {
  const { cohortId, mentor, pairId } = fixture;
  return [
    { path: "/admin", fr: "Vagues", en: "Cohorts" },
    { path: `/admin/vagues/${cohortId}`, fr: `Vague ${cohortId}`, en: `Cohort ${cohortId}` },
    {
      path: `/admin/vagues/${cohortId}/appariement`,
      fr: `Appariement de la vague ${cohortId}`,
      en: `Matching of cohort ${cohortId}`,
    },
    {
      path: `/admin/questionnaires?vague=${cohortId}`,
      fr: "Questionnaires des cadres",
      en: "Managers' questionnaires",
    },
    { path: `/admin/mentors?vague=${cohortId}`, fr: "Mentors", en: "Mentors" },
    {
      path: `/admin/mentors/${mentor.id}`,
      fr: `${mentor.answers.firstName} ${mentor.answers.lastName}`,
      en: `${mentor.answers.firstName} ${mentor.answers.lastName}`,
    },
    { path: `/admin/binomes?vague=${cohortId}`, fr: "Binômes", en: "Pairs" },
    { path: `/admin/binomes/${pairId}`, fr: "Binôme de", en: "Pair of" },
    {
      path: `/admin/chiffres?vague=${cohortId}`,
      fr: "Chiffres du programme",
      en: "Programme figures",
    },
  ];
};

const withLang = (path: string, lang: string) =>
  `${path}${path.includes("?") ? "&" : "?"}lang=${lang}`;

describe("the programme team's pages in English", () => {
  it("serves every admin page in English with ?lang=en, with a switch back to French", async () => {
    for (const page of pages()) {
      const response = await adminPage(withLang(page.path, "en"));
      expect(response.status, page.path).toBe(200);
      const html = await pageText(response);
      expect(html, page.path).toContain('<html lang="en">');
      expect(h1Of(html), page.path).toContain(page.en);
      expect(switchTo(html, "fr"), page.path).toBe(withLang(page.path.split("?")[0] ?? "", "fr"));
      expect(html, page.path).toContain("Sign out");
      expect(html, page.path).not.toContain("Se déconnecter");
      // Every form posts back in English.
      for (const action of html.match(/<form method="post" action="[^"]*"/g) ?? []) {
        expect(action, page.path).toContain("lang=en");
      }
    }
  });

  it("keeps French as the default, with its wording unchanged and a switch to English", async () => {
    for (const page of pages()) {
      const html = await pageText(await adminPage(page.path));
      expect(html, page.path).toContain('<html lang="fr">');
      expect(h1Of(html), page.path).toContain(page.fr);
      expect(switchTo(html, "en"), page.path).toBe(withLang(page.path.split("?")[0] ?? "", "en"));
      expect(html, page.path).toContain("Se déconnecter");
      for (const action of html.match(/<form method="post" action="[^"]*"/g) ?? []) {
        expect(action, page.path).not.toContain("lang=");
      }
    }
  });

  it("remembers English in a cookie, so the next page without ?lang is English too", async () => {
    const first = await adminPage("/admin?lang=en");
    const cookie = first.headers.get("set-cookie")?.split(";")[0] ?? "";
    expect(cookie).toBe("lang=en");
    const next = await adminPage("/admin/binomes", {
      ...adminHeaders(),
      Cookie: cookie,
    });
    expect(await pageText(next)).toContain('<html lang="en">');
  });

  it("explains the proposed pairs in the page's language", async () => {
    const path = `/admin/vagues/${fixture.cohortId}/appariement`;
    const english = await pageText(await adminPage(`${path}?lang=en`));
    expect(english).toContain(
      "Covers the manager's priority theme (professional social networks level 4); common format: video",
    );
    expect(english).not.toContain("Couvre");
    const french = await pageText(await adminPage(path));
    expect(french).toContain(
      "Couvre le thème prioritaire du cadre (réseaux sociaux professionnels niveau 4)\u00a0; format commun\u00a0: visio",
    );
  });

  it("writes dates, table captions, chart alternatives and history in English", async () => {
    const { cohortId, pairId } = fixture;
    const pair = await pageText(await adminPage(`/admin/binomes/${pairId}?lang=en`));
    expect(pair).toContain("<caption>The pair's history, oldest first</caption>");
    expect(pair).toContain("Pair confirmed, programme started");
    expect(pair).not.toContain("Binôme confirmé, parcours démarré");
    // en-GB in Paris time: "12 March 2026 at 14:05".
    expect(pair).toMatch(
      /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} at \d{2}:\d{2}/,
    );

    const figures = await pageText(await adminPage(`/admin/chiffres?vague=${cohortId}&lang=en`));
    expect(figures).toContain(
      `<title id="entonnoir-titre">Managers' progress in cohort “${cohortId}”</title>`,
    );
    expect(figures).toMatch(/<desc id="entonnoir-desc">[^<]*: \d/);
    expect(figures).toContain(`Managers' progress in cohort “${cohortId}”: the figures`);
    expect(figures).toContain("Average ease before and after the mentoring, by theme (out of 4)");
    expect(figures).toContain('<input type="hidden" name="lang" value="en"/>');

    const frenchPair = await pageText(await adminPage(`/admin/binomes/${pairId}`));
    expect(frenchPair).toContain("Binôme confirmé, parcours démarré");
    expect(frenchPair).toMatch(/\d{1,2}(er)? [a-zéû]+ \d{4} à \d{1,2}\u00a0h/);
  });

  it("describes history events in either language, French by default", () => {
    expect(describeHistoryEvent("pair.closed")).toBe("Binôme clôturé");
    expect(describeHistoryEvent("pair.closed", "en")).toBe("Pair closed");
    expect(describeHistoryEvent("session-2.rescheduled", "en")).toBe("Session 2: date moved");
    expect(describeHistoryEvent("session-2.rescheduled")).toBe(
      "Séance n°\u00a02\u00a0: date déplacée",
    );
    expect(describeHistoryEvent("unknown.code", "en")).toBe("unknown.code");
  });
});

describe("forms of the programme team's pages in English", () => {
  it("redirects after a post in English, with the done message in English", async () => {
    const id = freshCohortId();
    const created = await adminForm("/admin/vagues?lang=en", { id, name: "Spring cohort" });
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe(`/admin/vagues/${id}?fait=vague-creee&lang=en`);
    const page = await pageText(await adminPage(created.headers.get("location") ?? ""));
    expect(page).toContain("The cohort is created.");
    expect(page).not.toContain("La vague est créée.");

    const paused = await adminForm(`/admin/binomes/${fixture.pairId}/pause?lang=en`, {});
    expect(paused.headers.get("location")).toBe(
      `/admin/binomes/${fixture.pairId}?fait=pause&lang=en`,
    );
    await adminForm(`/admin/binomes/${fixture.pairId}/reprise?lang=en`, {});
  });

  it("gives validation errors and refusals back in English", async () => {
    const empty = await adminForm("/admin/vagues?lang=en", { id: "", name: "" });
    expect(empty.status).toBe(422);
    const html = await pageText(empty);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("The form has errors");
    expect(html).toContain("Enter the cohort's name.");
    expect(html).not.toContain("Indiquez le nom de la vague.");

    const settings = await adminForm(`/admin/vagues/${fixture.cohortId}/reglages?lang=en`, {
      sessions: "99",
      pauseMonths: "3",
      reminderHoursBefore: "24",
      allowSameManagementLine: "non",
    });
    expect(settings.status).toBe(422);
    expect(await pageText(settings)).toMatch(/The number of sessions goes from 1 to \d+\./);

    const resume = await adminForm(`/admin/binomes/${fixture.pairId}/reprise?lang=en`, {});
    expect(resume.status).toBe(409);
    const refused = await pageText(resume);
    expect(refused).toContain("Action not possible");
    expect(refused).toContain("Only a paused pair can resume.");

    const interview = await adminForm(`/admin/mentors/${fixture.mentor.id}/entretien?lang=en`, {
      decision: "selected",
    });
    expect(interview.status).toBe(422);
    expect(await pageText(interview)).toContain("Choose a level for");
  });

  it("shows the login page and its refusal in English, and keeps English after signing in", async () => {
    const login = await adminPage("/admin/connexion?lang=en", {});
    const html = await pageText(login);
    expect(html).toContain('<html lang="en">');
    expect(h1Of(html)).toBe("Programme team sign-in");
    expect(html).toContain('action="/admin/connexion?lang=en"');

    const wrong = await adminForm(
      "/admin/connexion?lang=en",
      { token: "wrong", next: "/admin" },
      {},
    );
    expect(wrong.status).toBe(401);
    expect(await pageText(wrong)).toContain("This token is not the right one");

    const right = await adminForm(
      "/admin/connexion?lang=en",
      { token: env.adminToken, next: "/admin/chiffres" },
      {},
    );
    expect(right.status).toBe(303);
    expect(right.headers.get("location")).toBe("/admin/chiffres?lang=en");

    const french = await pageText(await adminPage("/admin/connexion", {}));
    expect(h1Of(french)).toBe("Connexion de l'équipe d'animation");
  });
});
