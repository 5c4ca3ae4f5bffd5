import type { Context } from "hono";
import { Hono } from "hono";
import { filterPairs } from "#core/admin/follow-up";
import { actOnPair, loadPairDetails, type PairAction } from "#core/admin/pairs";
import { problem } from "../../../problem";
import { jsonBody } from "../../submissions";
import { CancelSchema, ReassignSchema } from "../schemas";
import { cohortRecordsOf, listQuery, notFound } from "./shared";

/** Running pairs, their follow-up and the team's actions on them: /api/admin/pairs. */

async function pairAction(c: Context, request: PairAction) {
  const outcome = await actOnPair(c.req.param("id") ?? "", request);
  if (!outcome.ok) return problem(c, outcome.status, outcome.message);
  return c.json(outcome.pair);
}

export const pairsApi = new Hono()
  .get("/", listQuery, async (c) => {
    const { filter, records } = await cohortRecordsOf(c.req.valid("query"));
    return c.json({ cohortId: filter.cohortId, pairs: filterPairs(records.pairs, filter) });
  })
  .get("/:id", async (c) => {
    const details = await loadPairDetails(c.req.param("id"));
    if (!details) return notFound(c, "Ce binôme");
    const { pair, history, emails, executionUrl } = details;
    return c.json({ pair, history, emails, waitingOn: pair.waitingOn ?? null, executionUrl });
  })
  .post("/:id/pause", async (c) => pairAction(c, { action: "pause" }))
  .post("/:id/resume", async (c) => pairAction(c, { action: "resume" }))
  .post("/:id/cancel", jsonBody(CancelSchema), async (c) =>
    pairAction(c, { action: "cancel", reason: c.req.valid("json").reason }),
  )
  .post("/:id/reassign", jsonBody(ReassignSchema), async (c) =>
    pairAction(c, { action: "reassign", mentorId: c.req.valid("json").mentorId }),
  );
