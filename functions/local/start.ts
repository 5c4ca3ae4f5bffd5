import path from "node:path";
import { startLocalRuntime } from "./runtime";

/**
 * `npm start`: DynamoDB Local, the SES v2 local server and the app, with embedded defaults.
 *   PORT (3000), DYNAMODB_LOCAL_PORT (8000), SES_LOCAL_PORT (8005);
 *   data kept in .data/dynamodb across restarts, or in memory with `npm start -- --in-memory`.
 */
const inMemory = process.argv.includes("--in-memory") || process.env.DYNAMODB_IN_MEMORY === "1";
const dataDirectory = inMemory ? undefined : path.resolve(".data/dynamodb");
if (dataDirectory) {
  const { mkdirSync } = await import("node:fs");
  mkdirSync(dataDirectory, { recursive: true });
}

const runtime = await startLocalRuntime({
  port: Number(process.env.PORT ?? 3000),
  dynamodbPort: Number(process.env.DYNAMODB_LOCAL_PORT ?? 8000),
  sesPort: Number(process.env.SES_LOCAL_PORT ?? 8005),
  dataDirectory,
});

console.log(`
Binôme tourne en local / Binôme is running locally
  Application          ${runtime.appUrl}
  Boîte mail (inbox)   ${runtime.inboxUrl}
  DynamoDB Local       ${runtime.services.dynamodbEndpoint} (${dataDirectory ? `données : ${dataDirectory}` : "en mémoire"})
Ctrl-C pour tout arrêter / to stop everything.
`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await runtime.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
