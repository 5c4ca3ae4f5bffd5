import { Hono } from "hono";
import * as cohort from "#core/cohort";
import { conflict, describeForTeam, invalidBody, jsonBody, object, ok } from "../../../openapi";
import { problem } from "../../../problem";
import { ExclusionSchema } from "../schemas";

/** Cohorts ("vagues") and their settings and exclusions: /api/admin/cohorts. */
export const cohortsApi = new Hono()
  .get(
    "/",
    describeForTeam(
      "Lister les vagues",
      ok("Les vagues", object({ cohorts: { type: "array", items: { type: "object" } } })),
    ),
    async (c) => c.json({ cohorts: await cohort.listCohorts() }),
  )
  .post(
    "/",
    describeForTeam("Créer une vague", {
      ...ok("La vague créée", undefined, 201),
      ...conflict("Une vague porte déjà cet identifiant"),
      ...invalidBody(),
    }),
    jsonBody(cohort.NewCohortSchema),
    async (c) => {
      const outcome = await cohort.createCohort(c.req.valid("json"));
      if (outcome.status === "exists")
        return problem(c, 409, "Une vague porte déjà cet identifiant.");
      return c.json(outcome.cohort, 201);
    },
  )
  .get(
    "/:id",
    describeForTeam(
      "Consulter une vague et ses réglages (réglages par défaut si elle n'existe pas encore)",
      ok("La vague"),
    ),
    async (c) => c.json(await cohort.getCohortOrDefaults(c.req.param("id"))),
  )
  .put(
    "/:id/settings",
    describeForTeam("Modifier les réglages d'une vague", {
      ...ok("La vague mise à jour"),
      ...invalidBody(),
    }),
    jsonBody(cohort.CohortSettingsSchema),
    async (c) => c.json(await cohort.updateSettings(c.req.param("id"), c.req.valid("json"))),
  )
  .post(
    "/:id/exclusions",
    describeForTeam("Exclure un binôme (cadre, mentor) de l'appariement", {
      ...ok("La vague mise à jour"),
      ...invalidBody(),
    }),
    jsonBody(ExclusionSchema),
    async (c) => {
      const { menteeId, mentorId } = c.req.valid("json");
      return c.json(await cohort.excludePair(c.req.param("id"), menteeId, mentorId));
    },
  )
  .delete(
    "/:id/exclusions/:menteeId/:mentorId",
    describeForTeam("Autoriser de nouveau un binôme exclu", ok("La vague mise à jour")),
    async (c) => {
      const { id, menteeId, mentorId } = c.req.param();
      return c.json(await cohort.allowPair(id, menteeId, mentorId));
    },
  );
