import type { Context } from "hono";
import type * as v from "valibot";
import { ListQuerySchema, toFilter, toPageRequest } from "#core/admin/follow-up";
import { InvalidCursor, type ListPage, type PageRequest } from "#core/admin/list-pages";
import { loadCohortRecords } from "#core/admin/pairs";
import { badCursor, invalidQuery, ok, query } from "../../../openapi";
import { fieldProblems, problem } from "../../../problem";

/** What the programme team's JSON resources share: query validation, 404s, CSV answers. */

/** The list filters (`?cohort=…&phase=…`), validated. */
export const listQuery = query(ListQuerySchema);

/** The filter a validated list query asks for, and the cohort's records it applies to. */
export async function cohortRecordsOf(listQuery: v.InferOutput<typeof ListQuerySchema>) {
  const filter = toFilter(listQuery);
  return { filter, records: await loadCohortRecords(filter.cohortId) };
}

export const notFound = (c: Context, what: string) => problem(c, 404, `${what} n'existe pas.`);

/** Fields the schema passed but the records refuse (an unknown mentor): 422, like the schema's. */
export const invalidFields = (c: Context, errors: Record<string, string>) =>
  problem(c, 422, "Certaines réponses ne sont pas valides.", { errors: fieldProblems(errors) });

export const csv = (c: Context, body: string, fileName: string) =>
  c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${fileName}"`,
  });

/** A paged list's answer: a page of items, and `next` (the `cursor` of the next page) if any. */
const pageOf = (key: string) => ({
  type: "object",
  required: ["cohortId", key],
  properties: {
    cohortId: { type: "string" },
    [key]: { type: "array", items: { type: "object" } },
    next: {
      type: "string",
      description: "À passer en `cursor` pour la page suivante ; absent à la fin de la liste",
    },
    more: {
      type: "boolean",
      description: "Une recherche (`q`) qui trouve plus de personnes qu'une page n'en montre",
    },
    scanned: {
      type: "integer",
      description: "Éléments parcourus quand une page filtrée s'arrête avant d'être pleine",
    },
  },
});

/** What a paged list documents: 50 items a page from `cursor`, `q` a search, its errors. */
export const pagedList = (description: string, key: string) => ({
  ...ok(
    `${description}, 50 par page (\`cursor\` : le \`next\` de la page précédente)`,
    pageOf(key),
  ),
  ...invalidQuery,
  ...badCursor,
});

/** Answers one page of a list, or 400 in French for a cursor this list did not sign. */
export async function pagedAnswer<Row>(
  c: Context,
  listQuery: v.InferOutput<typeof ListQuerySchema>,
  read: (request: PageRequest) => Promise<ListPage<Row>>,
  answer: (rows: Row[]) => Record<string, unknown>,
) {
  const request = toPageRequest(listQuery);
  try {
    const page = await read(request);
    return c.json({
      cohortId: request.cohortId,
      ...answer(page.rows),
      ...(page.next ? { next: page.next } : {}),
      ...(page.more ? { more: true } : {}),
      ...(page.scanned ? { scanned: page.scanned } : {}),
    });
  } catch (error) {
    if (!(error instanceof InvalidCursor)) throw error;
    return problem(
      c,
      400,
      "Ce curseur de page n'est pas valide\u00a0: il a été modifié ou vient d'une autre liste. Reprenez la liste depuis le début.",
    );
  }
}
