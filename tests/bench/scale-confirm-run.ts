/**
 * `scale.confirm` alone: `npx tsx tests/bench/scale-confirm-run.ts [pairs]` starts DynamoDB Local,
 * the SES local server, the outbox's sender and the local Step Functions service as `npm run
 * bench` does, runs `benchConfirm` (scale-confirm.ts) and prints its figures as JSON.
 */
export {};

const pairs = Number(process.argv[2] ?? 2_000);

const { startLocalServices, ensureTable, pointSdkAt } = await import(
  "../../functions/local/services"
);
const services = await startLocalServices();
process.env.BINOME_LOCAL = "1";
process.env.TABLE_NAME = `binome-bench-confirm-${Date.now()}`;
pointSdkAt(services);
process.env.SENDER_ADDRESS ??= "mentorat-inverse@example.gouv.fr";
process.env.APP_URL ??= "http://localhost:3000";
process.env.AWS_REGION ??= "eu-west-3";
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
await ensureTable(services.dynamodbEndpoint, process.env.TABLE_NAME);
const { startOutboxSender } = await import("../../functions/local/outbox");
const sender = startOutboxSender({
  endpoint: services.dynamodbEndpoint,
  tableName: process.env.TABLE_NAME,
});
const { startLocalStepFunctions } = await import("../../functions/local/engine");
const stepFunctions = await startLocalStepFunctions();
try {
  const { benchConfirm } = await import("./scale-confirm");
  console.log(JSON.stringify(await benchConfirm(pairs)));
} finally {
  await stepFunctions.stop();
  await sender.stop();
  await services.stop();
}
process.exit(0);
