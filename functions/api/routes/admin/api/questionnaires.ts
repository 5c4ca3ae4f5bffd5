import { Hono } from "hono";
import { questionnaireRows } from "#core/admin/follow-up";
import { getQuestionnaire } from "#core/questionnaire";
import { cohortRecordsOf, listQuery, notFound } from "./shared";

/** The mentees' needs questionnaires: /api/admin/questionnaires. */
export const questionnairesApi = new Hono()
  .get("/", listQuery, async (c) => {
    const { filter, records } = await cohortRecordsOf(c.req.valid("query"));
    return c.json({
      cohortId: filter.cohortId,
      questionnaires: questionnaireRows(records.questionnaires, records.pairs, filter).map(
        (row) => ({ ...row.questionnaire, status: row.status, pairId: row.pair?.id }),
      ),
    });
  })
  .get("/:id", async (c) => {
    const questionnaire = await getQuestionnaire(c.req.param("id"));
    return questionnaire ? c.json(questionnaire) : notFound(c, "Ce questionnaire");
  });
