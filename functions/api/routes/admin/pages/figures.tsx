import { Hono } from "hono";
import { loadCohortRecords } from "#core/admin/pairs";
import * as cohort from "#core/cohort";
import { computeFigures } from "#core/figures";
import { FiguresPage } from "#web/pages/admin/figures";
import type { LangEnv } from "../../../lang";
import { filtersOf } from "./shared";

/** A cohort's figures ("chiffres"). */
export const figurePages = new Hono<LangEnv>().get("/", async (c) => {
  const filters = filtersOf(c);
  const [cohorts, records] = await Promise.all([
    cohort.listCohorts(),
    loadCohortRecords(filters.cohortId),
  ]);
  const figures = computeFigures({
    questionnaires: records.questionnaires.length,
    pairs: records.pairs,
  });
  return c.html(
    <FiguresPage
      cohorts={cohorts}
      cohortId={filters.cohortId}
      figures={figures}
      lang={c.var.lang}
    />,
  );
});
