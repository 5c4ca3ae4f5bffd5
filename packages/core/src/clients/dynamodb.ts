import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
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
