import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { env } from "#core/env";
import { keys } from "#core/keys";
import type { Questionnaire } from "#core/questionnaire";
import { app } from "../../functions/api/app";
import { questionnaireAnswers, questionnaireForm } from "../support/fixtures";
import { emailsTo } from "../support/inbox";

/**
 * Two different changes of one person's questionnaire sent at the same moment (two tabs, a
 * double submission after an edit), many times over: each gets an answer that is not a server
 * error, the stored form is one of the two, whole, and the person was acknowledged once.
 */
const origin = "http://localhost:3000";
const tries = 10;

const postJson = (answers: Questionnaire) =>
  app.request("/api/questionnaires", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(answers),
  });

const postForm = (answers: Questionnaire) =>
  app.request(`${origin}/questionnaire`, {
    method: "POST",
    body: questionnaireForm(answers),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
  });

async function storedAnswers(id: string): Promise<Questionnaire> {
  const { Item } = await documents.send(
    new GetCommand({ TableName: env.tableName, Key: keys.questionnaire(id), ConsistentRead: true }),
  );
  return Item?.answers as Questionnaire;
}

/** Two changes that differ in two fields each: a mix of both would be a torn write. */
const changes = (answers: Questionnaire) => [
  { ...answers, goal: "Publier sur LinkedIn chaque mois", availability: ["evening" as const] },
  { ...answers, goal: "Animer une réunion en visio", availability: ["lunch" as const] },
];

describe("two different changes of one questionnaire at the same moment", () => {
  for (const [path, post] of [
    ["JSON", postJson],
    ["form", postForm],
  ] as const) {
    it(`answers both without a server error and keeps one of them whole, on the ${path} path`, {
      timeout: 120_000,
    }, async () => {
      for (let attempt = 0; attempt < tries; attempt++) {
        const answers = questionnaireAnswers();
        const created = await postJson(answers);
        expect(created.status).toBe(201);
        const { id } = (await created.json()) as { id: string };
        const [first, second] = changes(answers) as [Questionnaire, Questionnaire];
        const responses = await Promise.all([post(first), post(second)]);
        expect(responses.map((response) => response.status < 500)).toEqual([true, true]);
        const stored = await storedAnswers(id);
        const kept = [first, second].filter(
          (change) =>
            stored.goal === change.goal &&
            JSON.stringify(stored.availability) === JSON.stringify(change.availability),
        );
        expect(kept).toHaveLength(1);
        expect(await emailsTo(answers.email)).toHaveLength(1);
      }
    });
  }

  it("creates one record and acknowledges once when two different first submissions race", {
    timeout: 120_000,
  }, async () => {
    for (let attempt = 0; attempt < tries; attempt++) {
      const answers = questionnaireAnswers();
      const [first, second] = changes(answers) as [Questionnaire, Questionnaire];
      const responses = await Promise.all([postJson(first), postForm(second)]);
      expect(responses.map((response) => response.status < 500)).toEqual([true, true]);
      const ids = await responses[0].json();
      const stored = await storedAnswers((ids as { id: string }).id);
      expect([first.goal, second.goal]).toContain(stored.goal);
      expect(await emailsTo(answers.email)).toHaveLength(1);
    }
  });
});
