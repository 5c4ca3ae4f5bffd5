import { spawn } from "node:child_process";
import path from "node:path";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { getMailing, inlineLimit } from "#core/cohort-mailing";
import { env } from "#core/env";
import { keys } from "#core/keys";
import { idle } from "#core/matching/background";
import { startPair } from "#core/pair/start";
import { listHistory } from "#core/pair/store";
import {
  adminForm,
  adminPage,
  freshCohortId,
  pageText,
  submitMentee,
  submitMentor,
  useRecordingEngine,
} from "../api/admin-support";
import { emailsTo } from "../support/inbox";

/**
 * A cohort mailing too large to queue before the page answers goes to the background; the process
 * queueing it dies mid-way (SIGKILL); the team resumes it from the progress page, and every
 * recipient gets the email once — none twice, none left out.
 */

beforeAll(() => useRecordingEngine());

const pairs = 30; // 60 recipients: more than the inline limit.

/** Runs the mailing in a process of its own, which kills itself once `killAfter` are queued. */
function postInDyingProcess(cohortId: string, requestKey: string, killAfter: number) {
  const script = path.resolve("tests/integration/mailing-process.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: {
      ...process.env,
      COHORT_ID: cohortId,
      REQUEST_KEY: requestKey,
      KILL_AFTER: String(killAfter),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  return new Promise<{ output: string; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (_code, signal) => resolve({ output, signal })),
  );
}

describe("a large cohort mailing", () => {
  it("is queued in the background, and resumed after its process dies without sending twice", async () => {
    const cohortId = freshCohortId();
    const people: string[] = [];
    const pairIds: string[] = [];
    for (let index = 0; index < pairs; index++) {
      const mentee = await submitMentee(cohortId, { firstName: "Hélène", lastName: `D${index}` });
      const mentor = await submitMentor(cohortId, { firstName: "Yanis", lastName: `B${index}` });
      const pairId = `${cohortId}-binome-${index}`;
      await startPair({ pairId, cohortId, menteeId: mentee.id, mentorId: mentor.id });
      people.push(mentee.answers.email, mentor.answers.email);
      pairIds.push(pairId);
    }
    expect(people.length).toBeGreaterThan(inlineLimit);
    const requestKey = `courriel-${cohortId}-0001`;

    const { output, signal } = await postInDyingProcess(cohortId, requestKey, 5);
    expect(signal).toBe("SIGKILL");
    // The page answered before the emails were queued: the rest went to the background.
    const answered = /answered (\d+) (\d+)/.exec(output);
    expect(Number(answered?.[2])).toBe(people.length);
    expect(Number(answered?.[1])).toBeLessThan(people.length);
    // Requests the process had sent before it died may still land: let them.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const left = await getMailing(cohortId, requestKey);
    expect(left?.status).toBe("queueing");
    expect(left?.queued).toBeGreaterThanOrEqual(5);
    expect(left?.queued).toBeLessThan(people.length);

    // The dead run reported last more than five minutes ago (the real clock it is judged by).
    await documents.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: keys.cohortMailing(cohortId, requestKey),
        UpdateExpression: "SET runningSince = :then",
        ExpressionAttributeValues: { ":then": Date.now() - 6 * 60_000 },
      }),
    );
    const progress = `/admin/vagues/${cohortId}/courriels/${requestKey}`;
    const stalled = await pageText(await adminPage(progress));
    expect(stalled).toContain("L'envoi s'est interrompu");
    expect(stalled).toContain(`${left?.queued} courriels mis en file sur ${people.length}\u00a0:`);
    const resumed = await adminForm(`${progress}/reprise`, {});
    expect(resumed.status).toBe(303);
    // Resuming twice (a double click) starts no second run.
    await adminForm(`${progress}/reprise`, {});
    await idle();

    const done = await getMailing(cohortId, requestKey);
    expect(done).toMatchObject({ status: "queued", queued: people.length });
    for (const address of people) {
      const received = (await emailsTo(address)).filter((email) =>
        email.subject.endsWith("Réunion de lancement"),
      );
      expect(received, address).toHaveLength(1);
    }
    for (const pairId of pairIds) {
      const lines = (await listHistory(pairId)).filter(
        (line) => line.event === "team.cohort-mail-sent",
      );
      expect(lines, pairId).toHaveLength(2);
    }
    const page = await pageText(await adminPage(progress));
    expect(page).toContain(
      `Les courriels sont dans la file d'envoi (${people.length} sur ${people.length})`,
    );
    expect(page).not.toContain("L'envoi s'est interrompu");
  }, 300_000);
});
