import { Hono } from "hono";
import * as cohort from "#core/cohort";
import {
  type FeedbackFilter,
  type FeedbackStep,
  feedbackSteps,
  filterFeedback,
  loadCohortFeedback,
} from "#core/feedback";
import { FeedbackPage } from "#web/pages/admin/feedback";
import type { LangEnv } from "../../../lang";
import { filtersOf } from "./shared";

/** Query values read in French (`?role=cadre&etape=closure`); an unknown value is ignored. */
const roleOf = (value: string | undefined): FeedbackFilter["role"] =>
  value === "cadre" ? "mentee" : value === "mentor" ? "mentor" : undefined;
const stepOf = (value: string | undefined): FeedbackStep | undefined =>
  (feedbackSteps as readonly string[]).includes(value ?? "") ? (value as FeedbackStep) : undefined;

/** A cohort's feedback ("retours"): every rating and comment, filtered by role and step. */
export const feedbackPages = new Hono<LangEnv>().get("/", async (c) => {
  const { cohortId } = filtersOf(c);
  const filter: FeedbackFilter = {
    role: roleOf(c.req.query("role")),
    step: stepOf(c.req.query("etape")),
  };
  const [cohorts, entries] = await Promise.all([
    cohort.listCohorts(),
    loadCohortFeedback(cohortId),
  ]);
  return c.html(
    <FeedbackPage
      lang={c.var.lang}
      cohorts={
        cohorts.some((known) => known.id === cohortId)
          ? cohorts
          : [...cohorts, { id: cohortId, name: cohortId } as cohort.Cohort]
      }
      cohortId={cohortId}
      filter={filter}
      entries={filterFeedback(entries, filter)}
    />,
  );
});
