import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startLocalRuntime } from "./runtime";

/** Links in emails must keep working across restarts when the data does: keep the key with it. */
function persistentLinkKey(file: string): string {
  if (!existsSync(file))
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/**
 * `npm start`: DynamoDB Local, the SES v2 local server and the app, with embedded defaults.
 *   PORT (3000), DYNAMODB_LOCAL_PORT (8000), SES_LOCAL_PORT (8005);
 *   data kept in .data/dynamodb across restarts, or in memory with `npm start -- --in-memory`.
 */
const inMemory = process.argv.includes("--in-memory") || process.env.DYNAMODB_IN_MEMORY === "1";
const dataDirectory = inMemory ? undefined : path.resolve(".data/dynamodb");
if (dataDirectory) {
  mkdirSync(dataDirectory, { recursive: true });
  process.env.LINK_SIGNING_KEY ??= persistentLinkKey(path.resolve(".data/link-signing-key"));
}

const runtime = await startLocalRuntime({
  port: Number(process.env.PORT ?? 3000),
  dynamodbPort: Number(process.env.DYNAMODB_LOCAL_PORT ?? 8000),
  sesPort: Number(process.env.SES_LOCAL_PORT ?? 8005),
  dataDirectory,
});

// The programme team signs in with a token (ADMIN_TOKEN, or one generated for this run), unless
// an OIDC provider is configured, in which case the sign-in page sends them there.
const { env } = await import("#core/env");
const teamSignIn =
  env.oidcIssuer && env.oidcClientId
    ? `connexion par ${env.oidcIssuer}`
    : `jeton / token : ${env.adminToken}`;

console.log(`
Binôme tourne en local / Binôme is running locally
  Application          ${runtime.appUrl}
  Équipe d'animation   ${runtime.appUrl}/admin/connexion
                       ${teamSignIn}
  Boîte mail (inbox)   ${runtime.inboxUrl}
  DynamoDB Local       ${runtime.services.dynamodbEndpoint} (${dataDirectory ? `données : ${dataDirectory}` : "en mémoire"})
  Horloge (clock)      POST ${runtime.appUrl}/api/dev/clock {"advance":"P30D"}
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
