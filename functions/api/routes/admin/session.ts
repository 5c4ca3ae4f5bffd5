import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import {
  type AdminSession,
  newSessionId,
  type PendingSignIn,
  pendingSignInSeconds,
  seal,
  sessionSeconds,
  unseal,
} from "#core/admin/oidc";
import { cookieKey } from "#core/admin/oidc-client";
import { closeSessionRecord, isSessionOpen, openSessionRecord } from "#core/admin/sessions";

/**
 * The two cookies of the programme team's browser sign-in: the sign-in in progress (state, nonce,
 * PKCE verifier, for 10 minutes) and then the session (8 hours). Both are sealed by this app; the
 * session also has a server-side record, deleted when the agent signs out.
 *
 * `__Host-` cookies: Secure, Path=/, no Domain — no other site or subdomain can set them.
 */
const sessionCookie = "binome_session";
const pendingCookie = "binome_connexion";
const hostPrefix = { prefix: "host" } as const;

const purpose = { session: "session", pending: "sign-in" } as const;

// Authentication is about real time, not the programme's (the local clock may be advanced).
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

const sealedSession = (c: Context) =>
  unseal<AdminSession>(
    purpose.session,
    getCookie(c, sessionCookie, "host"),
    cookieKey(),
    nowSeconds(),
  );

/** The programme-team session this request carries, if it is valid and not signed out. */
export async function sessionOf(c: Context): Promise<AdminSession | undefined> {
  const session = sealedSession(c);
  if (!session || typeof session.sid !== "string") return undefined;
  return (await isSessionOpen(session.sid, nowSeconds())) ? session : undefined;
}

/** The record first: if it cannot be written, no cookie is handed out. */
export async function openSession(c: Context, sub: string) {
  const expiresAt = nowSeconds() + sessionSeconds;
  const session: AdminSession = { sub, sid: newSessionId() };
  await openSessionRecord(session.sid, expiresAt);
  setCookie(
    c,
    sessionCookie,
    seal(purpose.session, session, cookieKey(), expiresAt),
    cookieOptions(sessionSeconds),
  );
}

/** Closes the record, so this cookie stops working anywhere, then clears it from the browser. */
export async function endSession(c: Context) {
  const session = sealedSession(c);
  if (typeof session?.sid === "string") await closeSessionRecord(session.sid);
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
