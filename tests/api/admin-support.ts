import { env } from "#core/env";
import type { MentorApplication } from "#core/mentor";
import * as mentor from "#core/mentor";
import type { Questionnaire } from "#core/questionnaire";
import * as questionnaire from "#core/questionnaire";
import { recordInterview } from "#core/selection";
import { useWorkflowEngine } from "#core/workflow/engine";
import { app } from "../../functions/api/app";
import { mentorAnswers, questionnaireAnswers } from "../support/fixtures";

/** Helpers shared by the programme team's API tests. */

export const origin = "http://localhost";

export const adminHeaders = (): Record<string, string> => ({
  Authorization: `Bearer ${env.adminToken}`,
});

/** A JSON call to the admin API, authenticated unless `headers` says otherwise. */
export function adminJson(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = adminHeaders(),
) {
  return app.request(`${origin}${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...headers },
    body: body === undefined ? (method === "GET" ? undefined : "{}") : JSON.stringify(body),
  });
}

/** An HTML form post to an admin page, from the site itself (the CSRF check wants the origin). */
export function adminForm(
  path: string,
  form: Record<string, string | string[]>,
  headers: Record<string, string> = adminHeaders(),
) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const item of ([] as string[]).concat(value)) body.append(key, item);
  }
  return app.request(`${origin}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, ...headers },
    body,
  });
}

export const adminPage = (path: string, headers: Record<string, string> = adminHeaders()) =>
  app.request(`${origin}${path}`, { headers });

let cohortCounter = 0;
/** A cohort id of its own for each test, so tests never see each other's records. */
export const freshCohortId = () =>
  `test-${Date.now().toString(36)}-${(cohortCounter++).toString(36)}`;

export async function submitMentee(cohortId: string, overrides: Partial<Questionnaire> = {}) {
  const answers = questionnaireAnswers(overrides);
  const { id } = await questionnaire.submit(answers, cohortId);
  return { id, answers };
}

export async function submitMentor(
  cohortId: string,
  overrides: Partial<MentorApplication> = {},
  decision: "selected" | "waiting-list" | "not-selected" | "applied" = "selected",
) {
  const answers = mentorAnswers(overrides);
  const { id } = await mentor.apply(answers, cohortId);
  if (decision !== "applied") {
    await recordInterview(id, {
      grid: {
        digitalMaturity: { level: 4 },
        teachingAptitude: { level: 3 },
        seniorCoaching: { level: 3 },
      },
      decision,
    });
  }
  return { id, answers };
}

/**
 * Stand-in for the Step Functions engine in the API tests (the integration test runs the real
 * local engine): the real `startPair` creates the pair, this records which executions started
 * and, like Step Functions, refuses a second execution of the same name.
 */
export const startedExecutions: string[] = [];
export function useRecordingEngine() {
  useWorkflowEngine({
    async start(executionName) {
      if (startedExecutions.includes(executionName)) return { started: false };
      startedExecutions.push(executionName);
      return { started: true };
    },
    sendTaskSuccess: async () => "gone",
    sendTaskFailure: async () => "gone",
  });
}

/** A page's HTML with the entities hono/jsx escapes turned back into characters. */
export async function pageText(response: Response): Promise<string> {
  return (await response.text())
    .replaceAll("&#39;", "'")
    .replaceAll("&quot;", '"')
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}
