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

/** The page of `role` in the pair, French and English. */
export function ownPageLink(pairId: string, role: LinkRecipient): OwnPageLink {
  const ref = Buffer.from(`${pairId}:${role}`).toString("base64url");
  const url = `${env.appUrl}/mon-binome/${signedToken("own-page", ref)}`;
  return { fr: url, en: `${url}?lang=en` };
}

export type OwnPageToken =
  | { ok: true; pairId: string; role: LinkRecipient }
  | { ok: false; reason: "malformed" | "tampered" };

/** Checks a page token's signature and reads the pair and role it names. */
export function parseOwnPageToken(token: string): OwnPageToken {
  const verified = verifySignedToken("own-page", token, refPattern);
  if (!verified.ok) return verified;
  const [pairId, role] = Buffer.from(verified.id, "base64url").toString("utf8").split(":");
  if (!pairId || !roles.includes(role as LinkRecipient)) return { ok: false, reason: "malformed" };
  return { ok: true, pairId, role: role as LinkRecipient };
}
