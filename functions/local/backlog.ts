import { localCredentials } from "#core/clients/local";

/**
 * `npm run outbox`: how many emails wait in the outbox of the local table (the one `npm start`
 * uses, on DynamoDB Local's port, or the service and table given by the usual variables).
 */
process.env.AWS_ENDPOINT_URL_DYNAMODB ??= `http://127.0.0.1:${process.env.DYNAMODB_LOCAL_PORT ?? 8000}`;
process.env.AWS_ACCESS_KEY_ID ??= localCredentials.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY ??= localCredentials.secretAccessKey;
process.env.AWS_REGION ??= "eu-west-3";
process.env.TABLE_NAME ??= "binome-local";
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";

const { queuedEmails } = await import("#core/email/outbox");
const waiting = await queuedEmails({ limit: 1000 });
const kinds = new Map<string, number>();
for (const purpose of waiting) {
  const kind = purpose.split("#")[0] ?? "";
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
}
console.log(
  `${waiting.length} courriel(s) en attente / email(s) waiting${
    waiting.length ? ` (${[...kinds].map(([kind, count]) => `${kind}: ${count}`).join(", ")})` : ""
  }`,
);
