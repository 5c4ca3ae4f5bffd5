/**
 * The single table's shape, declared once: the stack deploys it and the local runtime creates it.
 * Items carry `pk`/`sk`; `gsi1pk`/`gsi1sk` list entities of one kind (per cohort, per pair…);
 * `expiresAt` (epoch seconds) is the TTL attribute used for data retention. The stream carries
 * keys only: the outbox's sender reads each new email from the table (email/outbox.ts).
 */
export const table = {
  partitionKey: "pk",
  sortKey: "sk",
  listIndex: { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
  ttlAttribute: "expiresAt",
  streamViewType: "KEYS_ONLY",
} as const;
