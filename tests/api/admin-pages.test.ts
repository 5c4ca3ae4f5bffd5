import { beforeAll, describe, expect, it } from "vitest";
import { getCohort } from "#core/cohort";
import { idle } from "#core/matching/background";
import { getProposal } from "#core/matching/proposal";
import { getMentor } from "#core/mentor";
import { updatePair } from "#core/pair/store";
import {
  adminForm,
  adminJson,
  adminPage,
  freshCohortId,
  pageText,
  submitMentee,
  submitMentor,
  useRecordingEngine,
} from "./admin-support";

beforeAll(() => useRecordingEngine());

/** Every data table has a caption and its headers say what they head. */
function expectAccessibleTables(html: string) {
  const tables = html.match(/<table[\s\S]*?<\/table>/g) ?? [];
  for (const table of tables) {
    expect(table).toMatch(/<caption>[^<]+<\/caption>/);
    const headers = table.match(/<th[ >]/g) ?? [];
    const scoped = table.match(/<th scope="(col|row)"/g) ?? [];
    expect(scoped.length).toBe(headers.length);
  }
  return tables.length;
}

async function cohortReady() {
  const cohortId = freshCohortId();
  const mentee = await submitMentee(cohortId, {
    priorityThemes: ["social-networks"],
    formats: ["video"],
  });
  const other = await submitMentee(cohortId, {
    priorityThemes: ["social-networks"],
    formats: ["video"],
  });
  const mentor = await submitMentor(cohortId, {
    themes: [{ theme: "social-networks", level: 4 }],
    formats: ["video"],
    capacity: 2,
  });
  return { cohortId, mentee, other, mentor };
}

describe("cohort pages", () => {
  it("lists cohorts in a captioned table and creates one from the form, redirecting to it", async () => {
    const list = await adminPage("/admin");
    expect(list.status).toBe(200);
    expect(expectAccessibleTables(await pageText(list))).toBe(1);

    const id = freshCohortId();
    const created = await adminForm("/admin/vagues", { id, name: "Vague de printemps" });
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toBe(`/admin/vagues/${id}?fait=vague-creee`);
    const page = await pageText(await adminPage(`/admin/vagues/${id}?fait=vague-creee`));
    expect(page).toContain("La vague est créée.");
    expect(page).toContain('<label for="champ-sessions">Nombre de séances *</label>');
  });

  it("gives the form back with its errors linked to the fields", async () => {
    const response = await adminForm("/admin/vagues", { id: "Vague 2!", name: "" });
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('href="#champ-id"');
    expect(html).toContain("lettres minuscules");
    expect(html).toContain('value="Vague 2!"');
  });

  it("saves a cohort's settings from the form and refuses values out of range", async () => {
    const id = freshCohortId();
    const saved = await adminForm(`/admin/vagues/${id}/reglages`, {
      sessions: "6",
      pauseMonths: "4",
      reminderHoursBefore: "48",
      allowSameManagementLine: "oui",
    });
    expect(saved.status).toBe(303);
    expect((await getCohort(id))?.settings).toEqual({
      sessions: 6,
      pauseMonths: 4,
      reminderHoursBefore: 48,
      allowSameManagementLine: true,
    });
    const refused = await adminForm(`/admin/vagues/${id}/reglages`, {
      sessions: "12",
      pauseMonths: "4",
      reminderHoursBefore: "48",
    });
    expect(refused.status).toBe(422);
    const html = await pageText(refused);
    expect(html).toContain("Le nombre de séances va de 1 à 10.");
    expect(html).toContain("Indiquez si un mentor peut accompagner");
  });
});

