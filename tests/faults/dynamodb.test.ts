import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { localCredentials } from "#core/clients/local";
import { keys } from "#core/keys";
import {
  mentorAnswers,
  mentorForm,
  questionnaireAnswers,
  questionnaireForm,
} from "../support/fixtures";
import { emailsTo } from "../support/inbox";
import { startProxy } from "./proxy";

/**
 * DynamoDB cut during submissions, through a TCP proxy in front of the real DynamoDB Local: the
 * app reaches the table through the proxy (the SDK's AWS_ENDPOINT_URL_DYNAMODB), the test reads
 * the table directly, so what it sees is what was really stored.
 */
const tableEndpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB as string;
const proxy = await startProxy(tableEndpoint);
process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.endpoint;
// Imported only now: the app's client must take the proxy's endpoint.
const { app } = await import("../../functions/api/app");
const { logger } = await import("#core/observability");
const { adminJson, freshCohortId, submitMentor } = await import("../api/admin-support");
const { documents } = await import("#core/clients/dynamodb");
const { ses } = await import("#core/clients/ses");

/** When set to an address, the proxy refuses everything once SES has accepted an email to it. */
let cutOnceSesAccepts: string | undefined;
ses.middlewareStack.add(
  (next) => async (args) => {
    const result = await next(args);
    const to = (args.input as { Destination?: { ToAddresses?: string[] } }).Destination
      ?.ToAddresses;
    if (cutOnceSesAccepts && to?.includes(cutOnceSesAccepts)) {
      cutOnceSesAccepts = undefined;
      await proxy.cut("refuse");
    }
    return result;
  },
  { step: "initialize", name: "cutOnceSesAccepts" },
);

/** When set, the proxy refuses everything once the app's next write has been answered. */
let cutAfterNextWrite = false;
documents.middlewareStack.add(
  (next, context) => async (args) => {
    const result = await next(args);
    if (cutAfterNextWrite && /^(Put|Update|Delete|TransactWrite)/.test(context.commandName ?? "")) {
      cutAfterNextWrite = false;
      await proxy.cut("refuse");
    }
    return result;
  },
  { step: "initialize", name: "cutAfterNextWrite" },
);

const table = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: tableEndpoint,
    region: "eu-west-3",
    credentials: localCredentials,
  }),
);
const origin = "http://localhost";
const cohortId = "vague-1";

afterAll(() => proxy.close());
beforeEach(() => proxy.restore());

const submitJson = (answers: object) =>
  app.request(`${origin}/api/questionnaires`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(answers),
  });

/** What the table holds for one person: the uniqueness claim and the record it names. */
async function storedFor(email: string) {
  const claim = await table.send(
    new GetCommand({
      TableName: process.env.TABLE_NAME,
      Key: keys.submissionClaim("questionnaire", cohortId, email),
      ConsistentRead: true,
    }),
  );
  const id = claim.Item?.id as string | undefined;
  const record = id
    ? await table.send(
        new GetCommand({
          TableName: process.env.TABLE_NAME,
          Key: keys.questionnaire(id),
          ConsistentRead: true,
        }),
      )
    : undefined;
  return { claim: Boolean(claim.Item), record: record?.Item };
}

