import { createHmac } from "node:crypto";
import { verifyWithJwks } from "hono/jwt";
import type { HonoJsonWebKey } from "hono/utils/jwt/jws";
import { env } from "../env";
import {
  type Discovery,
  type IdTokenProblem,
  idTokenProblem,
  type OidcSettings,
  parseDiscovery,
  tokenRequest,
} from "./oidc";

/**
 * The programme team's identity provider, over HTTP: its discovery document and its keys (both
 * kept for the life of the Lambda instance), the code exchange and the ID token's verification.
 */

/** The provider's settings, or undefined when the pages use the local token instead. */
export function oidcSettings(): OidcSettings | undefined {
  const issuer = env.oidcIssuer;
  const clientId = env.oidcClientId;
  if (!issuer || !clientId) return undefined;
  return {
    issuer,
    clientId,
    clientSecret: env.oidcClientSecret,
    scopes: env.oidcScopes,
    redirectUri: new URL("/admin/callback", env.appUrl).toString(),
  };
}

/**
 * The key of the sign-in and session cookies, derived from the link-signing secret with a label
 * of its own: one secret to manage per stage, and a link signature can never pass for a cookie's.
 */
export const cookieKey = () =>
  createHmac("sha256", env.linkSigningKey).update("binome-admin-cookies-v1").digest("base64url");

const timeoutMs = 5_000;

async function fetchJson(url: string, init: RequestInit = {}) {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: HTTP ${response.status}`);
  return (await response.json()) as unknown;
}

const discoveries = new Map<string, Promise<Discovery>>();

/** Read once per cold start; a failed read is forgotten so the next request tries again. */
export function discover(issuer: string): Promise<Discovery> {
  let found = discoveries.get(issuer);
  if (!found) {
    const url = `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
    found = fetchJson(url).then((document) => parseDiscovery(document, issuer));
    found.catch(() => discoveries.delete(issuer));
    discoveries.set(issuer, found);
  }
  return found;
}

const keySets = new Map<string, HonoJsonWebKey[]>();

/** The provider's public keys; fetched again when a token names a key we do not have (rotation). */
async function signingKeys(jwksUri: string, kid: string | undefined) {
  const cached = keySets.get(jwksUri);
  if (cached?.some((key) => key.kid === kid)) return cached;
  const document = (await fetchJson(jwksUri)) as { keys?: unknown };
  if (!Array.isArray(document.keys)) throw new Error("JWKS without keys");
  const keys = document.keys as HonoJsonWebKey[];
  keySets.set(jwksUri, keys);
  return keys;
}

export type SignInOutcome =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; reason: "token-endpoint" | "invalid-token" | IdTokenProblem };

/**
 * Exchanges the code (with the PKCE verifier and the client's credentials) and verifies the ID
 * token: signature against the provider's keys, issuer, audience (our client id), expiry, then
 * the nonce and the rest of OpenID Connect's rules (`idTokenProblem`).
 */
export async function completeSignIn(
  settings: OidcSettings,
  code: string,
  expected: { verifier: string; nonce: string },
): Promise<SignInOutcome> {
  const discovery = await discover(settings.issuer);
  const request = tokenRequest(discovery, settings, code, expected.verifier);
  let idToken: unknown;
  try {
    const tokens = (await fetchJson(discovery.tokenEndpoint, {
      method: "POST",
      ...request,
    })) as { id_token?: unknown };
    idToken = tokens.id_token;
  } catch {
    return { ok: false, reason: "token-endpoint" };
  }
  if (typeof idToken !== "string") return { ok: false, reason: "token-endpoint" };

  let claims: Record<string, unknown>;
  try {
    const header = JSON.parse(Buffer.from(idToken.split(".")[0] ?? "", "base64url").toString());
    claims = await verifyWithJwks(idToken, {
      keys: await signingKeys(discovery.jwksUri, header?.kid),
      allowedAlgorithms: discovery.signingAlgorithms,
      // iat and nbf are checked with a small leeway in idTokenProblem; exp has none.
      verification: {
        iss: settings.issuer,
        aud: settings.clientId,
        exp: true,
        iat: false,
        nbf: false,
      },
    });
  } catch {
    return { ok: false, reason: "invalid-token" };
  }
  // Authentication is about real time, not the programme's (the local clock may be advanced).
  const nowSeconds = Math.floor(Date.now() / 1000);
  const problem = idTokenProblem(claims, {
    nonce: expected.nonce,
    clientId: settings.clientId,
    nowSeconds,
  });
  return problem ? { ok: false, reason: problem } : { ok: true, claims };
}
