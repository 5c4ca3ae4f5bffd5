import type { Context } from "hono";
import { Hono } from "hono";
import * as confirmation from "#core/matching/confirm";
import * as matchingJob from "#core/matching/job";
import * as pairing from "#core/matching/proposal";
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
import { ConfirmSchema, ForceSchema, RemoveSchema, SwapSchema } from "../schemas";
import { notFound } from "./shared";

/** A cohort's matching proposal — propose, review, edit, confirm: /api/admin/cohorts/:id/proposal. */

const editResult = (c: Context, outcome: Awaited<ReturnType<typeof pairing.editProposal>>) => {
  if (outcome.ok) return c.json(outcome.proposal);
  return problem(c, "notFound" in outcome ? 404 : 409, outcome.message);
};

const noProposal = notFoundDoc("Aucune proposition pour cette vague");
const staleProposal = conflict(
  "La proposition a changé entre-temps (version dépassée) ou ne permet pas cette modification",
);
const edited = (summary: string) =>
  describeForTeam(summary, {
    ...ok("La proposition modifiée"),
    ...noProposal,
    ...staleProposal,
    ...invalidBody(),
  });

export const matchingApi = new Hono()
  .get(
    "/:id/proposal",
    describeForTeam("Consulter la proposition d'appariement d'une vague", {
      ...ok("La proposition"),
      ...noProposal,
    }),
    async (c) => {
      const proposal = await pairing.getProposal(c.req.param("id"));
      return proposal ? c.json(proposal) : notFound(c, "La proposition de cette vague");
    },
  )
  .post(
    "/:id/proposal",
    describeForTeam("Lancer l'appariement (en arrière-plan) ; la proposition suivra", {
      ...ok("L'appariement est lancé ; son état se suit sur /proposal/job", undefined, 202),
      ...conflict("Un appariement est déjà en cours pour cette vague"),
    }),
    async (c) => {
      // The matching runs as a job: its state at /proposal/job, then the proposal at /proposal.
      const outcome = await matchingJob.startMatching(c.req.param("id"));
      return outcome.ok ? c.json(outcome.job, 202) : problem(c, 409, outcome.message);
    },
  )
  .get(
    "/:id/proposal/job",
    describeForTeam("Suivre l'appariement en cours d'une vague", {
      ...ok("L'état de l'appariement : en cours, terminé ou en échec"),
      ...notFoundDoc("Aucun appariement lancé pour cette vague"),
    }),
    async (c) => {
      const job = await matchingJob.getMatchingJob(c.req.param("id"));
      return job ? c.json(job) : notFound(c, "L'appariement de cette vague");
    },
  )
  .post(
    "/:id/proposal/swap",
    edited("Échanger les mentors de deux cadres dans la proposition"),
    jsonBody(SwapSchema),
    async (c) => {
      const { menteeIds, version } = c.req.valid("json");
      return editResult(
        c,
        await pairing.editProposal(c.req.param("id"), { action: "swap", menteeIds }, version),
      );
    },
  )
  .post(
    "/:id/proposal/remove",
    edited("Retirer un cadre de la proposition"),
    jsonBody(RemoveSchema),
    async (c) => {
      const { menteeId, version } = c.req.valid("json");
      return editResult(
        c,
        await pairing.editProposal(c.req.param("id"), { action: "remove", menteeId }, version),
      );
    },
  )
  .post(
    "/:id/proposal/force",
    edited("Imposer un mentor à un cadre dans la proposition"),
    jsonBody(ForceSchema),
    async (c) => {
      const { menteeId, mentorId, version } = c.req.valid("json");
      return editResult(
        c,
        await pairing.editProposal(
          c.req.param("id"),
          { action: "force", menteeId, mentorId },
          version,
        ),
      );
    },
  )
  .post(
    "/:id/proposal/confirm",
    describeForTeam("Confirmer la proposition ; les binômes démarrent en arrière-plan", {
      ...ok(
        "Proposition confirmée ; le lancement des binômes se suit sur /starts",
        object({
          status: { type: "string" },
          pairs: { type: "array", items: { type: "object" } },
        }),
      ),
      ...noProposal,
      ...staleProposal,
      ...invalidBody(),
    }),
    jsonBody(ConfirmSchema),
    async (c) => {
      const cohortId = c.req.param("id");
      const outcome = await confirmation.confirmProposal(cohortId, c.req.valid("json").version);
      if (!outcome.ok) return problem(c, outcome.notFound ? 404 : 409, outcome.message);
      // The pairs start in the background: their ids are known now, their progress at /starts.
      return c.json({
        status: outcome.proposal.status,
        pairs: outcome.proposal.pairs.map((pair) => ({
          pairId: pairing.pairIdFor(cohortId, pair.menteeId),
          menteeId: pair.menteeId,
          mentorId: pair.mentorId,
        })),
      });
    },
  )
  .get(
    "/:id/proposal/starts",
    describeForTeam("Suivre le lancement des binômes d'une proposition confirmée", {
      ...ok(
        "Binômes lancés, en échec, et si le lancement se poursuit",
        object({
          total: { type: "integer" },
          started: { type: "integer" },
          failedCount: { type: "integer" },
          failed: { type: "object" },
          running: { type: "boolean" },
        }),
      ),
      ...notFoundDoc("Aucun lancement pour cette vague"),
    }),
    async (c) => {
      const starts = await confirmation.getPairStarts(c.req.param("id"));
      return starts ? c.json(starts) : notFound(c, "Le lancement des binômes de cette vague");
    },
  );
