/**
 * Running the matching as a job, off the request path: asking for it records a running job and
 * sends it (`dispatch.ts`: on AWS to the matching function, sized for it, through its queue;
 * locally in this process); the job runs the matching, stores the proposal (in pieces) and marks
 * the job done — or failed, with a French message. One job per cohort at a time: a second request
 * while one runs is told so; a redelivered job whose run is no longer current does nothing.
 */
import { randomUUID } from "node:crypto";
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { conditionally, documents, getItem } from "../clients/dynamodb";
import { clock } from "../clock";
import { env } from "../env";
import { keys } from "../keys";
import { errorForLog, logger } from "../observability";
import { dispatcher } from "./dispatch";
import { propose } from "./proposal";

/**
 * Where a running job is: reading the questionnaires (how many of how many), computing the
 * pairs, checking that no assignment scores more, saving the proposal.
 */
export type JobProgress = {
  phase: "reading" | "matching" | "verifying" | "saving";
  done?: number;
  total?: number;
};

export type MatchingJob = {
  status: "running" | "done" | "failed";
  startedAt: string;
  finishedAt?: string;
  message?: string;
  progress?: JobProgress;
};

/** Progress steps a phase with a count is recorded in: a 30,000 job writes a few dozen updates. */
export const progressSteps = 20;

/** Pure: whether `next` is worth a write after `last` (a new phase, or one more step of it). */
export function worthRecording(last: JobProgress | undefined, next: JobProgress): boolean {
  if (!last || last.phase !== next.phase) return true;
  if (next.done === undefined) return false;
  const step = Math.max(1, Math.ceil((next.total ?? 0) / progressSteps), next.total ? 0 : 2_000);
  return next.done - (last.done ?? 0) >= step;
}

type ProgressListener = (cohortId: string, progress: JobProgress) => Promise<void> | void;
let listener: ProgressListener | undefined;

/** Called after each progress write (the tests hold the job at a phase with it). */
export function onJobProgress(next: ProgressListener | undefined): void {
  listener = next;
}

/** A job that has not reported for this long is taken to have died: a new one may start. */
const staleJobMs = 15 * 60_000;

export async function getMatchingJob(cohortId: string): Promise<MatchingJob | undefined> {
  const item = await getItem<MatchingJob & { heartbeat?: number }>(keys.matchingJob(cohortId));
  if (!item) return undefined;
  const died = item.status === "running" && Date.now() - (item.heartbeat ?? 0) > staleJobMs;
  return {
    status: died ? "failed" : item.status,
    startedAt: item.startedAt,
    finishedAt: item.finishedAt,
    message: died ? "L'appariement s'est interrompu : relancez-le." : item.message,
    ...(item.status === "running" && !died && item.progress ? { progress: item.progress } : {}),
  };
}

export type StartOutcome = { ok: true; job: MatchingJob } | { ok: false; message: string };

export async function startMatching(cohortId: string): Promise<StartOutcome> {
  const runId = randomUUID();
  const now = Date.now();
  const job: MatchingJob = { status: "running", startedAt: clock.now().toISOString() };
  const taken = await conditionally(
    new PutCommand({
      TableName: env.tableName,
      Item: { ...keys.matchingJob(cohortId), kind: "matchingJob", ...job, runId, heartbeat: now },
      ConditionExpression: "attribute_not_exists(pk) OR #status <> :running OR heartbeat < :stale",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":running": "running", ":stale": now - staleJobMs },
    }),
  );
  if (!taken) return { ok: false, message: "Un appariement est déjà en cours pour cette vague." };
  try {
    await (await dispatcher()).sendJob({ kind: "match", cohortId, runId });
  } catch (error) {
    logger.error("The matching could not be sent to its function", {
      cohortId,
      error: errorForLog(error),
    });
    await record(cohortId, runId, {
      status: "failed",
      finishedAt: clock.now().toISOString(),
      message: "L'appariement n'a pas pu être lancé : réessayez dans un instant.",
    }).catch(() => undefined);
    return {
      ok: false,
      message: "L'appariement n'a pas pu être lancé : réessayez dans un instant.",
    };
  }
  return { ok: true, job };
}

async function record(cohortId: string, runId: string, fields: Partial<MatchingJob>) {
  const names: Record<string, string> = { "#runId": "runId" };
  const values: Record<string, unknown> = { ":run": runId, ":now": Date.now() };
  const sets = ["heartbeat = :now"];
  for (const [field, value] of Object.entries(fields)) {
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    sets.push(`#${field} = :${field}`);
  }
  await documents.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.matchingJob(cohortId),
      UpdateExpression: `SET ${sets.join(", ")}`,
      ConditionExpression: "#runId = :run",
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

/** The job itself (the matching function on AWS): only the run that was asked for, once. */
export async function runMatching(cohortId: string, runId: string): Promise<void> {
  const current = await getItem<{ runId?: string; status?: string }>(keys.matchingJob(cohortId));
  if (current?.runId !== runId || current.status !== "running") return;
  try {
    let last: JobProgress | undefined;
    const report = async (progress: JobProgress) => {
      if (!worthRecording(last, progress)) return;
      last = progress;
      await record(cohortId, runId, { progress });
      await listener?.(cohortId, progress);
    };
    const outcome = await propose(cohortId, {}, report);
    await record(
      cohortId,
      runId,
      outcome.ok
        ? { status: "done", finishedAt: clock.now().toISOString() }
        : { status: "failed", finishedAt: clock.now().toISOString(), message: outcome.message },
    );
  } catch (error) {
    logger.error("The matching failed", { cohortId, error: errorForLog(error) });
    await record(cohortId, runId, {
      status: "failed",
      finishedAt: clock.now().toISOString(),
      message:
        "L'appariement a échoué : relancez-le ; si cela se reproduit, prévenez l'exploitation.",
    }).catch(() => undefined);
  }
}
