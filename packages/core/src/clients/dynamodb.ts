import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  type DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  type PutCommand,
  paginateQuery,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { env } from "../env";
import { table } from "../table";
import { requestTimeouts } from "./timeouts";
import { watch } from "./watch";

/**
 * The SDK reads the endpoint itself from `AWS_ENDPOINT_URL_DYNAMODB` (set by the local runtime and
 * the tests, or by an operator pointing the app at a DynamoDB of their own); on AWS it is unset.
 */
export const dynamodb = watch(
  new DynamoDBClient({ region: env.region, requestHandler: requestTimeouts }),
  "table",
  { convert: true },
);

export const documents = DynamoDBDocumentClient.from(dynamodb, {
  marshallOptions: { removeUndefinedValues: true },
});

/**
 * Sends a conditional write and says whether it happened. A condition that does not hold (already
 * there, already used, changed meanwhile) is an answer, not a failure: `false`, never a throw.
 */
export async function conditionally(
  command: PutCommand | UpdateCommand | DeleteCommand,
): Promise<boolean> {
  try {
    await documents.send(command as PutCommand);
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export type TransactItem = NonNullable<TransactWriteCommand["input"]["TransactItems"]>[number];

/**
 * Sends a transaction, as `conditionally` a single write: `undefined` when it was written; when a
 * condition refused it, the reason of each of its writes in order ("None" for those that would
 * have passed), so the caller can tell which condition failed. Anything else throws.
 */
export async function transact(items: TransactItem[]): Promise<string[] | undefined> {
  try {
    await documents.send(new TransactWriteCommand({ TransactItems: items }));
    return undefined;
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    return reasons;
  }
}

/**
 * The reason of each write of a cancelled transaction, in order ("None" for those that would have
 * passed); `undefined` when the error is not a cancellation. The one reading of them, for callers
 * that send their transaction another way (counts-store's `sendTransaction`).
 */
export function cancellationReasons(error: unknown): string[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((reason) => reason.Code ?? "None");
}

type Key = Record<string, unknown>;

/** Reads one item of the table (consistently unless told otherwise); `undefined` when absent. */
export async function getItem<T>(
  key: Key,
  options: { consistent?: boolean; projection?: string } = {},
): Promise<T | undefined> {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: env.tableName,
      Key: key,
      ConsistentRead: options.consistent ?? true,
      ...(options.projection ? { ProjectionExpression: options.projection } : {}),
    }),
  );
  return Item as T | undefined;
}

/** Every item a query of the table matches, page after page (DynamoDB pages at 1 MB). */
export async function queryAll<T>(
  query: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">,
  onPage?: (read: number) => Promise<void>,
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of paginateQuery(
    { client: documents },
    { TableName: env.tableName, ...query },
  )) {
    items.push(...((page.Items ?? []) as T[]));
    await onPage?.(items.length);
  }
  return items;
}

/** Every item of one list partition of index `gsi1` (see `keys`), oldest first. */
export function queryList<T>(
  list: { gsi1pk: string; gsi1skPrefix?: string },
  onPage?: (read: number) => Promise<void>,
): Promise<T[]> {
  return queryAll<T>(
    {
      IndexName: table.listIndex.name,
      KeyConditionExpression: list.gsi1skPrefix
        ? "gsi1pk = :pk AND begins_with(gsi1sk, :prefix)"
        : "gsi1pk = :pk",
      ExpressionAttributeValues: {
        ":pk": list.gsi1pk,
        ...(list.gsi1skPrefix ? { ":prefix": list.gsi1skPrefix } : {}),
      },
    },
    onPage,
  );
}

/** A key where a list query resumes: DynamoDB's LastEvaluatedKey, or the key of an item read. */
export type ListKey = Record<string, unknown>;

/**
 * One read of a list partition of index `gsi1`: at most `limit` items evaluated from `start`,
 * those that pass `filter`, and where the next read resumes (absent at the end of the list).
 */
export async function queryListPage<T>(
  list: { gsi1pk: string; gsi1skPrefix?: string },
  options: {
    limit: number;
    start?: ListKey;
    filter?: {
      expression: string;
      names?: Record<string, string>;
      values?: Record<string, unknown>;
    };
  },
): Promise<{ items: T[]; next?: ListKey }> {
  const { filter } = options;
  const result = await documents.send(
    new QueryCommand({
      TableName: env.tableName,
      IndexName: table.listIndex.name,
      KeyConditionExpression: list.gsi1skPrefix
        ? "gsi1pk = :pk AND begins_with(gsi1sk, :prefix)"
        : "gsi1pk = :pk",
      ExpressionAttributeValues: {
        ":pk": list.gsi1pk,
        ...(list.gsi1skPrefix ? { ":prefix": list.gsi1skPrefix } : {}),
        ...filter?.values,
      },
      ...(filter ? { FilterExpression: filter.expression } : {}),
      ...(filter?.names ? { ExpressionAttributeNames: filter.names } : {}),
      Limit: options.limit,
      ...(options.start ? { ExclusiveStartKey: options.start } : {}),
    }),
  );
  return { items: (result.Items ?? []) as T[], next: result.LastEvaluatedKey };
}

/**
 * The items of these keys that exist (BatchGetItem, 100 keys a call, retried for what DynamoDB
 * left unprocessed); in no particular order. Eventually consistent unless told otherwise.
 */
export async function getMany<T>(
  itemKeys: { pk: string; sk: string }[],
  projection?: { expression: string; names?: Record<string, string> },
  options: { consistent?: boolean } = {},
): Promise<T[]> {
  const unique = [...new Map(itemKeys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
  const found: T[] = [];
  for (let at = 0; at < unique.length; at += 100) {
    let pending: Record<string, unknown>[] | undefined = unique.slice(at, at + 100);
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      const result = await documents.send(
        new BatchGetCommand({
          RequestItems: {
            [env.tableName]: {
              Keys: pending,
              ...(options.consistent ? { ConsistentRead: true } : {}),
              ...(projection
                ? {
                    ProjectionExpression: projection.expression,
                    ...(projection.names ? { ExpressionAttributeNames: projection.names } : {}),
                  }
                : {}),
            },
          },
        }),
      );
      found.push(...((result.Responses?.[env.tableName] ?? []) as T[]));
      pending = result.UnprocessedKeys?.[env.tableName]?.Keys as
        | Record<string, unknown>[]
        | undefined;
    }
  }
  return found;
}
