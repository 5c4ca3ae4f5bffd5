import { describe, expect, it } from "vitest";
import { app } from "../../functions/api/app";

/**
 * What a browser is answered when a form post is refused before any route reads it: a page of the
 * site in the visitor's language, never the API's problem+json.
 */

// Routes that fail as a bug would, added to this file's app before its first request.
app.get("/essai-erreur", () => {
  throw new TypeError("un bogue");
});
app.get("/api/essai-erreur", () => {
  throw new TypeError("un bogue");
});

const postForm = (path: string, body: string, headers: Record<string, string> = {}) =>
  app.request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body,
  });

const textOf = async (response: Response) =>
  (await response.text()).replaceAll("&#39;", "'").replaceAll("\u00a0", " ");

describe("a form post refused before its route", () => {
  it("from another site: a page saying to send it from this site", async () => {
    const response = await postForm("/questionnaire", "firstName=Claire", {
      Origin: "https://ailleurs.example",
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await textOf(response);
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain("Envoi refusé");
    expect(page).toContain("Ce formulaire doit être envoyé depuis une page de ce site.");

    // The lang cookie is SameSite=Lax: a cross-site post never carries it, the form's ?lang does.
    const english = await postForm("/questionnaire?lang=en", "firstName=Claire", {
      Origin: "https://ailleurs.example",
    });
    expect(await textOf(english)).toContain("This form must be sent from a page of this site.");
  });

  it("over 64 KiB: a page saying nothing was saved, and problem+json on the API", async () => {
    const body = `firstName=${"a".repeat(70 * 1024)}`;
    const response = await postForm("/questionnaire", body, {
      "Content-Length": String(body.length),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await textOf(response);
    expect(page).toContain("Envoi trop volumineux");
    expect(page).toContain("il n'a pas été enregistré");

    const api = await app.request("http://localhost/api/questionnaires", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": String(body.length) },
      body,
    });
    expect(api.status).toBe(413);
    expect(api.headers.get("content-type")).toContain("application/problem+json");
  });

  it("an unexpected error: a page in the visitor's language, problem+json on the API", async () => {
    const page = await app.request("http://localhost/essai-erreur", {
      headers: { Cookie: "lang=en" },
    });
    const asked = await app.request("http://localhost/essai-erreur?lang=en");
    expect(await textOf(asked)).toContain("An unexpected error occurred on our side.");
    expect(page.status).toBe(500);
    const text = await textOf(page);
    expect(text).toContain('<html lang="en">');
    expect(text).toContain("An unexpected error occurred on our side.");
    expect(text).not.toContain("un bogue");
    const api = await app.request("http://localhost/api/essai-erreur");
    expect(api.status).toBe(500);
    expect(api.headers.get("content-type")).toContain("application/problem+json");
  });
});
