import { toJsonSchema } from "@valibot/to-json-schema";
import type { Hono } from "hono";
import type * as v from "valibot";
import { programme } from "#core/programme";
import { adminApi } from "./routes/admin/api";
import { submissions, type ValidatedInput, validatedInputs } from "./routes/submissions";

/**
 * The OpenAPI 3.1 document of the JSON API. Paths, methods, request bodies and query parameters
 * are read from the routes Hono has registered and from the valibot schemas their validators use
 * (transformations and custom checks have no JSON Schema form and are left out); only what code
 * cannot tell — a French summary and the outcomes of each handler — is written here, once per
 * route. tests/api/openapi.test.ts fails when a route of the app is missing from the document.
 */

type Method = "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
type JsonSchema = Record<string, unknown>;

type Success = { status: 200 | 201; description: string; schema?: JsonSchema; csv?: true };

/** What the handler of a route can answer beyond what its middlewares and validators answer. */
type Operation = {
  summary: string;
  success: Success[];
  /** Handler outcomes, e.g. an unknown id (404) or a state that forbids the action (409). */
  errors?: Partial<Record<404 | 409 | 422, string>>;
};

/** The routers of app.ts under /api, with the prefix each is mounted at. */
const mountedRouters: {
  prefix: string;
  router: Pick<Hono, "routes">;
  programmeTeamOnly: boolean;
}[] = [
  { prefix: "/api", router: submissions, programmeTeamOnly: false },
  { prefix: "/api/admin", router: adminApi, programmeTeamOnly: true },
];

/** Routes declared directly on the app in app.ts (no validator). */
const appRoutes: { method: Method; path: string }[] = [
  { method: "GET", path: "/api/openapi.json" },
];

const object = (properties: Record<string, JsonSchema>, required = Object.keys(properties)) => ({
  type: "object",
  required,
  properties,
});
const anObject = { type: "object" };
const listOf = (key: string) =>
  object({ cohortId: { type: "string" }, [key]: { type: "array", items: anObject } });
const ok = (description: string, schema: JsonSchema = anObject): Success => ({
  status: 200,
  description,
  schema,
});
const submissionOutcome = (status: "created" | "updated") =>
  object({ id: { type: "string" }, status: { const: status } });
const csv = (description: string): Success => ({ status: 200, description, csv: true });

const noProposal = "Aucune proposition pour cette vague";
const staleProposal =
  "La proposition a changé entre-temps (version dépassée) ou ne permet pas cette modification";
const unknownPair = "Ce binôme n'existe pas";
const pairStateForbids = "L'état du binôme ne permet pas cette action";

