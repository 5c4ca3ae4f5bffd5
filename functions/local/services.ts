import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createServer, type Server } from "node:net";
import path from "node:path";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import type sesServer from "aws-ses-v2-local";
import { localCredentials } from "#core/clients/local";
import { table } from "#core/table";

/**
 * The local stand-ins of DynamoDB and SES, shared by `npm start` and the tests:
 * DynamoDB Local (Amazon's emulator, the copy the npm registry carries, run with this machine's
 * Java) and aws-ses-v2-local (SES v2 API plus a web inbox), both on loopback. A service given in
 * `existing` (an operator's own, or a proxy in front of one) is used as is and not started.
 */
export type LocalServices = {
  dynamodbEndpoint: string;
  sesEndpoint: string;
  stop: () => Promise<void>;
};

export type LocalServicesOptions = {
  dynamodbPort?: number;
  sesPort?: number;
  /** Folder that keeps DynamoDB data across restarts; in memory when absent. */
  dataDirectory?: string;
  /** Services already running, by endpoint: not started here. */
  existing?: { dynamodbEndpoint?: string; sesEndpoint?: string };
};

const require = createRequire(import.meta.url);
// A CommonJS package whose default export is the server: required, so every loader agrees.
const startSesServer: typeof sesServer = require("aws-ses-v2-local").default;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startLocalServices(
  options: LocalServicesOptions = {},
): Promise<LocalServices> {
  const started = await Promise.allSettled([
    options.existing?.dynamodbEndpoint
      ? alreadyRunning(options.existing.dynamodbEndpoint)
      : startDynamoDbLocal(options.dynamodbPort ?? (await freePort()), options.dataDirectory),
    options.existing?.sesEndpoint
      ? alreadyRunning(options.existing.sesEndpoint)
      : startSesLocal(options.sesPort ?? (await freePort())),
  ]);
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    // Stop what did start: no emulator is left behind by a failed start.
    await Promise.all(
      started.map((result) => result.status === "fulfilled" && result.value.stop()),
    );
    throw failed.reason;
  }
  const [dynamodb, ses] = started.map(
    (result) => (result as PromiseFulfilledResult<RunningService>).value,
  ) as [RunningService, RunningService];
  return {
    dynamodbEndpoint: dynamodb.endpoint,
    sesEndpoint: ses.endpoint,
    stop: async () => {
      await Promise.all([dynamodb.stop(), ses.stop()]);
    },
  };
}

/**
 * Points the AWS SDK at these services through its own variables (`AWS_ENDPOINT_URL_<SERVICE>`),
 * with the dummy credentials the emulators accept (unless some are set already).
 */
export function pointSdkAt(services: Pick<LocalServices, "dynamodbEndpoint" | "sesEndpoint">) {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = services.dynamodbEndpoint;
  process.env.AWS_ENDPOINT_URL_SESV2 = services.sesEndpoint;
  process.env.AWS_ACCESS_KEY_ID ??= localCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= localCredentials.secretAccessKey;
}

type RunningService = { endpoint: string; stop: () => Promise<void> };

const alreadyRunning = async (endpoint: string): Promise<RunningService> => ({
  endpoint,
  stop: async () => {},
});

async function startSesLocal(port: number): Promise<RunningService> {
  const server = await startSesServer({ host: "127.0.0.1", port });
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => closeServer(server) };
}

/**
 * Starts one DynamoDB Local on `port` (on disk in `dataDirectory`, else in memory) and resolves
 * once it answers; `pid` is its Java process's (a fault test kills it with SIGKILL).
 */
export async function startDynamoDbLocal(
  port: number,
  dataDirectory?: string,
): Promise<RunningService & { pid: number }> {
  const child = spawnDynamoDbLocal(port, dataDirectory);
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitForDynamoDb(endpoint, child);
  } catch (error) {
    child.kill();
    throw error;
  }
  return { endpoint, pid: child.pid as number, stop: () => stopProcess(child) };
}

