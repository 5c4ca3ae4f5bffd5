import { Hono } from "hono";
import * as cohort from "#core/cohort";
import { problem } from "../../../problem";
import { jsonBody } from "../../submissions";
import { ExclusionSchema } from "../schemas";

/** Cohorts ("vagues") and their settings and exclusions: /api/admin/cohorts. */
export const cohortsApi = new Hono()
  .get("/", async (c) => c.json({ cohorts: await cohort.listCohorts() }))
  .post("/", jsonBody(cohort.NewCohortSchema), async (c) => {
    const outcome = await cohort.createCohort(c.req.valid("json"));
    if (outcome.status === "exists")
      return problem(c, 409, "Une vague porte déjà cet identifiant.");
    return c.json(outcome.cohort, 201);
  })
  .get("/:id", async (c) => c.json(await cohort.getCohortOrDefaults(c.req.param("id"))))
  .put("/:id/settings", jsonBody(cohort.CohortSettingsSchema), async (c) =>
    c.json(await cohort.updateSettings(c.req.param("id"), c.req.valid("json"))),
  )
  .post("/:id/exclusions", jsonBody(ExclusionSchema), async (c) => {
    const { menteeId, mentorId } = c.req.valid("json");
    return c.json(await cohort.excludePair(c.req.param("id"), menteeId, mentorId));
  })
  .delete("/:id/exclusions/:menteeId/:mentorId", async (c) => {
    const { id, menteeId, mentorId } = c.req.param();
    return c.json(await cohort.allowPair(id, menteeId, mentorId));
  });
