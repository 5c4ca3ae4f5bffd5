import { Hono } from "hono";
import { questionnairePage } from "#core/admin/list-pages";
import { getQuestionnaire } from "#core/questionnaire";
import { describeForTeam, notFound as notFoundDoc, ok } from "../../../openapi";
import { listQuery, notFound, pagedAnswer, pagedList } from "./shared";

/** The mentees' needs questionnaires: /api/admin/questionnaires. */
export const questionnairesApi = new Hono()
  .get(
    "/",
    describeForTeam(
      "Lister les questionnaires d'une vague, avec leur statut (page par page ; `q` : rechercher un nom ou une adresse)",
      pagedList("Les questionnaires", "questionnaires"),
    ),
    listQuery,
    (c) =>
      pagedAnswer(c, c.req.valid("query"), questionnairePage, (rows) => ({
        questionnaires: rows.map((row) => ({
          ...row.questionnaire,
          status: row.status,
          pairId: row.pair?.id,
        })),
      })),
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
