/**
 * The handlers of the matching's long work, the same on AWS (functions/matching/*) and in this
 * process (`dispatch.ts`): a cohort job, and one delivery of one pair start.
 */
import { queueUnstartedPairs, startOnePair } from "./confirm";
import type { CohortJob, Delivery, PairStartMessage } from "./dispatch";
import { runMatching } from "./job";

export async function handleCohortJob(job: CohortJob): Promise<void> {
  if (job.kind === "match") await runMatching(job.cohortId, job.runId);
  else await queueUnstartedPairs(job.cohortId);
}

/** Says whether the pair has started; `false` asks for another delivery (if any is left). */
export function handlePairStart(message: PairStartMessage, delivery: Delivery): Promise<boolean> {
  return startOnePair(message, delivery);
}
