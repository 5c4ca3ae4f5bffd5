import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import { InvalidCursor, pairPage as pairListPage } from "#core/admin/list-pages";
import { actOnPair, loadPairDetails, type PairAction } from "#core/admin/pairs";
import * as cohort from "#core/cohort";
import * as pairing from "#core/matching/proposal";
import * as notes from "#core/pair/notes";
import * as again from "#core/pair/pair-again";
import * as reminders from "#core/pair/reminders";
import type { Localised } from "#core/programme";
import type { FormValues } from "#web/form-kit";
import { PairsPage } from "#web/pages/admin/lists";
import { PairPage } from "#web/pages/admin/pair";
import { issuesByField } from "#web/validation";
import type { LangEnv } from "../../../lang";
import { CancelSchema } from "../schemas";
import {
  byName,
  form,
  invalidCursorPage,
  langOf,
  namesOf,
  notFoundPage,
  pageRequestOf,
  redirectDone,
  text,
} from "./shared";

/** Pairs ("binômes"): the list, one pair's follow-up, and the team's actions on it. */

const noSuchPair: Localised = { fr: "Ce binôme n'existe pas.", en: "This pair does not exist." };

async function pairPage(
  c: Context,
  pairId: string,
  extra: {
    problem?: string;
    values?: FormValues;
    errors?: Record<string, string>;
    failedForm?: string;
  } = {},
  status: 200 | 404 | 409 | 422 = 200,
) {
  const details = await loadPairDetails(pairId);
  if (!details) return notFoundPage(c, noSuchPair);
  const [{ names }, roster, candidates, ofCohort] = await Promise.all([
    namesOf(details.pair.cohortId),
    pairing.loadRoster(details.pair.cohortId),
    again.pairAgainCandidates(details.pair),
    cohort.getCohortOrDefaults(details.pair.cohortId),
  ]);
  const mentors = [...roster.mentors.keys()]
    .filter((id) => id !== details.pair.mentorId)
    .map((id) => ({ id, name: names.get(id) ?? id }))
    .sort(byName);
  return c.html(
    <PairPage
      details={details}
      cohortName={ofCohort.name}
      names={names}
      mentors={mentors}
      candidates={candidates.map((candidate) => ({
        id: candidate.mentorId,
        name: names.get(candidate.mentorId) ?? candidate.mentorId,
        placesLeft: candidate.placesLeft,
      }))}
      done={c.req.query("fait")}
      lang={langOf(c)}
      {...extra}
    />,
    status,
  );
}

/**
 * A form that came back with errors: each under its field, and an expired form's key (it has no
 * field of its own) at the top of the page.
 */
const failed = (
  values: FormValues,
  { requestKey, ...errors }: Record<string, string>,
  failedForm: string,
) => ({ values, errors, failedForm, ...(requestKey ? { problem: requestKey } : {}) });

/** After a resend or a reminder: back to the page that says so, or the page with why not. */
function reminded(
  c: Context,
  pairId: string,
  outcome: reminders.ReminderOutcome,
  done: "lien-renvoye" | "relance-envoyee",
) {
  if (outcome.ok) return redirectDone(c, `/admin/binomes/${pairId}`, done);
  return outcome.status === 404
    ? notFoundPage(c, noSuchPair)
    : pairPage(c, pairId, { problem: outcome.message }, outcome.status);
}

async function pairAction(c: Context, request: PairAction, done: string) {
  const pairId = c.req.param("id") ?? "";
  const outcome = await actOnPair(pairId, request);
  if (!outcome.ok) {
    return outcome.status === 404
      ? notFoundPage(c, noSuchPair)
      : pairPage(c, pairId, { problem: outcome.message }, outcome.status);
  }
  return redirectDone(c, `/admin/binomes/${pairId}`, done);
}

