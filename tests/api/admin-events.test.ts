import { describe, expect, it } from "vitest";
import { recordConsent } from "#core/recognition";
import { app } from "../../functions/api/app";
import { emailsTo, uniqueEmail } from "../support/inbox";
import {
  adminForm,
  adminJson,
  adminPage,
  freshCohortId,
  origin,
  pageText,
  submitMentor,
} from "./admin-support";

/** The team's JSON API for resources, attestations and the exports of events. */

describe("the events' JSON API", () => {
  it("adds a resource, refusing a bad one field by field in French", async () => {
    const refused = await adminJson("POST", "/api/admin/resources", {
      theme: "social-networks",
      title: "",
      url: "http://exemple.fr",
      description: "Un guide.",
      durationMinutes: 0,
      audience: "everyone",
    });
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as { errors: { field: string; detail: string }[] };
    expect(problem.errors.map((error) => error.field).sort()).toEqual([
      "durationMinutes",
      "title",
      "url",
    ]);
    expect(problem.errors.find((error) => error.field === "url")?.detail).toContain("https://");
    const added = await adminJson("POST", "/api/admin/resources", {
      theme: "social-networks",
      title: "Guide",
      url: "https://www.exemple.gouv.fr/guide",
      description: "Un guide.",
      durationMinutes: 10,
      audience: "everyone",
    });
    expect(added.status).toBe(201);
    const listed = (await (await adminJson("GET", "/api/admin/resources")).json()) as {
      resources: { title: string }[];
    };
    expect(listed.resources.map((resource) => resource.title)).toContain("Guide");
  });

  it("serves a mentor's record and attestation, and sends it to the manager only with consent", async () => {
    const cohortId = freshCohortId();
    const manager = uniqueEmail("responsable");
    const { id } = await submitMentor(cohortId, { firstName: "Inès", lastName: "Benali" });
    const record = (await (await adminJson("GET", `/api/admin/mentors/${id}/record`)).json()) as {
      barnumsStaffed: number;
      managerConsent: unknown;
    };
    expect(record).toMatchObject({ barnumsStaffed: 0, managerConsent: null });
    const pdf = await adminPage(`/api/admin/mentors/${id}/attestation.pdf`);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");

    expect((await adminJson("POST", `/api/admin/mentors/${id}/attestation/send`)).status).toBe(409);
    await recordConsent(id, manager);
    const sent = await adminJson("POST", `/api/admin/mentors/${id}/attestation/send`);
    expect(await sent.json()).toEqual({ status: "queued" });
    const again = await adminJson("POST", `/api/admin/mentors/${id}/attestation/send`);
    expect(await again.json()).toEqual({ status: "already-queued" });
    const mail = await emailsTo(manager);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe("Binôme\u00a0: attestation de mentorat d'Inès Benali");
    const attachment = mail[0]?.attachments?.[0];
    expect(
      Buffer.from(attachment?.content ?? "", "base64")
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("exports mentors' hours and events with French headers", async () => {
    const cohortId = freshCohortId();
    await submitMentor(cohortId, { firstName: "Hugo", lastName: "Roche" });
    const hours = await (
      await adminPage(`/api/admin/exports/mentor-hours.csv?cohort=${cohortId}`)
    ).text();
    expect(hours).toContain("Mentor;Binômes;Séances tenues;Heures en binôme");
    expect(hours).toContain("Hugo Roche;0;0;0;0;0;0;0;0;0;0");
    const visits = await (
      await adminPage("/api/admin/exports/barnum-visits.csv?from=2026-01-01")
    ).text();
    expect(visits).toContain("BarNum';Date;Lieu;Mentors;Thème;Visites;Questions résolues");
    const refused = await adminPage("/api/admin/exports/network-attendance.csv?from=demain");
    expect(refused.status).toBe(422);
  });
});

describe("a mentor's own page from the team's button", () => {
  it("sends the link once a day; the mentor records consent, refused in French without the box", async () => {
    const cohortId = freshCohortId();
    const manager = uniqueEmail("responsable");
    const { id, answers } = await submitMentor(cohortId, {
      firstName: "Élodie",
      lastName: "Vidal",
    });
    expect((await adminForm(`/admin/mentors/${id}/lien-espace`, {})).status).toBe(303);
    expect((await adminForm(`/admin/mentors/${id}/lien-espace`, {})).status).toBe(303);
    const links = (await emailsTo(answers.email)).filter((email) =>
      email.subject.endsWith("votre page de mentor"),
    );
    expect(links).toHaveLength(1);
    const page = /\/espace-mentor\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(
      links[0]?.body.text ?? "",
    )?.[0];
    const opened = await app.request(`${origin}${page}`);
    expect(opened.status).toBe(200);
    expect(await pageText(opened)).toContain("Élodie Vidal");

    const post = (path: string, form: Record<string, string>) =>
      app.request(`${origin}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
        body: new URLSearchParams(form),
      });
    const refused = await post(`${page}/consentement`, { managerEmail: "pas-une-adresse" });
    expect(refused.status).toBe(422);
    const refusedText = await pageText(refused);
    expect(refusedText).toContain("Cochez la case pour donner votre accord.");
    expect(refusedText).toContain("Saisissez une adresse électronique valide");
    expect(
      (await post(`${page}/consentement`, { managerEmail: manager, agree: "on" })).status,
    ).toBe(303);
    expect((await adminForm(`/admin/mentors/${id}/attestation/envoyer`, {})).status).toBe(303);
    expect(await emailsTo(manager)).toHaveLength(1);
  });
});
