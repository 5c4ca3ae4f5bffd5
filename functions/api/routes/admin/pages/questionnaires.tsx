import { Hono } from "hono";
import { questionnaireRows } from "#core/admin/follow-up";
import { loadCohortRecords } from "#core/admin/pairs";
import * as cohort from "#core/cohort";
import { QuestionnairesPage } from "#web/pages/admin/lists";
import type { LangEnv } from "../../../lang";
import { filtersOf } from "./shared";

/** The mentees' needs questionnaires of a cohort, with where each one stands. */
export const questionnairePages = new Hono<LangEnv>().get("/", async (c) => {
  const filters = filtersOf(c);
  const [cohorts, records] = await Promise.all([
    cohort.listCohorts(),
    loadCohortRecords(filters.cohortId),
  ]);
  const rows = questionnaireRows(records.questionnaires, records.pairs, filters);
  return c.html(
    <QuestionnairesPage cohorts={cohorts} filters={filters} rows={rows} lang={c.var.lang} />,
  );
});