/** One entry per route, keyed "METHOD /path" with Hono's `:param` syntax, as registered. */
export const operations: Record<string, Operation> = {
  "GET /api/openapi.json": {
    summary: "Obtenir la description OpenAPI 3.1 de l'API",
    success: [ok("Ce document")],
  },
  "POST /api/questionnaires": {
    summary: "Envoyer un questionnaire de besoins",
    success: [
      {
        status: 201,
        description: "Créé (ou renvoi identique : même réponse)",
        schema: submissionOutcome("created"),
      },
      ok("Réponses modifiées : le dossier existant est mis à jour", submissionOutcome("updated")),
    ],
  },
  "POST /api/mentor-applications": {
    summary: "Envoyer une candidature de mentor",
    success: [
      {
        status: 201,
        description: "Créée (ou renvoi identique : même réponse)",
        schema: submissionOutcome("created"),
      },
      ok(
        "Réponses modifiées : la candidature existante est mise à jour",
        submissionOutcome("updated"),
      ),
    ],
  },
  "GET /api/admin/cohorts": {
    summary: "Lister les vagues",
    success: [ok("Les vagues", object({ cohorts: { type: "array", items: anObject } }))],
  },
  "POST /api/admin/cohorts": {
    summary: "Créer une vague",
    success: [{ status: 201, description: "La vague créée", schema: anObject }],
    errors: { 409: "Une vague porte déjà cet identifiant" },
  },
  "GET /api/admin/cohorts/:id": {
    summary:
      "Consulter une vague et ses réglages (réglages par défaut si elle n'existe pas encore)",
    success: [ok("La vague")],
  },
  "PUT /api/admin/cohorts/:id/settings": {
    summary: "Modifier les réglages d'une vague",
    success: [ok("La vague mise à jour")],
  },
  "POST /api/admin/cohorts/:id/exclusions": {
    summary: "Exclure un binôme (cadre, mentor) de l'appariement",
    success: [ok("La vague mise à jour")],
  },
  "DELETE /api/admin/cohorts/:id/exclusions/:menteeId/:mentorId": {
    summary: "Autoriser de nouveau un binôme exclu",
    success: [ok("La vague mise à jour")],
  },
  "GET /api/admin/cohorts/:id/proposal": {
    summary: "Consulter la proposition d'appariement d'une vague",
    success: [ok("La proposition")],
    errors: { 404: noProposal },
  },
  "POST /api/admin/cohorts/:id/proposal": {
    summary: "Calculer une proposition d'appariement",
    success: [{ status: 201, description: "La proposition calculée", schema: anObject }],
    errors: { 409: "La proposition a été modifiée en même temps par quelqu'un d'autre" },
  },
  "POST /api/admin/cohorts/:id/proposal/swap": {
    summary: "Échanger les mentors de deux cadres dans la proposition",
    success: [ok("La proposition modifiée")],
    errors: { 404: noProposal, 409: staleProposal },
  },
  "POST /api/admin/cohorts/:id/proposal/remove": {
    summary: "Retirer un cadre de la proposition",
    success: [ok("La proposition modifiée")],
    errors: { 404: noProposal, 409: staleProposal },
  },
  "POST /api/admin/cohorts/:id/proposal/force": {
    summary: "Imposer un mentor à un cadre dans la proposition",
    success: [ok("La proposition modifiée")],
    errors: { 404: noProposal, 409: staleProposal },
  },
  "POST /api/admin/cohorts/:id/proposal/confirm": {
    summary: "Confirmer la proposition ; les binômes démarrent en arrière-plan",
    success: [
      ok(
        "Proposition confirmée ; le lancement des binômes se suit sur /starts",
        object({
          status: { type: "string" },
          pairs: { type: "array", items: anObject },
        }),
      ),
    ],
    errors: { 404: noProposal, 409: staleProposal },
  },
  "GET /api/admin/cohorts/:id/proposal/starts": {
    summary: "Suivre le lancement des binômes d'une proposition confirmée",
    success: [
      ok(
        "Binômes lancés, en échec, et si le lancement se poursuit",
        object({
          total: { type: "integer" },
          started: { type: "integer" },
          failed: anObject,
          running: { type: "boolean" },
        }),
      ),
    ],
    errors: { 404: "Aucun lancement pour cette vague" },
  },
  "GET /api/admin/mentors": {
    summary: "Lister les mentors d'une vague, avec leurs binômes et places prises",
    success: [ok("Les mentors", listOf("mentors"))],
  },
  "GET /api/admin/mentors/:id": {
    summary: "Consulter une candidature de mentor",
    success: [ok("Le mentor")],
    errors: { 404: "Ce mentor n'existe pas" },
  },
  "PUT /api/admin/mentors/:id/interview": {
    summary: "Enregistrer l'entretien de sélection d'un mentor et sa décision",
    success: [ok("Le mentor, avec l'entretien et l'e-mail de décision")],
    errors: { 404: "Ce mentor n'existe pas" },
  },
  "GET /api/admin/questionnaires": {
    summary: "Lister les questionnaires d'une vague, avec leur statut",
    success: [ok("Les questionnaires", listOf("questionnaires"))],
  },
  "GET /api/admin/questionnaires/:id": {
    summary: "Consulter un questionnaire de besoins",
    success: [ok("Le questionnaire")],
    errors: { 404: "Ce questionnaire n'existe pas" },
  },
  "GET /api/admin/pairs": {
    summary: "Lister les binômes d'une vague",
    success: [ok("Les binômes", listOf("pairs"))],
  },
  "GET /api/admin/pairs/:id": {
    summary: "Suivre un binôme : historique, e-mails envoyés, attente en cours",
    success: [
      ok(
        "Le binôme et son suivi",
        object(
          {
            pair: anObject,
            history: { type: "array", items: anObject },
            emails: { type: "array", items: anObject },
            waitingOn: { type: ["object", "null"] },
            executionUrl: { type: "string" },
          },
          ["pair", "history", "emails", "waitingOn"],
        ),
      ),
    ],
    errors: { 404: unknownPair },
  },
  "POST /api/admin/pairs/:id/pause": {
    summary: "Mettre un binôme en pause",
    success: [ok("Le binôme")],
    errors: { 404: unknownPair, 409: pairStateForbids },
  },
  "POST /api/admin/pairs/:id/resume": {
    summary: "Reprendre un binôme en pause",
    success: [ok("Le binôme")],
    errors: { 404: unknownPair, 409: pairStateForbids },
  },
  "POST /api/admin/pairs/:id/cancel": {
    summary: "Annuler un binôme, avec un motif",
    success: [ok("Le binôme")],
    errors: { 404: unknownPair, 409: pairStateForbids },
  },
  "POST /api/admin/pairs/:id/reassign": {
    summary: "Confier un binôme à un autre mentor",
    success: [ok("Le binôme")],
    errors: {
      404: unknownPair,
      409: pairStateForbids,
      422: "Ce mentor ne peut pas accompagner ce cadre (règles d'appariement)",
    },
  },
  "GET /api/admin/figures": {
    summary: "Obtenir les chiffres d'une vague",
    success: [ok("Les chiffres")],
  },
  "GET /api/admin/exports/pairs.csv": {
    summary: "Exporter les binômes en CSV",
    success: [csv("Les binômes (CSV, UTF-8)")],
  },
  "GET /api/admin/exports/feedback.csv": {
    summary: "Exporter les retours anonymes en CSV",
    success: [csv("Les retours anonymes des séances (CSV, UTF-8)")],
  },
};

