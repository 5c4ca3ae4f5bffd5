import { Hono } from "hono";
import * as mentor from "#core/mentor";
import * as questionnaire from "#core/questionnaire";
import { describe, invalidBody, jsonBody, object, publicFormsTag } from "../openapi";

const outcomeStatus = (status: "created" | "updated") => (status === "created" ? 201 : 200);

const submissionOutcome = (status: "created" | "updated") =>
  object({ id: { type: "string" }, status: { const: status } });

const outcomes = (created: string, updated: string) => ({
  201: {
    description: created,
    content: { "application/json": { schema: submissionOutcome("created") } },
  },
  200: {
    description: updated,
    content: { "application/json": { schema: submissionOutcome("updated") } },
  },
  ...invalidBody(),
});

export const submissions = new Hono()
  .post(
    "/questionnaires",
    describe(
      "Envoyer un questionnaire de besoins",
      outcomes(
        "Créé (ou renvoi identique : même réponse)",
        "Réponses modifiées : le dossier existant est mis à jour",
      ),
      [publicFormsTag],
    ),
    jsonBody(questionnaire.QuestionnaireSchema),
    async (c) => {
      const outcome = await questionnaire.submit(c.req.valid("json"));
      return c.json({ id: outcome.id, status: outcome.status }, outcomeStatus(outcome.status));
    },
  )
  .post(
    "/mentor-applications",
    describe(
      "Envoyer une candidature de mentor",
      outcomes(
        "Créée (ou renvoi identique : même réponse)",
        "Réponses modifiées : la candidature existante est mise à jour",
      ),
      [publicFormsTag],
    ),
    jsonBody(mentor.MentorApplicationSchema),
    async (c) => {
      const outcome = await mentor.apply(c.req.valid("json"));
      return c.json({ id: outcome.id, status: outcome.status }, outcomeStatus(outcome.status));
    },
  );
