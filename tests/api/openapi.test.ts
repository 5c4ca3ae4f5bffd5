import { resolver } from "hono-openapi";
import type * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ListQuerySchema } from "#core/admin/follow-up";
import { BarnumFormSchema, BarnumMoveSchema } from "#core/barnum/model";
import { CohortSettingsSchema, NewCohortSchema } from "#core/cohort";
import { MailingSchema, PreviewSchema } from "#core/cohort-mailing";
import * as workshops from "#core/events/workshop";
import { MentorApplicationSchema } from "#core/mentor";
import { MeetingFormSchema, MeetingMoveSchema } from "#core/network/model";
import { NoteSchema } from "#core/pair/notes";
import { PairAgainSchema } from "#core/pair/pair-again";
import { ReminderSchema, ResendSchema } from "#core/pair/reminders";
import { QuestionnaireSchema } from "#core/questionnaire";
import { ResourceSchema } from "#core/resources";
import { InterviewSchema } from "#core/selection";
import { AttendanceSchema, StaffingSchema } from "#web/admin-event-forms";
import { app } from "../../functions/api/app";
import { openApiPath } from "../../functions/api/openapi";
import {
  CancelSchema,
  ConfirmSchema,
  ExclusionSchema,
  ForceSchema,
  ReassignSchema,
  RemoveSchema,
  SwapSchema,
} from "../../functions/api/routes/admin/schemas";
import { adminJson } from "./admin-support";

type Operation = {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, unknown>; $ref?: string }
  >;
  security?: Record<string, string[]>[];
};
type Document = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
};

const httpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

async function fetchDocument(): Promise<Document> {
  const response = await app.request("/api/openapi.json");
  expect(response.status).toBe(200);
  return response.json();
}

/** Every "METHOD /path" (OpenAPI syntax) of the deployed app under /api, middlewares excluded. */
const servedApiRoutes = () =>
  new Set(
    app.routes
      .filter((route) => route.method !== "ALL" && route.path.startsWith("/api/"))
      .map((route) => `${route.method} ${openApiPath(route.path)}`),
  );

const documentedRoutes = (document: Document) =>
  new Set(
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => httpMethods.includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );

const operationsOf = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => httpMethods.includes(method))
      .map(([method, operation]) => ({ method, path, operation })),
  );

const bodySchema = (document: Document, method: string, path: string) =>
  document.paths[path]?.[method]?.requestBody?.content["application/json"]?.schema;

/** The JSON Schema hono-openapi derives from the valibot schema a validator applies. */
const asJsonSchema = async (schema: v.GenericSchema) =>
  (await resolver(schema).toOpenAPISchema()).schema as Record<string, unknown>;

/** Resolves a local JSON pointer ("#/components/schemas/Problem") in the document. */
function resolve(document: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>(
      (node, part) =>
        node !== null && typeof node === "object"
          ? (node as Record<string, unknown>)[part]
          : undefined,
      document,
    );
}

function collectRefs(node: unknown, refs: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, refs);
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") refs.push(value);
      else collectRefs(value, refs);
    }
  }
  return refs;
}

