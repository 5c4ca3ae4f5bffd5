import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Who may use the programme team's pages and API. Pure: the HTTP layer gathers what the request
 * carries (the JWT claims API Gateway verified, or a bearer token / session cookie locally) and
 * this decides. Every refusal is the same to the outside world (401, never data); the reason is
 * only for the page shown and for tests.
 */

/** Claims as API Gateway's JWT authorizer passes them to Lambda (HTTP API, payload v2). */
export type JwtClaims = Record<string, unknown>;

export type RoleRule = { claim: string; value: string };

export type AccessRequest =
  /** On AWS: the claims of a token the JWT authorizer already verified (issuer, audience, expiry). */
  | { via: "jwt"; claims: JwtClaims | undefined }
  /** Locally: the bearer token or the session cookie presented, and the expected token. */
  | { via: "local-token"; bearer?: string; sessionCookie?: string; expectedToken: string }
  /** Neither on Lambda nor running locally: no way to authenticate. */
  | { via: "none" };

export type AccessDecision =
  | { allowed: true }
  | { allowed: false; reason: "unauthenticated" | "missing-role" };

/**
 * The values of a claim as a list. API Gateway flattens an array claim to the string
 * `"[a b c]"`; providers also send arrays, a single string, or space/comma-separated lists.
 */
export function claimValues(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.map(String);
  if (typeof claim !== "string") return [];
  const inner = claim.trim().replace(/^\[(.*)\]$/s, "$1");
  return inner
    .split(/[\s,]+/)
    .map((value) => value.replace(/^"(.*)"$/, "$1"))
    .filter((value) => value !== "");
}

export function hasRole(claims: JwtClaims, rule: RoleRule): boolean {
  return claimValues(claims[rule.claim]).includes(rule.value);
}

/** Compares secrets in constant time, whatever their lengths. */
export function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string) => createHmac("sha256", "binome-compare").update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * The session cookie set by the local login form: a digest of the token rather than the token
 * itself, so the cookie jar never holds the secret that the command line printed.
 */
export function sessionValue(token: string): string {
  return createHmac("sha256", token).update("binome-admin-session").digest("base64url");
}

export function decideAccess(request: AccessRequest, rule: RoleRule): AccessDecision {
  switch (request.via) {
    case "jwt": {
      const claims = request.claims;
      if (!claims || typeof claims.sub !== "string" || claims.sub === "") {
        return { allowed: false, reason: "unauthenticated" };
      }
      return hasRole(claims, rule) ? { allowed: true } : { allowed: false, reason: "missing-role" };
    }
    case "local-token": {
      // The local token stands for the programme team's role: whoever holds it has the role.
      const { bearer, sessionCookie, expectedToken } = request;
      if (expectedToken === "") return { allowed: false, reason: "unauthenticated" };
      if (bearer !== undefined && sameSecret(bearer, expectedToken)) return { allowed: true };
      if (sessionCookie !== undefined && sameSecret(sessionCookie, sessionValue(expectedToken))) {
        return { allowed: true };
      }
      return { allowed: false, reason: "unauthenticated" };
    }
    default:
      return { allowed: false, reason: "unauthenticated" };
  }
}

/** The bearer token of an `Authorization` header, if it has one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

/** Where to go after logging in: only a page of the programme team's area, never elsewhere. */
export function safeReturnPath(path: string | undefined): string {
  if (!path || !/^\/admin(\/[\w\-./%?=&]*)?$/.test(path) || path.includes("//")) return "/admin";
  return path;
}
