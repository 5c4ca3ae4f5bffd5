import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "#core/env";
import { startLocalRuntime } from "./runtime";

/** Links in emails must keep working across restarts when the data does: keep the key with it. */
function persistentLinkKey(file: string): string {
  if (!existsSync(file))
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/**
 * `npm start`: DynamoDB Local, the SES v2 local server, the Step Functions service and the app,
 * with embedded defaults.
 *   PORT (3000), DYNAMODB_LOCAL_PORT (8000), SES_LOCAL_PORT (8005), SFN_LOCAL_PORT (8083);
 *   data kept in .data/ (dynamodb/, stepfunctions/, or LOCAL_DATA_DIRECTORY) across restarts, or
 *   in memory with `npm start -- --in-memory`;
 *   AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL_SESV2 / AWS_ENDPOINT_URL_SFN (the SDK's own
 *   variables) use a service already running there instead of starting the stand-in (the table
 *   is created when missing).
 */
const inMemory = process.argv.includes("--in-memory") || process.env.DYNAMODB_IN_MEMORY === "1";
const localData = path.resolve(process.env.LOCAL_DATA_DIRECTORY ?? ".data");
const dataDirectory = inMemory ? undefined : path.join(localData, "dynamodb");
if (dataDirectory) {
  mkdirSync(dataDirectory, { recursive: true });
  process.env.LINK_SIGNING_KEY ??= persistentLinkKey(path.join(localData, "link-signing-key"));
}

// Read before the runtime sets them to the stand-ins it starts.
const existing = { dynamodbEndpoint: env.dynamodbEndpoint, sesEndpoint: env.sesEndpoint };
const runtime = await startLocalRuntime({
  port: Number(process.env.PORT ?? 3000),
  dynamodbPort: Number(process.env.DYNAMODB_LOCAL_PORT ?? 8000),
  sesPort: Number(process.env.SES_LOCAL_PORT ?? 8005),
  dataDirectory,
  existing,
  stepFunctionsPort: Number(process.env.SFN_LOCAL_PORT ?? 8083),
  stepFunctionsDataDirectory: inMemory ? undefined : path.join(localData, "stepfunctions"),
});

// The programme team signs in with a token (ADMIN_TOKEN, or one generated for this run), unless
// an OIDC provider is configured, in which case the sign-in page sends them there.
const teamSignIn =
  env.oidcIssuer && env.oidcClientId
    ? `connexion par ${env.oidcIssuer}`
    : `jeton / token : ${env.adminToken}`;

console.log(`
Binôme tourne en local / Binôme is running locally
  Application          ${runtime.appUrl}
  Équipe d'animation   ${runtime.appUrl}/admin/connexion
                       ${teamSignIn}
  Boîte mail (inbox)   ${runtime.inboxUrl}${existing.sesEndpoint ? " (AWS_ENDPOINT_URL_SESV2)" : ""}
  DynamoDB${existing.dynamodbEndpoint ? "        " : " Local  "}     ${runtime.services.dynamodbEndpoint} (${existing.dynamodbEndpoint ? "AWS_ENDPOINT_URL_DYNAMODB" : dataDirectory ? `données : ${dataDirectory}` : "en mémoire"})
  Step Functions       ${runtime.stepFunctionsEndpoint} (${runtime.stepFunctionsOwn ? `exécutions / executions : ${runtime.stepFunctionsEndpoint.replace("127.0.0.1", "localhost")}/executions${runtime.resumedExecutions ? `, ${runtime.resumedExecutions} reprise(s) / resumed` : ""}` : "AWS_ENDPOINT_URL_SFN"})
  Horloge (clock)      POST ${runtime.appUrl}/api/dev/clock {"advance":"P30D"}
Ctrl-C pour tout arrêter / to stop everything.
`);

// Ctrl-C: the app stops taking requests, the tasks running finish (a few seconds at most; what
// the Step Functions service journals is then whole), the outbox hands over its batch, and every
// service this process started stops. A second Ctrl-C stops at once: what runs then is resumed
// at the next start, as after a kill -9.
let stopping = false;
const shutdown = async (signal: NodeJS.Signals) => {
  if (stopping) process.exit(130);
  stopping = true;
  console.log(`\n${signal} : arrêt en cours / stopping…`);
  await runtime.stop();
  console.log("Arrêté / stopped.");
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
