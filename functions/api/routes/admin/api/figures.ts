import { Hono } from "hono";
import { filterPairs, toFilter } from "#core/admin/follow-up";
import { getCohortOrDefaults } from "#core/cohort";
import { cohortFigures } from "#core/counts-store";
import { feedbackCsv, feedbackEntriesCsv, pairsCsv } from "#core/export";
import { loadCohortFeedback } from "#core/feedback";
import { csvFile, describeForTeam, invalidQuery, ok } from "../../../openapi";
import { cohortRecordsOf, csv, listQuery } from "./shared";

/** A cohort's figures and its CSV exports: /api/admin/figures, /api/admin/exports/…. */
export const figuresApi = new Hono()
  .get(
    "/figures",
    describeForTeam("Obtenir les chiffres d'une vague", { ...ok("Les chiffres"), ...invalidQuery }),
    listQuery,
    async (c) => {
      // The cohort's maintained counts, not its records: one query whatever its size.
      const { cohortId } = toFilter(c.req.valid("query"));
      return c.json({ cohortId, ...(await cohortFigures(cohortId)) });
    },
  )
  .get(
    "/exports/pairs.csv",
    describeForTeam("Exporter les binômes en CSV", {
      ...csvFile("Les binômes (CSV, UTF-8)"),
      ...invalidQuery,
    }),
    listQuery,
    async (c) => {
      const { filter, records } = await cohortRecordsOf(c.req.valid("query"));
      const body = pairsCsv(filterPairs(records.pairs, filter), {
        questionnaires: new Map(records.questionnaires.map((record) => [record.id, record])),
        mentors: new Map(records.mentors.map((record) => [record.id, record])),
        cohortNames: await cohortNamesOf(filter.cohortId),
      });
      return csv(c, body, `binomes-${filter.cohortId}.csv`);
    },
  )
  .get(
    "/exports/feedback.csv",
    describeForTeam("Exporter les retours anonymes en CSV", {
      ...csvFile("Les retours anonymes des séances (CSV, UTF-8)"),
      ...invalidQuery,
    }),
    listQuery,
    async (c) => {
      const { filter, records } = await cohortRecordsOf(c.req.valid("query"));
      const body = feedbackCsv(records.pairs, await cohortNamesOf(filter.cohortId));
      return csv(c, body, `retours-anonymes-${filter.cohortId}.csv`);
    },
  )
  .get(
    "/exports/comments.csv",
    describeForTeam(
      "Exporter chaque note et chaque commentaire des deux rôles, à chaque étape (CSV)",
      { ...csvFile("Les retours et commentaires (CSV, UTF-8)"), ...invalidQuery },
    ),
    listQuery,
    async (c) => {
      const { cohortId } = toFilter(c.req.valid("query"));
      return csv(
        c,
        feedbackEntriesCsv(await loadCohortFeedback(cohortId)),
        `retours-commentaires-${cohortId}.csv`,
      );
    },
  );

/** The exports' « Vague » column names the cohort as the team calls it, never by its id. */
async function cohortNamesOf(cohortId: string): Promise<ReadonlyMap<string, string>> {
  const cohort = await getCohortOrDefaults(cohortId);
  return new Map([[cohort.id, cohort.name]]);
}
