import { describe, expect, it } from "vitest";
import { app } from "../../functions/api/app";
import { adminHeaders, origin } from "../api/admin-support";
import { questionnaireAnswers } from "../support/fixtures";

/** Bodies and ids no browser would send: the sender hears what is wrong, never a 500. */

const brokenMultipart = {
  "Content-Type": "multipart/form-data; boundary=frontiere",
  Origin: origin,
};
const brokenMultipartBody = '--frontiere\r\nContent-Disposition: form-data; name="email"\r\n\r\nx';

describe("a form body that cannot be read", () => {
  for (const path of ["/questionnaire", "/candidature", "/admin/connexion"]) {
    it(`answers 400 with a French page on ${path} for a broken multipart body`, async () => {
      const response = await app.request(`${origin}${path}`, {
        method: "POST",
        headers: brokenMultipart,
        body: brokenMultipartBody,
      });
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(await response.text()).toContain("Le formulaire envoyé n&#39;a pas pu être lu");
    });
  }

  it("answers 400 for a multipart body without its boundary", async () => {
    const response = await app.request(`${origin}/questionnaire`, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data", Origin: origin },
      body: "firstName=Claire",
    });
    expect(response.status).toBe(400);
  });

  it("refuses a form declared in Latin-1 instead of storing garbled accents", async () => {
    const response = await app.request(`${origin}/questionnaire`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded; charset=ISO-8859-1",
        Origin: origin,
      },
      body: "firstName=H%E9l%E8ne",
    });
    expect(response.status).toBe(415);
    expect(await response.text()).toContain("encodé en UTF-8");
  });

  it("still accepts a form declared in UTF-8", async () => {
    const response = await app.request(`${origin}/questionnaire`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        Origin: origin,
      },
      body: "firstName=H%C3%A9l%C3%A8ne",
    });
    // Incomplete, so the form comes back with its errors and the name kept as typed.
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('value="Hélène"');
  });
});

const postJson = (path: string, body: string, contentType = "application/json") =>
  app.request(`${origin}${path}`, {
    method: "POST",
    headers: { "Content-Type": contentType },
    body,
  });

describe("a JSON body that cannot be used", () => {
  it("answers 400 problem+json in French for unreadable JSON", async () => {
    const response = await postJson("/api/questionnaires", '{"firstName": "Cla');
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect((await response.json()).title).toContain("JSON valide");
  });

  for (const body of ["null", "1", '"x"', "[]", "true"]) {
    it(`answers ${body} with the French message that an object is expected`, async () => {
      const response = await postJson("/api/questionnaires", body);
      expect(response.status).toBe(422);
      const problem = await response.json();
      expect(problem.errors).toEqual([
        {
          field: "body",
          pointer: "",
          detail: "Le corps de la requête doit être un objet JSON (entre accolades).",
        },
      ]);
    });
  }

  it("refuses JSON declared in another charset", async () => {
    const response = await postJson(
      "/api/questionnaires",
      JSON.stringify(questionnaireAnswers()),
      "application/json; charset=iso-8859-1",
    );
    expect(response.status).toBe(415);
    expect((await response.json()).title).toContain("UTF-8");
  });

  it("answers a multipart body on the JSON API with 415, not 500", async () => {
    const response = await postJson(
      "/api/mentor-applications",
      brokenMultipartBody,
      brokenMultipart["Content-Type"],
    );
    expect(response.status).toBe(415);
  });
});

describe("an id that names nothing", () => {
  it("answers 404 to a 10,000-character pair id on the admin API", async () => {
    const response = await app.request(`${origin}/api/admin/pairs/${"a".repeat(10_000)}`, {
      headers: adminHeaders(),
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });

  it("answers 404 to an over-long id on an admin page", async () => {
    const response = await app.request(`${origin}/admin/binomes/${"é".repeat(3_000)}`, {
      headers: adminHeaders(),
    });
    expect(response.status).toBe(404);
  });

  it("answers 404 to an id with a broken percent-encoding or a key separator", async () => {
    for (const id of ["%E0%A4%A", "abc%23PAIR", "x%00y"]) {
      const response = await app.request(`${origin}/api/admin/questionnaires/${id}`, {
        headers: adminHeaders(),
      });
      expect(response.status, id).toBe(404);
    }
  });
});
