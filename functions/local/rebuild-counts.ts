import { localCredentials } from "#core/clients/local";

/**
 * `npm run counts:rebuild -- <cohort id>…`: recomputes the figures' counts of each cohort named
 * from its records and stores them in place of the maintained ones (records written before the
 * counts were maintained, or a drift), then prints the drift it corrected as JSON. Locally it uses
 * `npm start`'s table; on AWS, run it once from a machine with the account's credentials and
 * `TABLE_NAME` (and no `AWS_ENDPOINT_URL_DYNAMODB`) set to the stage's table.
 */
const cohortIds = process.argv.slice(2).filter((argument) => !argument.startsWith("-"));
if (!cohortIds.length) {
  console.error("Indiquez la ou les vagues : npm run counts:rebuild -- <identifiant de vague>");
  process.exit(2);
}
if (!process.env.TABLE_NAME) {
  // Local by default, as `npm run outbox`.
  process.env.AWS_ENDPOINT_URL_DYNAMODB ??= `http://127.0.0.1:${process.env.DYNAMODB_LOCAL_PORT ?? 8000}`;
  process.env.AWS_ACCESS_KEY_ID ??= localCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= localCredentials.secretAccessKey;
  process.env.TABLE_NAME = "binome-local";
}
process.env.AWS_REGION ??= "eu-west-3";
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";

const { rebuildCounts } = await import("#core/counts-rebuild");
for (const cohortId of cohortIds) {
  const started = performance.now();
  const { drift, counts } = await rebuildCounts(cohortId);
  console.log(
    JSON.stringify({
      cohortId,
      pairs: counts.pairs ?? 0,
      questionnaires: counts.questionnaires ?? 0,
      drift,
      seconds: Math.round(performance.now() - started) / 1000,
    }),
  );
}
