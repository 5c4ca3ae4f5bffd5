/**
 * A scripted DynamoDB outage during N questionnaire submissions (BENCH_FAULT_SUBMISSIONS, 100 by
 * default, in ten waves sent at once), through a TCP
 * proxy in front of DynamoDB Local: a wave cut while in flight, a wave refused, a wave whose
 * answers are lost after the write, then the table back and every person told 503 sending once
 * more, as Retry-After asks. Prints one JSON object (run by bench.ts in its own process, so the
 * app's clients take the proxy's endpoint):
 * - answered503 / answered5xxOther: first answers;
 * - halfWritten: right after the outage, people with a uniqueness claim and no record, or a
 *   record and no claim;
 * - toldNotStoredButStored: 503 "stored": false although the record exists (a lie);
 * - retriedAnswered5xx: retries (one each, the table back) answered 5xx;
 * - lostAfterRetry: people with no record after their retry.
 */
import { startProxy } from "../faults/proxy";

const submissions = Number(process.env.BENCH_FAULT_SUBMISSIONS ?? 100);

const { startLocalServices, ensureTable, pointSdkAt } = await import(
  "../../functions/local/services"
);
const services = await startLocalServices();
const proxy = await startProxy(services.dynamodbEndpoint);
process.env.BINOME_LOCAL = "1";
process.env.TABLE_NAME = `binome-bench-faults-${Date.now()}`;
process.env.SENDER_ADDRESS ??= "mentorat-inverse@example.gouv.fr";
process.env.APP_URL ??= "http://localhost:3000";
process.env.AWS_REGION ??= "eu-west-3";
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
await ensureTable(services.dynamodbEndpoint, process.env.TABLE_NAME);
pointSdkAt({ dynamodbEndpoint: proxy.endpoint, sesEndpoint: services.sesEndpoint });

const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
const { DynamoDBDocumentClient, GetCommand } = await import("@aws-sdk/lib-dynamodb");
const { localCredentials } = await import("#core/clients/local");
const { keys } = await import("#core/keys");
const { app } = await import("../../functions/api/app");
const { questionnaireAnswers } = await import("../support/fixtures");

const table = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: services.dynamodbEndpoint,
    region: "eu-west-3",
    credentials: localCredentials,
  }),
);

const submit = async (answers: object) => {
  const response = await app.request("http://localhost/api/questionnaires", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(answers),
  });
  const body = (await response.json()) as { stored?: boolean | "unknown" };
  return { status: response.status, stored: body.stored };
};

const people = Array.from({ length: submissions }, () => questionnaireAnswers());
const first: Awaited<ReturnType<typeof submit>>[] = [];
// Ten waves: three normal, one cut while in flight, one refused, one whose answers are lost after
// the write, four with the table back.
const wave = Math.ceil(submissions / 10);
for (let step = 0; step < 10; step++) {
  if (step === 5) await proxy.cut("lose-answers");
  if (step === 6) await proxy.restore();
  const batch = people.slice(step * wave, (step + 1) * wave).map(submit);
  if (step === 3) await proxy.cut("refuse");
  first.push(...(await Promise.all(batch)));
}

async function storedFor(email: string) {
  const claim = await table.send(
    new GetCommand({
      TableName: process.env.TABLE_NAME,
      Key: keys.submissionClaim("questionnaire", "vague-1", email),
      ConsistentRead: true,
    }),
  );
  const id = claim.Item?.id as string | undefined;
  const record = id
    ? (
        await table.send(
          new GetCommand({
            TableName: process.env.TABLE_NAME,
            Key: keys.questionnaire(id),
            ConsistentRead: true,
          }),
        )
      ).Item
    : undefined;
  return { claim: Boolean(claim.Item), record: Boolean(record) };
}

// Right after the outage, before anyone retries: what the table holds for each person.
const afterOutage = await Promise.all(people.map((person) => storedFor(person.email)));
const halfWritten = afterOutage.filter((stored) => stored.claim !== stored.record).length;
const toldNotStoredButStored = afterOutage.filter(
  (stored, index) => first[index]?.stored === false && stored.record,
).length;

const retried = await Promise.all(
  people.map((person, index) => (first[index]?.status === 503 ? submit(person) : undefined)),
);
const afterRetry = await Promise.all(people.map((person) => storedFor(person.email)));
const lostAfterRetry = afterRetry.filter((stored) => !stored.record).length;

const result = {
  submissions,
  answered2xx: first.filter((answer) => answer.status < 300).length,
  answered503: first.filter((answer) => answer.status === 503).length,
  answered503NotStored: first.filter((answer) => answer.stored === false).length,
  answered503Unknown: first.filter((answer) => answer.stored === "unknown").length,
  answered5xxOther: first.filter((answer) => answer.status >= 500 && answer.status !== 503).length,
  halfWritten,
  toldNotStoredButStored,
  retriedAnswered5xx: retried.filter((answer) => answer && answer.status >= 500).length,
  lostAfterRetry,
};
await proxy.close();
await services.stop();
console.log(JSON.stringify(result));
process.exit(0);
