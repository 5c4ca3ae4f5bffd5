import { afterAll, beforeAll, inject } from "vitest";
import { type OutboxSender, startOutboxSender } from "../../functions/local/outbox";
import { ensureTable, pointSdkAt } from "../../functions/local/services";

/**
 * Runs before each test file, before the code under test is imported: points the AWS clients at
 * the emulators and gives the file a table of its own, so files never see each other's data.
 */
const endpoints = inject("dynamodbEndpoints");
const worker = Number(process.env.VITEST_POOL_ID ?? 1);
const dynamodbEndpoint = endpoints[(worker - 1) % endpoints.length] as string;
const sesEndpoint = inject("sesEndpoint");
pointSdkAt({ dynamodbEndpoint, sesEndpoint });
process.env.TABLE_NAME = `binome-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
process.env.SENDER_ADDRESS = "mentorat-inverse@example.gouv.fr";
process.env.APP_URL = "http://localhost:3000";
process.env.AWS_REGION = "eu-west-3";
process.env.BINOME_LOCAL = "1";
await ensureTable(dynamodbEndpoint, process.env.TABLE_NAME);

// The outbox's sender for this file's table, as the local runtime runs it. Started once the test
// file is loaded, so that a file may first point SES somewhere else (tests/faults/ses-proxy.ts),
// or give its table a DynamoDB Local of its own (`BINOME_TEST_STREAM_ENDPOINT`, tests/faults/dynamodb-killed):
// one sender per process, as on AWS and under `npm start`.
let sender: OutboxSender | undefined;
beforeAll(() => {
  sender = startOutboxSender({
    endpoint: process.env.BINOME_TEST_STREAM_ENDPOINT ?? dynamodbEndpoint,
    tableName: process.env.TABLE_NAME as string,
  });
});
afterAll(async () => {
  await sender?.stop();
});
