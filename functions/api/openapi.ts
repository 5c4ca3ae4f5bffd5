import { toJsonSchema } from "@valibot/to-json-schema";
import type * as v from "valibot";
import { MentorApplicationSchema } from "#core/mentor";
import { programme } from "#core/programme";
import { QuestionnaireSchema } from "#core/questionnaire";

/**
 * The OpenAPI 3.1 document of the JSON API, generated from the valibot schemas that validate the
 * requests (transformations and custom checks have no JSON Schema form and are left out).
 */
type JsonRoute = {
  method: "post" | "get";
  path: string;
  summary: string;
  body?: v.GenericSchema;
  created?: boolean;
};

export const jsonRoutes: JsonRoute[] = [
  {
    method: "post",
    path: "/api/questionnaires",
    summary: "Envoyer un questionnaire de besoins",
    body: QuestionnaireSchema,
    created: true,
  },
  {
    method: "post",
    path: "/api/mentor-applications",
    summary: "Envoyer une candidature de mentor",
    body: MentorApplicationSchema,
    created: true,
  },
];

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

export function openApiDocument(extraRoutes: JsonRoute[] = []) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of [...jsonRoutes, ...extraRoutes]) {
    const operations = paths[route.path] ?? {};
    paths[route.path] = operations;
    operations[route.method] = {
      summary: route.summary,
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": {
                  schema: toJsonSchema(route.body, {
                    errorMode: "ignore",
                    target: "draft-2020-12",
                    typeMode: "input",
                  }),
                },
              },
            },
          }
        : {}),
      responses: {
        [route.created ? "201" : "200"]: {
          description: route.created ? "Créé (ou renvoi identique : même réponse)" : "Succès",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: { id: { type: "string" }, status: { type: "string" } },
              },
            },
          },
        },
        ...(route.created
          ? { "200": { description: "Réponses modifiées : le dossier existant est mis à jour" } }
          : {}),
        "400": problemResponse("Corps illisible"),
        "413": problemResponse("Corps trop volumineux"),
        "415": problemResponse("Le corps doit être en JSON"),
        "422": problemResponse("Réponses invalides, champ par champ"),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: `${programme.name} API`,
      version: "1.0.0",
      description: "API JSON du programme de mentorat inversé.",
    },
    paths,
    components: { schemas: { Problem: problemSchema } },
  };
}