describe("DynamoDB unavailable", () => {
  it("answers 503 with Retry-After and says nothing was stored when no write reached the table", async () => {
    const answers = questionnaireAnswers();
    await proxy.cut("refuse");
    const response = await submitJson(answers);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = await response.json();
    expect(problem.stored).toBe(false);
    expect(problem.title).toContain("votre envoi n'a pas été enregistré");
    await proxy.restore();
    expect(await storedFor(answers.email)).toEqual({ claim: false, record: undefined });
  });

  it("shows the person's form again with what they typed and a French notice, not problem+json", async () => {
    const answers = questionnaireAnswers({ goal: "Apprendre à « prompter » sans rien perdre" });
    await proxy.cut("refuse");
    const response = await app.request(`${origin}/questionnaire`, {
      method: "POST",
      body: questionnaireForm(answers),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = (await response.text()).replaceAll("&#39;", "'").replaceAll("&quot;", '"');
    expect(html).toContain("Service momentanément indisponible");
    expect(html).toContain("votre envoi n'a pas été enregistré");
    expect(html).toContain(
      "Vos réponses sont conservées ci-dessous\u00a0: renvoyez-le dans quelques instants",
    );
    // The form itself, filled in: sending it again is one click.
    expect(html).toContain('<form method="post" action="/questionnaire"');
    expect(html).toContain(`value="${answers.email}"`);
    expect(html).toContain("Apprendre à « prompter » sans rien perdre");
  });

  it("shows a mentor's application again, filled in, when the table is away", async () => {
    const answers = mentorAnswers({ motivation: "Partager mes usages de l'IA au quotidien." });
    await proxy.cut("refuse");
    const response = await app.request(`${origin}/candidature?lang=en`, {
      method: "POST",
      body: mentorForm(answers),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const html = (await response.text()).replaceAll("&#39;", "'");
    expect(html).toContain("Service temporarily unavailable");
    expect(html).toContain("Your answers are kept below");
    expect(html).toContain(`value="${answers.email}"`);
    expect(html).toContain("Partager mes usages de l'IA au quotidien.");
  });

  it("says a write whose answer was lost is unconfirmed, and the retry answers stored, once", async () => {
    const answers = questionnaireAnswers();
    await proxy.cut("lose-answers");
    const lost = await submitJson(answers);
    expect(lost.status).toBe(503);
    expect((await lost.json()).stored).toBe("unknown");
    await proxy.restore();
    // The write did reach the table: the retry must say "stored", not store a second record.
    const retry = await submitJson(answers);
    expect(retry.status).toBe(201);
    const { id } = await retry.json();
    const stored = await storedFor(answers.email);
    expect(stored.record?.id).toBe(id);
    expect(await emailsTo(answers.email)).toHaveLength(1);
  });

  it("names the table in /health while it is cut, logs it once, and serves again once it is back", async () => {
    expect((await app.request(`${origin}/health`)).status).toBe(200);
    const errors = vi.spyOn(logger, "error");
    const infos = vi.spyOn(logger, "info");
    try {
      await proxy.cut("refuse");
      const health = await app.request(`${origin}/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({
        status: "unavailable",
        parts: { table: "unavailable" },
      });
      for (let i = 0; i < 4; i++) {
        expect((await submitJson(questionnaireAnswers())).status).toBe(503);
      }
      await app.request(`${origin}/health`);
      const outageLines = errors.mock.calls.filter(
        ([message]) => message === "Dependency unavailable",
      );
      expect(outageLines).toHaveLength(1);
      expect(JSON.stringify(errors.mock.calls)).not.toContain("@");

      await proxy.restore();
      expect((await app.request(`${origin}/health`)).status).toBe(200);
      expect((await submitJson(questionnaireAnswers())).status).toBe(201);
      const backLines = infos.mock.calls.filter(
        ([message]) => message === "Dependency available again",
      );
      expect(backLines).toEqual([["Dependency available again", { dependency: "table" }]]);
    } finally {
      errors.mockRestore();
      infos.mockRestore();
    }
  });

  // 40 submissions, their retries and 120 reads through the proxy, one after another: on a loaded
  // 2-core machine that can outlast vitest's 30 s default (no test asserts a duration).
  it("answers every request of a burst cut in the middle 201 or 503, with nothing half-written", {
    timeout: 120_000,
  }, async () => {
    const people = Array.from({ length: 40 }, () => questionnaireAnswers());
    const before = people.slice(0, 10).map(submitJson);
    await Promise.all(before);
    const inFlight = people.slice(10, 25).map(submitJson);
    await proxy.cut("refuse");
    const during = people.slice(25, 35).map(submitJson);
    const answered = await Promise.all([...inFlight, ...during]);
    await proxy.restore();
    const after = await Promise.all(people.slice(35).map(submitJson));
    const responses = [...(await Promise.all(before)), ...answered, ...after];

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status !== 201 && status !== 503)).toEqual([]);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);

    for (const [index, person] of people.entries()) {
      const response = responses[index] as Response;
      const stored = await storedFor(person.email);
      // Whole or nothing: a claim always with its record, a record always with its claim.
      expect(stored.claim, person.email).toBe(stored.record !== undefined);
      if (response.status === 201) expect(stored.record, person.email).toBeDefined();
      if (response.status === 503 && (await response.clone().json()).stored === false) {
        expect(stored.claim, person.email).toBe(false);
      }
    }

    // Everyone told 503 sends again once the table is back: all are stored, none twice.
    const retried = await Promise.all(
      people.filter((_, index) => responses[index]?.status === 503).map(submitJson),
    );
    expect(retried.map((response) => response.status).every((status) => status === 201)).toBe(true);
    for (const person of people) {
      expect((await storedFor(person.email)).record).toBeDefined();
      expect((await emailsTo(person.email)).length).toBeLessThanOrEqual(1);
    }
  });
  it("stores a mentor's decision with its email or neither, even when the table goes away right after a write", async () => {
    const { id, answers } = await submitMentor(freshCohortId(), {}, "applied");
    const interview = {
      grid: {
        digitalMaturity: { level: 3 },
        teachingAptitude: { level: 4 },
        seniorCoaching: { level: 3 },
      },
      decision: "waiting-list",
    };
    const stored = async () => {
      const read = (Key: Record<string, unknown>) =>
        table.send(
          new GetCommand({ TableName: process.env.TABLE_NAME, Key, ConsistentRead: true }),
        );
      const [mentor, email] = await Promise.all([
        read(keys.mentor(id)),
        read(keys.emailSent(`selection#${id}#waiting-list`)),
      ]);
      return { decided: mentor.Item?.status === "waiting-list", emailQueued: Boolean(email.Item) };
    };
    // The table stops answering as soon as the decision's first write is done.
    cutAfterNextWrite = true;
    const first = await adminJson("PUT", `/api/admin/mentors/${id}/interview`, interview);
    expect(cutAfterNextWrite).toBe(false);
    expect([200, 503]).toContain(first.status);
    await proxy.restore();
    const afterCut = await stored();
    expect(afterCut.decided).toBe(afterCut.emailQueued);
    if (first.status === 200) expect(afterCut.decided).toBe(true);
    // Sent again (as a 503 asks), the decision is stored and the applicant told once.
    const retried = await adminJson("PUT", `/api/admin/mentors/${id}/interview`, interview);
    expect(retried.status).toBe(200);
    expect(await stored()).toEqual({ decided: true, emailQueued: true });
    const received = await emailsTo(answers.email);
    expect(received.filter((email) => /liste d'attente/.test(email.subject))).toHaveLength(1);
  });
  it("sends an email once when the table goes away between SES accepting it and its mark", async () => {
    const answers = questionnaireAnswers();
    cutOnceSesAccepts = answers.email;
    expect((await submitJson(answers)).status).toBe(201);
    // The sender hands the acknowledgement to SES, then cannot write that it left.
    for (let waited = 0; cutOnceSesAccepts && waited < 20_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(cutOnceSesAccepts).toBeUndefined();
    // The stream gives the email again while the table is away, and once it is back.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await proxy.restore();
    expect(await emailsTo(answers.email)).toHaveLength(1);
  });
});
