/**
 * `npm run bench` (a table) and `npm run bench -- --json` (one JSON object): what one full default
 * pair (3 sessions, 3-month pause) costs, counted on the local Step Functions service with the real handlers,
 * DynamoDB Local and the SES local server; plus the matching benchmark (tests/bench/matching.ts).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const json = process.argv.includes("--json");
/** `--quick` leaves out the largest cohorts of the scale benchmark. */
const quick = process.argv.includes("--quick");
const { startLocalServices, ensureTable, pointSdkAt } = await import(
  "../../functions/local/services"
);
const services = await startLocalServices();
process.env.BINOME_LOCAL = "1";
process.env.TABLE_NAME = `binome-bench-${Date.now()}`;
pointSdkAt(services);
process.env.SENDER_ADDRESS ??= "mentorat-inverse@example.gouv.fr";
process.env.APP_URL ??= "http://localhost:3000";
process.env.AWS_REGION ??= "eu-west-3";
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
await ensureTable(services.dynamodbEndpoint, process.env.TABLE_NAME);
// Emails leave through the outbox's sender, as under `npm start`.
const { startOutboxSender } = await import("../../functions/local/outbox");
const sender = startOutboxSender({
  endpoint: services.dynamodbEndpoint,
  tableName: process.env.TABLE_NAME,
});

/**
 * AWS list prices for eu-west-3 (Paris), on demand, before the free tier. Step Functions and SES
 * were read from the stored copies of aws.amazon.com/step-functions/pricing ("Europe (Paris)
 * $0.0297 per 1,000 state transitions") and of the SES pricing pages ($0.10 per 1,000 emails);
 * Lambda's arm64 price is the published us-east-1 figure (Paris lists the same tier); DynamoDB's
 * were not re-read here. Check the pricing pages before quoting a budget.
 */
export const prices = {
  region: "eu-west-3",
  noted: "2026-11-23",
  stepFunctionsPerTransition: 0.0000297, // Standard workflows, $0.0297 per 1,000 transitions
  lambdaPerRequest: 0.0000002, // $0.20 per million requests
  lambdaPerGbSecond: 0.0000133334, // arm64, as the stacks deploy the functions
  dynamodbPerWriteUnit: 0.000000705, // on-demand, per write request unit
  dynamodbPerReadUnit: 0.000000141, // on-demand, per read request unit
  sesPerEmail: 0.0001, // $0.10 per 1,000 emails
} as const;

/** The steps Lambda as the stack sizes it (assumed: 512 MB, billed per measured duration). */
const lambdaMemoryGb = 0.5;

const { documents } = await import("#core/clients/dynamodb");
const { ses } = await import("#core/clients/ses");
const counts = { dynamodbWrites: 0, dynamodbReads: 0, emails: 0, handlerMs: 0 };
documents.middlewareStack.add(
  (next, context) => async (args) => {
    const name = context.commandName ?? "";
    const input = args.input as { TransactItems?: unknown[] };
    // A transaction costs two write units per item.
    if (name.startsWith("TransactWrite")) {
      counts.dynamodbWrites += 2 * (input.TransactItems?.length ?? 0);
    } else if (/^(Put|Update|Delete)/.test(name)) counts.dynamodbWrites++;
    else counts.dynamodbReads++;
    return next(args);
  },
  { step: "initialize", name: "benchCount" },
);
ses.middlewareStack.add(
  (next) => async (args) => {
    counts.emails++;
    return next(args);
  },
  { step: "initialize", name: "benchCount" },
);

// The local Step Functions service, reached through the SDK like every other path.
const { startLocalStepFunctions } = await import("../../functions/local/engine");
const { handler } = await import("../../functions/workflow/steps");
const stepFunctions = await startLocalStepFunctions({
  handler: async (payload) => {
    const started = performance.now();
    try {
      return await handler(payload);
    } finally {
      counts.handlerMs += performance.now() - started;
    }
  },
});

const {
  localEngineControl: engine,
  newPair,
  runDefaultPair,
  runDefaultPairs,
} = await import("../workflow/drive");
// Count the pair only, from its start: the forms' acknowledgements and records are not the workflow's.
let before = { ...counts };
const wallStart = performance.now();
const { pairId, menteeEmail, mentorEmail } = await newPair({
  beforeStart: () => {
    before = { ...counts };
  },
});
await runDefaultPair(engine, pairId);
const wallSeconds = (performance.now() - wallStart) / 1000;
const stats = await engine.stats();
const { emailsTo } = await import("../support/inbox");
// The pair's emails as SES received them (the outbox sends a moment after each step): every
// message to either participant but the acknowledgements of their forms.
const pairEmails = new Set(
  [...(await emailsTo(menteeEmail)), ...(await emailsTo(mentorEmail))]
    .filter((email) => !/bien reçu/.test(email.subject))
    .map((email) => email.messageId),
).size;
const afterPair = { ...counts };

/**
 * 50 pairs from introduction to closure at once, through the same service: every answer is given
 * to all of them together and the clock moves once for all (each answer waits until its execution
 * has moved on).
 */
