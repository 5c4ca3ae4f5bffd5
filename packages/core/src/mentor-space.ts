import { getItem } from "./clients/dynamodb";
import { clock } from "./clock";
import { env } from "./env";
import { keys } from "./keys";
import { getMentor, type MentorRecord } from "./mentor";
import { newTokenId, signToken, verifyToken } from "./signed-token";

/**
 * A mentor's own page, reached from a signed link in the emails Binôme sends them (a BarNum' to
 * staff, a network meeting, their page on request): their record of work and attestation, the
 * modules of their themes, the events they are asked to staff. No account, no password.
 */

const scope = "mentor.v1";
/** A mentor's link works for a season of the programme. */
const lifetimeMs = 180 * 24 * 60 * 60 * 1000;

export type MentorLink = { url: string; put: { TableName: string; Item: Record<string, unknown> } };

/**
 * A new link to the mentor's page, and the Put that stores its binding: written in the same
 * transaction as the email that carries it, so a link is never sent unstored.
 */
export function mentorLink(mentorId: string): MentorLink {
  const linkId = newTokenId();
  const validUntil = clock.now().getTime() + lifetimeMs;
  return {
    url: `${env.appUrl}/espace-mentor/${signToken(scope, linkId)}`,
    put: {
      TableName: env.tableName,
      Item: {
        ...keys.mentorLink(linkId),
        kind: "mentor-link",
        mentorId,
        validUntil: new Date(validUntil).toISOString(),
        expiresAt: Math.ceil(validUntil / 1000),
      },
    },
  };
}

export type MentorReading =
  | { ok: true; mentor: MentorRecord }
  | { ok: false; reason: "malformed" | "tampered" | "expired" };

/** The mentor a token opens the page of, if it is signed, known, in date and the mentor exists. */
export async function readMentorLink(token: string): Promise<MentorReading> {
  const verified = verifyToken(scope, token);
  if (!verified.ok) return verified;
  const item = await getItem<{ mentorId: string; validUntil: string }>(
    keys.mentorLink(verified.id),
  );
  if (!item || clock.now().getTime() >= Date.parse(item.validUntil)) {
    return { ok: false, reason: "expired" };
  }
  const mentor = await getMentor(item.mentorId);
  return mentor ? { ok: true, mentor } : { ok: false, reason: "expired" };
}
