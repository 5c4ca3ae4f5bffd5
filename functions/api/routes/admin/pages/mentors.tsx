import { Hono } from "hono";
import * as v from "valibot";
import { InvalidCursor, mentorPage } from "#core/admin/list-pages";
import * as cohort from "#core/cohort";
import { getMentor } from "#core/mentor";
import { sendMentorLink } from "#core/mentor-space";
import type { Localised } from "#core/programme";
import { attestationPdf, loadRecordOfWork, sendAttestationToManager } from "#core/recognition";
import * as selection from "#core/selection";
import type { FormValues } from "#web/form-kit";
import { MentorsPage } from "#web/pages/admin/lists";
import { MentorPage } from "#web/pages/admin/mentor";
import { issuesByField } from "#web/validation";
import type { LangEnv } from "../../../lang";
import { form, invalidCursorPage, notFoundPage, pageRequestOf, redirectDone, text } from "./shared";

/** Mentors: the list of a cohort, one application, and its selection interview. */

const noSuchMentor: Localised = {
  fr: "Ce mentor n'existe pas.",
  en: "This mentor does not exist.",
};

const interviewFromForm = (values: FormValues) => ({
  grid: Object.fromEntries(
    selection.criteria.map((criterion) => [
      criterion.id,
      {
        level: Number(text(values, `grid.${criterion.id}.level`)) || undefined,
        note: text(values, `grid.${criterion.id}.note`),
      },
    ]),
  ),
  decision: text(values, "decision") || undefined,
  comment: text(values, "comment"),
});

export const mentorPages = new Hono<LangEnv>()
  .get("/", async (c) => {
    const request = pageRequestOf(c);
    try {
      const [cohorts, page] = await Promise.all([cohort.listCohorts(), mentorPage(request)]);
      return c.html(
        <MentorsPage cohorts={cohorts} filters={request} page={page} lang={c.var.lang} />,
      );
    } catch (error) {
      if (error instanceof InvalidCursor) {
        return invalidCursorPage(c, `/admin/mentors?vague=${request.cohortId}`);
      }
      throw error;
    }
  })
  .get("/:id", async (c) => {
    const mentor = await getMentor(c.req.param("id"));
    if (!mentor) return notFoundPage(c, noSuchMentor);
    const ofCohort = await cohort.getCohortOrDefaults(mentor.cohortId);
    return c.html(
      <MentorPage mentor={mentor} cohort={ofCohort} done={c.req.query("fait")} lang={c.var.lang} />,
    );
  })
  .get("/:id/attestation.pdf", async (c) => {
    const record = await loadRecordOfWork(c.req.param("id"));
    if (!record) return notFoundPage(c, noSuchMentor);
    const pdf = await attestationPdf(record);
    return c.body(pdf.slice().buffer as ArrayBuffer, 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": 'attachment; filename="attestation-mentorat.pdf"',
      "Cache-Control": "no-store",
    });
  })
  .post("/:id/lien-espace", async (c) => {
    const id = c.req.param("id");
    const outcome = await sendMentorLink(id);
    if (outcome === "not-found") return notFoundPage(c, noSuchMentor);
    return redirectDone(c, `/admin/mentors/${id}`, "lien-mentor");
  })
  .post("/:id/attestation/envoyer", async (c) => {
    const id = c.req.param("id");
    const outcome = await sendAttestationToManager(id);
    if (outcome === "not-found") return notFoundPage(c, noSuchMentor);
    return redirectDone(
      c,
      `/admin/mentors/${id}`,
      outcome === "no-consent" ? "attestation-sans-accord" : "attestation-envoyee",
    );
  })
  .post("/:id/entretien", async (c) => {
    const id = c.req.param("id");
    const values = await form(c);
    const parsed = v.safeParse(selection.InterviewSchema, interviewFromForm(values));
    if (!parsed.success) {
      const mentor = await getMentor(id);
      if (!mentor) return notFoundPage(c, noSuchMentor);
      const errors = issuesByField(selection.InterviewSchema, parsed.issues);
      const ofCohort = await cohort.getCohortOrDefaults(mentor.cohortId);
      return c.html(
        <MentorPage
          mentor={mentor}
          cohort={ofCohort}
          values={values}
          errors={errors}
          lang={c.var.lang}
        />,
        422,
      );
    }
    const outcome = await selection.recordInterview(id, parsed.output);
    if (outcome.status === "not-found") return notFoundPage(c, noSuchMentor);
    return redirectDone(c, `/admin/mentors/${id}`, "entretien");
  });
