import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { documents, getItem } from "../clients/dynamodb";
import { clock } from "../clock";
import { env } from "../env";
import { keys } from "../keys";
import { linkUse, newSignedLinkId, verifiedLinkId } from "../links";
import type { EventKind } from "./payload";

/**
 * The links of an event's emails (a workshop's confirmation by its mentors, a participant's
 * feedback, the registration link a head of service forwards): opaque, signed like a pair's links
 * (links.ts), bound server-side to the event, a purpose and a recipient, expiring. A one-time link
 * is used in the transaction that records its answer (`linkUse`); the registration link is not.
 */
export type EventLinkPurpose = "confirm" | "feedback" | "register";

export type EventLinkBinding = {
  linkId: string;
  kind: EventKind;
  eventId: string;
  purpose: EventLinkPurpose;
  /** Who it was sent to: a mentor's id, a participant's key; "" for the registration link. */
  recipient: string;
  expiresAt: Date;
  usedAt?: Date;
};

export type EventLinkReading =
  | { ok: true; link: EventLinkBinding }
  | { ok: false; reason: "malformed" | "tampered" | "expired" | "unknown" };

const keepAfterExpiryMs = 90 * 24 * 60 * 60 * 1000;

/** Stores a new link's binding and returns its token (the route puts it in its own address). */
export async function issueEventLink(input: Omit<EventLinkBinding, "linkId" | "usedAt">) {
  const { linkId, token } = newSignedLinkId();
  await documents.send(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...keys.link(linkId),
        kind: "event-link",
        linkId,
        eventKind: input.kind,
        eventId: input.eventId,
        purpose: input.purpose,
        recipient: input.recipient,
        validUntil: input.expiresAt.toISOString(),
        createdAt: clock.now().toISOString(),
        expiresAt: Math.ceil((input.expiresAt.getTime() + keepAfterExpiryMs) / 1000),
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return token;
}

export async function readEventLink(token: string): Promise<EventLinkReading> {
  const verified = verifiedLinkId(token);
  if (!verified.ok) return verified;
  const item = await getItem<Record<string, string>>(keys.link(verified.linkId));
  if (item?.kind !== "event-link") return { ok: false, reason: "unknown" };
  const link: EventLinkBinding = {
    linkId: verified.linkId,
    kind: item.eventKind as EventKind,
    eventId: item.eventId as string,
    purpose: item.purpose as EventLinkPurpose,
    recipient: item.recipient as string,
    expiresAt: new Date(item.validUntil as string),
    ...(item.usedAt ? { usedAt: new Date(item.usedAt) } : {}),
  };
  if (!link.usedAt && clock.now().getTime() >= link.expiresAt.getTime()) {
    return { ok: false, reason: "expired" };
  }
  return { ok: true, link };
}

/** The write that uses a one-time link, in the transaction that records its answer. */
export const eventLinkUse = linkUse;
