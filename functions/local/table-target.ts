import { localCredentials } from "#core/clients/local";

/**
 * Which table an operator's one-off command works on: the one `npm start` uses on DynamoDB Local
 * by default; with `TABLE_NAME` set (and no `AWS_ENDPOINT_URL_DYNAMODB`), that table on AWS,
 * with the machine's own credentials and region.
 */
export function targetTable(): void {
  if (!process.env.TABLE_NAME) {
    process.env.AWS_ENDPOINT_URL_DYNAMODB ??= `http://127.0.0.1:${process.env.DYNAMODB_LOCAL_PORT ?? 8000}`;
    process.env.AWS_ACCESS_KEY_ID ??= localCredentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY ??= localCredentials.secretAccessKey;
    process.env.TABLE_NAME = "binome-local";
  }
  process.env.AWS_REGION ??= "eu-west-3";
  process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
}
