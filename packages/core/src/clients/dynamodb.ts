import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  type DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  type PutCommand,
  paginateQuery,
  type QueryCommandInput,
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
): Promise<T[]> {
  const items: T[] = [];
  for await (const page of paginateQuery(
    { client: documents },
    { TableName: env.tableName, ...query },
  )) {
    items.push(...((page.Items ?? []) as T[]));
  }
  return items;
}

/** Every item of one list partition of index `gsi1` (see `keys`), oldest first. */
export function queryList<T>(list: { gsi1pk: string; gsi1skPrefix?: string }): Promise<T[]> {
  return queryAll<T>({
    IndexName: table.listIndex.name,
    KeyConditionExpression: list.gsi1skPrefix
      ? "gsi1pk = :pk AND begins_with(gsi1sk, :prefix)"
      : "gsi1pk = :pk",
    ExpressionAttributeValues: {
      ":pk": list.gsi1pk,
      ...(list.gsi1skPrefix ? { ":prefix": list.gsi1skPrefix } : {}),
    },
  });
}
