import "../bootstrap/tracing";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { type PairStartMessage, pairStartDeliveries } from "#core/matching/dispatch";
import { handlePairStart } from "#core/matching/work";
import { flushMetrics } from "#core/observability";

/**
 * The pair starter: reads the pair starts queue (a batch at a time, a bounded number of batches
 * at once, see stacks/Matching.ts) and starts each pair; a pair that did not start is reported
 * back alone and delivered again, until its last delivery, after which the queue keeps it in its
 * dead-letter queue and the team's page names it.
 */
export const handler = async (event: Pick<SQSEvent, "Records">): Promise<SQSBatchResponse> => {
  try {
    const outcomes = await Promise.all(
      event.Records.map(async (record) => {
        const attempt = Number(record.attributes.ApproximateReceiveCount) || 1;
        const message = JSON.parse(record.body) as PairStartMessage;
        const started = await handlePairStart(message, {
          attempt,
          last: attempt >= pairStartDeliveries,
        }).catch(() => false);
        return { id: record.messageId, started };
      }),
    );
    return {
      batchItemFailures: outcomes
        .filter((outcome) => !outcome.started)
        .map((outcome) => ({ itemIdentifier: outcome.id })),
    };
  } finally {
    flushMetrics();
  }
};
