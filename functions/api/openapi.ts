import type { Hono } from "hono";
import { describeRoute, openAPIRouteHandler, validator } from "hono-openapi";
import type * as v from "valibot";
import { programme } from "#core/programme";
import { issuesByField, jsonIssuesByField } from "#web/validation";
import { fieldProblems, problem } from "./problem";

/**
 * The OpenAPI 3.1 document of the JSON API, produced by hono-openapi from the routes themselves:
 * each route carries its validators (whose valibot schemas become the request body and query
 * parameters) and a `describe(…)` with what code cannot tell — a French summary and the
 * outcomes of its handler. tests/api/openapi.test.ts fails when a route of the app is missing.
 *
 * The validators answer as before: a French 422 problem+json listing every invalid or unknown
 * field (a hook of hono-openapi's validator), 400 for unreadable JSON (app.ts's error mapping).
 */

type JsonSchema = Record<string, unknown>;
type Response = {
  description: string;
  content?: Record<string, { schema: JsonSchema }>;
  headers?: Record<string, { schema: JsonSchema }>;
};
export type Responses = Record<string, Response>;

/** A JSON body validated by a schema; every invalid or unknown field is listed in French. */
export const jsonBody = <S extends v.GenericSchema>(schema: S) =>
  validator("json", schema, async (result, c) => {
    if (!result.success) {
      // Already parsed by the validator: read again from Hono's cache.
      const body: unknown = await c.req.json();
      return problem(c, 422, "Certaines réponses ne sont pas valides.", {
        errors: fieldProblems(
          jsonIssuesByField(schema, result.error as unknown as v.BaseIssue<unknown>[], body),
        ),
      });
    }
  });

/** A query string validated by a schema (the list filters). */
export const query = <S extends v.GenericSchema>(schema: S) =>
  validator("query", schema, (result, c) => {
    if (!result.success) {
      return problem(c, 422, "Certains filtres ne sont pas valides.", {
        errors: fieldProblems(
          issuesByField(schema, result.error as unknown as v.BaseIssue<unknown>[]),
        ),
      });
    }
  });

const anObject = { type: "object" };

export const object = (
  properties: Record<string, JsonSchema>,
  required = Object.keys(properties),
) => ({ type: "object", required, properties });

/** A 200 (or 201) JSON answer. */
export const ok = (description: string, schema: JsonSchema = anObject, status = 200) => ({
  [status]: { description, content: { "application/json": { schema } } },
});

export const csvFile = (description: string) => ({
  200: { description, content: { "text/csv": { schema: { type: "string" } } } },
});

export const problemResponse = (description: string): Response => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/** What a validated body adds: unreadable JSON (400), invalid fields (422). */
export const invalidBody = (also?: string) => ({
  400: problemResponse("Corps illisible : ce n'est pas un JSON valide"),
  422: problemResponse(["Réponses invalides, champ par champ", also].filter(Boolean).join(" ; ")),
});
export const invalidQuery = { 422: problemResponse("Filtres invalides, paramètre par paramètre") };
export const notFound = (description: string) => ({ 404: problemResponse(description) });
export const badCursor = {
  400: problemResponse("Le curseur de page (`cursor`) n'est pas un `next` de cette liste"),
};
export const conflict = (description: string) => ({ 409: problemResponse(description) });

/** A route's entry in the document: its French summary and what its handler answers. */
export const describe = (summary: string, responses: Responses, tags?: string[]) =>
  describeRoute({ summary, responses, ...(tags ? { tags } : {}) });

export const programmeTeamTag = "Équipe d'animation";
export const publicFormsTag = "Formulaires publics";
const securitySchemeName = "equipeAnimation";

/**
 * A route of the programme team's API: the bearer token, and 401 without the role. (Written per
 * route rather than once with `use("*", describeRoute(…))`: hono-openapi 1.3 merges such a
 * path-wide spec again for each documented middleware of a route, so `security` came out twice
 * on every route with a validator.)
 */
export const describeForTeam = (summary: string, responses: Responses) =>
  describeRoute({
    summary,
    tags: [programmeTeamTag],
    security: [{ [securitySchemeName]: [] }],
    responses: {
      401: {
        ...problemResponse(
          "Authentification requise, ou le compte n'a pas le rôle « équipe d'animation »",
        ),
        headers: { "WWW-Authenticate": { schema: { type: "string" } } },
      },
      ...responses,
    },
  });

const problemSchema = {
  type: "object",
  required: ["title", "status"],
  properties: {
    type: { type: "string" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        properties: {
          pointer: { type: "string" },
          field: { type: "string" },
          detail: { type: "string" },
        },
      },
    },
  },
};

/** Every JSON route with a body passes app.ts's body limit and JSON-only check. */
const withBody = {
  responses: {
    413: problemResponse("Corps trop volumineux (64 Kio au plus)"),
    415: problemResponse(
      "Le corps doit être en JSON : envoyez l'en-tête Content-Type: application/json",
    ),
  },
};

/** GET /api/openapi.json: generated once per cold start (the routes are fixed by then). */
export const openApiDocument = (app: Hono) =>
  openAPIRouteHandler(app, {
    // `pairs.csv` and `openapi.json` are routes, not static files.
    excludeStaticFile: false,
    defaultValidationErrorResponse: false,
    defaultOptions: { POST: withBody, PUT: withBody, DELETE: withBody, PATCH: withBody },
    documentation: {
      info: {
        title: `${programme.name} API`,
        version: "1.0.0",
        description:
          "API JSON du programme de mentorat inversé : formulaires publics et API de l'équipe d'animation (/api/admin). Les erreurs sont des problem+json (RFC 9457) en français.",
      },
      tags: [
        { name: publicFormsTag, description: "Questionnaire de besoins et candidature de mentor" },
        { name: programmeTeamTag, description: "Vagues, appariement, sélection, suivi, chiffres" },
      ],
      components: {
        schemas: { Problem: problemSchema as { type: "object" } },
        securitySchemes: {
          [securitySchemeName]: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "JWT",
            description:
              "Sur AWS : jeton JWT du fournisseur d'identité OIDC (vérifié par API Gateway, avec le rôle « équipe d'animation »). En local : la valeur de ADMIN_TOKEN. / On AWS: a JWT from the OIDC provider; locally: ADMIN_TOKEN.",
          },
        },
      },
    },
  });

/** `/pairs/:id` → `/pairs/{id}`; a `:name{regex}` parameter keeps only its name. */
export const openApiPath = (honoPath: string) =>
  honoPath.replace(/:([A-Za-z0-9_]+)(\{[^/]*\})?\??/g, "{$1}");
