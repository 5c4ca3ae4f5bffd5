import { Hono } from "hono";
import * as cohort from "#core/cohort";
import { cohortFigures } from "#core/counts-store";
import { FiguresPage } from "#web/pages/admin/figures";
import type { LangEnv } from "../../../lang";
import { filtersOf } from "./shared";

/** A cohort's figures ("chiffres"). */
export const figurePages = new Hono<LangEnv>().get("/", async (c) => {
  const filters = filtersOf(c);
  const [cohorts, figures] = await Promise.all([
    cohort.listCohorts(),
    cohortFigures(filters.cohortId),
  ]);
  return c.html(
    <FiguresPage
      cohorts={cohorts}
      cohortId={filters.cohortId}
      figures={figures}
      lang={c.var.lang}
    />,
  );
});
