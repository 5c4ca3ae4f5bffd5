import type { Context } from "hono";
import { Hono } from "hono";
import * as cohort from "#core/cohort";
import * as confirmation from "#core/matching/confirm";
import * as matchingJob from "#core/matching/job";
import * as pairing from "#core/matching/proposal";
import { jobRefreshSeconds, ProposalPage } from "#web/pages/admin/matching";
import type { LangEnv } from "../../../lang";
import { byName, form, langOf, namesOf, redirectDone, text, versionOf } from "./shared";

/** A cohort's matching ("appariement"): propose, edit, confirm — under /admin/vagues/:id. */

async function proposalPage(c: Context, cohortId: string, problem?: string) {
  const [found, job, proposal, starts, roster, { names }] = await Promise.all([
    cohort.getCohortOrDefaults(cohortId),
    matchingJob.getMatchingJob(cohortId),
    pairing.getProposal(cohortId),
    confirmation.getPairStarts(cohortId),
    pairing.loadRoster(cohortId),
    namesOf(cohortId),
  ]);
  const people = (ids: Iterable<string>) =>
    [...ids].map((id) => ({ id, name: names.get(id) ?? id })).sort(byName);
  // While the job runs the browser reloads the page on its own (no script needed); it says so.
  if (job?.status === "running") c.header("Refresh", String(jobRefreshSeconds));
  return c.html(
    <ProposalPage
      cohort={found}
      proposal={proposal}
      starts={starts}
      job={job}
      names={names}
      mentees={people(roster.mentees.keys())}
      mentors={people(roster.mentors.keys())}
      done={c.req.query("fait")}
      problem={problem}
      lang={langOf(c)}
    />,
    problem ? 409 : 200,
  );
}

export const matchingPages = new Hono<LangEnv>()
  .get("/:id/appariement", (c) => proposalPage(c, c.req.param("id")))
  .post("/:id/appariement", async (c) => {
    const id = c.req.param("id");
    const outcome = await matchingJob.startMatching(id);
    if (!outcome.ok) return proposalPage(c, id, outcome.message);
    return redirectDone(c, `/admin/vagues/${id}/appariement`, "appariement-lance");
  })
  .post("/:id/appariement/:change{echange|retrait|forcer}", async (c) => {
    const id = c.req.param("id");
    const values = await form(c);
    const change = c.req.param("change");
    const edit: pairing.ProposalEdit =
      change === "echange"
        ? { action: "swap", menteeIds: [text(values, "first"), text(values, "second")] }
        : change === "retrait"
          ? { action: "remove", menteeId: text(values, "menteeId") }
          : {
              action: "force",
              menteeId: text(values, "menteeId"),
              mentorId: text(values, "mentorId"),
            };
    const outcome = await pairing.editProposal(id, edit, versionOf(values));
    if (!outcome.ok) return proposalPage(c, id, outcome.message);
    return redirectDone(c, `/admin/vagues/${id}/appariement`, "modification");
  })
  .post("/:id/appariement/confirmation", async (c) => {
    const id = c.req.param("id");
    const outcome = await confirmation.confirmProposal(id, versionOf(await form(c)));
    if (!outcome.ok) return proposalPage(c, id, outcome.message);
    // The pairs start in the background: this page shows how many have.
    return redirectDone(c, `/admin/vagues/${id}/appariement`, "confirmation");
  })
  .post("/:id/appariement/relance", async (c) => {
    const id = c.req.param("id");
    await confirmation.resumePairStarts(id);
    return redirectDone(c, `/admin/vagues/${id}/appariement`, "relance");
  });