/** A route as registered: method, Hono path, the validators in its chain. */
export type RegisteredRoute = {
  method: Method;
  path: string;
  inputs: ValidatedInput[];
  programmeTeamOnly: boolean;
};

/** Every JSON route of the app, read from the routers themselves (middlewares are skipped). */
export function registeredRoutes(): RegisteredRoute[] {
  const routes = new Map<string, RegisteredRoute>();
  for (const { prefix, router, programmeTeamOnly } of mountedRouters) {
    for (const { method, path, handler } of router.routes) {
      if (method === "ALL") continue;
      const fullPath = `${prefix}${path}`;
      const key = `${method} ${fullPath}`;
      const route = routes.get(key) ?? {
        method: method as Method,
        path: fullPath,
        inputs: [],
        programmeTeamOnly,
      };
      routes.set(key, route);
      const input = validatedInputs.get(handler);
      if (input) route.inputs.push(input);
    }
  }
  for (const { method, path } of appRoutes) {
    routes.set(`${method} ${path}`, { method, path, inputs: [], programmeTeamOnly: false });
  }
  return [...routes.values()];
}

/** `/pairs/:id` → `/pairs/{id}`; a `:name{regex}` parameter keeps only its name. */
export const openApiPath = (honoPath: string) =>
  honoPath.replace(/:([A-Za-z0-9_]+)(\{[^/]*\})?\??/g, "{$1}");

/** Each path parameter with the resource it names: `/pairs/:id` → id of a pair. */
const pathParameters = (honoPath: string) =>
  [...honoPath.matchAll(/\/([^/:]+)\/:([A-Za-z0-9_]+)|:([A-Za-z0-9_]+)/g)].map((match) => {
    const name = (match[2] ?? match[3]) as string;
    const description = name === "id" ? resourceNames[match[1] ?? ""] : parameterDescriptions[name];
    return { name, in: "path", required: true, description, schema: { type: "string" } };
  });

