import { createHash, createHmac, randomBytes } from "node:crypto";
import { sameSecret } from "./auth";

/**
 * The pure parts of the programme team's browser sign-in (OpenID Connect authorization code flow
 * with PKCE): what the provider's discovery document must say, the authorization URL, the checks
 * of an ID token's claims that the signature check does not make, and the two signed cookies (the
 * sign-in in progress, then the session). No I/O here: oidc-client.ts fetches, this decides.
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

export type Discovery = {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** How the token endpoint wants the client secret: HTTP Basic unless only POST is offered. */
  tokenAuthMethod: "client_secret_basic" | "client_secret_post";
  /** The asymmetric algorithms the provider signs ID tokens with (never HS*, never "none"). */
  signingAlgorithms: AsymmetricAlgorithm[];
};

export const asymmetricAlgorithms = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
] as const;
export type AsymmetricAlgorithm = (typeof asymmetricAlgorithms)[number];

/** Endpoints must be https, except a provider on this machine (development, tests). */
const acceptableEndpoint = (value: unknown): value is string => {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    if (url.protocol === "https:") return true;
    return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
};

/**
 * Reads `${issuer}/.well-known/openid-configuration`. The document's issuer must be exactly the
 * configured one (OpenID Connect Discovery §4.3): otherwise tokens from another issuer could pass.
 */
export function parseDiscovery(document: unknown, expectedIssuer: string): Discovery {
  const doc = (document ?? {}) as Record<string, unknown>;
  if (doc.issuer !== expectedIssuer) {
    throw new Error("The discovery document names another issuer than the configured one");
  }
  for (const field of ["authorization_endpoint", "token_endpoint", "jwks_uri"] as const) {
    if (!acceptableEndpoint(doc[field]))
      throw new Error(`Discovery: ${field} missing or not https`);
  }
  const methods = Array.isArray(doc.token_endpoint_auth_methods_supported)
    ? doc.token_endpoint_auth_methods_supported
    : ["client_secret_basic"];
  const offered = Array.isArray(doc.id_token_signing_alg_values_supported)
    ? doc.id_token_signing_alg_values_supported
    : ["RS256"];
  const signingAlgorithms = asymmetricAlgorithms.filter((alg) => offered.includes(alg));
  if (signingAlgorithms.length === 0) {
    throw new Error("Discovery: the provider offers no asymmetric ID token signature");
  }
  return {
    issuer: expectedIssuer,
    authorizationEndpoint: doc.authorization_endpoint as string,
    tokenEndpoint: doc.token_endpoint as string,
    jwksUri: doc.jwks_uri as string,
    tokenAuthMethod:
      !methods.includes("client_secret_basic") && methods.includes("client_secret_post")
        ? "client_secret_post"
        : "client_secret_basic",
    signingAlgorithms,
  };
}

export const randomToken = () => randomBytes(32).toString("base64url");

/** PKCE S256 (RFC 7636): the challenge sent with the authorization request. */
export const pkceChallenge = (verifier: string) =>
  createHash("sha256").update(verifier).digest("base64url");

/** What the sign-in cookie keeps between leaving for the provider and coming back. */
export type PendingSignIn = { state: string; nonce: string; verifier: string; next: string };

export function newPendingSignIn(next: string): PendingSignIn {
  return { state: randomToken(), nonce: randomToken(), verifier: randomToken(), next };
}

export function authorizationUrl(
  discovery: Discovery,
  settings: OidcSettings,
  pending: PendingSignIn,
) {
  const url = new URL(discovery.authorizationEndpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", settings.clientId);
  url.searchParams.set("redirect_uri", settings.redirectUri);
  url.searchParams.set("scope", scopesWithOpenid(settings.scopes));
  url.searchParams.set("state", pending.state);
  url.searchParams.set("nonce", pending.nonce);
  url.searchParams.set("code_challenge", pkceChallenge(pending.verifier));
  url.searchParams.set("code_challenge_method", "S256");
  return url.toString();
}

export function scopesWithOpenid(scopes: string) {
  const list = scopes.split(/[\s,]+/).filter((scope) => scope !== "");
  return [...new Set(["openid", ...list])].join(" ");
}

/** The token request's headers and form (RFC 6749 §4.1.3, with the PKCE verifier). */
export function tokenRequest(
  discovery: Discovery,
  settings: OidcSettings,
  code: string,
  verifier: string,
) {
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: settings.redirectUri,
    code_verifier: verifier,
    client_id: settings.clientId,
  });
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    Accept: "application/json",
  };
  if (settings.clientSecret !== undefined) {
    if (discovery.tokenAuthMethod === "client_secret_post") {
      form.set("client_secret", settings.clientSecret);
    } else {
      // RFC 6749 §2.3.1: each part is form-encoded before the Basic encoding.
      const part = (value: string) => encodeURIComponent(value).replace(/%20/g, "+");
      const basic = Buffer.from(
        `${part(settings.clientId)}:${part(settings.clientSecret)}`,
      ).toString("base64");
      headers.Authorization = `Basic ${basic}`;
    }
  }
  return { headers, body: form.toString() };
}

/** Provider clocks drift a little: `iat` a few seconds ahead of ours is not an attack. */
export const clockLeewaySeconds = 60;

export type IdTokenProblem =
  | "missing-subject"
  | "missing-expiry"
  | "wrong-nonce"
  | "issued-in-future"
  | "not-yet-valid"
  | "wrong-authorized-party";

/**
 * What OpenID Connect Core §3.1.3.7 asks beyond the signature, issuer, audience and expiry (which
 * the JWT library checks): a subject, an expiry, the nonce of this sign-in (a replayed token from
 * another sign-in carries another one), `iat` and `nbf` not in the future (give or take a minute), and `azp` when there are several
 * audiences.
 */
export function idTokenProblem(
  claims: Record<string, unknown>,
  expected: { nonce: string; clientId: string; nowSeconds: number },
): IdTokenProblem | undefined {
  if (typeof claims.sub !== "string" || claims.sub === "") return "missing-subject";
  if (typeof claims.exp !== "number") return "missing-expiry";
  if (typeof claims.nonce !== "string" || !sameSecret(claims.nonce, expected.nonce)) {
    return "wrong-nonce";
  }
  if (typeof claims.iat === "number" && claims.iat > expected.nowSeconds + clockLeewaySeconds) {
    return "issued-in-future";
  }
  if (typeof claims.nbf === "number" && claims.nbf > expected.nowSeconds + clockLeewaySeconds) {
    return "not-yet-valid";
  }
  if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== expected.clientId) {
    return "wrong-authorized-party";
  }
  return undefined;
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

/** The programme team's session: who signed in; the role was checked when it was issued. */
export type AdminSession = { sub: string };

/** A working day: a role withdrawn at the provider stops working by the next morning at worst. */
export const sessionSeconds = 8 * 3600;
/** Long enough to sign in at the provider, short enough that a stolen cookie is soon worthless. */
export const pendingSignInSeconds = 10 * 60;
