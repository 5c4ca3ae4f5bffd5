import { Hono } from "hono";
import * as workshops from "#core/events/workshop";
import { mentorProblems } from "#web/admin-event-forms";
import {
  conflict,
  describeForTeam,
  invalidBody,
  jsonBody,
  notFound as notFoundDoc,
  object,
  ok,
} from "../../../openapi";
import { problem } from "../../../problem";
import { invalidFields, notFound } from "./shared";

/** Collective workshops: /api/admin/workshops (the same verbs as the /admin/ateliers pages). */

const noSuchWorkshop = notFoundDoc("Cet atelier n'existe pas");

const answer = (
  c: Parameters<typeof notFound>[0],
  outcome: { ok: true } | { ok: false; problem: string },
) => (outcome.ok ? undefined : problem(c, 409, outcome.problem));

export const workshopsApi = new Hono()
  .get(
    "/",
    describeForTeam("Lister les ateliers collectifs, les plus récents d'abord", {
      ...ok("Les ateliers", object({ workshops: { type: "array", items: { type: "object" } } })),
    }),
    async (c) => c.json({ workshops: await workshops.listWorkshops() }),
  )
  .get(
    "/:id",
    describeForTeam(
      "Consulter un atelier : la demande, ses mentors, ses participants, les avis et les binômes de mentors proposés",
      { ...ok("L'atelier"), ...noSuchWorkshop },
    ),
    async (c) => {
      const details = await workshops.workshopDetails(c.req.param("id"));
      if (!details) return notFound(c, "Cet atelier");
      const { proposals } =
        details.workshop.status === "requested"
          ? await workshops.proposalsFor(details.workshop.id)
          : { proposals: [] };
      const { registrationToken: _, ...workshop } = details.workshop;
      return c.json({
        ...details,
        workshop,
        proposals: proposals.map((proposal) => ({
          mentorIds: proposal.mentors.map((mentor) => mentor.id),
          names: proposal.mentors.map((mentor) => mentor.name),
          reasons: proposal.reasons,
        })),
      });
    },
  )
  .put(
    "/:id/mentors",
    describeForTeam("Confier l'atelier à deux mentors sélectionnés", {
      ...ok("L'atelier"),
      ...noSuchWorkshop,
      ...conflict(
        "L'atelier est déjà fixé, ou un mentor est dans la ligne hiérarchique du service",
      ),
      ...invalidBody("dont un mentor qui n'est pas sélectionné"),
    }),
    jsonBody(workshops.AssignMentorsSchema),
    async (c) => {
      const id = c.req.param("id");
      const outcome = await workshops.assignMentors(
        id,
        c.req.valid("json").mentorIds as [string, string],
      );
      if (!outcome.ok && outcome.problem === "Cet atelier n'existe pas.")
        return notFound(c, "Cet atelier");
      // Not a selected mentor: an invalid field, like any other.
      if (!outcome.ok && outcome.problem === mentorProblems[0]) {
        return invalidFields(c, { mentorIds: outcome.problem });
      }
      return answer(c, outcome) ?? c.json(await workshops.getWorkshop(id));
    },
  )
  .put(
    "/:id/schedule",
    describeForTeam(
      "Fixer la date et le lieu (la première fois, les invitations partent ; ensuite, l'atelier est déplacé et chacun est prévenu)",
      {
        ...ok("L'atelier"),
        ...noSuchWorkshop,
        ...conflict("Sans mentors, terminé ou annulé"),
        ...invalidBody(),
      },
    ),
    jsonBody(workshops.ScheduleSchema),
    async (c) => {
      const id = c.req.param("id");
      const outcome = await workshops.scheduleWorkshop(id, c.req.valid("json"));
      if (!outcome.ok && outcome.problem === "Cet atelier n'existe pas.")
        return notFound(c, "Cet atelier");
      return answer(c, outcome) ?? c.json(await workshops.getWorkshop(id));
    },
  )
  .post(
    "/:id/participants",
    describeForTeam(
      "Ajouter des participants (invités aussitôt si l'atelier est fixé ; deux fois n'en ajoute qu'un)",
      {
        ...ok("Combien ont été ajoutés"),
        ...noSuchWorkshop,
        ...conflict("Atelier terminé ou annulé"),
        ...invalidBody(),
      },
    ),
    jsonBody(workshops.ParticipantsBodySchema),
    async (c) => {
      const id = c.req.param("id");
      const outcome = await workshops.addParticipants(id, c.req.valid("json").participants);
      if ("ok" in outcome) {
        if (outcome.problem === "Cet atelier n'existe pas.") return notFound(c, "Cet atelier");
        return problem(c, 409, outcome.problem);
      }
      return c.json(outcome);
    },
  )
  .post(
    "/:id/cancel",
    describeForTeam("Annuler l'atelier : chacun reçoit l'annulation pour son agenda", {
      ...ok("L'atelier"),
      ...noSuchWorkshop,
      ...conflict("L'atelier a déjà eu lieu"),
    }),
    async (c) => {
      const id = c.req.param("id");
      const outcome = await workshops.cancelWorkshop(id);
      if (!outcome.ok && outcome.problem === "Cet atelier n'existe pas.")
        return notFound(c, "Cet atelier");
      return answer(c, outcome) ?? c.json(await workshops.getWorkshop(id));
    },
  );
