import { vValidator } from "@hono/valibot-validator";
import { Hono } from "hono";
import type * as v from "valibot";
import * as mentor from "#core/mentor";
import * as questionnaire from "#core/questionnaire";
import { jsonIssuesByField } from "#web/validation";
import { fieldProblems, problem } from "../problem";

/** What a validator middleware checks: the request part and the valibot schema it applies. */
export type ValidatedInput = { target: "json" | "query"; schema: v.GenericSchema };

/**
 * The schema behind each validator middleware, keyed by the middleware itself. The OpenAPI
 * document (openapi.ts) walks the registered routes and reads it here, so the documented schema is
 * the one that validates and cannot drift from it.
 */
export const validatedInputs = new WeakMap<object, ValidatedInput>();

export function recordValidator<M extends object>(middleware: M, input: ValidatedInput): M {
  validatedInputs.set(middleware, input);
  return middleware;
}

/** A JSON body validated by a schema; every invalid or unknown field is listed in French. */
export const jsonBody = <S extends v.GenericSchema>(schema: S) =>
  recordValidator(
    vValidator("json", schema, async (result, c) => {
      if (!result.success) {
        // Already parsed by the validator: read again from Hono's cache.
        const body: unknown = await c.req.json();
        return problem(c, 422, "Certaines réponses ne sont pas valides.", {
          errors: fieldProblems(jsonIssuesByField(schema, result.issues, body)),
        });
      }
    }),
    { target: "json", schema },
  );

const outcomeStatus = (status: "created" | "updated") => (status === "created" ? 201 : 200);

export const submissions = new Hono()
  .post("/questionnaires", jsonBody(questionnaire.QuestionnaireSchema), async (c) => {
    const outcome = await questionnaire.submit(c.req.valid("json"));
    return c.json({ id: outcome.id, status: outcome.status }, outcomeStatus(outcome.status));
  })
  .post("/mentor-applications", jsonBody(mentor.MentorApplicationSchema), async (c) => {
    const outcome = await mentor.apply(c.req.valid("json"));
    return c.json({ id: outcome.id, status: outcome.status }, outcomeStatus(outcome.status));
  });