const resourceNames: Record<string, string> = {
  cohorts: "Identifiant de la vague",
  mentors: "Identifiant du mentor",
  questionnaires: "Identifiant du questionnaire",
  pairs: "Identifiant du binôme",
};

const parameterDescriptions: Record<string, string> = {
  menteeId: "Identifiant du cadre (mentoré)",
  mentorId: "Identifiant du mentor",
};

const jsonSchemaOf = (schema: v.GenericSchema) =>
  toJsonSchema(schema, {
    errorMode: "ignore",
    target: "draft-2020-12",
    typeMode: "input",
  }) as JsonSchema;

const queryParameters = (schema: v.GenericSchema) => {
  const { properties = {}, required = [] } = jsonSchemaOf(schema) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, propertySchema]) => ({
    name,
    in: "query",
    required: required.includes(name),
    schema: propertySchema,
  }));
};

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

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

const securitySchemeName = "equipeAnimation";

function operationObject(route: RegisteredRoute) {
  const key = `${route.method} ${route.path}`;
  const operation: Operation = operations[key] ?? {
    // A route without an entry is still documented; the test names it so it gets one.
    summary: key,
    success: [ok("Succès")],
  };
  const body = route.inputs.find((input) => input.target === "json");
  const query = route.inputs.find((input) => input.target === "query");
  const hasBody = route.method !== "GET";

  const responses: Record<string, unknown> = {};
  for (const success of operation.success) {
    responses[success.status] = {
      description: success.description,
      content: success.csv
        ? { "text/csv": { schema: { type: "string" } } }
        : { "application/json": { schema: success.schema ?? anObject } },
    };
  }
  if (body) responses["400"] = problemResponse("Corps illisible : ce n'est pas un JSON valide");
  if (route.programmeTeamOnly) {
    responses["401"] = {
      ...problemResponse(
        "Authentification requise, ou le compte n'a pas le rôle « équipe d'animation »",
      ),
      headers: { "WWW-Authenticate": { schema: { type: "string" } } },
    };
  }
  if (operation.errors?.[404]) responses["404"] = problemResponse(operation.errors[404]);
  if (operation.errors?.[409]) responses["409"] = problemResponse(operation.errors[409]);
  if (hasBody) {
    responses["413"] = problemResponse("Corps trop volumineux (64 Kio au plus)");
    responses["415"] = problemResponse(
      "Le corps doit être en JSON : envoyez l'en-tête Content-Type: application/json",
    );
  }
  const invalid = [
    body && "Réponses invalides, champ par champ",
    query && "Filtres invalides, paramètre par paramètre",
    operation.errors?.[422],
  ].filter(Boolean);
  if (invalid.length > 0) responses["422"] = problemResponse(invalid.join(" ; "));

  const parameters = [
    ...pathParameters(route.path),
    ...(query ? queryParameters(query.schema) : []),
  ];

  return {
    summary: operation.summary,
    tags: [route.programmeTeamOnly ? "Équipe d'animation" : "Formulaires publics"],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchemaOf(body.schema) } },
          },
        }
      : {}),
    ...(route.programmeTeamOnly ? { security: [{ [securitySchemeName]: [] }] } : {}),
    responses,
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of registeredRoutes()) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operationObject(route) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: `${programme.name} API`,
      version: "1.0.0",
      description:
        "API JSON du programme de mentorat inversé : formulaires publics et API de l'équipe d'animation (/api/admin). Les erreurs sont des problem+json (RFC 9457) en français.",
    },
    tags: [
      {
        name: "Formulaires publics",
        description: "Questionnaire de besoins et candidature de mentor",
      },
      {
        name: "Équipe d'animation",
        description: "Vagues, appariement, sélection, suivi, chiffres",
      },
    ],
    paths,
    components: {
      schemas: { Problem: problemSchema },
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
  };
}
