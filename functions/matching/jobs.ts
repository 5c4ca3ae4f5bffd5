import "../bootstrap/tracing";
import type { SQSEvent } from "aws-lambda";
import type { CohortJob } from "#core/matching/dispatch";
import { handleCohortJob } from "#core/matching/work";
import { flushMetrics, maskedError } from "#core/observability";

/**
 * The matching function: reads the cohort jobs queue one job at a time (run a cohort's matching,
 * queue a confirmed proposal's pairs), with the memory and time the largest cohort needs. A job
 * that throws is delivered again, then kept in the queue's dead-letter queue.
 */
export const handler = async (event: Pick<SQSEvent, "Records">) => {
  try {
    for (const record of event.Records) await handleCohortJob(JSON.parse(record.body) as CohortJob);
  } catch (error) {
    // The runtime logs what leaves the handler whole: only its name and masked message leave.
    throw maskedError(error);
  } finally {
    flushMetrics();
  }
};
