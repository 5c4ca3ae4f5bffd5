import type { Context } from "hono";
import type * as v from "valibot";
import { ListQuerySchema, toFilter } from "#core/admin/follow-up";
import { loadCohortRecords } from "#core/admin/pairs";
import { query } from "../../../openapi";
import { problem } from "../../../problem";

/** What the programme team's JSON resources share: query validation, 404s, CSV answers. */

/** The list filters (`?cohort=…&phase=…`), validated. */
export const listQuery = query(ListQuerySchema);

/** The filter a validated list query asks for, and the cohort's records it applies to. */
export async function cohortRecordsOf(listQuery: v.InferOutput<typeof ListQuerySchema>) {
  const filter = toFilter(listQuery);
  return { filter, records: await loadCohortRecords(filter.cohortId) };
}

export const notFound = (c: Context, what: string) => problem(c, 404, `${what} n'existe pas.`);

export const csv = (c: Context, body: string, fileName: string) =>
  c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${fileName}"`,
  });

/** A list answer's schema: the cohort and its items. */
export const listOf = (key: string) => ({
  type: "object",
  required: ["cohortId", key],
  properties: { cohortId: { type: "string" }, [key]: { type: "array", items: { type: "object" } } },
});
