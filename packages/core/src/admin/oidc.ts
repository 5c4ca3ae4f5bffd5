import { createHmac, randomBytes } from "node:crypto";
import { sameSecret } from "./auth";

/**
 * What stays ours in the programme team's browser sign-in: the settings, what the sign-in cookie
 * keeps while the browser is at the provider, and the two sealed cookies (the sign-in in progress,
 * then the session). The OpenID Connect code flow itself — discovery, PKCE, the code exchange, the
 * ID token's signature and claims, the provider's keys — is openid-client's (oidc-client.ts).
 */

export type OidcSettings = {
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE alone). */
  clientSecret?: string;
  /** Space-separated, `openid` always included. */
  scopes: string;
  /** Where the provider sends the browser back: `<site>/admin/callback`, registered with it. */
  redirectUri: string;
};

const randomToken = () => randomBytes(32).toString("base64url");

/** What the sign-in cookie keeps between leaving for the provider and coming back. */
export type PendingSignIn = { state: string; nonce: string; verifier: string; next: string };

export function newPendingSignIn(next: string): PendingSignIn {
  return { state: randomToken(), nonce: randomToken(), verifier: randomToken(), next };
}

export function scopesWithOpenid(scopes: string) {
  const list = scopes.split(/[\s,]+/).filter((scope) => scope !== "");
  return [...new Set(["openid", ...list])].join(" ");
}

/**
 * A value signed with HMAC-SHA256 for one purpose, with its own expiry: `<payload>.<signature>`.
 * The purpose is part of what is signed, so a sign-in cookie cannot be replayed as a session.
 */
export function seal(purpose: string, payload: object, key: string, expiresAt: number) {
  const body = Buffer.from(JSON.stringify({ ...payload, exp: expiresAt })).toString("base64url");
  return `${body}.${signature(purpose, body, key)}`;
}

export function unseal<T>(
  purpose: string,
  value: string | undefined,
  key: string,
  nowSeconds: number,
): (T & { exp: number }) | undefined {
  const [body, presented, extra] = (value ?? "").split(".");
  if (!body || !presented || extra !== undefined) return undefined;
  if (!sameSecret(presented, signature(purpose, body, key))) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    if (typeof payload?.exp !== "number" || payload.exp <= nowSeconds) return undefined;
    return payload;
  } catch {
    return undefined;
  }
}

const signature = (purpose: string, body: string, key: string) =>
  createHmac("sha256", key).update(`binome-admin:${purpose}:${body}`).digest("base64url");

/**
 * The programme team's session: who signed in, and the id of its server-side record (signing out
 * deletes the record, so the cookie stops working even if replayed). The role was checked when
 * the session was issued.
 */
export type AdminSession = { sub: string; sid: string };

export const newSessionId = randomToken;

/** A working day: a role withdrawn at the provider stops working by the next morning at worst. */
export const sessionSeconds = 8 * 3600;
/** Long enough to sign in at the provider, short enough that a stolen cookie is soon worthless. */
export const pendingSignInSeconds = 10 * 60;