describe("GET /api/openapi.json", () => {
  it("documents every /api route the deployed app serves, and no route it does not serve", async () => {
    const document = await fetchDocument();
    const served = servedApiRoutes();
    // The admin API alone has more than twenty routes: an empty walk would prove nothing.
    expect(served.size).toBeGreaterThan(25);
    expect([...served].filter((route) => !documentedRoutes(document).has(route))).toEqual([]);
    expect([...documentedRoutes(document)].filter((route) => !served.has(route))).toEqual([]);
  });

  it("has a French summary written for every route", async () => {
    const document = await fetchDocument();
    for (const { method, path, operation } of operationsOf(document)) {
      expect(operation.summary, `${method} ${path}`).toMatch(/^[A-ZÉ][a-zéèêàâîôûç' ]+ /);
      expect(operation.summary, `${method} ${path}`).not.toMatch(/^(GET|POST|PUT|DELETE) /);
    }
  });

  it("is a structurally valid OpenAPI 3.1 document: responses everywhere, path parameters declared, every $ref resolved", async () => {
    const document = await fetchDocument();
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toEqual(expect.any(String));
    expect(document.info.version).toEqual(expect.any(String));

    for (const { method, path, operation } of operationsOf(document)) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(path, where).toMatch(/^\//);
      expect(path, where).not.toContain(":");
      expect(operation.summary, where).toEqual(expect.any(String));
      const responses = Object.entries(operation.responses ?? {});
      expect(responses.length, where).toBeGreaterThan(0);
      expect(
        responses.some(([status]) => status.startsWith("2")),
        where,
      ).toBe(true);
      for (const [status, response] of responses) {
        expect(status, where).toMatch(/^[1-5]\d\d$/);
        expect(response.description, `${where} ${status}`).toEqual(expect.any(String));
        if (status.startsWith("4")) {
          expect(Object.keys(response.content ?? {}), `${where} ${status}`).toEqual([
            "application/problem+json",
          ]);
        }
      }
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      const declared = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === "path")
        .map((parameter) => {
          expect(parameter.required, `${where} ${parameter.name}`).toBe(true);
          return parameter.name;
        })
        .sort();
      expect(declared, where).toEqual(templated);
      const names = (operation.parameters ?? []).map((p) => `${p.in}:${p.name}`);
      expect(new Set(names).size, where).toBe(names.length);
      for (const requirement of operation.security ?? []) {
        for (const scheme of Object.keys(requirement)) {
          expect(document.components.securitySchemes?.[scheme], `${where} ${scheme}`).toBeDefined();
        }
      }
    }

    const refs = collectRefs(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\//);
      expect(resolve(document, ref), ref).toBeDefined();
    }
  });

  it("documents each request body with the very schema its validator applies", async () => {
    const document = await fetchDocument();
    const expected: [string, string, v.GenericSchema][] = [
      ["post", "/api/questionnaires", QuestionnaireSchema],
      ["post", "/api/mentor-applications", MentorApplicationSchema],
      ["post", "/api/admin/cohorts", NewCohortSchema],
      ["put", "/api/admin/cohorts/{id}/settings", CohortSettingsSchema],
      ["post", "/api/admin/cohorts/{id}/exclusions", ExclusionSchema],
      ["post", "/api/admin/cohorts/{id}/proposal/swap", SwapSchema],
      ["post", "/api/admin/cohorts/{id}/proposal/remove", RemoveSchema],
      ["post", "/api/admin/cohorts/{id}/proposal/force", ForceSchema],
      ["post", "/api/admin/cohorts/{id}/proposal/confirm", ConfirmSchema],
      ["put", "/api/admin/mentors/{id}/interview", InterviewSchema],
      ["post", "/api/admin/pairs/{id}/cancel", CancelSchema],
      ["post", "/api/admin/pairs/{id}/reassign", ReassignSchema],
      ["post", "/api/admin/pairs/{id}/notes", NoteSchema],
      ["post", "/api/admin/pairs/{id}/resend-link", ResendSchema],
      ["post", "/api/admin/pairs/{id}/reminder", ReminderSchema],
      ["post", "/api/admin/pairs/{id}/pair-again", PairAgainSchema],
      ["put", "/api/admin/workshops/{id}/mentors", workshops.AssignMentorsSchema],
      ["put", "/api/admin/workshops/{id}/schedule", workshops.ScheduleSchema],
      ["post", "/api/admin/workshops/{id}/participants", workshops.ParticipantsBodySchema],
      ["post", "/api/admin/cohorts/{id}/mailings/preview", PreviewSchema],
      ["post", "/api/admin/cohorts/{id}/mailings", MailingSchema],
      ["post", "/api/admin/barnum", BarnumFormSchema],
      ["post", "/api/admin/barnum/{id}/move", BarnumMoveSchema],
      ["post", "/api/admin/barnum/{id}/mentors", StaffingSchema],
      ["post", "/api/admin/network", MeetingFormSchema],
      ["post", "/api/admin/network/{id}/move", MeetingMoveSchema],
      ["put", "/api/admin/network/{id}/attendance", AttendanceSchema],
      ["post", "/api/admin/resources", ResourceSchema],
    ];
    for (const [method, path, schema] of expected) {
      expect(bodySchema(document, method, path), `${method} ${path}`).toEqual(
        await asJsonSchema(schema),
      );
    }
    const withBody = operationsOf(document).filter(({ operation }) => operation.requestBody);
    expect(withBody.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(
      expected.map(([method, path]) => `${method} ${path}`).sort(),
    );
    for (const { method, path, operation } of withBody) {
      expect(Object.keys(operation.responses ?? {}), `${method} ${path}`).toEqual(
        expect.arrayContaining(["400", "413", "415", "422"]),
      );
    }
  });

  it("answers 422 to an unknown field on every route whose documented body forbids it", async () => {
    const document = await fetchDocument();
    const strictBodies = operationsOf(document).filter(
      ({ method, path }) => bodySchema(document, method, path)?.additionalProperties === false,
    );
    expect(strictBodies.length).toBeGreaterThan(10);
    for (const { method, path } of strictBodies) {
      const concrete = path.replace(/\{[^}]+\}/g, "inconnu");
      const response = await adminJson(method.toUpperCase(), concrete, { champInattendu: true });
      expect(response.status, `${method} ${path}`).toBe(422);
      const problem = await response.json();
      expect(problem.errors, `${method} ${path}`).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: "champInattendu" })]),
      );
    }
  });

  it("documents the list filters as query parameters from the schema that validates them", async () => {
    const document = await fetchDocument();
    const { properties } = (await asJsonSchema(ListQuerySchema)) as {
      properties: Record<string, unknown>;
    };
    for (const path of [
      "/api/admin/mentors",
      "/api/admin/questionnaires",
      "/api/admin/pairs",
      "/api/admin/figures",
      "/api/admin/exports/pairs.csv",
      "/api/admin/exports/feedback.csv",
    ]) {
      const operation = document.paths[path]?.get;
      const query = (operation?.parameters ?? []).filter((parameter) => parameter.in === "query");
      expect(
        query.map((parameter) => parameter.name),
        path,
      ).toEqual(Object.keys(properties));
      for (const parameter of query) {
        expect(parameter.required ?? false, `${path} ${parameter.name}`).toBe(false);
        expect(parameter.schema, `${path} ${parameter.name}`).toEqual(properties[parameter.name]);
      }
      expect(operation?.responses?.["422"], path).toBeDefined();
    }
    expect(
      document.paths["/api/admin/exports/pairs.csv"]?.get?.responses?.["200"]?.content,
    ).toEqual({ "text/csv": { schema: { type: "string" } } });
  });

  it("requires the programme team's bearer token on /api/admin routes only", async () => {
    const document = await fetchDocument();
    const scheme = document.components.securitySchemes?.equipeAnimation as Record<string, string>;
    expect(scheme).toMatchObject({ type: "http", scheme: "bearer", bearerFormat: "JWT" });
    expect(scheme.description).toContain("OIDC");
    expect(scheme.description).toContain("ADMIN_TOKEN");
    for (const { method, path, operation } of operationsOf(document)) {
      const where = `${method} ${path}`;
      if (path.startsWith("/api/admin/")) {
        expect(operation.security, where).toEqual([{ equipeAnimation: [] }]);
        expect(operation.responses?.["401"], where).toBeDefined();
      } else {
        expect(operation.security, where).toBeUndefined();
        expect(operation.responses?.["401"], where).toBeUndefined();
      }
    }
  });

  it("lists the 404 and 409 answers of the handlers that give them", async () => {
    const document = await fetchDocument();
    const statuses = (method: string, path: string) =>
      Object.keys(document.paths[path]?.[method]?.responses ?? {});
    expect(statuses("post", "/api/admin/cohorts")).toContain("409");
    expect(statuses("get", "/api/admin/pairs/{id}")).toContain("404");
    expect(statuses("post", "/api/admin/pairs/{id}/reassign")).toEqual(
      expect.arrayContaining(["404", "409", "422"]),
    );
    expect(statuses("post", "/api/admin/cohorts/{id}/proposal/confirm")).toEqual(
      expect.arrayContaining(["404", "409"]),
    );
    expect(statuses("get", "/api/admin/cohorts")).not.toContain("404");
    expect(statuses("post", "/api/questionnaires")).toEqual(
      expect.arrayContaining(["200", "201", "400", "413", "415", "422"]),
    );
  });
});
