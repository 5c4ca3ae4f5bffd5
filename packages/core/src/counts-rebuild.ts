import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { documents } from "./clients/dynamodb";
import { clock } from "./clock";
import { type Counts, countAll, sumCounts } from "./counts";
import { countPrefix, countShards, readCounts } from "./counts-store";
import { env } from "./env";
import { keys } from "./keys";
import { listPairs } from "./pair/store";
import { listQuestionnaires } from "./questionnaire";

/**
 * The rebuild of a cohort's counts from its records (`npm run counts:rebuild`), for records
 * written before the counts were maintained, or after a drift.
 */

/** A cohort's counts recomputed from every one of its records (slow: what the counts spare). */
export async function recountCohort(cohortId: string): Promise<Counts> {
  const [questionnaires, pairs] = await Promise.all([
    listQuestionnaires(cohortId),
    listPairs({ cohortId }),
  ]);
  return countAll({ questionnaires: questionnaires.length, pairs });
}

export type RebuildResult = {
  cohortId: string;
  /** Count by count, what the maintained counts had wrong (recomputed less maintained). */
  drift: Counts;
  counts: Counts;
};

/**
 * Recomputes a cohort's counts from its records and stores them in place of the maintained ones:
 * for records written before counts were maintained, or after a drift. The shards are replaced in
 * one transaction; a change counted while the records are read may be missed, so it is run when
 * the cohort is quiet (a second run then finds no drift).
 */
export async function rebuildCounts(cohortId: string): Promise<RebuildResult> {
  const [maintained, counts] = await Promise.all([readCounts(cohortId), recountCohort(cohortId)]);
  const drift = sumCounts([
    counts,
    Object.fromEntries(Object.entries(maintained).map(([name, value]) => [name, -value])),
  ]);
  const item: Record<string, unknown> = {
    ...keys.cohortCounts(cohortId, 0),
    kind: "cohort-counts",
    cohortId,
    rebuiltAt: clock.now().toISOString(),
  };
  for (const [name, value] of Object.entries(counts)) item[`${countPrefix}${name}`] = value;
  await documents.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: env.tableName, Item: item } },
        ...Array.from({ length: countShards - 1 }, (_, index) => ({
          Delete: { TableName: env.tableName, Key: keys.cohortCounts(cohortId, index + 1) },
        })),
      ],
    }),
  );
  return { cohortId, drift, counts };
}
