import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "./env";

/**
 * Opaque signed tokens for the links people follow without an account: `<id>.<HMAC(key, scope.id)>`.
 * The random id names a binding stored server-side; the signature refuses a forged or altered
 * token before any read, and the scope keeps a token of one kind from opening another.
 */
const tokenPattern = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;
/** A random id (`newTokenId`); a scope whose id carries its binding passes its own pattern. */
const randomIdPattern = /^[A-Za-z0-9_-]{22}$/;

const signature = (scope: string, id: string) =>
  createHmac("sha256", env.linkSigningKey).update(`${scope}.${id}`).digest("base64url");

export const newTokenId = () => randomBytes(16).toString("base64url");

export const signToken = (scope: string, id: string) => `${id}.${signature(scope, id)}`;

/** The id a token names, or why it is refused. Compared as text: one spelling is the signature. */
export function verifyToken(
  scope: string,
  token: string,
  idPattern: RegExp = randomIdPattern,
): { ok: true; id: string } | { ok: false; reason: "malformed" | "tampered" } {
  const match = tokenPattern.exec(token);
  if (!match || !idPattern.test(match[1] as string)) return { ok: false, reason: "malformed" };
  const [, id, given] = match as unknown as [string, string, string];
  const expected = Buffer.from(signature(scope, id));
  const givenText = Buffer.from(given);
  if (givenText.length !== expected.length || !timingSafeEqual(givenText, expected)) {
    return { ok: false, reason: "tampered" };
  }
  return { ok: true, id };
}
