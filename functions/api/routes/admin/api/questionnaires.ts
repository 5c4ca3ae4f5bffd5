import { Hono } from "hono";
import { questionnaireRows } from "#core/admin/follow-up";
import { getQuestionnaire } from "#core/questionnaire";
import { describeForTeam, invalidQuery, notFound as notFoundDoc, ok } from "../../../openapi";
import { cohortRecordsOf, listOf, listQuery, notFound } from "./shared";

/** The mentees' needs questionnaires: /api/admin/questionnaires. */
export const questionnairesApi = new Hono()
  .get(
    "/",
    describeForTeam("Lister les questionnaires d'une vague, avec leur statut", {
      ...ok("Les questionnaires", listOf("questionnaires")),
      ...invalidQuery,
    }),
    listQuery,
    async (c) => {
      const { filter, records } = await cohortRecordsOf(c.req.valid("query"));
      return c.json({
        cohortId: filter.cohortId,
        questionnaires: questionnaireRows(records.questionnaires, records.pairs, filter).map(
          (row) => ({ ...row.questionnaire, status: row.status, pairId: row.pair?.id }),
        ),
      });
    },
  )
  .get(
    "/:id",
    describeForTeam("Consulter un questionnaire de besoins", {
      ...ok("Le questionnaire"),
      ...notFoundDoc("Ce questionnaire n'existe pas"),
    }),
    async (c) => {
      const questionnaire = await getQuestionnaire(c.req.param("id"));
      return questionnaire ? c.json(questionnaire) : notFound(c, "Ce questionnaire");
    },
  );
