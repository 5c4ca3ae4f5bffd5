import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { type AccessRequest, bearerToken, decideAccess } from "#core/admin/auth";
import { oidcSettings } from "#core/admin/oidc-client";
import { env } from "#core/env";
import { sessionOf } from "./session";

/**
 * Who may use the programme team's pages and JSON API: the one place that decides, for both. Each
 * surface only says how it refuses (a page or a problem+json), never who is let in.
 */

/** The programme team's session cookie (set by the local login form only). */
export const adminCookie = "binome_equipe";

/** What hono/aws-lambda puts in `c.env`: the API Gateway v2 event, authorizer claims included. */
type LambdaBindings = {
  event?: { requestContext?: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } };
};

/**
 * How this request can prove it comes from the programme team. On Lambda, API Gateway's JWT
 * authorizer has verified the token and only its claims count (no static token on AWS); locally,
 * the bearer token or the login form's cookie.
 */
export function accessRequestOf(c: Context): AccessRequest {
  const event = (c.env as LambdaBindings | undefined)?.event;
  if (event?.requestContext) {
    return { via: "jwt", claims: event.requestContext.authorizer?.jwt?.claims };
  }
  if (env.isLocal) {
    return {
      via: "local-token",
      bearer: bearerToken(c.req.header("authorization")),
      sessionCookie: getCookie(c, adminCookie),
      expectedToken: env.adminToken,
    };
  }
  return { via: "none" };
}

/** Why a request was refused: no proof at all, a proof without the role, or no browser session. */
export type Refusal = "unauthenticated" | "missing-role" | "signed-out";

/**
 * Pages signed in through the OpenID Connect provider count the sealed session cookie only (the
 * role was checked when it was issued); the JSON API, and the pages without a provider, count the
 * authorizer's claims or the local token.
 */
export async function refusalOf(
  c: Context,
  surface: "pages" | "api",
): Promise<Refusal | undefined> {
  if (surface === "pages" && oidcSettings()) {
    return (await sessionOf(c)) ? undefined : "signed-out";
  }
  const decision = decideAccess(accessRequestOf(c), {
    claim: env.adminRoleClaim,
    value: env.adminRoleValue,
  });
  return decision.allowed ? undefined : decision.reason;
}

/** Every route behind it answers only the programme team, and is never cached. */
export const programmeTeamOnly = (
  surface: "pages" | "api",
  refuse: (c: Context, refusal: Refusal) => Response | Promise<Response>,
) =>
  createMiddleware(async (c, next) => {
    const refusal = await refusalOf(c, surface);
    c.header("Cache-Control", "no-store");
    if (refusal) return refuse(c, refusal);
    await next();
  });
