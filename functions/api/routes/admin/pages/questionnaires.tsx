import { Hono } from "hono";
import { InvalidCursor, questionnairePage } from "#core/admin/list-pages";
import * as cohort from "#core/cohort";
import { QuestionnairesPage } from "#web/pages/admin/lists";
import type { LangEnv } from "../../../lang";
import { invalidCursorPage, pageRequestOf } from "./shared";

/** The mentees' needs questionnaires of a cohort, a page at a time, with where each one stands. */
export const questionnairePages = new Hono<LangEnv>().get("/", async (c) => {
  const request = pageRequestOf(c);
  try {
    const [cohorts, page] = await Promise.all([cohort.listCohorts(), questionnairePage(request)]);
    return c.html(
      <QuestionnairesPage cohorts={cohorts} filters={request} page={page} lang={c.var.lang} />,
    );
  } catch (error) {
    if (error instanceof InvalidCursor) {
      return invalidCursorPage(c, `/admin/questionnaires?vague=${request.cohortId}`);
    }
    throw error;
  }
});
