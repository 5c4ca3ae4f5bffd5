import { vValidator } from "@hono/valibot-validator";
import type { Context } from "hono";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import { type AccessRequest, bearerToken, decideAccess } from "#core/admin/auth";
import {
  filterPairs,
  ListQuerySchema,
  mentorRows,
  questionnaireRows,
  toFilter,
} from "#core/admin/follow-up";
import { actOnPair, loadCohortRecords, loadPairDetails } from "#core/admin/pairs";
import { getMentor, getQuestionnaire } from "#core/admin/records";
import * as cohort from "#core/cohort";
import { env } from "#core/env";
import { feedbackCsv, pairsCsv } from "#core/export";
import { computeFigures } from "#core/figures";
import * as pairing from "#core/pairing";
import * as selection from "#core/selection";
import { issuesByField } from "#web/validation";
import { fieldProblems, problem } from "../problem";
import { jsonBody, recordValidator } from "./submissions";

/** The programme team's session cookie (set by the local login form only). */
export const adminCookie = "binome_equipe";

/** What hono/aws-lambda puts in `c.env`: the API Gateway v2 event, authorizer claims included. */
type LambdaBindings = {
  event?: { requestContext?: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } };
};

/**
 * How this request can prove it comes from the programme team. On Lambda, API Gateway's JWT
 * authorizer has verified the token and only its claims count (no static token on AWS); locally,
 * the bearer token or the login form's cookie.
 */
export function accessRequestOf(c: Context): AccessRequest {
  const event = (c.env as LambdaBindings | undefined)?.event;
  if (event?.requestContext) {
    return { via: "jwt", claims: event.requestContext.authorizer?.jwt?.claims };
  }
  if (env.isLocal) {
    return {
      via: "local-token",
      bearer: bearerToken(c.req.header("authorization")),
      sessionCookie: getCookie(c, adminCookie),
      expectedToken: env.adminToken,
    };
  }
  return { via: "none" };
}

export const isProgrammeTeam = (c: Context) =>
  decideAccess(accessRequestOf(c), { claim: env.adminRoleClaim, value: env.adminRoleValue });

/** Every route below: 401 problem+json, never data, without the programme team's role. */
const requireProgrammeTeam = createMiddleware(async (c, next) => {
  const decision = isProgrammeTeam(c);
  if (!decision.allowed) {
    c.header("WWW-Authenticate", 'Bearer realm="binome-equipe"');
    c.header("Cache-Control", "no-store");
    return problem(
      c,
      401,
      decision.reason === "missing-role"
        ? "Votre compte n'a pas le rôle « équipe d'animation » : demandez-le à l'administrateur du programme."
        : "Authentification requise : présentez le jeton de l'équipe d'animation.",
    );
  }
  c.header("Cache-Control", "no-store");
  await next();
});

const query = <S extends v.GenericSchema>(schema: S) =>
  recordValidator(
    vValidator("query", schema, (result, c) => {
      if (!result.success) {
        return problem(c, 422, "Certains filtres ne sont pas valides.", {
          errors: fieldProblems(issuesByField(schema, result.issues)),
        });
      }
    }),
    { target: "query", schema },
  );

const notFound = (c: Context, what: string) => problem(c, 404, `${what} n'existe pas.`);

export const SwapSchema = v.strictObject({
  menteeIds: v.pipe(
    v.tuple([v.string(), v.string()], "Indiquez les deux cadres dont les mentors s'échangent."),
  ),
  version: v.optional(v.number()),
});
export const RemoveSchema = v.strictObject({
  menteeId: v.string("Indiquez le cadre à retirer."),
  version: v.optional(v.number()),
});
export const ForceSchema = v.strictObject({
  menteeId: v.string("Indiquez le cadre."),
  mentorId: v.string("Indiquez le mentor."),
  version: v.optional(v.number()),
});
export const ConfirmSchema = v.strictObject({ version: v.optional(v.number()) });
export const ExclusionSchema = v.strictObject({
  menteeId: v.string("Indiquez le cadre."),
  mentorId: v.string("Indiquez le mentor."),
});
export const CancelSchema = v.strictObject({
  reason: v.pipe(
    v.string("Indiquez le motif de l'annulation."),
    v.trim(),
    v.nonEmpty("Indiquez le motif de l'annulation."),
    v.maxLength(500, "500 caractères au plus."),
  ),
});
export const ReassignSchema = v.strictObject({
  mentorId: v.pipe(
    v.string("Choisissez le nouveau mentor."),
    v.nonEmpty("Choisissez le nouveau mentor."),
  ),
});

