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
import { startOutage, submissions } from "./fault-outage";

const { proxy, storedFor, stop } = await startOutage("dynamodb");
// Imported only now: the app's clients must take the proxy's endpoint.
const { app } = await import("../../functions/api/app");
const { questionnaireAnswers } = await import("../support/fixtures");

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
await stop();
console.log(JSON.stringify(result));
process.exit(0);
