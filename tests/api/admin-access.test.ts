import { afterEach, describe, expect, it } from "vitest";
import { env } from "#core/env";
import { app } from "../../functions/api/app";
import { adminHeaders, origin, pageText } from "./admin-support";

/** Every route of the programme team, JSON and HTML: none may answer without the role. */
const jsonRoutes: [string, string][] = [
  ["GET", "/api/admin/cohorts"],
  ["POST", "/api/admin/cohorts"],
  ["GET", "/api/admin/cohorts/vague-1"],
  ["PUT", "/api/admin/cohorts/vague-1/settings"],
  ["POST", "/api/admin/cohorts/vague-1/exclusions"],
  ["DELETE", "/api/admin/cohorts/vague-1/exclusions/a/b"],
  ["GET", "/api/admin/cohorts/vague-1/proposal"],
  ["POST", "/api/admin/cohorts/vague-1/proposal"],
  ["POST", "/api/admin/cohorts/vague-1/proposal/swap"],
  ["POST", "/api/admin/cohorts/vague-1/proposal/remove"],
  ["POST", "/api/admin/cohorts/vague-1/proposal/force"],
  ["POST", "/api/admin/cohorts/vague-1/proposal/confirm"],
  ["GET", "/api/admin/mentors"],
  ["GET", "/api/admin/mentors/m"],
  ["PUT", "/api/admin/mentors/m/interview"],
  ["GET", "/api/admin/questionnaires"],
  ["GET", "/api/admin/questionnaires/q"],
  ["GET", "/api/admin/pairs"],
  ["GET", "/api/admin/pairs/p"],
  ["POST", "/api/admin/pairs/p/pause"],
  ["POST", "/api/admin/pairs/p/resume"],
  ["POST", "/api/admin/pairs/p/cancel"],
  ["POST", "/api/admin/pairs/p/reassign"],
  ["GET", "/api/admin/figures"],
  ["GET", "/api/admin/exports/pairs.csv"],
  ["GET", "/api/admin/exports/feedback.csv"],
  ["GET", "/api/admin/does-not-exist"],
];

const htmlRoutes: [string, string][] = [
  ["GET", "/admin"],
  ["GET", "/admin/vagues"],
  ["POST", "/admin/vagues"],
  ["GET", "/admin/vagues/vague-1"],
  ["POST", "/admin/vagues/vague-1/reglages"],
  ["POST", "/admin/vagues/vague-1/exclusions"],
  ["POST", "/admin/vagues/vague-1/exclusions/retrait"],
  ["GET", "/admin/vagues/vague-1/appariement"],
  ["POST", "/admin/vagues/vague-1/appariement"],
  ["POST", "/admin/vagues/vague-1/appariement/echange"],
  ["POST", "/admin/vagues/vague-1/appariement/retrait"],
  ["POST", "/admin/vagues/vague-1/appariement/forcer"],
  ["POST", "/admin/vagues/vague-1/appariement/confirmation"],
  ["GET", "/admin/questionnaires"],
  ["GET", "/admin/mentors"],
  ["GET", "/admin/mentors/m"],
  ["POST", "/admin/mentors/m/entretien"],
  ["GET", "/admin/binomes"],
  ["GET", "/admin/binomes/p"],
  ["POST", "/admin/binomes/p/pause"],
  ["POST", "/admin/binomes/p/reprise"],
  ["POST", "/admin/binomes/p/annulation"],
  ["POST", "/admin/binomes/p/reaffectation"],
  ["GET", "/admin/chiffres"],
  ["GET", "/admin/page-inconnue"],
];

const callJson = (
  method: string,
  path: string,
  headers: Record<string, string> = {},
  bindings?: object,
) =>
  app.request(
    `${origin}${path}`,
    {
      method,
      headers: { "Content-Type": "application/json", ...headers },
      body: method === "GET" ? undefined : "{}",
    },
    bindings,
  );

const callHtml = (method: string, path: string, headers: Record<string, string> = {}) =>
  app.request(`${origin}${path}`, {
    method,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, ...headers },
    body: method === "GET" ? undefined : "a=b",
  });

/** What hono/aws-lambda gives the app on AWS: the API Gateway v2 event with verified claims. */
const lambdaBindings = (claims?: Record<string, unknown>) => ({
  event: { requestContext: { authorizer: claims ? { jwt: { claims, scopes: null } } : undefined } },
});

