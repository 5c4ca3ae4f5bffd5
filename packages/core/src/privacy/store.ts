import { DeleteCommand, PutCommand, paginateScan } from "@aws-sdk/lib-dynamodb";
import { conditionally, documents, getItem, queryList } from "../clients/dynamodb";
import { env } from "../env";
import { keys } from "../keys";
import type { Item } from "./holdings";

/**
 * Where the data-rights module reads and writes. Finding everything about a person reads the whole
 * table (in parallel segments): requests are rare, and reading everything is the only way to be
 * sure nothing about them is left out, whatever kinds of item the programme grows.
 */

const scanSegments = 4;

export async function readWholeTable(): Promise<Item[]> {
  const segments = await Promise.all(
    Array.from({ length: scanSegments }, async (_, segment) => {
      const items: Item[] = [];
      for await (const page of paginateScan(
        { client: documents },
        {
          TableName: env.tableName,
          Segment: segment,
          TotalSegments: scanSegments,
          ConsistentRead: true,
        },
      )) {
        items.push(...((page.Items ?? []) as Item[]));
      }
      return items;
    }),
  );
  return segments.flat();
}

export { getItem };

export async function putItem(item: Item): Promise<void> {
  await documents.send(new PutCommand({ TableName: env.tableName, Item: item }));
}

/**
 * Rewrites an outbox email only if the sender has not touched it since it was read (same status,
 * same lease): a rewrite from a stale read would drop a sender's lease or put a sent email back
 * in the queue. `false` when it changed; read it again and retry.
 */
export const replaceEmailUnchanged = (item: Item, read: Item) =>
  conditionally(
    new PutCommand({
      TableName: env.tableName,
      Item: item,
      ConditionExpression:
        read.leaseUntil === undefined
          ? "#status = :status AND attribute_not_exists(leaseUntil)"
          : "#status = :status AND leaseUntil = :lease",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":status": read.status,
        ...(read.leaseUntil === undefined ? {} : { ":lease": read.leaseUntil }),
      },
    }),
  );

/** Creates an item unless one is there already; `false` when it was. */
export const putNew = (item: Item) =>
  conditionally(
    new PutCommand({
      TableName: env.tableName,
      Item: item,
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );

export async function deleteItem(key: { pk: string; sk: string }): Promise<void> {
  await documents.send(new DeleteCommand({ TableName: env.tableName, Key: key }));
}

/** Every data-rights request, newest first. */
export async function listRequestItems(): Promise<Item[]> {
  return (await queryList<Item>(keys.privacyRequests())).reverse();
}