const concurrentPairs = 50;
const fiftyStart = performance.now();
const pairs = await Promise.all(
  Array.from({ length: concurrentPairs }, () => newPair().then(({ pairId }) => pairId)),
);
await runDefaultPairs(engine, pairs);
const pairs50WallSeconds = (performance.now() - fiftyStart) / 1000;
const { getPair } = await import("#core/pair/store");
const closed = (await Promise.all(pairs.map((id) => getPair(id)))).filter(
  (pair) => pair?.status === "closed",
).length;
/** `scale.confirm`: 2,000 pairs confirmed at once, started on the same service (scale-confirm.ts). */
const { benchConfirm } = await import("./scale-confirm");
const confirm = await benchConfirm(quick ? 500 : 2_000);
await stepFunctions.stop();
await sender.stop();
await services.stop();

const pair = {
  stateTransitions: stats.stateTransitions,
  lambdaInvocations: stats.taskCalls,
  dynamodbWrites: afterPair.dynamodbWrites - before.dynamodbWrites,
  dynamodbReads: afterPair.dynamodbReads - before.dynamodbReads,
  emails: pairEmails,
  executions: Object.keys(stats.executions).length,
  lambdaGbSeconds: ((afterPair.handlerMs - before.handlerMs) / 1000) * lambdaMemoryGb,
  wallSeconds,
  awsCostUsd: 0,
};
const pairs50 = { pairs: concurrentPairs, closed, wallSeconds: pairs50WallSeconds };
pair.awsCostUsd =
  pair.stateTransitions * prices.stepFunctionsPerTransition +
  pair.lambdaInvocations * prices.lambdaPerRequest +
  pair.lambdaGbSeconds * prices.lambdaPerGbSecond +
  pair.dynamodbWrites * prices.dynamodbPerWriteUnit +
  pair.dynamodbReads * prices.dynamodbPerReadUnit +
  pair.emails * prices.sesPerEmail;

let matching: Record<string, unknown> | undefined;
const { benchColdStart } = await import("./cold-start");
let scale: Record<string, unknown> & { matching: Record<string, unknown>[] } = {
  matching: [],
  confirm,
  coldStart: await benchColdStart(),
};
if (existsSync(new URL("./matching.ts", import.meta.url))) {
  const { benchMatching, benchMatchingScale } = await import("./matching");
  matching = { ...(await benchMatching()) };
  scale = { ...scale, matching: benchMatchingScale({ quick }) };
}

/**
 * Scripted outages, each in a process of its own (the app's clients there take a proxy's
 * endpoint): `faults.dynamodb` from faults-dynamodb.ts, `faults.ses` from faults-ses.ts.
 */
const faults: Record<string, Record<string, number>> = {};
/** A benchmark script run in a Node process of its own, printing JSON (the outages, the lists). */
const runFaultScript = (file: string) =>
  JSON.parse(
    execFileSync(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL(file, import.meta.url))],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      },
    ),
  );
/** `scale.lists` and `scale.figures`: the team's pages over 20,000 records (scale-lists.ts). */
const lists = runFaultScript("./scale-lists.ts");
scale = { ...scale, lists: lists.lists, figures: lists.figures, pages: lists.pages };
faults.dynamodb = runFaultScript("./faults-dynamodb.ts");
faults.ses = runFaultScript("./faults-ses.ts");

if (json) {
  console.log(JSON.stringify({ pair, pairs50, matching, scale, faults, prices }));
} else {
  const rows: [string, string][] = [
    ["pair.stateTransitions", String(pair.stateTransitions)],
    ["pair.lambdaInvocations", String(pair.lambdaInvocations)],
    ["pair.dynamodbWrites", String(pair.dynamodbWrites)],
    ["pair.dynamodbReads", String(pair.dynamodbReads)],
    ["pair.emails", String(pair.emails)],
    ["pair.executions", String(pair.executions)],
    ["pair.awsCostUsd", pair.awsCostUsd.toFixed(5)],
    ["pair.wallSeconds", pair.wallSeconds.toFixed(2)],
    ["pairs50.wallSeconds", pairs50.wallSeconds.toFixed(2)],
    ["pairs50.closed", `${pairs50.closed}/${pairs50.pairs}`],
    ...Object.entries(matching ?? {}).map(
      ([key, value]) => [`matching.${key}`, String(value)] as [string, string],
    ),
    ...Object.entries(confirm).map(
      ([key, value]) => [`scale.confirm.${key}`, String(value)] as [string, string],
    ),
    ...Object.entries(scale.coldStart as Record<string, Record<string, number> | number>).map(
      ([key, value]) =>
        [
          `scale.coldStart.${key}`,
          typeof value === "number" ? String(value) : JSON.stringify(value),
        ] as [string, string],
    ),
    ...(["lists", "figures", "pages"] as const).map(
      (key) => [`scale.${key}`, JSON.stringify(scale[key])] as [string, string],
    ),
    ...(scale?.matching ?? []).map(
      (row) =>
        [
          `scale.matching ${row.mentees}×${row.mentors}`,
          `${Number(row.seconds).toFixed(2)} s (${Number(row.cpuSeconds).toFixed(2)} s CPU), ` +
            `${row.peakMiB} MiB, optimal ${row.optimal}`,
        ] as [string, string],
    ),
    ...Object.entries(faults).flatMap(([service, figures]) =>
      Object.entries(figures).map(
        ([key, value]) => [`faults.${service}.${key}`, String(value)] as [string, string],
      ),
    ),
  ];
  console.log(
    "One full default pair (3 sessions), then 50 at once, local Step Functions service; prices eu-west-3",
  );
  for (const [name, value] of rows) console.log(`${name.padEnd(34)} ${value}`);
}
process.exit(0);