describe("the programme team's JSON API without the role", () => {
  it.each(jsonRoutes)("%s %s answers 401 problem+json and no data", async (method, path) => {
    const attempts: Record<string, string>[] = [{}, { Authorization: "Bearer mauvais-jeton" }];
    for (const headers of attempts) {
      const response = await callJson(method, path, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
      const body = await response.json();
      expect(Object.keys(body).sort()).toEqual(["status", "title", "type"]);
      expect(body.title).toContain("Authentification requise");
    }
  });
});

describe("the programme team's pages without the role", () => {
  it.each(htmlRoutes)("%s %s shows the French login page with a 401", async (method, path) => {
    const response = await callHtml(method, path);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await pageText(response);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Connexion de l'équipe d'animation");
    expect(html).not.toContain("<table");
  });
});

describe("logging in locally", () => {
  it("accepts the bearer token on JSON routes and pages", async () => {
    expect((await callJson("GET", "/api/admin/cohorts", adminHeaders())).status).toBe(200);
    expect((await callHtml("GET", "/admin", adminHeaders())).status).toBe(200);
  });

  it("sets an HttpOnly, SameSite=Strict session cookie from the login form, which then opens pages and exports", async () => {
    const response = await app.request(`${origin}/admin/connexion`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      body: new URLSearchParams({ token: env.adminToken, next: "/admin/chiffres" }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin/chiffres");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).not.toContain(env.adminToken);
    const session = cookie.split(";")[0] as string;
    expect((await callHtml("GET", "/admin/chiffres", { Cookie: session })).status).toBe(200);
    expect(
      (await callJson("GET", "/api/admin/exports/pairs.csv", { Cookie: session })).status,
    ).toBe(200);
  });

  it("marks the session cookie Secure over https", async () => {
    const response = await app.request("https://binome.example/admin/connexion", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "https://binome.example",
      },
      body: new URLSearchParams({ token: env.adminToken }),
    });
    expect(response.headers.get("set-cookie")).toMatch(/Secure/i);
  });

  it("refuses a wrong token with the login page and its error, and sets no cookie", async () => {
    const response = await app.request(`${origin}/admin/connexion`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      body: new URLSearchParams({ token: "mauvais-jeton" }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await pageText(response)).toContain("Ce jeton n'est pas le bon");
  });

  it("keeps the page asked for after a wrong token, so the next attempt lands there", async () => {
    const wrong = await app.request(`${origin}/admin/connexion`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      body: new URLSearchParams({ token: "mauvais-jeton", next: "/admin/binomes" }),
    });
    expect(await pageText(wrong)).toContain('name="next" value="/admin/binomes"');
  });

  it("never sends the team elsewhere after logging in", async () => {
    const response = await app.request(`${origin}/admin/connexion`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      body: new URLSearchParams({ token: env.adminToken, next: "https://evil.example/" }),
    });
    expect(response.headers.get("location")).toBe("/admin");
  });

  it("keeps the token form when no OIDC provider is configured: the sign-in routes lead back to it", async () => {
    expect(process.env.OIDC_ISSUER).toBeUndefined();
    const form = await callHtml("GET", "/admin/connexion");
    expect(form.status).toBe(200);
    expect(await pageText(form)).toContain('name="token"');
    for (const path of ["/admin/callback?code=x&state=y", "/admin/deconnexion"]) {
      const response = await callHtml("GET", path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get("location")).toBe("/admin/connexion");
      expect(response.headers.get("set-cookie")).toBeNull();
    }
  });

  it("logs out by clearing the cookie", async () => {
    const response = await callHtml("POST", "/admin/deconnexion", adminHeaders());
    expect(response.status).toBe(303);
    expect(response.headers.get("set-cookie")).toMatch(/binome_equipe=;.*Max-Age=0/i);
  });
});

describe("on AWS, behind the JWT authorizer", () => {
  const saved = process.env.ADMIN_TOKEN;
  afterEach(() => {
    process.env.ADMIN_TOKEN = saved;
  });

  it("lets in a verified token whose groups claim holds the programme team's role", async () => {
    const response = await callJson(
      "GET",
      "/api/admin/cohorts",
      {},
      lambdaBindings({ sub: "agent-1", groups: "[binome-equipe autre]" }),
    );
    expect(response.status).toBe(200);
  });

  it("refuses a verified token without the role, and ignores the local token there", async () => {
    const withoutRole = await callJson(
      "GET",
      "/api/admin/cohorts",
      adminHeaders(),
      lambdaBindings({ sub: "agent-1", groups: "[autre]" }),
    );
    expect(withoutRole.status).toBe(401);
    expect((await withoutRole.json()).title).toContain("rôle « équipe d'animation »");

    const noClaims = await callJson("GET", "/api/admin/cohorts", adminHeaders(), lambdaBindings());
    expect(noClaims.status).toBe(401);
  });
});
