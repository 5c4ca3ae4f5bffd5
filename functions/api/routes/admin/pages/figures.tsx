import { Hono } from "hono";
import * as v from "valibot";
import * as cohort from "#core/cohort";
import { cohortFigures } from "#core/counts-store";
import { loadEventFigures, PeriodSchema } from "#core/event-figures";
import { FiguresPage } from "#web/pages/admin/figures";
import type { LangEnv } from "../../../lang";
import { filtersOf } from "./shared";

/** A cohort's figures ("chiffres"). */
export const figurePages = new Hono<LangEnv>().get("/", async (c) => {
  const filters = filtersOf(c);
  // A malformed date is left out: the period is then open on that side.
  const period = {
    from: dateOrNone(c.req.query("du")),
    to: dateOrNone(c.req.query("au")),
  };
  const [cohorts, figures, events] = await Promise.all([
    cohort.listCohorts(),
    cohortFigures(filters.cohortId),
    loadEventFigures(period),
  ]);
  return c.html(
    <FiguresPage
      cohorts={cohorts}
      cohortId={filters.cohortId}
      figures={figures}
      events={events}
      period={period}
      lang={c.var.lang}
    />,
  );
});

const dateOrNone = (value: string | undefined) =>
  value && v.is(PeriodSchema.entries.from, value) ? value : undefined;
