import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import * as v from "valibot";
import { safeReturnPath, sameSecret, sessionValue } from "#core/admin/auth";
import {
  type Filter,
  filterPairs,
  ListQuerySchema,
  mentorRows,
  questionnaireRows,
  toFilter,
} from "#core/admin/follow-up";
import { oidcSettings } from "#core/admin/oidc-client";
import { actOnPair, loadCohortRecords, loadPairDetails, type PairAction } from "#core/admin/pairs";
import { fullName, getMentor } from "#core/admin/records";
import * as cohort from "#core/cohort";
import { env } from "#core/env";
import { computeFigures } from "#core/figures";
import * as pairing from "#core/pairing";
import type { Localised } from "#core/programme";
import * as selection from "#core/selection";
import type { FormValues } from "#web/form-kit";
import { t } from "#web/i18n";
import { CohortPage, CohortsPage } from "#web/pages/admin/cohorts";
import { FiguresPage } from "#web/pages/admin/figures";
import { MentorsPage, PairsPage, QuestionnairesPage } from "#web/pages/admin/lists";
import { LoginPage } from "#web/pages/admin/login";
import { type Person, ProposalPage } from "#web/pages/admin/matching";
import { MentorPage } from "#web/pages/admin/mentor";
import { PairPage } from "#web/pages/admin/pair";
import { AdminLayout, type Filters, inLanguage } from "#web/pages/admin/parts";
import { issuesByField } from "#web/validation";
import { type LangEnv, language } from "../lang";
import { accessRequestOf, adminCookie, CancelSchema, isProgrammeTeam } from "./admin-api";
import {
  endSession,
  finishSignIn,
  langOf,
  sessionOf,
  signedOut,
  signedOutPage,
  startSignIn,
} from "./admin-sign-in";

/**
 * The programme team's pages under /admin: server-rendered, working without JavaScript. A form
 * posts, then redirects to the page with `?fait=…` (post/redirect/get), or comes back filled in
 * with its errors (422). Without the team's role every page is the login page, with a 401.
 *
 * Two ways in: with an OpenID Connect provider configured (always on AWS), the browser signs in
 * there and gets a session cookie (admin-sign-in.tsx); otherwise (locally) the token printed by
 * `npm start`, as a bearer token or through the login form.
 *
 * French first, like every page: `?lang=en` switches to English (the `language` middleware), and
 * forms and redirects keep it.
 */

const sessionHours = 8;

const notFoundPage = (c: Context, message: Localised) => {
  const lang = langOf(c);
  const title = t(lang, { fr: "Page introuvable", en: "Page not found" });
  return c.html(
    <AdminLayout lang={lang} title={title} path={c.req.path}>
      <h1>{title}</h1>
      <p>{t(lang, message)}</p>
    </AdminLayout>,
    404,
  );
};

const noSuchPair: Localised = { fr: "Ce binôme n'existe pas.", en: "This pair does not exist." };
const noSuchMentor: Localised = {
  fr: "Ce mentor n'existe pas.",
  en: "This mentor does not exist.",
};

/** A redirect in the request's language, unless the address already says which. */
const keepLanguage = (c: Context, path: string) =>
  /[?&]lang=/.test(path) ? path : inLanguage(path, langOf(c));

const loginPage = (
  c: Context,
  status: 200 | 401,
  error?: "wrong-token" | "missing-role",
  returnTo?: string,
) => {
  c.header("Cache-Control", "no-store");
  const local = accessRequestOf(c).via === "local-token";
  // After a failed attempt the form keeps the page asked for, not the form's own address.
  const asked =
    c.req.path === "/admin/connexion" ? "/admin" : `${c.req.path}${new URL(c.req.url).search}`;
  const next = returnTo ?? safeReturnPath(c.req.query("suite") ?? asked);
  return c.html(<LoginPage next={next} local={local} error={error} lang={langOf(c)} />, status);
};

