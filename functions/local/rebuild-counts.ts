import { targetTable } from "./table-target";

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
targetTable();

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