function spawnDynamoDbLocal(port: number, dataDirectory?: string): ChildProcess {
  const emulator = path.join(
    path.dirname(require.resolve("amplify-dynamodb-simulator/package.json")),
    "emulator",
  );
  const storage = dataDirectory
    ? ["-dbPath", dataDirectory, "-sharedDb"]
    : ["-inMemory", "-sharedDb"];
  const child = spawn(
    "java",
    [
      `-Djava.library.path=${path.join(emulator, "DynamoDBLocal_lib")}`,
      "-Xmx512m",
      // The JIT's first tier only: its optimising tier spent a third of the emulator's CPU
      // compiling during a run of minutes (500 pair starts: 35 s of CPU became 24 s).
      "-XX:TieredStopAtLevel=1",
      "-jar",
      path.join(emulator, "DynamoDBLocal.jar"),
      "-port",
      String(port),
      ...storage,
      // Its telemetry is on by default and would try to report each run from this machine.
      "-disableTelemetry",
    ],
    { cwd: emulator, stdio: ["ignore", "ignore", "pipe"] },
  );
  // Never leave the emulator behind, whatever way this process ends.
  process.once("exit", () => child.kill("SIGKILL"));
  child.on("error", (error) => {
    console.error(
      `DynamoDB Local n'a pas pu démarrer (Java 17 est-il installé ?) : ${error.message}`,
    );
  });
  return child;
}

async function waitForDynamoDb(endpoint: string, child: ChildProcess) {
  const client = new DynamoDBClient({
    endpoint,
    region: "eu-west-3",
    credentials: localCredentials,
  });
  // Generous: a JVM starting on a busy machine (a CI runner, a shared laptop) can take a while.
  const deadline = Date.now() + 90_000;
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local stopped: ${stderr}`);
    try {
      await client.send(new DescribeTableCommand({ TableName: "probe" }));
    } catch (error) {
      if ((error as Error).name === "ResourceNotFoundException") return;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error("DynamoDB Local did not answer within 90 s");
}

/**
 * Creates the table as the stack declares it; an existing table (kept on disk) is left alone,
 * but for its stream, which the outbox needs.
 */
export async function ensureTable(endpoint: string, tableName: string) {
  const client = new DynamoDBClient({
    endpoint,
    region: "eu-west-3",
    credentials: localCredentials,
  });
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [
          { AttributeName: table.partitionKey, AttributeType: "S" },
          { AttributeName: table.sortKey, AttributeType: "S" },
          { AttributeName: table.listIndex.partitionKey, AttributeType: "S" },
          { AttributeName: table.listIndex.sortKey, AttributeType: "S" },
        ],
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: "HASH" },
          { AttributeName: table.sortKey, KeyType: "RANGE" },
        ],
        // The outbox's sender reads new items from the stream, by key (see functions/local/outbox.ts).
        StreamSpecification: { StreamEnabled: true, StreamViewType: table.streamViewType },
        GlobalSecondaryIndexes: [
          {
            IndexName: table.listIndex.name,
            KeySchema: [
              { AttributeName: table.listIndex.partitionKey, KeyType: "HASH" },
              { AttributeName: table.listIndex.sortKey, KeyType: "RANGE" },
            ],
            Projection: { ProjectionType: "ALL" },
          },
        ],
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    await ensureStream(client, tableName);
  }
}

/** A table kept on disk from before the outbox gets its stream. */
async function ensureStream(client: DynamoDBClient, tableName: string) {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  if (Table?.StreamSpecification?.StreamEnabled) return;
  await client.send(
    new UpdateTableCommand({
      TableName: tableName,
      StreamSpecification: { StreamEnabled: true, StreamViewType: table.streamViewType },
    }),
  );
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 3000).unref();
  });
}

function closeServer(server: Server | import("node:http").Server): Promise<void> {
  return new Promise((resolve) => {
    (server as import("node:http").Server).closeAllConnections?.();
    server.close(() => resolve());
  });
}