const requireProgrammeTeam = createMiddleware(async (c, next) => {
  if (oidcSettings()) {
    if (!sessionOf(c)) return signedOut(c);
    c.header("Cache-Control", "no-store");
    return next();
  }
  const decision = isProgrammeTeam(c);
  if (!decision.allowed) {
    return loginPage(c, 401, decision.reason === "missing-role" ? "missing-role" : undefined);
  }
  c.header("Cache-Control", "no-store");
  await next();
});

/** The list filters from the query string; an unknown value is ignored rather than refused. */
function filtersOf(c: Context): Filter & Filters {
  const raw = {
    cohort: c.req.query("vague") || undefined,
    phase: c.req.query("phase") || undefined,
    status: c.req.query("statut") || undefined,
    attention: c.req.query("attention") === "1" ? "1" : undefined,
  };
  const parsed = v.safeParse(ListQuerySchema, raw);
  const filter = toFilter(parsed.success ? parsed.output : {});
  return { ...filter, attention: filter.needsAttention };
}

const form = async (c: Context) => (await c.req.parseBody({ all: true })) as FormValues;
const text = (values: FormValues, name: string) => {
  const value = values[name];
  return typeof value === "string" ? value : "";
};
const versionOf = (values: FormValues) => {
  const version = Number(text(values, "version"));
  return Number.isInteger(version) && version > 0 ? version : undefined;
};

const redirectDone = (c: Context, path: string, done: string) =>
  c.redirect(keepLanguage(c, `${path}${path.includes("?") ? "&" : "?"}fait=${done}`), 303);

/** Names of a cohort's people, for tables and selects (never logged). */
async function namesOf(cohortId: string) {
  const records = await loadCohortRecords(cohortId);
  const names = new Map<string, string>();
  for (const record of records.questionnaires) names.set(record.id, fullName(record.answers));
  for (const record of records.mentors) names.set(record.id, fullName(record.answers));
  return { names, records };
}

const byName = (a: Person, b: Person) => a.name.localeCompare(b.name, "fr");

