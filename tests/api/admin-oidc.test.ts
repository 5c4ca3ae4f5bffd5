import { createHash, randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { sign } from "hono/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { env } from "#core/env";
import { app } from "../../functions/api/app";
import { origin, pageText } from "./admin-support";

/**
 * The programme team's browser sign-in, end to end, against a small OpenID Connect provider
 * started here on 127.0.0.1: discovery, keys (a pair made with WebCrypto), an authorize endpoint
 * that sends the browser back with a code, and a token endpoint that checks the client secret and
 * the PKCE verifier before returning a signed ID token. The test plays the browser: it follows
 * the redirects and carries the cookies by hand.
 */

const clientId = "binome-test-client";
const clientSecret = randomBytes(16).toString("hex");
const kid = "cle-test-1";

type Claims = Record<string, unknown>;
type Grant = { nonce: string; challenge: string; redirectUri: string };

/** What the next ID token says and how it is signed; each test sets what it needs. */
let identity: Claims;
let tamper: (claims: Claims) => Claims;
let signingKey: JsonWebKey & { kid: string; alg: "RS256" };
let trueKey: typeof signingKey;
let foreignKey: typeof signingKey;
let unknownKey: typeof signingKey;
let rotatedKey: typeof signingKey;
/** The keys the provider publishes at its jwks_uri. */
let published: JsonWebKey[];
let tokenRequests = 0;
let jwksRequests = 0;
const grants = new Map<string, Grant>();

/** HTTP Basic as RFC 6749 §2.3.1 says: each part form-encoded, then the pair in base64. */
function sameClient(authorization: string | undefined) {
  const [scheme, encoded = ""] = (authorization ?? "").split(" ");
  const [id = "", secret = ""] = Buffer.from(encoded, "base64").toString().split(":");
  const decode = (part: string) => decodeURIComponent(part.replaceAll("+", " "));
  return scheme === "Basic" && decode(id) === clientId && decode(secret) === clientSecret;
}

const provider = new Hono();
let issuer = "";
let server: ReturnType<typeof serve>;

provider
  .get("/.well-known/openid-configuration", (c) =>
    c.json({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ["code"],
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic"],
      code_challenge_methods_supported: ["S256"],
    }),
  )
  .get("/jwks", (c) => {
    jwksRequests++;
    return c.json({ keys: published });
  })
  .get("/authorize", (c) => {
    const query = c.req.query();
    if (
      query.client_id !== clientId ||
      query.response_type !== "code" ||
      query.code_challenge_method !== "S256" ||
      !query.code_challenge ||
      !query.nonce ||
      !query.redirect_uri
    ) {
      return c.text("bad authorization request", 400);
    }
    const code = randomBytes(16).toString("hex");
    grants.set(code, {
      nonce: query.nonce,
      challenge: query.code_challenge,
      redirectUri: query.redirect_uri,
    });
    const back = new URL(query.redirect_uri);
    back.searchParams.set("code", code);
    back.searchParams.set("state", query.state ?? "");
    return c.redirect(back.toString(), 302);
  })
  .post("/token", async (c) => {
    tokenRequests++;
    if (!sameClient(c.req.header("authorization"))) return c.json({ error: "invalid_client" }, 401);
    const form = await c.req.parseBody();
    const grant = grants.get(String(form.code));
    grants.delete(String(form.code));
    const verifier = String(form.code_verifier ?? "");
    if (
      !grant ||
      form.grant_type !== "authorization_code" ||
      form.redirect_uri !== grant.redirectUri ||
      createHash("sha256").update(verifier).digest("base64url") !== grant.challenge
    ) {
      return c.json({ error: "invalid_grant" }, 400);
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = tamper({
      iss: issuer,
      aud: clientId,
      iat: now,
      exp: now + 300,
      nonce: grant.nonce,
      ...identity,
    });
    const idToken = await sign(claims, signingKey, "RS256");
    return c.json({ access_token: "opaque", token_type: "Bearer", id_token: idToken });
  });

const exportKeys = async (keyId = kid) => {
  const pair = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
  return {
    privateJwk: {
      ...(await crypto.subtle.exportKey("jwk", pair.privateKey)),
      kid: keyId,
      alg: "RS256" as const,
    },
    publicJwk: {
      ...(await crypto.subtle.exportKey("jwk", pair.publicKey)),
      kid: keyId,
      alg: "RS256",
      use: "sig",
    },
  };
};

const settingNames = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_SCOPES"];
const saved = Object.fromEntries(settingNames.map((name) => [name, process.env[name]]));

beforeAll(async () => {
  const [real, foreign, unknown, rotated] = await Promise.all([
    exportKeys(),
    exportKeys(),
    exportKeys("cle-inconnue"),
    exportKeys("cle-test-2"),
  ]);
  trueKey = real.privateJwk;
  // Another key pair under the same key id: what a forger could sign with.
  foreignKey = foreign.privateJwk;
  // Key ids the provider has never published, then one it publishes on rotation.
  unknownKey = unknown.privateJwk;
  rotatedKey = rotated.privateJwk;
  published = [real.publicJwk];
  publishedBefore = published;
  rotatedPublic = rotated.publicJwk;
  server = serve({ fetch: provider.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: clientId,
    OIDC_CLIENT_SECRET: clientSecret,
    OIDC_SCOPES: "openid email groups",
  });
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await new Promise((resolve) => server.close(resolve));
});

let publishedBefore: JsonWebKey[];
let rotatedPublic: JsonWebKey;

beforeEach(() => {
  published = publishedBefore;
  identity = { sub: "agent-equipe", groups: ["binome-equipe"], email: "agent@example.gouv.fr" };
  tamper = (claims) => claims;
  signingKey = trueKey;
});

/** The cookies a response sets, as `name=value` pairs (what the browser would send back). */
const cookiesSet = (response: Response) =>
  Object.fromEntries(
    response.headers.getSetCookie().map((line) => {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      return [pair.slice(0, at), { value: pair.slice(at + 1), line }];
    }),
  );
const cookieHeader = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join("; ");

const get = (path: string, cookies: Record<string, string> = {}, headers = {}) =>
  app.request(path.startsWith("http") ? path : `${origin}${path}`, {
    headers: { Cookie: cookieHeader(cookies), ...headers },
  });

const sessionName = "__Host-binome_session";
const pendingName = "__Host-binome_connexion";

/**
 * A browser opening `page` signed out: sent to /admin/connexion, then to the provider, which
 * sends it back to /admin/callback (optionally with the state changed on the way).
 */
async function signIn(page = "/admin/binomes", changeState?: (state: string) => string) {
  const opened = await get(page);
  expect(opened.status).toBe(302);
  const signInPage = opened.headers.get("location") ?? "";
  expect(signInPage).toBe(`/admin/connexion?suite=${encodeURIComponent(page)}`);

  const started = await get(signInPage);
  expect(started.status).toBe(302);
  const authorize = new URL(started.headers.get("location") ?? "");
  const pending = cookiesSet(started)[pendingName];
  expect(pending).toBeDefined();

  const authorized = await fetch(authorize, { redirect: "manual" });
  expect(authorized.status).toBe(302);
  const callback = new URL(authorized.headers.get("location") ?? "");
  if (changeState) {
    callback.searchParams.set("state", changeState(callback.searchParams.get("state") ?? ""));
  }
  const finished = await get(callback.toString(), { [pendingName]: pending?.value ?? "" });
  return { authorize, callback, finished, session: cookiesSet(finished)[sessionName] };
}

describe("signing in through the OpenID Connect provider", () => {
  it("asks the provider for a code with PKCE (S256), a state, a nonce and the configured scopes", async () => {
    const started = await get("/admin/connexion?suite=%2Fadmin%2Fchiffres");
    const authorize = new URL(started.headers.get("location") ?? "");
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${issuer}/authorize`);
    const query = Object.fromEntries(authorize.searchParams);
    expect(query).toMatchObject({
      response_type: "code",
      client_id: clientId,
      redirect_uri: new URL("/admin/callback", env.appUrl).toString(),
      scope: "openid email groups",
      code_challenge_method: "S256",
    });
    expect(query.state).toMatch(/^[\w-]{43}$/);
    expect(query.nonce).toMatch(/^[\w-]{43}$/);
    expect(query.code_challenge).toMatch(/^[\w-]{43}$/);
    const pending = cookiesSet(started)[pendingName]?.line ?? "";
    expect(pending).toMatch(/HttpOnly/i);
    expect(pending).toMatch(/Secure/i);
    expect(pending).toMatch(/SameSite=Lax/i);
    expect(pending).toMatch(/Max-Age=600/i);
    // The verifier never leaves in the URL, and the cookie does not show it in clear.
    expect(authorize.toString()).not.toContain(pending.split(";")[0]?.split(".")[1]);
  });

  it("opens the page asked for once signed in, with an HttpOnly, Secure, SameSite=Lax session of 8 hours", async () => {
    const { finished, session } = await signIn("/admin/binomes");
    expect(finished.status).toBe(303);
    expect(finished.headers.get("location")).toBe("/admin/binomes");
    expect(session?.line).toMatch(/HttpOnly/i);
    expect(session?.line).toMatch(/Secure/i);
    expect(session?.line).toMatch(/SameSite=Lax/i);
    expect(session?.line).toMatch(/Max-Age=28800/i);
    expect(session?.line).toMatch(/Path=\//i);
    // The session holds neither the ID token nor the agent's email.
    const [payload = "", ...rest] = (session?.value ?? "").split(".");
    expect(rest).toHaveLength(1);
    expect(Object.keys(JSON.parse(Buffer.from(payload, "base64url").toString())).sort()).toEqual([
      "exp",
      "sid",
      "sub",
    ]);
    // The sign-in cookie is used once and cleared.
    expect(cookiesSet(finished)[pendingName]?.line).toMatch(/Max-Age=0/i);

    const cookies = { [sessionName]: session?.value ?? "" };
    for (const page of ["/admin", "/admin/binomes", "/admin/chiffres"]) {
      const response = await get(page, cookies);
      expect(response.status, page).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("refuses an agent without the programme team's role with a 403, no session and no data", async () => {
    identity = { sub: "agent-autre", groups: ["autre-application"] };
    const { finished, session } = await signIn("/admin/binomes");
    expect(finished.status).toBe(403);
    expect(session).toBeUndefined();
    const html = await pageText(finished);
    expect(html).toContain("Accès refusé");
    expect(html).toContain("rôle «\u00a0équipe d'animation\u00a0»");
    expect(html).not.toContain("<table");
    expect((await get("/admin/binomes")).status).toBe(302);
  });

  it.each([
    ["signed with another key under the provider's key id", () => (signingKey = foreignKey)],
    [
      "expired",
      // Two minutes ago: beyond the 30 seconds of clock skew openid-client tolerates.
      () => (tamper = (claims) => ({ ...claims, exp: Math.floor(Date.now() / 1000) - 120 })),
    ],
    ["for another audience", () => (tamper = (claims) => ({ ...claims, aud: "autre-client" }))],
    [
      "from another issuer",
      () => (tamper = (claims) => ({ ...claims, iss: "https://evil.example" })),
    ],
    ["of another sign-in (wrong nonce)", () => (tamper = (claims) => ({ ...claims, nonce: "x" }))],
    ["without a subject", () => (tamper = ({ sub: _, ...claims }) => claims)],
  ])("refuses an ID token %s: 401, no session", async (_name, arrange) => {
    arrange();
    const { finished, session } = await signIn("/admin");
    expect(finished.status).toBe(401);
    expect(session).toBeUndefined();
    expect(await pageText(finished)).toContain("Connexion impossible");
  });

  it("refuses a callback whose state is not this browser's, before any code exchange", async () => {
    const before = tokenRequests;
    const { finished, session } = await signIn("/admin", (state) => `${state.slice(0, -2)}xx`);
    expect(finished.status).toBe(401);
    expect(session).toBeUndefined();
    expect(tokenRequests).toBe(before);
  });

  it("refuses a callback without the sign-in cookie (another browser, or expired)", async () => {
    const started = await get("/admin/connexion");
    const authorized = await fetch(started.headers.get("location") ?? "", { redirect: "manual" });
    const finished = await get(authorized.headers.get("location") ?? "");
    expect(finished.status).toBe(401);
    expect(cookiesSet(finished)[sessionName]).toBeUndefined();
  });

  it("does not take a forged session cookie, nor the local token, once a provider is configured", async () => {
    const { session } = await signIn();
    const [body = "", signature = ""] = (session?.value ?? "").split(".");
    const forgedBody = Buffer.from(
      JSON.stringify({ sub: "intrus", exp: Math.floor(Date.now() / 1000) + 86_400 * 365 }),
    ).toString("base64url");
    for (const value of [
      `${forgedBody}.${signature}`,
      `${body}.${signature.slice(0, -2)}AA`,
      body,
    ]) {
      expect((await get("/admin", { [sessionName]: value })).status).toBe(302);
    }
    const withToken = await get("/admin", {}, { Authorization: `Bearer ${env.adminToken}` });
    expect(withToken.status).toBe(302);
  });

  it("answers a signed-out form post with a 401 page and a link to sign in, never the action", async () => {
    const response = await app.request(`${origin}/admin/vagues`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      body: "id=vague-oidc&name=Essai",
    });
    expect(response.status).toBe(401);
    const html = await pageText(response);
    expect(html).toContain("Votre session a expiré");
    expect(html).toContain('href="/admin/connexion?suite=%2Fadmin%2Fvagues"');
  });

  it("signs out: the session cookie is cleared and the pages ask to sign in again", async () => {
    const { session } = await signIn();
    const cookies = { [sessionName]: session?.value ?? "" };
    const response = await app.request(`${origin}/admin/deconnexion`, {
      method: "POST",
      headers: { Origin: origin, Cookie: cookieHeader(cookies) },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin/deconnexion");
    expect(cookiesSet(response)[sessionName]?.line).toMatch(/Max-Age=0/i);
    const signedOut = await get("/admin/deconnexion");
    expect(signedOut.status).toBe(200);
    expect(await pageText(signedOut)).toContain("Vous êtes déconnecté");
    // The browser dropped the cookie: the next page asks to sign in.
    expect((await get("/admin")).status).toBe(302);
  });

  it("refuses ID tokens signed by a key the provider never published, fetching its keys at most once for them", async () => {
    // A first sign-in: the provider's keys are known.
    expect((await signIn("/admin")).finished.status).toBe(303);
    const before = jwksRequests;
    signingKey = unknownKey;
    for (let attempt = 0; attempt < 5; attempt++) {
      const { finished, session } = await signIn("/admin");
      expect(finished.status).toBe(401);
      expect(session).toBeUndefined();
    }
    expect(jwksRequests - before).toBeLessThanOrEqual(1);
  });

  it("picks up a key the provider rotated in, once the minute of cooldown has passed", async () => {
    expect((await signIn("/admin")).finished.status).toBe(303);
    published = [...publishedBefore, rotatedPublic];
    signingKey = rotatedKey;
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    try {
      const before = jwksRequests;
      const { finished, session } = await signIn("/admin");
      expect(finished.status).toBe(303);
      expect(session).toBeDefined();
      expect(jwksRequests - before).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses the old session cookie once signed out, even replayed by someone who kept it", async () => {
    const { session } = await signIn();
    const cookies = { [sessionName]: session?.value ?? "" };
    expect((await get("/admin", cookies)).status).toBe(200);
    const signedOut = await app.request(`${origin}/admin/deconnexion`, {
      method: "POST",
      headers: { Origin: origin, Cookie: cookieHeader(cookies) },
    });
    expect(signedOut.status).toBe(303);
    for (const page of ["/admin", "/admin/binomes"]) {
      const replayed = await get(page, cookies);
      expect(replayed.status, page).toBe(302);
      expect(replayed.headers.get("location"), page).toMatch(/^\/admin\/connexion/);
    }
    const post = await app.request(`${origin}/admin/vagues`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: origin,
        Cookie: cookieHeader(cookies),
      },
      body: "id=vague-rejouee&name=Essai",
    });
    expect(post.status).toBe(401);
  });

  it("says the sign-in is unavailable (503) when the provider does not answer", async () => {
    const closed = serve({ fetch: provider.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => closed.once("listening", resolve));
    const deadIssuer = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    process.env.OIDC_ISSUER = deadIssuer;
    try {
      const response = await get("/admin/connexion");
      expect(response.status).toBe(503);
      expect(await pageText(response)).toContain("Le service d'identification ne répond pas");
    } finally {
      process.env.OIDC_ISSUER = issuer;
    }
  });
});
