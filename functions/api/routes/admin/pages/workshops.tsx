import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import * as workshops from "#core/events/workshop";
import { registrationUrl } from "#core/events/workshop/steps";
import { mentorIdsFromForm, mentorProblems, participantsFromForm } from "#web/admin-event-forms";
import type { FieldErrors, FormValues } from "#web/form-kit";
import { WorkshopPage, WorkshopsPage } from "#web/pages/admin/workshops";
import { issuesByField } from "#web/validation";
import type { LangEnv } from "../../../lang";
import { form, langOf, notFoundPage, redirectDone, text } from "./shared";

/** Collective workshops (/admin/ateliers): the requests, then one workshop and its actions. */

const idPattern = /^[0-9a-f]{32}$/;
const notFound = { fr: "Cet atelier n'existe pas.", en: "This workshop does not exist." };

async function showWorkshop(
  c: Context<LangEnv>,
  id: string,
  extra: { problem?: string; values?: FormValues; errors?: Record<string, string> } = {},
  status: 200 | 409 | 422 = 200,
) {
  const details = idPattern.test(id) ? await workshops.workshopDetails(id) : undefined;
  if (!details) return notFoundPage(c, notFound);
  const { proposals, candidates } =
    details.workshop.status === "requested"
      ? await workshops.proposalsFor(id)
      : { proposals: [], candidates: [] };
  return c.html(
    <WorkshopPage
      lang={langOf(c)}
      {...details}
      proposals={proposals}
      candidates={candidates}
      registrationLink={
        details.workshop.registrationToken
          ? registrationUrl(details.workshop.registrationToken)
          : undefined
      }
      done={c.req.query("fait")}
      {...extra}
    />,
    status,
  );
}

const whole = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : Number.NaN);

/** The outcome of an action: back to the page saying it is done, or the page with the problem. */
async function after(
  c: Context<LangEnv>,
  id: string,
  outcome: { ok: true } | { ok: false; problem: string } | { added: number },
  done: string,
) {
  if ("ok" in outcome && !outcome.ok) return showWorkshop(c, id, { problem: outcome.problem }, 409);
  return redirectDone(c, `/admin/ateliers/${id}`, done);
}

export const workshopPages = new Hono<LangEnv>()
  .get("/", async (c) =>
    c.html(
      <WorkshopsPage
        workshops={await workshops.listWorkshops()}
        lang={langOf(c)}
        done={c.req.query("fait")}
      />,
    ),
  )
  .get("/:id", (c) => showWorkshop(c, c.req.param("id")))
  .post("/:id/mentors", async (c) => {
    const id = c.req.param("id");
    const values = await form(c);
    const parsed = v.safeParse(workshops.AssignMentorsSchema, mentorIdsFromForm(values));
    if (!parsed.success) {
      const errors = issuesByField(workshops.AssignMentorsSchema, parsed.issues);
      return showWorkshop(c, id, { values, errors }, 422);
    }
    const outcome = await workshops.assignMentors(id, parsed.output.mentorIds as [string, string]);
    // A mentor no longer selected, or in the service's line: told at the choice, like any mistake.
    if (!outcome.ok && mentorProblems.includes(outcome.problem)) {
      return showWorkshop(c, id, { values, errors: { mentorIds: outcome.problem } }, 422);
    }
    return after(c, id, outcome, "atelier-mentors");
  })
  .post("/:id/date", async (c) => {
    const id = c.req.param("id");
    const values = await form(c);
    const parsed = v.safeParse(workshops.ScheduleSchema, {
      date: text(values, "date"),
      time: text(values, "time"),
      durationMinutes: whole(text(values, "durationMinutes")),
      place: text(values, "place"),
      videoLink: text(values, "videoLink"),
    });
    if (!parsed.success) {
      const errors = issuesByField(workshops.ScheduleSchema, parsed.issues);
      return showWorkshop(c, id, { values, errors }, 422);
    }
    return after(c, id, await workshops.scheduleWorkshop(id, parsed.output), "atelier-fixe");
  })
  .post("/:id/participants", async (c) => {
    const id = c.req.param("id");
    const values = await form(c);
    const { emails, invalid } = participantsFromForm(values);
    const parsed = v.safeParse(workshops.ParticipantsSchema, { emails });
    // Every bad address is named by its line; nobody is added until all are right.
    const errors: FieldErrors = invalid
      ? { emails: invalid }
      : parsed.success
        ? {}
        : issuesByField(workshops.ParticipantsSchema, parsed.issues);
    if (!parsed.success || invalid) return showWorkshop(c, id, { values, errors }, 422);
    const outcome = await workshops.addParticipants(
      id,
      parsed.output.emails.map((email) => ({ email })),
    );
    return after(c, id, outcome, "atelier-participants");
  })
  .post("/:id/annuler", async (c) => {
    const id = c.req.param("id");
    return after(c, id, await workshops.cancelWorkshop(id), "atelier-annule");
  });
