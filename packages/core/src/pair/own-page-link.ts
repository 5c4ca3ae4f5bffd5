import type { OwnPageLink } from "../email/layout";
import { env } from "../env";
import type { LinkRecipient } from "../links";
import { signedToken, verifySignedToken } from "../signed-links";

/**
 * The link to a participant's own page (`/mon-binome/<token>`), carried by every email of their
 * pair. The token names the pair and the role, signed (see signed-links.ts): nothing is stored to
 * issue it, so the emails of a pair started before the page existed carry a working one too, and
 * it stops working when the pair's data is gone.
 */

const refPattern = /^[A-Za-z0-9_-]{8,200}$/;
const roles: LinkRecipient[] = ["mentor", "mentee"];

/**
 * The page of `role` in the pair, French and English. The mentor's names the mentor too: after a
 * reassignment, the previous mentor's link no longer opens the pair.
 */
export function ownPageLink(
  pair: { id: string; mentorId: string },
  role: LinkRecipient,
): OwnPageLink {
  const person = role === "mentor" ? `:${pair.mentorId}` : "";
  const ref = Buffer.from(`${pair.id}:${role}${person}`).toString("base64url");
  const url = `${env.appUrl}/mon-binome/${signedToken("own-page", ref)}`;
  return { fr: url, en: `${url}?lang=en` };
}

export type OwnPageToken =
  | { ok: true; pairId: string; role: LinkRecipient; mentorId?: string }
  | { ok: false; reason: "malformed" | "tampered" };

/** Checks a page token's signature and reads the pair and role it names. */
export function parseOwnPageToken(token: string): OwnPageToken {
  const verified = verifySignedToken("own-page", token, refPattern);
  if (!verified.ok) return verified;
  const [pairId, role, mentorId] = Buffer.from(verified.id, "base64url")
    .toString("utf8")
    .split(":");
  if (!pairId || !roles.includes(role as LinkRecipient)) return { ok: false, reason: "malformed" };
  if (role === "mentor" && !mentorId) return { ok: false, reason: "malformed" };
  return { ok: true, pairId, role: role as LinkRecipient, ...(mentorId ? { mentorId } : {}) };
}
