import type { Context } from "hono";
import { Hono } from "hono";
import * as confirmation from "#core/matching/confirm";
import * as pairing from "#core/matching/proposal";
import { problem } from "../../../problem";
import { jsonBody } from "../../submissions";
import { ConfirmSchema, ForceSchema, RemoveSchema, SwapSchema } from "../schemas";
import { notFound } from "./shared";

/** A cohort's matching proposal — propose, review, edit, confirm: /api/admin/cohorts/:id/proposal. */

const editResult = (c: Context, outcome: Awaited<ReturnType<typeof pairing.editProposal>>) => {
  if (outcome.ok) return c.json(outcome.proposal);
  return problem(c, "notFound" in outcome ? 404 : 409, outcome.message);
};

export const matchingApi = new Hono()
  .get("/:id/proposal", async (c) => {
    const proposal = await pairing.getProposal(c.req.param("id"));
    return proposal ? c.json(proposal) : notFound(c, "La proposition de cette vague");
  })
  .post("/:id/proposal", async (c) => {
    const outcome = await pairing.propose(c.req.param("id"));
    return outcome.ok ? c.json(outcome.proposal, 201) : problem(c, 409, outcome.message);
  })
  .post("/:id/proposal/swap", jsonBody(SwapSchema), async (c) => {
    const { menteeIds, version } = c.req.valid("json");
    return editResult(
      c,
      await pairing.editProposal(c.req.param("id"), { action: "swap", menteeIds }, version),
    );
  })
  .post("/:id/proposal/remove", jsonBody(RemoveSchema), async (c) => {
    const { menteeId, version } = c.req.valid("json");
    return editResult(
      c,
      await pairing.editProposal(c.req.param("id"), { action: "remove", menteeId }, version),
    );
  })
  .post("/:id/proposal/force", jsonBody(ForceSchema), async (c) => {
    const { menteeId, mentorId, version } = c.req.valid("json");
    return editResult(
      c,
      await pairing.editProposal(
        c.req.param("id"),
        { action: "force", menteeId, mentorId },
        version,
      ),
    );
  })
  .post("/:id/proposal/confirm", jsonBody(ConfirmSchema), async (c) => {
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
  })
  .get("/:id/proposal/starts", async (c) => {
    const starts = await confirmation.getPairStarts(c.req.param("id"));
    return starts ? c.json(starts) : notFound(c, "Le lancement des binômes de cette vague");
  });
