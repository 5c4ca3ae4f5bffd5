/**
 * The single table's shape, declared once: the stack deploys it and the local runtime creates it.
 * Items carry `pk`/`sk`; `gsi1pk`/`gsi1sk` list entities of one kind (per cohort, per pair…);
 * `expiresAt` (epoch seconds) is the TTL attribute used for data retention.
 */
export const table = {
  partitionKey: "pk",
  sortKey: "sk",
  listIndex: { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
  ttlAttribute: "expiresAt",
} as const;