const csv = (c: Context, body: string, fileName: string) =>
  c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${fileName}"`,
  });

const editResult = (c: Context, outcome: Awaited<ReturnType<typeof pairing.editProposal>>) => {
  if (outcome.ok) return c.json(outcome.proposal);
  return problem(c, "notFound" in outcome ? 404 : 409, outcome.message);
};

export const adminApi = new Hono()
  .use("*", requireProgrammeTeam)
  // Cohorts and their settings
  .get("/cohorts", async (c) => c.json({ cohorts: await cohort.listCohorts() }))
  .post("/cohorts", jsonBody(cohort.NewCohortSchema), async (c) => {
    const outcome = await cohort.createCohort(c.req.valid("json"));
    if (outcome.status === "exists")
      return problem(c, 409, "Une vague porte déjà cet identifiant.");
    return c.json(outcome.cohort, 201);
  })
  .get("/cohorts/:id", async (c) => c.json(await cohort.getCohortOrDefaults(c.req.param("id"))))
  .put("/cohorts/:id/settings", jsonBody(cohort.CohortSettingsSchema), async (c) =>
    c.json(await cohort.updateSettings(c.req.param("id"), c.req.valid("json"))),
  )
  .post("/cohorts/:id/exclusions", jsonBody(ExclusionSchema), async (c) => {
    const { menteeId, mentorId } = c.req.valid("json");
    return c.json(await cohort.excludePair(c.req.param("id"), menteeId, mentorId));
  })
  .delete("/cohorts/:id/exclusions/:menteeId/:mentorId", async (c) => {
    const { id, menteeId, mentorId } = c.req.param();
    return c.json(await cohort.allowPair(id, menteeId, mentorId));
  })
  // Matching: propose, review, confirm
  .get("/cohorts/:id/proposal", async (c) => {
    const proposal = await pairing.getProposal(c.req.param("id"));
    return proposal ? c.json(proposal) : notFound(c, "La proposition de cette vague");
  })
  .post("/cohorts/:id/proposal", async (c) => {
    const outcome = await pairing.propose(c.req.param("id"));
    return outcome.ok ? c.json(outcome.proposal, 201) : problem(c, 409, outcome.message);
  })
  .post("/cohorts/:id/proposal/swap", jsonBody(SwapSchema), async (c) => {
    const { menteeIds, version } = c.req.valid("json");
    return editResult(
      c,
      await pairing.editProposal(c.req.param("id"), { action: "swap", menteeIds }, version),
    );
  })
  .post("/cohorts/:id/proposal/remove", jsonBody(RemoveSchema), async (c) => {
    const { menteeId, version } = c.req.valid("json");
    return editResult(
      c,
      await pairing.editProposal(c.req.param("id"), { action: "remove", menteeId }, version),
    );
  })
  .post("/cohorts/:id/proposal/force", jsonBody(ForceSchema), async (c) => {
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
  .post("/cohorts/:id/proposal/confirm", jsonBody(ConfirmSchema), async (c) => {
    const outcome = await pairing.confirmProposal(c.req.param("id"), c.req.valid("json").version);
    if (!outcome.ok) return problem(c, outcome.notFound ? 404 : 409, outcome.message);
    return c.json({
      status: outcome.proposal.status,
      started: outcome.startedCount,
      pairs: outcome.pairs,
    });
  })
  // Mentor selection
  .get("/mentors", query(ListQuerySchema), async (c) => {
    const filter = toFilter(c.req.valid("query"));
    const records = await loadCohortRecords(filter.cohortId);
    const rows = mentorRows(records.mentors, records.pairs, filter);
    return c.json({
      cohortId: filter.cohortId,
      mentors: rows.map((row) => ({
        ...row.mentor,
        pairIds: row.pairs.map((pair) => pair.id),
        placesTaken: row.placesTaken,
        needsAttention: row.needsAttention,
      })),
    });
  })
  .get("/mentors/:id", async (c) => {
    const mentor = await getMentor(c.req.param("id"));
    return mentor ? c.json(mentor) : notFound(c, "Ce mentor");
  })
  .put("/mentors/:id/interview", jsonBody(selection.InterviewSchema), async (c) => {
    const outcome = await selection.recordInterview(c.req.param("id"), c.req.valid("json"));
    if (outcome.status === "not-found") return notFound(c, "Ce mentor");
    return c.json({ ...outcome.mentor, email: outcome.email });
  })
  // Follow-up
  .get("/questionnaires", query(ListQuerySchema), async (c) => {
    const filter = toFilter(c.req.valid("query"));
    const records = await loadCohortRecords(filter.cohortId);
    return c.json({
      cohortId: filter.cohortId,
      questionnaires: questionnaireRows(records.questionnaires, records.pairs, filter).map(
        (row) => ({ ...row.questionnaire, status: row.status, pairId: row.pair?.id }),
      ),
    });
  })
  .get("/questionnaires/:id", async (c) => {
    const questionnaire = await getQuestionnaire(c.req.param("id"));
    return questionnaire ? c.json(questionnaire) : notFound(c, "Ce questionnaire");
  })
  .get("/pairs", query(ListQuerySchema), async (c) => {
    const filter = toFilter(c.req.valid("query"));
    const records = await loadCohortRecords(filter.cohortId);
    return c.json({ cohortId: filter.cohortId, pairs: filterPairs(records.pairs, filter) });
  })
  .get("/pairs/:id", async (c) => {
    const details = await loadPairDetails(c.req.param("id"));
    if (!details) return notFound(c, "Ce binôme");
    const { pair, history, emails, executionUrl } = details;
    return c.json({ pair, history, emails, waitingOn: pair.waitingOn ?? null, executionUrl });
  })
  .post("/pairs/:id/pause", async (c) => pairAction(c, { action: "pause" }))
  .post("/pairs/:id/resume", async (c) => pairAction(c, { action: "resume" }))
  .post("/pairs/:id/cancel", jsonBody(CancelSchema), async (c) =>
    pairAction(c, { action: "cancel", reason: c.req.valid("json").reason }),
  )
  .post("/pairs/:id/reassign", jsonBody(ReassignSchema), async (c) =>
    pairAction(c, { action: "reassign", mentorId: c.req.valid("json").mentorId }),
  )
  // Figures and exports
  .get("/figures", query(ListQuerySchema), async (c) => {
    const filter = toFilter(c.req.valid("query"));
    const records = await loadCohortRecords(filter.cohortId);
    return c.json({
      cohortId: filter.cohortId,
      ...computeFigures({
        questionnaires: records.questionnaires.length,
        pairs: records.pairs,
      }),
    });
  })
  .get("/exports/pairs.csv", query(ListQuerySchema), async (c) => {
    const filter = toFilter(c.req.valid("query"));
    const records = await loadCohortRecords(filter.cohortId);
    const body = pairsCsv(filterPairs(records.pairs, filter), {
      questionnaires: new Map(records.questionnaires.map((record) => [record.id, record])),
      mentors: new Map(records.mentors.map((record) => [record.id, record])),
    });
    return csv(c, body, `binomes-${filter.cohortId}.csv`);
  })
  .get("/exports/feedback.csv", query(ListQuerySchema), async (c) => {
    const filter = toFilter(c.req.valid("query"));
    const records = await loadCohortRecords(filter.cohortId);
    return csv(c, feedbackCsv(records.pairs), `retours-anonymes-${filter.cohortId}.csv`);
  });

async function pairAction(c: Context, request: Parameters<typeof actOnPair>[1]) {
  const outcome = await actOnPair(c.req.param("id") ?? "", request);
  if (!outcome.ok) return problem(c, outcome.status, outcome.message);
  return c.json(outcome.pair);
}