describe("the mentor page", () => {
  it("records the interview grid and decision from the form", async () => {
    const cohortId = freshCohortId();
    const applicant = await submitMentor(cohortId, {}, "applied");
    const page = await pageText(await adminPage(`/admin/mentors/${applicant.id}`));
    expect(page).toContain("Grille d'entretien et décision");
    expect(page).toContain("<legend>Niveau\u00a0: Maturité numérique *</legend>");

    const response = await adminForm(`/admin/mentors/${applicant.id}/entretien`, {
      "grid.digitalMaturity.level": "4",
      "grid.digitalMaturity.note": "Anime un réseau d'ambassadeurs",
      "grid.teachingAptitude.level": "3",
      "grid.seniorCoaching.level": "3",
      decision: "selected",
      comment: "",
    });
    expect(response.status).toBe(303);
    const mentor = await getMentor(applicant.id);
    expect(mentor?.status).toBe("selected");
    const after = await pageText(await adminPage(`/admin/mentors/${applicant.id}`));
    expect(after).toContain("Anime un réseau d'ambassadeurs");
  });

  it("shows the missing levels as errors", async () => {
    const applicant = await submitMentor(freshCohortId(), {}, "applied");
    const response = await adminForm(`/admin/mentors/${applicant.id}/entretien`, {
      decision: "selected",
    });
    expect(response.status).toBe(422);
    expect(await pageText(response)).toContain(
      "Choisissez un niveau pour «\u00a0Maturité numérique\u00a0».",
    );
  });
});

