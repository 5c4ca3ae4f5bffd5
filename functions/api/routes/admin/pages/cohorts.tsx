import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import * as cohort from "#core/cohort";
import type { FormValues } from "#web/form-kit";
import { CohortPage, CohortsPage } from "#web/pages/admin/cohorts";
import { issuesByField } from "#web/validation";
import type { LangEnv } from "../../../lang";
import { form, keepLanguage, langOf, namesOf, redirectDone, text } from "./shared";

/** Cohorts ("vagues"): the list (the area's home page), creation, settings and exclusions. */

/** Settings as a form posts them: numbers as text, the yes/no radio as "oui"/"non". */
const settingsFromForm = (values: FormValues) => ({
  sessions: Number(text(values, "sessions")) || text(values, "sessions"),
  pauseMonths: Number(text(values, "pauseMonths")) || text(values, "pauseMonths"),
  reminderHoursBefore:
    Number(text(values, "reminderHoursBefore")) || text(values, "reminderHoursBefore"),
  allowSameManagementLine:
    text(values, "allowSameManagementLine") === "oui"
      ? true
      : text(values, "allowSameManagementLine") === "non"
        ? false
        : undefined,
});

/** The list of cohorts, served at /admin itself. */
export const cohortsHome = async (c: Context) =>
  c.html(
    <CohortsPage
      cohorts={await cohort.listCohorts()}
      done={c.req.query("fait")}
      lang={langOf(c)}
    />,
  );

const withErrors = async (c: Context, values: FormValues, errors: Record<string, string>) =>
  c.html(
    <CohortsPage
      cohorts={await cohort.listCohorts()}
      values={values}
      errors={errors}
      lang={langOf(c)}
    />,
    422,
  );

export const cohortPages = new Hono<LangEnv>()
  .get("/", (c) => c.redirect(keepLanguage(c, "/admin"), 303))
  .post("/", async (c) => {
    const values = await form(c);
    const parsed = v.safeParse(cohort.NewCohortSchema, {
      id: text(values, "id"),
      name: text(values, "name"),
    });
    if (!parsed.success) {
      return withErrors(c, values, issuesByField(cohort.NewCohortSchema, parsed.issues));
    }
    const outcome = await cohort.createCohort(parsed.output);
    if (outcome.status === "exists") {
      return withErrors(c, values, { id: "Une vague porte déjà cet identifiant." });
    }
    return redirectDone(c, `/admin/vagues/${parsed.output.id}`, "vague-creee");
  })
  .get("/:id", async (c) => {
    const id = c.req.param("id");
    const [found, { names }] = await Promise.all([cohort.getCohortOrDefaults(id), namesOf(id)]);
    return c.html(
      <CohortPage cohort={found} names={names} done={c.req.query("fait")} lang={c.var.lang} />,
    );
  })
  .post("/:id/reglages", async (c) => {
    const id = c.req.param("id");
    const values = await form(c);
    const parsed = v.safeParse(cohort.CohortSettingsSchema, settingsFromForm(values));
    if (!parsed.success) {
      const [found, { names }] = await Promise.all([cohort.getCohortOrDefaults(id), namesOf(id)]);
      const errors = issuesByField(cohort.CohortSettingsSchema, parsed.issues);
      return c.html(
        <CohortPage
          cohort={found}
          names={names}
          values={values}
          errors={errors}
          lang={c.var.lang}
        />,
        422,
      );
    }
    await cohort.updateSettings(id, parsed.output);
    return redirectDone(c, `/admin/vagues/${id}`, "reglages");
  })
  .post("/:id/exclusions", async (c) => {
    const id = c.req.param("id");
    const values = await form(c);
    await cohort.excludePair(id, text(values, "menteeId"), text(values, "mentorId"));
    return redirectDone(c, `/admin/vagues/${id}`, "exclusion");
  })
  .post("/:id/exclusions/retrait", async (c) => {
    const id = c.req.param("id");
    const values = await form(c);
    await cohort.allowPair(id, text(values, "menteeId"), text(values, "mentorId"));
    return redirectDone(c, `/admin/vagues/${id}`, "exclusion-retiree");
  });
