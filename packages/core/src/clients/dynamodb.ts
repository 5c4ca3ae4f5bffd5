import { ConditionalCheckFailedException, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  type DeleteCommand,
  DynamoDBDocumentClient,
  type PutCommand,
  type UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { env } from "../env";
import { localCredentials } from "./local";

export const dynamodb = new DynamoDBClient({
  region: env.region,
  ...(env.dynamodbEndpoint
    ? { endpoint: env.dynamodbEndpoint, credentials: localCredentials }
    : {}),
});

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