describe("the matching page", () => {
  it("runs, shows, edits and confirms a proposal through forms", async () => {
    const { cohortId, mentee, other, mentor } = await cohortReady();
    const base = `/admin/vagues/${cohortId}/appariement`;
    expect(await pageText(await adminPage(base))).toContain("Aucune proposition pour cette vague");

    expect((await adminForm(base, {})).status).toBe(303);
    await idle();
    const page = await pageText(await adminPage(`${base}?fait=appariement-lance`));
    expect(expectAccessibleTables(page)).toBeGreaterThanOrEqual(1);
    expect(page).toContain(`${mentee.answers.firstName} ${mentee.answers.lastName}`);
    expect(page).toContain("Couvre le thème prioritaire du cadre");

    const removed = await adminForm(`${base}/retrait`, { menteeId: other.id });
    expect(removed.status).toBe(303);
    const refused = await adminForm(`${base}/forcer`, { menteeId: other.id, mentorId: "inconnu" });
    expect(refused.status).toBe(409);
    expect(await pageText(refused)).toContain("Ce mentor n'est pas disponible");
    expect(
      (await adminForm(`${base}/forcer`, { menteeId: other.id, mentorId: mentor.id })).status,
    ).toBe(303);

    const confirmed = await adminForm(`${base}/confirmation`, {
      version: String((await getProposal(cohortId))?.version),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("location")).toBe(`${base}?fait=confirmation`);
    await idle();
    const progress = await pageText(await adminPage(`${base}?fait=confirmation`));
    expect(progress).toContain("Les binômes sont confirmés");
    expect(progress).toContain("2 binômes lancés sur 2.");
    const pairs = await pageText(await adminPage(`/admin/binomes?vague=${cohortId}`));
    expect(pairs).toContain("2 binômes");
    expectAccessibleTables(pairs);
  });

  it("excludes a pair from the page", async () => {
    const { cohortId, mentee, mentor } = await cohortReady();
    const response = await adminForm(`/admin/vagues/${cohortId}/exclusions`, {
      menteeId: mentee.id,
      mentorId: mentor.id,
    });
    expect(response.status).toBe(303);
    const page = await pageText(await adminPage(`/admin/vagues/${cohortId}`));
    expect(page).toContain("Binômes que l'appariement ne proposera pas");
    expect(
      (
        await adminForm(`/admin/vagues/${cohortId}/exclusions/retrait`, {
          menteeId: mentee.id,
          mentorId: mentor.id,
        })
      ).status,
    ).toBe(303);
    expect((await getCohort(cohortId))?.excludedPairs).toEqual([]);
  });
});

describe("follow-up pages", () => {
  async function confirmedCohort() {
    const ready = await cohortReady();
    await adminJson("POST", `/api/admin/cohorts/${ready.cohortId}/proposal`);
    await idle();
    const confirmed = await (
      await adminJson("POST", `/api/admin/cohorts/${ready.cohortId}/proposal/confirm`, {})
    ).json();
    await idle();
    return { ...ready, pairId: confirmed.pairs[0].pairId as string };
  }

  it("filters the lists and keeps the filters in the form", async () => {
    const { cohortId, pairId } = await confirmedCohort();
    await updatePair(pairId, { needsAttention: true });
    const pairs = await pageText(await adminPage(`/admin/binomes?vague=${cohortId}&attention=1`));
    expect(pairs).toContain("1 binôme");
    expect(pairs).toMatch(/id="filtre-attention" name="attention" value="1" checked/);
    expect(pairs).toContain(`<option value="${cohortId}" selected="">`);
    expect(pairs).toContain(`/api/admin/exports/pairs.csv?cohort=${cohortId}&attention=1`);
    const questionnaires = await pageText(
      await adminPage(`/admin/questionnaires?vague=${cohortId}&statut=paired`),
    );
    expect(questionnaires).toContain("2 questionnaires");
    expectAccessibleTables(questionnaires);
    const mentors = await pageText(await adminPage(`/admin/mentors?vague=${cohortId}`));
    expect(mentors).toContain("2 sur 2");
  });

  it("shows a pair's page with its timeline and acts on it, asking for a reason to cancel", async () => {
    const { pairId } = await confirmedCohort();
    const page = await pageText(await adminPage(`/admin/binomes/${pairId}`));
    expect(page).toContain("Historique du binôme");
    expect(page).toContain("Exécution locale");
    expectAccessibleTables(page);

    expect((await adminForm(`/admin/binomes/${pairId}/pause`, {})).status).toBe(303);
    expect(await pageText(await adminPage(`/admin/binomes/${pairId}?fait=pause`))).toContain(
      "Reprendre le binôme",
    );
    expect((await adminForm(`/admin/binomes/${pairId}/reprise`, {})).status).toBe(303);

    const noReason = await adminForm(`/admin/binomes/${pairId}/annulation`, { reason: "" });
    expect(noReason.status).toBe(422);
    expect(await pageText(noReason)).toContain("Indiquez le motif de l'annulation.");
    expect(
      (await adminForm(`/admin/binomes/${pairId}/annulation`, { reason: "Départ en retraite" }))
        .status,
    ).toBe(303);
    const after = await pageText(await adminPage(`/admin/binomes/${pairId}`));
    expect(after).toContain("motif\u00a0: Départ en retraite");
    expect(after).not.toContain("Agir sur le binôme");
  });
});

describe("unknown records", () => {
  it("answers 404 with a page of the programme team's area", async () => {
    for (const path of ["/admin/binomes/inconnu", "/admin/mentors/inconnu"]) {
      const response = await adminPage(path);
      expect(response.status).toBe(404);
      expect(await pageText(response)).toMatch(/Ce (binôme|mentor) n'existe pas\./);
    }
  });
});

describe("the figures page", () => {
  it("draws the funnel and the before/after as SVG with the numbers beside the bars and a text alternative", async () => {
    const cohortId = freshCohortId();
    await submitMentee(cohortId);
    const html = await pageText(await adminPage(`/admin/chiffres?vague=${cohortId}`));
    expect(html).toMatch(
      /<svg[^>]*role="img"[^>]*aria-labelledby="entonnoir-titre entonnoir-desc"/,
    );
    expect(html).toContain(
      '<desc id="entonnoir-desc">Questionnaires reçus\u00a0: 1\u00a0; Cadres en binôme\u00a0: 0',
    );
    expect(html).toMatch(/font-weight="bold"[^>]*>1<\/text>/);
    expect(html).toContain("Aisance moyenne avant et après le mentorat");
    expect(html).toContain("Aucun retour pour l'instant");
    expectAccessibleTables(html);
  });
});