async function proposalPage(c: Context, cohortId: string, problem?: string) {
  const [found, proposal, roster, { names }] = await Promise.all([
    cohort.getCohortOrDefaults(cohortId),
    pairing.getProposal(cohortId),
    pairing.loadRoster(cohortId),
    namesOf(cohortId),
  ]);
  const people = (ids: Iterable<string>) =>
    [...ids].map((id) => ({ id, name: names.get(id) ?? id })).sort(byName);
  return c.html(
    <ProposalPage
      cohort={found}
      proposal={proposal}
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

async function pairPage(
  c: Context,
  pairId: string,
  extra: { problem?: string; values?: FormValues; errors?: Record<string, string> } = {},
  status: 200 | 404 | 409 | 422 = 200,
) {
  const details = await loadPairDetails(pairId);
  if (!details) return notFoundPage(c, noSuchPair);
  const [{ names }, roster] = await Promise.all([
    namesOf(details.pair.cohortId),
    pairing.loadRoster(details.pair.cohortId),
  ]);
  const mentors = [...roster.mentors.keys()]
    .filter((id) => id !== details.pair.mentorId)
    .map((id) => ({ id, name: names.get(id) ?? id }))
    .sort(byName);
  return c.html(
    <PairPage
      details={details}
      names={names}
      mentors={mentors}
      done={c.req.query("fait")}
      lang={langOf(c)}
      {...extra}
    />,
    status,
  );
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

export const adminPages = new Hono<LangEnv>()
  .use(language)
  // Logging in is the only thing open to everyone here.
  .get("/connexion", (c) => {
    const settings = oidcSettings();
    return settings
      ? startSignIn(c, settings, c.req.query("suite") ?? "/admin")
      : loginPage(c, 200);
  })
  .get("/callback", (c) => {
    const settings = oidcSettings();
    return settings
      ? finishSignIn(c, settings)
      : c.redirect(keepLanguage(c, "/admin/connexion"), 303);
  })
  .post("/connexion", async (c) => {
    // With a provider, the token form does not exist: signing in starts at the provider.
    if (oidcSettings()) return c.redirect(keepLanguage(c, "/admin/connexion"), 303);
    const values = await form(c);
    const next = safeReturnPath(text(values, "next"));
    const request = accessRequestOf(c);
    if (request.via !== "local-token" || !sameSecret(text(values, "token"), env.adminToken)) {
      return loginPage(c, 401, "wrong-token", next);
    }
    setCookie(c, adminCookie, sessionValue(env.adminToken), {
      path: "/",
      httpOnly: true,
      sameSite: "Strict",
      secure: new URL(c.req.url).protocol === "https:",
      maxAge: sessionHours * 3600,
    });
    return c.redirect(keepLanguage(c, next), 303);
  })
  .post("/deconnexion", (c) => {
    if (oidcSettings()) {
      endSession(c);
      return c.redirect(keepLanguage(c, "/admin/deconnexion"), 303);
    }
    deleteCookie(c, adminCookie, { path: "/" });
    return c.redirect(keepLanguage(c, "/admin/connexion"), 303);
  })
  .get("/deconnexion", (c) =>
    oidcSettings() ? signedOutPage(c) : c.redirect(keepLanguage(c, "/admin/connexion"), 303),
  )
  .use("*", requireProgrammeTeam)
  // Cohorts
  .get("/", async (c) =>
    c.html(
      <CohortsPage
        cohorts={await cohort.listCohorts()}
        done={c.req.query("fait")}
        lang={c.var.lang}
      />,
    ),
  )
  .get("/vagues", (c) => c.redirect(keepLanguage(c, "/admin"), 303))
  .post("/vagues", async (c) => {
    const values = await form(c);
    const parsed = v.safeParse(cohort.NewCohortSchema, {
      id: text(values, "id"),
      name: text(values, "name"),
    });
    if (!parsed.success) {
      const errors = issuesByField(cohort.NewCohortSchema, parsed.issues);
      return c.html(
        <CohortsPage
          cohorts={await cohort.listCohorts()}
          values={values}
          errors={errors}
          lang={c.var.lang}
        />,
        422,
      );
    }
    const outcome = await cohort.createCohort(parsed.output);
    if (outcome.status === "exists") {
      const errors = { id: "Une vague porte déjà cet identifiant." };
      return c.html(
        <CohortsPage
          cohorts={await cohort.listCohorts()}
          values={values}
          errors={errors}
          lang={c.var.lang}
        />,
        422,
      );
    }
    return redirectDone(c, `/admin/vagues/${parsed.output.id}`, "vague-creee");
  })
  .get("/vagues/:id", async (c) => {
    const id = c.req.param("id");
    const [found, { names }] = await Promise.all([cohort.getCohortOrDefaults(id), namesOf(id)]);
    return c.html(
      <CohortPage cohort={found} names={names} done={c.req.query("fait")} lang={c.var.lang} />,
    );
  })
  .post("/vagues/:id/reglages", async (c) => {
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
  .post("/vagues/:id/exclusions", async (c) => {
    const id = c.req.param("id");
    const values = await form(c);
    await cohort.excludePair(id, text(values, "menteeId"), text(values, "mentorId"));
    return redirectDone(c, `/admin/vagues/${id}`, "exclusion");
  })
  .post("/vagues/:id/exclusions/retrait", async (c) => {
    const id = c.req.param("id");
    const values = await form(c);
    await cohort.allowPair(id, text(values, "menteeId"), text(values, "mentorId"));
    return redirectDone(c, `/admin/vagues/${id}`, "exclusion-retiree");
  })
  // Matching
  .get("/vagues/:id/appariement", (c) => proposalPage(c, c.req.param("id")))
  .post("/vagues/:id/appariement", async (c) => {
    const id = c.req.param("id");
    const outcome = await pairing.propose(id);
    if (!outcome.ok) return proposalPage(c, id, outcome.message);
    return redirectDone(c, `/admin/vagues/${id}/appariement`, "proposition");
  })
  .post("/vagues/:id/appariement/:change{echange|retrait|forcer}", async (c) => {
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
  .post("/vagues/:id/appariement/confirmation", async (c) => {
    const id = c.req.param("id");
    const outcome = await pairing.confirmProposal(id, versionOf(await form(c)));
    if (!outcome.ok) return proposalPage(c, id, outcome.message);
    return redirectDone(c, `/admin/binomes?vague=${encodeURIComponent(id)}`, "confirmation");
  })
  // Follow-up lists
  .get("/questionnaires", async (c) => {
    const filters = filtersOf(c);
    const [cohorts, records] = await Promise.all([
      cohort.listCohorts(),
      loadCohortRecords(filters.cohortId),
    ]);
    const rows = questionnaireRows(records.questionnaires, records.pairs, filters);
    return c.html(
      <QuestionnairesPage cohorts={cohorts} filters={filters} rows={rows} lang={c.var.lang} />,
    );
  })
  .get("/mentors", async (c) => {
    const filters = filtersOf(c);
    const [cohorts, records] = await Promise.all([
      cohort.listCohorts(),
      loadCohortRecords(filters.cohortId),
    ]);
    const rows = mentorRows(records.mentors, records.pairs, filters);
    return c.html(
      <MentorsPage cohorts={cohorts} filters={filters} rows={rows} lang={c.var.lang} />,
    );
  })
  .get("/mentors/:id", async (c) => {
    const mentor = await getMentor(c.req.param("id"));
    if (!mentor) return notFoundPage(c, noSuchMentor);
    return c.html(<MentorPage mentor={mentor} done={c.req.query("fait")} lang={c.var.lang} />);
  })
  .post("/mentors/:id/entretien", async (c) => {
    const id = c.req.param("id");
    const values = await form(c);
    const parsed = v.safeParse(selection.InterviewSchema, interviewFromForm(values));
    if (!parsed.success) {
      const mentor = await getMentor(id);
      if (!mentor) return notFoundPage(c, noSuchMentor);
      const errors = issuesByField(selection.InterviewSchema, parsed.issues);
      return c.html(
        <MentorPage mentor={mentor} values={values} errors={errors} lang={c.var.lang} />,
        422,
      );
    }
    const outcome = await selection.recordInterview(id, parsed.output);
    if (outcome.status === "not-found") return notFoundPage(c, noSuchMentor);
    return redirectDone(c, `/admin/mentors/${id}`, "entretien");
  })
  .get("/binomes", async (c) => {
    const filters = filtersOf(c);
    const [cohorts, { names, records }] = await Promise.all([
      cohort.listCohorts(),
      namesOf(filters.cohortId),
    ]);
    return c.html(
      <PairsPage
        cohorts={cohorts}
        filters={filters}
        pairs={filterPairs(records.pairs, filters)}
        names={names}
        done={c.req.query("fait")}
        lang={c.var.lang}
      />,
    );
  })
  .get("/binomes/:id", (c) => pairPage(c, c.req.param("id")))
  .post("/binomes/:id/pause", (c) => pairAction(c, { action: "pause" }, "pause"))
  .post("/binomes/:id/reprise", (c) => pairAction(c, { action: "resume" }, "reprise"))
  .post("/binomes/:id/annulation", async (c) => {
    const values = await form(c);
    const parsed = v.safeParse(CancelSchema, { reason: text(values, "reason") });
    if (!parsed.success) {
      const errors = issuesByField(CancelSchema, parsed.issues);
      return pairPage(c, c.req.param("id"), { values, errors, problem: errors.reason }, 422);
    }
    return pairAction(c, { action: "cancel", reason: parsed.output.reason }, "annulation");
  })
  .post("/binomes/:id/reaffectation", async (c) => {
    const values = await form(c);
    return pairAction(
      c,
      { action: "reassign", mentorId: text(values, "mentorId") },
      "reaffectation",
    );
  })
  // Figures
  .get("/chiffres", async (c) => {
    const filters = filtersOf(c);
    const [cohorts, records] = await Promise.all([
      cohort.listCohorts(),
      loadCohortRecords(filters.cohortId),
    ]);
    const figures = computeFigures({
      questionnaires: records.questionnaires.length,
      pairs: records.pairs,
    });
    return c.html(
      <FiguresPage
        cohorts={cohorts}
        cohortId={filters.cohortId}
        figures={figures}
        lang={c.var.lang}
      />,
    );
  });
