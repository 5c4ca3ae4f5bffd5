import { RemovalPolicy } from "aws-cdk-lib";
import { type StackContext, Table } from "sst/constructs";
import { table as shape } from "#core/table";
import { productionStage } from "./settings";

/**
 * The single table (its shape is declared once in packages/core/src/table.ts, which the local
 * runtime also uses). On demand: a programme's traffic is small and bursty. Point-in-time recovery
 * everywhere; in `production` the table also survives `sst remove` and cannot be deleted by
 * mistake. `expiresAt` is the TTL attribute that enforces data retention. Its stream feeds the
 * outbox's sender.
 */
export function Storage({ stack }: StackContext) {
  const isProduction = stack.stage === productionStage;
  const table = new Table(stack, "Table", {
    fields: {
      [shape.partitionKey]: "string",
      [shape.sortKey]: "string",
      [shape.listIndex.partitionKey]: "string",
      [shape.listIndex.sortKey]: "string",
    },
    primaryIndex: { partitionKey: shape.partitionKey, sortKey: shape.sortKey },
    globalIndexes: {
      [shape.listIndex.name]: {
        partitionKey: shape.listIndex.partitionKey,
        sortKey: shape.listIndex.sortKey,
      },
    },
    timeToLiveAttribute: shape.ttlAttribute,
    // The outbox's sender reads new emails from the stream (stacks/Email.ts); keys only.
    stream: shape.streamViewType.toLowerCase() as Lowercase<typeof shape.streamViewType>,
    cdk: {
      table: {
        // SST turns point-in-time recovery on; it is asserted in tests/stacks.
        deletionProtection: isProduction,
        removalPolicy: isProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      },
    },
  });
  return { table };
}
