/**
 * What one DynamoDB call costs DynamoDB Local, by kind: `npx tsx tests/bench/write-cost.ts [calls]`
 * starts DynamoDB Local as `npm start` does, sends each kind of call (8 in flight, as the pair
 * starts and the executions' steps keep it busy) through the document client, and prints per
 * call the wall time and the emulator's CPU time (its process's, from /proc: Linux only). The
 * emulator does its work on one thread, so its CPU per write bounds how many pairs start a second.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { localCredentials } from "#core/clients/local";
import { ensureTable, startLocalServices } from "../../functions/local/services";
import { childCpuSeconds } from "./scale-confirm";

const calls = Number(process.argv[2] ?? 2_000);
const TableName = `binome-bench-write-cost-${Date.now()}`;
const services = await startLocalServices();
await ensureTable(services.dynamodbEndpoint, TableName);
const documents = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: services.dynamodbEndpoint,
    region: "eu-west-3",
    credentials: localCredentials,
  }),
);

const key = (index: number) => ({ pk: `ITEM#${index}`, sk: "ITEM" });
const item = (index: number) => ({ ...key(index), text: "x".repeat(200), expiresAt: 1 });
const lifted = (index: number) => ({
  Update: {
    TableName,
    Key: key(index),
    UpdateExpression: "REMOVE expiresAt",
    ConditionExpression: "attribute_exists(pk)",
  },
});

async function measure(label: string, count: number, call: (index: number) => Promise<unknown>) {
  const cpuBefore = childCpuSeconds() ?? Number.NaN;
  const start = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < count) await call(next++);
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  const wallMs = (performance.now() - start) / count;
  const cpuMs = (((childCpuSeconds() ?? Number.NaN) - cpuBefore) * 1000) / count;
  return {
    call: label,
    wallMs: Number(wallMs.toFixed(2)),
    emulatorCpuMs: Number(cpuMs.toFixed(2)),
  };
}

try {
  const figures = [
    await measure("Put", calls, (index) =>
      documents.send(new PutCommand({ TableName, Item: item(index) })),
    ),
    await measure("Get", calls, (index) =>
      documents.send(new GetCommand({ TableName, Key: key(index) })),
    ),
    await measure("Update (an expiry lifted)", calls, (index) =>
      documents.send(new UpdateCommand(lifted(index).Update)),
    ),
    await measure("TransactWrite of 1 Put", calls, (index) =>
      documents.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName, Item: item(calls + index) } }],
        }),
      ),
    ),
    await measure("TransactWrite of 10 Updates", Math.floor(calls / 10), (index) =>
      documents.send(
        new TransactWriteCommand({
          TransactItems: Array.from({ length: 10 }, (_, offset) => lifted(index * 10 + offset)),
        }),
      ),
    ),
  ];
  console.log(JSON.stringify(figures, null, 2));
} finally {
  await services.stop();
}
process.exit(0);
