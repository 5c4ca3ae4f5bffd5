/**
 * A cohort mailing posted in a process of its own, that dies mid-way (tests/integration/
 * cohort-mailing-crash.test.ts). It inherits the test's environment (DynamoDB Local, the test's
 * table) and reads COHORT_ID, REQUEST_KEY and KILL_AFTER. It posts the mailing as the page does,
 * prints `answered <queued> <total>` when the page would answer, then kills itself with SIGKILL
 * as soon as KILL_AFTER emails are queued: the rest is left half-done, as after a crash.
 */
import { getMailing, sendMailing } from "#core/cohort-mailing";

const cohortId = process.env.COHORT_ID as string;
const requestKey = process.env.REQUEST_KEY as string;
const killAfter = Number(process.env.KILL_AFTER);

const { mailing } = await sendMailing(cohortId, {
  audience: "all",
  subject: "Réunion de lancement",
  text: "Rendez-vous le 8 décembre.\n\nÀ bientôt !",
  requestKey,
});
process.stdout.write(`answered ${mailing.queued} ${mailing.total}\n`);
for (;;) {
  const now = await getMailing(cohortId, requestKey);
  if ((now?.queued ?? 0) >= killAfter) {
    process.stdout.write(`killed at ${now?.queued}\n`);
    process.kill(process.pid, "SIGKILL");
  }
  await new Promise((resolve) => setTimeout(resolve, 2));
}
