import { keys } from "../keys";

/**
 * What the sender reads from the table's stream: only new outbox items (see
 * `outboxStreamFilter`), by key. The stream carries keys only, never a body.
 */
export type StreamRecord = {
  eventName?: string;
  dynamodb?: { Keys?: Record<string, { S?: string }>; SequenceNumber?: string };
};

/** Where outbox items live (`keys.emailSent`). */
export const outboxKeyPrefix = keys.emailSent("").pk;

/** The event source mapping's filter (stacks/Email.ts): new outbox items only. */
export const outboxStreamFilter = {
  eventName: ["INSERT"],
  dynamodb: { Keys: { pk: { S: [{ prefix: outboxKeyPrefix }] } } },
};

/** Pure: the same filter, for the local stream reader (which has no filtering of its own). */
export function isNewOutboxItem(record: StreamRecord): boolean {
  const pk = record.dynamodb?.Keys?.pk?.S;
  return record.eventName === "INSERT" && pk?.startsWith(outboxKeyPrefix) === true;
}
