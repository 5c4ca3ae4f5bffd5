import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { env } from "#core/env";
import { keys } from "#core/keys";
import { idle } from "#core/matching/background";
import { type JobProgress, onJobProgress, progressSteps, worthRecording } from "#core/matching/job";
import { getProposal, type Proposal, saveProposal } from "#core/matching/proposal";
import {
  adminForm,
  adminJson,
  adminPage,
  freshCohortId,
  pageText,
  submitMentee,
  submitMentor,
  useRecordingEngine,
} from "./admin-support";

beforeAll(() => useRecordingEngine());
afterEach(() => onJobProgress(undefined));

async function smallCohort() {
  const cohortId = freshCohortId();
  const mentees = [];
  for (let i = 0; i < 3; i++) {
    mentees.push(
      await submitMentee(cohortId, { priorityThemes: ["social-networks"], formats: ["video"] }),
    );
  }
  await submitMentor(cohortId, {
    themes: [{ theme: "social-networks", level: 4 }],
    formats: ["video"],
    capacity: 3,
  });
  return { cohortId, mentees };
}

/** Holds the job when it reaches `phase`, until `release()`; `reached` resolves then. */
function holdAt(phase: JobProgress["phase"]) {
  let release = () => {};
  let reachedResolve = () => {};
  const reached = new Promise<void>((resolve) => {
    reachedResolve = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  onJobProgress(async (_cohortId, progress) => {
    if (progress.phase !== phase) return;
    reachedResolve();
    await gate;
  });
  return { reached, release };
}

const page = (cohortId: string) => adminPage(`/admin/vagues/${cohortId}/appariement`);

describe("the matching job's progress", () => {
  it("shows, while the job runs, how many questionnaires it has read, then that it computes the pairs, then the proposal", async () => {
    const { cohortId } = await smallCohort();
    const reading = holdAt("reading");
    expect((await adminForm(`/admin/vagues/${cohortId}/appariement`, {})).status).toBe(303);
    await reading.reached;

    const whileReading = await page(cohortId);
    expect(whileReading.headers.get("Refresh")).toBe("5");
    const readingText = await pageText(whileReading);
    expect(readingText).toContain("Lecture des questionnaires\u00a0: 0 sur 3");
    expect(readingText).toMatch(/<progress max="3" value="0"/);
    expect(readingText).toContain('role="status"');
    // The page tells the team the interval its Refresh header sets, not « quelques secondes ».
    expect(readingText).toMatch(/se met à jour d'elle-même toutes les 5[\s\u00a0]secondes/);
    const json = await (
      await adminJson("GET", `/api/admin/cohorts/${cohortId}/proposal/job`)
    ).json();
    expect(json).toMatchObject({
      status: "running",
      progress: { phase: "reading", done: 0, total: 3 },
    });

    const matching = holdAt("matching");
    reading.release();
    await matching.reached;
    const computing = await pageText(await page(cohortId));
    expect(computing).toContain("Calcul des binômes…");
    expect(computing).not.toContain("<progress");

    matching.release();
    await idle();
    const after = await page(cohortId);
    expect(after.headers.get("Refresh")).toBeNull();
    const done = await pageText(after);
    expect(done).not.toContain("Appariement en cours");
    expect(done).toContain("3 binômes");
    const finished = await (
      await adminJson("GET", `/api/admin/cohorts/${cohortId}/proposal/job`)
    ).json();
    expect(finished.status).toBe("done");
    expect(finished.progress).toBeUndefined();
  });

  it("starts no second job while one runs, and says so in French", async () => {
    const { cohortId } = await smallCohort();
    let runs = 0;
    const matching = holdAt("matching");
    expect((await adminForm(`/admin/vagues/${cohortId}/appariement`, {})).status).toBe(303);
    await matching.reached;
    const again = await adminForm(`/admin/vagues/${cohortId}/appariement`, {});
    expect(again.status).toBe(409);
    expect(await pageText(again)).toContain("Un appariement est déjà en cours pour cette vague.");
    const api = await adminJson("POST", `/api/admin/cohorts/${cohortId}/proposal`);
    expect(api.status).toBe(409);
    onJobProgress((_cohort, progress) => {
      if (progress.phase === "reading") runs++;
    });
    matching.release();
    await idle();
    expect(runs).toBe(0);
    expect((await getProposal(cohortId))?.version).toBe(1);
  });

  it("shows a job whose process was killed midway as failed, in French, and runs it again when asked", async () => {
    const { cohortId } = await smallCohort();
    // What a killed process leaves: a running job that stopped reporting 16 minutes ago.
    await documents.send(
      new PutCommand({
        TableName: env.tableName,
        Item: {
          ...keys.matchingJob(cohortId),
          kind: "matchingJob",
          status: "running",
          startedAt: "2026-12-01T09:00:00.000Z",
          runId: "killed-run",
          heartbeat: Date.now() - 16 * 60_000,
          progress: { phase: "reading", done: 1, total: 3 },
        },
      }),
    );
    const failed = await page(cohortId);
    expect(failed.headers.get("Refresh")).toBeNull();
    const text = await pageText(failed);
    expect(text).toContain("L'appariement s'est interrompu\u00a0: relancez-le.");
    expect(text).not.toContain("Appariement en cours");
    const job = await (
      await adminJson("GET", `/api/admin/cohorts/${cohortId}/proposal/job`)
    ).json();
    expect(job).toMatchObject({ status: "failed" });
    expect(job.progress).toBeUndefined();

    expect((await adminForm(`/admin/vagues/${cohortId}/appariement`, {})).status).toBe(303);
    await idle();
    expect((await getProposal(cohortId))?.pairs).toHaveLength(3);
  });

  it("shows a job that throws midway as failed, in French, stores no proposal, and runs again", async () => {
    const { cohortId } = await smallCohort();
    // A fault inside the job itself, after the read and the solving: the job must say so.
    onJobProgress(async (_cohort, progress) => {
      if (progress.phase === "saving") throw new Error("the table went away");
    });
    expect((await adminForm(`/admin/vagues/${cohortId}/appariement`, {})).status).toBe(303);
    await idle();
    const text = await pageText(await page(cohortId));
    expect(text).toContain("L'appariement a échoué\u00a0: relancez-le");
    expect(text).not.toContain("Appariement en cours");
    const job = await (
      await adminJson("GET", `/api/admin/cohorts/${cohortId}/proposal/job`)
    ).json();
    expect(job).toMatchObject({ status: "failed" });
    expect(await getProposal(cohortId)).toBeUndefined();

    onJobProgress(undefined);
    expect((await adminForm(`/admin/vagues/${cohortId}/appariement`, {})).status).toBe(303);
    await idle();
    expect((await getProposal(cohortId))?.pairs).toHaveLength(3);
  });

  it("records a 30,000-questionnaire read in a few dozen writes at most", () => {
    let last: JobProgress | undefined;
    let writes = 0;
    const total = 30_000;
    for (const next of [
      { phase: "reading", done: 0, total },
      ...Array.from({ length: 300 }, (_, page) => ({
        phase: "reading",
        done: (page + 1) * 100,
        total,
      })),
      { phase: "matching" },
      { phase: "verifying" },
      { phase: "saving" },
    ] as JobProgress[]) {
      if (worthRecording(last, next)) {
        last = next;
        writes++;
      }
    }
    expect(writes).toBeLessThanOrEqual(progressSteps + 4);
    expect(writes).toBeGreaterThan(progressSteps / 2);
  });
});

describe("the stored proposal", () => {
  it("is stored in several pieces, none near DynamoDB's 400 KB, and read back whole", async () => {
    const cohortId = freshCohortId();
    const explanation =
      "Couvre les thèmes prioritaires : réseaux sociaux, intelligence artificielle. ".repeat(3);
    const proposal: Proposal = {
      cohortId,
      status: "draft",
      pairs: Array.from({ length: 2_400 }, (_, i) => ({
        menteeId: `mentee-${i}`,
        mentorId: `mentor-${i % 800}`,
        score: 10 + (i % 7),
        explanation: `${explanation}${i}`,
      })),
      unmatched: Array.from({ length: 700 }, (_, i) => ({
        menteeId: `waiting-${i}`,
        reason: `Aucun mentor disponible ne couvre ses thèmes (${i})`,
      })),
      totalScore: 0,
      version: 1,
      createdAt: "2026-12-01T09:00:00.000Z",
      updatedAt: "2026-12-01T09:00:00.000Z",
    };
    await saveProposal(proposal, undefined);
    const where = keys.matchingProposalParts(cohortId, 1);
    const stored = await documents.send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": where.pk, ":prefix": where.skPrefix },
      }),
    );
    const items = stored.Items ?? [];
    expect(items).toHaveLength(5 + 2);
    for (const item of items) {
      expect(JSON.stringify(item).length + (item.content as Uint8Array).byteLength).toBeLessThan(
        100_000,
      );
    }
    const read = await getProposal(cohortId);
    expect(read?.pairs).toEqual(proposal.pairs);
    expect(read?.unmatched).toEqual(proposal.unmatched);
  });
});
