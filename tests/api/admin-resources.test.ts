import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { createPair } from "#core/pair/store";
import { listResources } from "#core/resources";
import { adminForm, adminPage, freshCohortId, submitMentee, submitMentor } from "./admin-support";
import { pdfText } from "./pdf-text";

/** The programme's resources library and a mentor's attestation, through the team's pages. */

describe("the resources library", () => {
  it("adds a resource per theme, refuses a bad one in French, and removes it", async () => {
    const title = `Guide LinkedIn ${Math.random().toString(36).slice(2, 7)}`;
    const refused = await adminForm("/admin/ressources", {
      theme: "social-networks",
      title,
      url: "http://exemple.fr/guide",
      description: "",
      durationMinutes: "vingt",
      audience: "everyone",
    });
    expect(refused.status).toBe(422);
    const page = (await refused.text()).replaceAll("&#39;", "'");
    expect(page).toContain("L'adresse doit commencer par https://");
    expect(page).toContain("Décrivez la ressource en une phrase.");
    expect(page).toContain("Indiquez la durée en minutes.");
    expect(page).toContain(`value="${title}"`);

    const added = await adminForm("/admin/ressources", {
      theme: "social-networks",
      title,
      url: "https://www.exemple.gouv.fr/guide-linkedin",
      description: "Créer et soigner son profil en dix étapes.",
      durationMinutes: "45",
      audience: "everyone",
    });
    expect(added.status).toBe(303);
    const list = await (await adminPage("/admin/ressources")).text();
    expect(list).toContain(title);
    expect(list).toContain("45\u00a0min");

    const resource = (await listResources()).find((entry) => entry.title === title);
    expect(resource).toBeDefined();
    const removed = await adminForm(`/admin/ressources/${resource?.id}/retirer`, {});
    expect(removed.status).toBe(303);
    expect((await listResources()).some((entry) => entry.title === title)).toBe(false);
  });
});

describe("a mentor's attestation", () => {
  it("is a dated PDF naming the mentor and counting their pairs, sessions and hours", async () => {
    const cohortId = freshCohortId();
    const { id: mentorId } = await submitMentor(cohortId, {
      firstName: "Inès",
      lastName: "Benali",
    });
    const { id: menteeId } = await submitMentee(cohortId);
    const now = new Date().toISOString();
    await createPair({
      id: `pair-${Math.random().toString(36).slice(2, 8)}`,
      cohortId,
      menteeId,
      mentorId,
      phase: "closed",
      status: "closed",
      needsAttention: false,
      settings: {
        sessions: 3,
        pauseMonths: 3,
        reminderHoursBefore: 24,
        allowSameManagementLine: false,
      },
      sessionsPlanned: 3,
      sessionsDone: 3,
      mentorHours: 4.75,
      executionName: "x",
      createdAt: now,
      updatedAt: now,
    });

    const response = await adminPage(`/admin/mentors/${mentorId}/attestation.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toBe("Attestation de mentorat — Inès Benali");
    const text = pdfText(bytes);
    expect(text).toContain("Attestation de participation");
    expect(text).toContain("1 cadre accompagné, dont 1 parcours mené");
    expect(text).toContain("3 séances tenues");
    expect(text).toContain("4\u00a0h\u00a045 de mentorat en binôme");
    expect(text).toContain("soit 4\u00a0h\u00a045 au total.");

    expect((await adminPage("/admin/mentors/inconnu/attestation.pdf")).status).toBe(404);
  });
});
