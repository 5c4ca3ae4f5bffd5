import { describe, expect, it } from "vitest";
import { app } from "../../functions/api/app";
import { mentorAnswers, questionnaireAnswers } from "../support/fixtures";
import { emailsTo } from "../support/inbox";

const postJson = (path: string, body: unknown) =>
  app.request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("POST /api/questionnaires", () => {
  it("stores a questionnaire, answers 201 with its id and acknowledges it by email in French and English", async () => {
    const answers = questionnaireAnswers();
    const response = await postJson("/api/questionnaires", answers);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({ id: expect.any(String), status: "created" });

    const [email, ...others] = await emailsTo(answers.email);
    expect(others).toHaveLength(0);
    expect(email?.subject).toContain("nous avons bien reçu votre questionnaire");
    expect(email?.body.text).toContain("Bonjour Claire,");
    expect(email?.body.text).toContain("English version");
    expect(email?.body.html).toContain('<html lang="fr">');
  });

  it("gives an identical resubmission the same answer and sends no second acknowledgement", async () => {
    const answers = questionnaireAnswers();
    const first = await postJson("/api/questionnaires", answers);
    const again = await postJson("/api/questionnaires", answers);
    expect(again.status).toBe(first.status);
    expect(await again.json()).toEqual(await first.clone().json());
    expect(await emailsTo(answers.email)).toHaveLength(1);
  });

  it("updates the record when the same person changes their answers, and says so", async () => {
    const answers = questionnaireAnswers();
    const first = await (await postJson("/api/questionnaires", answers)).json();
    const changed = await postJson("/api/questionnaires", {
      ...answers,
      goal: "Animer une réunion en visio",
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ id: first.id, status: "updated" });
    expect(await emailsTo(answers.email)).toHaveLength(1);
  });

  it("treats the same address in another case as the same person", async () => {
    const answers = questionnaireAnswers();
    const first = await (await postJson("/api/questionnaires", answers)).json();
    const again = await (
      await postJson("/api/questionnaires", { ...answers, email: answers.email.toUpperCase() })
    ).json();
    expect(again.id).toBe(first.id);
  });

  it("keeps one record and one email when the same form arrives twice at once", async () => {
    const answers = questionnaireAnswers();
    const responses = await Promise.all([
      postJson("/api/questionnaires", answers),
      postJson("/api/questionnaires", answers),
    ]);
    const ids = await Promise.all(responses.map(async (response) => (await response.json()).id));
    expect(new Set(ids).size).toBe(1);
    expect(await emailsTo(answers.email)).toHaveLength(1);
  });

  it("lists every invalid field as problem+json with French messages", async () => {
    const response = await postJson("/api/questionnaires", {
      email: "pas-une-adresse",
      priorityThemes: [],
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = await response.json();
    expect(problem.status).toBe(422);
    const fields = problem.errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "firstName",
        "lastName",
        "email",
        "directorate",
        "role",
        "comfort",
        "priorityThemes",
        "goal",
        "formats",
        "availability",
        "consent",
      ]),
    );
    const email = problem.errors.find((error: { field: string }) => error.field === "email");
    expect(email).toMatchObject({
      pointer: "/email",
      detail: expect.stringContaining("adresse électronique valide"),
    });
  });

  it("refuses unknown fields", async () => {
    const response = await postJson("/api/questionnaires", {
      ...questionnaireAnswers(),
      isAdmin: true,
    });
    expect(response.status).toBe(422);
    expect((await response.json()).errors).toEqual([
      { field: "isAdmin", pointer: "/isAdmin", detail: "Ce champ n'est pas attendu." },
    ]);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const response = await postJson("/api/questionnaires", "{pas du json");
    expect(response.status).toBe(400);
    expect((await response.json()).title).toMatch(/JSON valide/);
  });

  it("answers 415 when the body is not declared as JSON", async () => {
    const response = await app.request("/api/questionnaires", {
      method: "POST",
      body: "a=b",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(415);
  });

  it("answers 413 for an oversized body, without storing anything", async () => {
    const answers = questionnaireAnswers({ goal: "x".repeat(70 * 1024) });
    const response = await postJson("/api/questionnaires", answers);
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await emailsTo(answers.email)).toHaveLength(0);
  });
});

describe("POST /api/mentor-applications", () => {
  it("stores an application and acknowledges it once", async () => {
    const answers = mentorAnswers();
    const response = await postJson("/api/mentor-applications", answers);
    expect(response.status).toBe(201);
    await postJson("/api/mentor-applications", answers);
    const emails = await emailsTo(answers.email);
    expect(emails.map((email) => email.subject)).toEqual([
      "Binôme\u00a0: nous avons bien reçu votre candidature de mentor",
    ]);
  });

  it("refuses a capacity above three mentees", async () => {
    const response = await postJson("/api/mentor-applications", {
      ...mentorAnswers(),
      capacity: 5,
    });
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0]).toMatchObject({ field: "capacity" });
  });
});

describe("service routes", () => {
  it("answers the health check", async () => {
    const response = await app.request("/health");
    expect(response.status).toBe(200);
  });

  it("describes every JSON route in OpenAPI 3.1 from the validating schemas", async () => {
    const document = await (await app.request("/api/openapi.json")).json();
    expect(document.openapi).toBe("3.1.0");
    const questionnaire =
      document.paths["/api/questionnaires"].post.requestBody.content["application/json"].schema;
    expect(questionnaire.additionalProperties).toBe(false);
    expect(questionnaire.required).toEqual(
      expect.arrayContaining(["email", "priorityThemes", "consent"]),
    );
    expect(questionnaire.properties.priorityThemes.maxItems).toBe(3);
    expect(
      document.paths["/api/mentor-applications"].post.requestBody.content["application/json"].schema
        .properties.capacity.maximum,
    ).toBe(3);
  });

  it("answers an unknown API route with a 404 problem", async () => {
    const response = await app.request("/api/nothing-here");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });
});
