import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import {
  type AdminSession,
  type PendingSignIn,
  pendingSignInSeconds,
  seal,
  sessionSeconds,
  unseal,
} from "#core/admin/oidc";
import { cookieKey } from "#core/admin/oidc-client";

/**
 * The two cookies of the programme team's browser sign-in: the sign-in in progress (state, nonce,
 * PKCE verifier, for 10 minutes) and then the session (8 hours). Both are sealed by this app.
 *
 * `__Host-` cookies: Secure, Path=/, no Domain — no other site or subdomain can set them.
 */
const sessionCookie = "binome_session";
const pendingCookie = "binome_connexion";
const hostPrefix = { prefix: "host" } as const;

const purpose = { session: "session", pending: "sign-in" } as const;

const nowSeconds = () => Math.floor(Date.now() / 1000);

const cookieOptions = (maxAge: number) =>
  ({
    ...hostPrefix,
    path: "/",
    httpOnly: true,
    secure: true,
    // Lax, not Strict: the browser comes back from the provider through a cross-site redirect,
    // and must send both cookies then. Cross-site POSTs still carry neither (and csrf() checks).
    sameSite: "Lax",
    maxAge,
  }) as const;

/** The programme-team session this request carries, if any (and still valid). */
export function sessionOf(c: Context): AdminSession | undefined {
  const value = getCookie(c, sessionCookie, "host");
  return unseal<AdminSession>(purpose.session, value, cookieKey(), nowSeconds());
}

export function openSession(c: Context, session: AdminSession) {
  setCookie(
    c,
    sessionCookie,
    seal(purpose.session, session, cookieKey(), nowSeconds() + sessionSeconds),
    cookieOptions(sessionSeconds),
  );
}

export function endSession(c: Context) {
  deleteCookie(c, sessionCookie, { ...hostPrefix, path: "/", secure: true });
}

export function keepPendingSignIn(c: Context, pending: PendingSignIn) {
  const expiresAt = nowSeconds() + pendingSignInSeconds;
  setCookie(
    c,
    pendingCookie,
    seal(purpose.pending, pending, cookieKey(), expiresAt),
    cookieOptions(pendingSignInSeconds),
  );
}

/** The sign-in this browser started, if any; read once only, whatever happens next. */
export function takePendingSignIn(c: Context): PendingSignIn | undefined {
  const pending = unseal<PendingSignIn>(
    purpose.pending,
    getCookie(c, pendingCookie, "host"),
    cookieKey(),
    nowSeconds(),
  );
  deleteCookie(c, pendingCookie, { ...hostPrefix, path: "/", secure: true });
  return pending;
}
