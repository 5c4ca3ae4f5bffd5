import { beforeAll, describe, expect, it } from "vitest";
import { createCohort } from "#core/cohort";
import { idle } from "#core/matching/background";
import {
  adminJson,
  adminPage,
  freshCohortId,
  pageText,
  submitMentee,
  submitMentor,
  useRecordingEngine,
} from "./admin-support";

/**
 * The programme team's pages read as people write: the cohort by its name, levels and grades in
 * words, plurals agreed in each language, « d'Hélène », French spacing in French and English
 * punctuation in English.
 */

const nbsp = "\u00a0";
const cohortName = "Vague de printemps";

beforeAll(() => useRecordingEngine());

/** A named cohort with one manager and one mentor, matched into a proposal not yet confirmed. */
async function proposedCohort() {
  const cohortId = freshCohortId();
  await createCohort({ id: cohortId, name: cohortName });
  const mentee = await submitMentee(cohortId, {
    firstName: "Hélène",
    lastName: "Durand",
    priorityThemes: ["social-networks"],
    formats: ["video"],
  });
  const mentor = await submitMentor(cohortId, {
    grade: "contractuel",
    themes: [{ theme: "social-networks", level: 3 }],
    formats: ["video"],
    capacity: 2,
  });
  await adminJson("POST", `/api/admin/cohorts/${cohortId}/proposal`);
  await idle();
  return { cohortId, mentee, mentor };
}

let fixture: Awaited<ReturnType<typeof proposedCohort>>;
beforeAll(async () => {
  fixture = await proposedCohort();
});

/** The page's text without its tags. */
const textOf = async (path: string) =>
  (await pageText(await adminPage(path))).replace(/<[^>]+>/g, "");

describe("the matching page", () => {
  it("agrees its counts in English and elides « de » before a vowel", async () => {
    const path = `/admin/vagues/${fixture.cohortId}/appariement`;
    const fr = await textOf(path);
    expect(fr).toContain("1 binôme, 0 cadre sans mentor.");
    expect(fr).toContain("Retirer le binôme d'Hélène Durand");
    expect(fr).not.toContain("de Hélène");
    const en = await textOf(`${path}?lang=en`);
    expect(en).toContain("1 pair, 0 managers without a mentor.");
    expect(en).not.toContain("0 manager without");
  });

  it("explains each pair in the page's language, French spaced", async () => {
    const path = `/admin/vagues/${fixture.cohortId}/appariement`;
    const fr = await textOf(path);
    expect(fr).toContain(`format commun${nbsp}: visio`);
    expect(fr).not.toContain("format commun : visio");
    const en = await textOf(`${path}?lang=en`);
    expect(en).toContain(
      "Covers the manager's priority theme (professional social networks level 3)",
    );
    expect(en).toContain("common format: video");
    expect(en).not.toContain("format commun");
  });
});

describe("the lists of a cohort", () => {
  it("name the cohort, give levels in words and agree their counts in each language", async () => {
    const { cohortId } = fixture;
    const mentorsFr = await textOf(`/admin/mentors?vague=${cohortId}`);
    expect(mentorsFr).toContain(`Candidatures de mentor de la vague «${nbsp}${cohortName}${nbsp}»`);
    expect(mentorsFr).toContain("Réseaux sociaux professionnels (Avancé)");
    expect(mentorsFr).not.toContain("(3)");
    expect(mentorsFr).not.toContain(`de la vague ${cohortId}`);
    const mentorsEn = await textOf(`/admin/mentors?vague=${cohortId}&lang=en`);
    expect(mentorsEn).toContain(`Mentor applications of cohort “${cohortName}”`);
    expect(mentorsEn).toContain("Professional social networks (Advanced)");

    const questionnaires = await textOf(`/admin/questionnaires?vague=${cohortId}`);
    expect(questionnaires).toContain(`Questionnaires de la vague «${nbsp}${cohortName}${nbsp}»`);

    // Nothing confirmed yet: no pair in the list.
    const pairsFr = await textOf(`/admin/binomes?vague=${cohortId}`);
    expect(pairsFr).toContain("0 binôme");
    expect(pairsFr).toContain(`Binômes de la vague «${nbsp}${cohortName}${nbsp}»`);
    const pairsEn = await textOf(`/admin/binomes?vague=${cohortId}&lang=en`);
    expect(pairsEn).toContain("0 pairs");
    expect(pairsEn).not.toMatch(/\b0 pair\b(?!s)/);
    expect(pairsEn).toContain(`Pairs of cohort “${cohortName}”`);
  });
});

describe("a mentor's page", () => {
  it("names the cohort and the grade in words", async () => {
    const path = `/admin/mentors/${fixture.mentor.id}`;
    const fr = await textOf(path);
    expect(fr).toContain(`Vague «${nbsp}${cohortName}${nbsp}» — décision actuelle${nbsp}:`);
    expect(fr).toContain("(Contractuel ou contractuelle)");
    expect(fr).not.toContain("catégorie contractuel");
    const en = await textOf(`${path}?lang=en`);
    expect(en).toContain(`Cohort “${cohortName}” — current decision:`);
    expect(en).toContain("(Contract staff)");
    expect(en).not.toContain("grade contractuel");
  });
});

describe("a pair's page", () => {
  it("names the pair's cohort", async () => {
    const confirmed = await (
      await adminJson("POST", `/api/admin/cohorts/${fixture.cohortId}/proposal/confirm`, {})
    ).json();
    await idle();
    const pairId = confirmed.pairs[0].pairId as string;
    const page = await pageText(await adminPage(`/admin/binomes/${pairId}`));
    expect(page).toContain(`<a href="/admin/vagues/${fixture.cohortId}">${cohortName}</a>`);
    const en = await textOf(`/admin/vagues/${fixture.cohortId}/appariement?lang=en`);
    expect(en).toMatch(/\d of 1 pair started/);
  });
});
