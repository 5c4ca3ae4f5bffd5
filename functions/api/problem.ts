import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Errors of the JSON API as RFC 9457 problem details, in French. */
export type FieldProblem = { pointer: string; field: string; detail: string };

export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  extra: { detail?: string; errors?: FieldProblem[] } = {},
) {
  return c.body(JSON.stringify({ type: "about:blank", title, status, ...extra }), status, {
    "Content-Type": "application/problem+json; charset=utf-8",
  });
}

export function fieldProblems(errors: Record<string, string>): FieldProblem[] {
  return Object.entries(errors).map(([field, detail]) => ({
    field,
    pointer: field === "body" ? "" : `/${field.split(".").join("/")}`,
    detail,
  }));
}
