import { createHash } from "node:crypto";
import { cancellationReasons } from "./clients/dynamodb";
import { clock } from "./clock";
import { type Bilingual, render } from "./email/layout";
import { queueEmail } from "./email/outbox";
import { env } from "./env";
import { keys, normaliseEmail } from "./keys";
import { logger } from "./observability";
import { getItem } from "./privacy/store";
import { newTokenId, signToken, verifyToken } from "./signed-token";

/**
 * The signed links a person receives without a password: the link to their data (`/mes-donnees`)
 * and the link to their pair's page (`/mon-binome`), signed as every such link is (signed-token.ts):
 * a forged or altered token is refused before anything is read, and each kind signs under its
 * own scope, so a token of one kind never opens a page of another.
 *
 * A person who lost their link types their address and a new one is sent there, and only there.
 * The answer on the page and the work done are the same whether the address is known or not (no
 * lookup happens until the link is opened), and one link at most leaves per address and kind in
 * a few minutes, so the form can neither tell who takes part nor flood someone's inbox.
 */

export type SignedKind = "privacy" | "own-page" | "own-page-access" | "mentor-access";

/** The token of `id` for links of `kind` (the scope `<kind>.v1` of signed-token.ts). */
export const signedToken = (kind: SignedKind, id: string) => signToken(`${kind}.v1`, id);

export type TokenReading = ReturnType<typeof verifyToken>;

/** Checks a token's signature; `idPattern` is what a well-formed id of that kind looks like. */
export const verifySignedToken = (kind: SignedKind, token: string, idPattern?: RegExp) =>
  verifyToken(`${kind}.v1`, token, idPattern);

// ---------------------------------------------------------------------------------------------
// Links sent to an address the person typed
// ---------------------------------------------------------------------------------------------

export type AddressKind = "privacy" | "own-page-access" | "mentor-access";

/** Where each kind keeps its links and throttles (the privacy keys predate the others). */
const stored: Record<
  AddressKind,
  {
    link: (id: string) => { pk: string; sk: string };
    throttle: (hash: string) => { pk: string; sk: string };
  }
> = {
  privacy: { link: keys.privacyLink, throttle: keys.privacyLinkThrottle },
  "own-page-access": { link: keys.ownPageAccessLink, throttle: keys.ownPageAccessThrottle },
  "mentor-access": { link: keys.mentorAccessLink, throttle: keys.mentorAccessThrottle },
};

const epochSeconds = (ms: number) => Math.ceil(ms / 1000);

const addressHash = (kind: AddressKind, email: string) =>
  createHash("sha256")
    .update(`${kind}.throttle.${normaliseEmail(email)}`)
    .digest("base64url");

export type AddressLinkSpec = {
  kind: AddressKind;
  /** The page the token is appended to: `${appUrl}${path}/<token>`. */
  path: string;
  lifetimeMs: number;
  throttleMs: number;
  message: (url: string) => Bilingual;
};

/**
 * Sends a link bound to the address to that address, at most once per throttle period. The
 * throttle, the link and its email are one transaction: a write that lands with its answer lost
 * cannot leave the address throttled with no email on its way, and the retry is told the same.
 */
export async function sendAddressLink(spec: AddressLinkSpec, email: string): Promise<void> {
  const now = clock.now().getTime();
  const linkId = newTokenId();
  const url = `${env.appUrl}${spec.path}/${signedToken(spec.kind, linkId)}`;
  const throttle = {
    Put: {
      TableName: env.tableName,
      Item: {
        ...stored[spec.kind].throttle(addressHash(spec.kind, email)),
        kind: `${spec.kind}-throttle`,
        expiresAt: epochSeconds(now + spec.throttleMs),
      },
      // DynamoDB deletes an expired item some time later (up to days): past its expiry the
      // throttle holds nothing back.
      ConditionExpression: "attribute_not_exists(pk) OR expiresAt <= :now",
      ExpressionAttributeValues: { ":now": epochSeconds(now) },
    },
  };
  const link = {
    Put: {
      TableName: env.tableName,
      Item: {
        ...stored[spec.kind].link(linkId),
        kind: `${spec.kind}-link`,
        email: normaliseEmail(email),
        validUntil: new Date(now + spec.lifetimeMs).toISOString(),
        expiresAt: epochSeconds(now + spec.lifetimeMs),
      },
    },
  };
  try {
    await queueEmail(
      `${spec.kind}-link#${linkId}`,
      { to: [normaliseEmail(email)], ...render(spec.message(url)) },
      { expiresAt: epochSeconds(now + spec.lifetimeMs), alongside: [throttle, link] },
    );
  } catch (error) {
    // The email is the transaction's first item and the throttle its second.
    if (cancellationReasons(error)?.[1] !== "ConditionalCheckFailed") throw error;
    logger.info("Address link already sent recently", { kind: spec.kind });
    return;
  }
  logger.info("Address link queued", { kind: spec.kind });
}

export type AddressReading =
  | { ok: true; email: string; linkId: string }
  | { ok: false; reason: "malformed" | "tampered" | "expired" };

/** Checks a link sent to an address: signed, known and not expired. */
export async function readAddressLink(kind: AddressKind, token: string): Promise<AddressReading> {
  const verified = verifySignedToken(kind, token);
  if (!verified.ok) return verified;
  const item = await getItem<{ email: string; validUntil: string }>(stored[kind].link(verified.id));
  if (!item || clock.now().getTime() >= new Date(item.validUntil).getTime()) {
    return { ok: false, reason: "expired" };
  }
  return { ok: true, email: item.email, linkId: verified.id };
}
