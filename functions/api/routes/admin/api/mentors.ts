import { Hono } from "hono";
import { mentorPage } from "#core/admin/list-pages";
import { getMentor } from "#core/mentor";
import * as selection from "#core/selection";
import {
  describeForTeam,
  invalidBody,
  jsonBody,
  notFound as notFoundDoc,
  ok,
} from "../../../openapi";
import { listQuery, notFound, pagedAnswer, pagedList } from "./shared";

/** Mentors and their selection interview: /api/admin/mentors. */

const noSuchMentor = notFoundDoc("Ce mentor n'existe pas");

export const mentorsApi = new Hono()
  .get(
    "/",
    describeForTeam(
      "Lister les mentors d'une vague, avec leurs binômes et places prises (page par page ; `q` : rechercher un nom ou une adresse)",
      pagedList("Les mentors", "mentors"),
    ),
    listQuery,
    (c) =>
      pagedAnswer(c, c.req.valid("query"), mentorPage, (rows) => ({
        mentors: rows.map((row) => ({
          ...row.mentor,
          pairIds: row.pairs.map((pair) => pair.id),
          placesTaken: row.placesTaken,
          needsAttention: row.needsAttention,
        })),
      })),
  )
  .get(
    "/:id",
    describeForTeam("Consulter une candidature de mentor", { ...ok("Le mentor"), ...noSuchMentor }),
    async (c) => {
      const mentor = await getMentor(c.req.param("id"));
      return mentor ? c.json(mentor) : notFound(c, "Ce mentor");
    },
  )
  .put(
    "/:id/interview",
    describeForTeam("Enregistrer l'entretien de sélection d'un mentor et sa décision", {
      ...ok("Le mentor, avec l'entretien et l'e-mail de décision"),
      ...noSuchMentor,
      ...invalidBody(),
    }),
    jsonBody(selection.InterviewSchema),
    async (c) => {
      const outcome = await selection.recordInterview(c.req.param("id"), c.req.valid("json"));
      if (outcome.status === "not-found") return notFound(c, "Ce mentor");
      return c.json({ ...outcome.mentor, email: outcome.email });
    },
  );