export const pairPages = new Hono<LangEnv>()
  .get("/", async (c) => {
    const request = pageRequestOf(c);
    try {
      const [cohorts, page] = await Promise.all([cohort.listCohorts(), pairListPage(request)]);
      return c.html(
        <PairsPage
          cohorts={cohorts}
          filters={request}
          page={page}
          done={c.req.query("fait")}
          lang={c.var.lang}
        />,
      );
    } catch (error) {
      if (error instanceof InvalidCursor) {
        return invalidCursorPage(c, `/admin/binomes?vague=${request.cohortId}`);
      }
      throw error;
    }
  })
  .get("/:id", (c) => pairPage(c, c.req.param("id")))
  .post("/:id/pause", (c) => pairAction(c, { action: "pause" }, "pause"))
  .post("/:id/reprise", (c) => pairAction(c, { action: "resume" }, "reprise"))
  .post("/:id/annulation", async (c) => {
    const values = await form(c);
    const parsed = v.safeParse(CancelSchema, { reason: text(values, "reason") });
    if (!parsed.success) {
      const errors = issuesByField(CancelSchema, parsed.issues);
      return pairPage(c, c.req.param("id"), { values, errors, problem: errors.reason }, 422);
    }
    return pairAction(c, { action: "cancel", reason: parsed.output.reason }, "annulation");
  })
  .post("/:id/notes", async (c) => {
    const pairId = c.req.param("id");
    const values = await form(c);
    const parsed = v.safeParse(notes.NoteSchema, {
      author: text(values, "author"),
      text: text(values, "text"),
      requestKey: text(values, "requestKey"),
    });
    if (!parsed.success) {
      const errors = issuesByField(notes.NoteSchema, parsed.issues);
      return pairPage(c, pairId, failed(values, errors, "note"), 422);
    }
    const outcome = await notes.addNote(pairId, parsed.output);
    if (outcome === "unknown-pair") return notFoundPage(c, noSuchPair);
    return redirectDone(c, `/admin/binomes/${pairId}`, "note");
  })
  .post("/:id/lien-renvoye", async (c) => {
    const pairId = c.req.param("id");
    const values = await form(c);
    const parsed = v.safeParse(reminders.ResendSchema, { requestKey: text(values, "requestKey") });
    if (!parsed.success) {
      const errors = issuesByField(reminders.ResendSchema, parsed.issues);
      return pairPage(c, pairId, failed(values, errors, "resend"), 422);
    }
    const outcome = await reminders.resendWaitingLink(pairId, parsed.output.requestKey);
    return reminded(c, pairId, outcome, "lien-renvoye");
  })
  .post("/:id/relance", async (c) => {
    const pairId = c.req.param("id");
    const values = await form(c);
    const parsed = v.safeParse(reminders.ReminderSchema, {
      role: text(values, "role") || undefined,
      message: text(values, "message"),
      requestKey: text(values, "requestKey"),
    });
    if (!parsed.success) {
      const errors = issuesByField(reminders.ReminderSchema, parsed.issues);
      return pairPage(c, pairId, failed(values, errors, "reminder"), 422);
    }
    const outcome = await reminders.sendTeamReminder(pairId, parsed.output);
    return reminded(c, pairId, outcome, "relance-envoyee");
  })
  .post("/:id/nouveau-binome", async (c) => {
    const pairId = c.req.param("id");
    const values = await form(c);
    const parsed = v.safeParse(again.PairAgainSchema, { mentorId: text(values, "newMentorId") });
    if (!parsed.success) {
      const { mentorId = "Choisissez le mentor du nouveau binôme." } = issuesByField(
        again.PairAgainSchema,
        parsed.issues,
      );
      const errors = { newMentorId: mentorId };
      return pairPage(c, pairId, failed(values, errors, "pair-again"), 422);
    }
    const outcome = await again.pairAgain(pairId, parsed.output.mentorId);
    if (!outcome.ok) {
      return outcome.status === 404
        ? notFoundPage(c, noSuchPair)
        : pairPage(c, pairId, { problem: outcome.message }, outcome.status);
    }
    return redirectDone(c, `/admin/binomes/${outcome.pairId}`, "nouveau-binome");
  })
  .post("/:id/reaffectation", async (c) => {
    const values = await form(c);
    return pairAction(
      c,
      { action: "reassign", mentorId: text(values, "mentorId") },
      "reaffectation",
    );
  });
