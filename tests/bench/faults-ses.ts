/**
 * A scripted SES outage during N questionnaire submissions (BENCH_FAULT_SUBMISSIONS, 100 by
 * default, in ten waves sent at once), through the same cuttable TCP proxy as faults-dynamodb.ts,
 * here in front of the SES local server: three waves with SES up, SES cut, six waves during the
 * outage, SES back, one last wave. The outbox's sender runs as under `npm start`. Prints one JSON
 * object (run by bench.ts in its own process, so the app's SES client takes the proxy's endpoint):
 * - stored: people whose record is in the table;
 * - acknowledgedOnce / acknowledgedTwice: stored people whose acknowledgement SES received once,
 *   or more than once;
 * - lost: stored people SES never received an acknowledgement for (waited for up to two minutes);
 * - backlogSeconds: from SES's return to the last acknowledgement accepted by the SES stand-in.
 */
import { startOutage, submissions } from "./fault-outage";

const waitForAcknowledgementsMs = 120_000;

const { services, proxy, storedFor, stop } = await startOutage("ses");
// Imported only now: the app's clients must take the proxy's endpoint.
const { ses } = await import("#core/clients/ses");
const { app } = await import("../../functions/api/app");
const { questionnaireAnswers } = await import("../support/fixtures");
const { startOutboxSender } = await import("../../functions/local/outbox");
const sender = startOutboxSender({
  endpoint: services.dynamodbEndpoint,
  tableName: process.env.TABLE_NAME as string,
});

// When the SES stand-in accepted each email (the outbox's sender is the only caller of SES).
let lastAccepted = 0;
ses.middlewareStack.add(
  (next) => async (args) => {
    const result = await next(args);
    lastAccepted = performance.now();
    return result;
  },
  { step: "initialize", name: "benchAcceptedAt" },
);

const submit = async (answers: object) => {
  const response = await app.request("http://localhost/api/questionnaires", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(answers),
  });
  return response.status;
};

const people = Array.from({ length: submissions }, () => questionnaireAnswers());
const statuses: number[] = [];
const wave = Math.ceil(submissions / 10);
let restoredAt = 0;
for (let step = 0; step < 10; step++) {
  if (step === 3) await proxy.cut("refuse");
  if (step === 9) {
    await proxy.restore();
    restoredAt = performance.now();
  }
  statuses.push(...(await Promise.all(people.slice(step * wave, (step + 1) * wave).map(submit))));
}

/** How many acknowledgements SES holds for each address (read from the stand-in, not the proxy). */
async function acknowledgementsByAddress() {
  const response = await fetch(`${services.sesEndpoint}/store`);
  const { emails } = (await response.json()) as {
    emails: { destination: { to: string[] }; subject: string }[];
  };
  const counts = new Map<string, number>();
  for (const email of emails) {
    for (const to of email.destination.to) {
      counts.set(to.toLowerCase(), (counts.get(to.toLowerCase()) ?? 0) + 1);
    }
  }
  return counts;
}

const storedFlags = await Promise.all(
  people.map(async (person) => (await storedFor(person.email)).record),
);
const storedPeople = people.filter((_, index) => storedFlags[index]);
// Waits until every stored person's acknowledgement reached SES (or gives up: they are lost).
const deadline = Date.now() + waitForAcknowledgementsMs;
let counts = await acknowledgementsByAddress();
while (
  storedPeople.some((person) => !counts.has(person.email.toLowerCase())) &&
  Date.now() < deadline
) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  counts = await acknowledgementsByAddress();
}
// A moment more, so that a second copy on its way would be counted.
await new Promise((resolve) => setTimeout(resolve, 2000));
counts = await acknowledgementsByAddress();
const countOf = (person: { email: string }) => counts.get(person.email.toLowerCase()) ?? 0;

const result = {
  submissions,
  answered2xx: statuses.filter((status) => status < 300).length,
  answered5xx: statuses.filter((status) => status >= 500).length,
  stored: storedPeople.length,
  acknowledgedOnce: storedPeople.filter((person) => countOf(person) === 1).length,
  acknowledgedTwice: storedPeople.filter((person) => countOf(person) > 1).length,
  lost: storedPeople.filter((person) => countOf(person) === 0).length,
  backlogSeconds: Number(Math.max(0, (lastAccepted - restoredAt) / 1000).toFixed(2)),
};
await sender.stop();
await stop();
console.log(JSON.stringify(result));
process.exit(0);
