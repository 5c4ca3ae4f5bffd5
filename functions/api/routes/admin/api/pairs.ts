import type { Context } from "hono";
import { Hono } from "hono";
import { pairPage } from "#core/admin/list-pages";
import { actOnPair, loadPairDetails, type PairAction } from "#core/admin/pairs";
import * as notes from "#core/pair/notes";
import * as again from "#core/pair/pair-again";
import * as reminders from "#core/pair/reminders";
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
import { CancelSchema, ReassignSchema } from "../schemas";
import { listQuery, notFound, pagedAnswer, pagedList } from "./shared";

/** Running pairs, their follow-up and the team's actions on them: /api/admin/pairs. */

async function pairAction(c: Context, request: PairAction) {
  const outcome = await actOnPair(c.req.param("id") ?? "", request);
  if (!outcome.ok) return problem(c, outcome.status, outcome.message);
  return c.json(outcome.pair);
}

const unknownPair = notFoundDoc("Ce binôme n'existe pas");
const actedOn = {
  ...ok("Le binôme"),
  ...unknownPair,
  ...conflict("L'état du binôme ne permet pas cette action"),
};

const reminded = {
  ...ok(
    "Le courriel est dans la file d'envoi (queued), ou l'était déjà pour cette requestKey",
    object({
      sent: { enum: ["queued", "already-queued"] },
      to: { type: "array", items: { enum: ["mentor", "mentee"] } },
    }),
  ),
  ...unknownPair,
  ...conflict("Le binôme est terminé, ou n'attend la réponse de personne"),
};

function remindAnswer(c: Context, outcome: reminders.ReminderOutcome) {
  if (!outcome.ok) return problem(c, outcome.status, outcome.message);
  return c.json({ sent: outcome.sent, to: outcome.to });
}

export const pairsApi = new Hono()
  .get(
    "/",
    describeForTeam(
      "Lister les binômes d'une vague (page par page ; `q` : le nom ou l'adresse de l'un des deux)",
      pagedList("Les binômes", "pairs"),
    ),
    listQuery,
    (c) =>
      pagedAnswer(c, c.req.valid("query"), pairPage, (rows) => ({
        pairs: rows.map((row) => row.pair),
      })),
  )
  .get(
    "/:id",
    describeForTeam("Suivre un binôme : historique, e-mails envoyés, attente en cours", {
      ...ok(
        "Le binôme et son suivi",
        object(
          {
            pair: { type: "object" },
            history: { type: "array", items: { type: "object" } },
            emails: { type: "array", items: { type: "object" } },
            notes: { type: "array", items: { type: "object" } },
            waitingOn: { type: ["object", "null"] },
            executionUrl: { type: "string" },
          },
          ["pair", "history", "emails", "waitingOn"],
        ),
      ),
      ...unknownPair,
    }),
    async (c) => {
      const details = await loadPairDetails(c.req.param("id"));
      if (!details) return notFound(c, "Ce binôme");
      const { pair, history, emails, executionUrl } = details;
      return c.json({
        pair,
        history,
        emails,
        notes: details.notes,
        waitingOn: pair.waitingOn ?? null,
        executionUrl,
      });
    },
  )
  .post(
    "/:id/notes",
    describeForTeam("Ajouter une note de l'équipe à un binôme (une seule fois par requestKey)", {
      ...ok(
        "Les notes du binôme, la nouvelle comprise",
        object({
          outcome: { enum: ["added", "already-added"] },
          notes: { type: "array", items: { type: "object" } },
        }),
        201,
      ),
      ...unknownPair,
      ...invalidBody(),
    }),
    jsonBody(notes.NoteSchema),
    async (c) => {
      const pairId = c.req.param("id");
      const outcome = await notes.addNote(pairId, c.req.valid("json"));
      if (outcome === "unknown-pair") return notFound(c, "Ce binôme");
      return c.json({ outcome, notes: await notes.listNotes(pairId) }, 201);
    },
  )
  .post(
    "/:id/resend-link",
    describeForTeam(
      "Renvoyer le lien en attente à qui le binôme attend (une seule fois par requestKey)",
      { ...reminded, ...invalidBody() },
    ),
    jsonBody(reminders.ResendSchema),
    async (c) =>
      remindAnswer(
        c,
        await reminders.resendWaitingLink(c.req.param("id"), c.req.valid("json").requestKey),
      ),
  )
  .post(
    "/:id/reminder",
    describeForTeam(
      "Envoyer une relance écrite par l'équipe à un participant (une seule fois par requestKey)",
      { ...reminded, ...invalidBody() },
    ),
    jsonBody(reminders.ReminderSchema),
    async (c) =>
      remindAnswer(c, await reminders.sendTeamReminder(c.req.param("id"), c.req.valid("json"))),
  )
  .post(
    "/:id/pair-again",
    describeForTeam(
      "Former un nouveau binôme pour le cadre d'un binôme arrêté ou annulé (une seule fois)",
      {
        ...ok(
          "Le nouveau binôme",
          object({ pairId: { type: "string" }, started: { enum: ["now", "already"] } }),
        ),
        ...unknownPair,
        ...conflict("Le binôme n'est ni arrêté ni annulé, ou le cadre a déjà un binôme en cours"),
        ...invalidBody("Ce mentor ne peut pas accompagner ce cadre (règles d'appariement)"),
      },
    ),
    jsonBody(again.PairAgainSchema),
    async (c) => {
      const outcome = await again.pairAgain(c.req.param("id"), c.req.valid("json").mentorId);
      if (!outcome.ok) return problem(c, outcome.status, outcome.message);
      return c.json({ pairId: outcome.pairId, started: outcome.started });
    },
  )
  .post("/:id/pause", describeForTeam("Mettre un binôme en pause", actedOn), async (c) =>
    pairAction(c, { action: "pause" }),
  )
  .post("/:id/resume", describeForTeam("Reprendre un binôme en pause", actedOn), async (c) =>
    pairAction(c, { action: "resume" }),
  )
  .post(
    "/:id/cancel",
    describeForTeam("Annuler un binôme, avec un motif", { ...actedOn, ...invalidBody() }),
    jsonBody(CancelSchema),
    async (c) => pairAction(c, { action: "cancel", reason: c.req.valid("json").reason }),
  )
  .post(
    "/:id/reassign",
    describeForTeam("Confier un binôme à un autre mentor", {
      ...actedOn,
      ...invalidBody("Ce mentor ne peut pas accompagner ce cadre (règles d'appariement)"),
    }),
    jsonBody(ReassignSchema),
    async (c) => pairAction(c, { action: "reassign", mentorId: c.req.valid("json").mentorId }),
  );
