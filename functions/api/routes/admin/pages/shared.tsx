import type { Context } from "hono";
import * as v from "valibot";
import { type Filter, ListQuerySchema, toFilter } from "#core/admin/follow-up";
import { loadCohortRecords } from "#core/admin/pairs";
import { fullName } from "#core/fields";
import type { Localised } from "#core/programme";
import type { FormValues } from "#web/form-kit";
import { type Lang, t } from "#web/i18n";
import type { Person } from "#web/pages/admin/matching";
import { AdminLayout, type Filters, inLanguage } from "#web/pages/admin/parts";

/** What every page of the programme team's area shares: language, forms, redirects, names. */

/** The language the `language` middleware chose for this request (French when it did not run). */
export const langOf = (c: Context): Lang => (c.get("lang") === "en" ? "en" : "fr");

export const notFoundPage = (c: Context, message: Localised) => {
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

/** A redirect in the request's language, unless the address already says which. */
export const keepLanguage = (c: Context, path: string) =>
  /[?&]lang=/.test(path) ? path : inLanguage(path, langOf(c));

/** The list filters from the query string; an unknown value is ignored rather than refused. */
export function filtersOf(c: Context): Filter & Filters {
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

/** A list page's filters, its cursor (`curseur`, as signed) and its search (`q`). */
export function pageRequestOf(c: Context) {
  const filters = filtersOf(c);
  const cursor = c.req.query("curseur") || undefined;
  const search = c.req.query("q")?.trim().slice(0, 120) || undefined;
  return { ...filters, cursor, search };
}

/** A cursor this list did not sign (altered, or from another list): said in French, 400. */
export const invalidCursorPage = (c: Context, firstPage: string) => {
  const lang = langOf(c);
  const title = t(lang, { fr: "Page de liste introuvable", en: "List page not found" });
  return c.html(
    <AdminLayout lang={lang} title={title} path={c.req.path}>
      <h1>{title}</h1>
      <p>
        {t(lang, {
          fr: "L'adresse de cette page de liste a été modifiée ou vient d'une autre liste\u00a0: elle ne peut pas être lue.",
          en: "The address of this list page was altered or comes from another list: it cannot be read.",
        })}
      </p>
      <p>
        <a href={keepLanguage(c, firstPage)}>
          {t(lang, { fr: "Revenir au début de la liste", en: "Back to the start of the list" })}
        </a>
      </p>
    </AdminLayout>,
    400,
  );
};

export const form = async (c: Context) => (await c.req.parseBody({ all: true })) as FormValues;
export const text = (values: FormValues, name: string) => {
  const value = values[name];
  return typeof value === "string" ? value : "";
};
export const versionOf = (values: FormValues) => {
  const version = Number(text(values, "version"));
  return Number.isInteger(version) && version > 0 ? version : undefined;
};

/** Post/redirect/get: back to the page, which says what was done (`?fait=…`). */
export const redirectDone = (c: Context, path: string, done: string) =>
  c.redirect(keepLanguage(c, `${path}${path.includes("?") ? "&" : "?"}fait=${done}`), 303);

/** Names of a cohort's people, for tables and selects (never logged). */
export async function namesOf(cohortId: string) {
  const records = await loadCohortRecords(cohortId);
  const names = new Map<string, string>();
  for (const record of records.questionnaires) names.set(record.id, fullName(record.answers));
  for (const record of records.mentors) names.set(record.id, fullName(record.answers));
  return { names, records };
}

export const byName = (a: Person, b: Person) => a.name.localeCompare(b.name, "fr");
