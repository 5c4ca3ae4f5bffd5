import { SendMessageBatchCommand, SendMessageCommand } from "@aws-sdk/client-sqs";
import { queues } from "../clients/sqs";
import { env } from "../env";
import type { Dispatcher } from "./dispatch";

/** SQS takes at most ten messages per batch. */
const batchSize = 10;
/** Batches sent at once when queueing a large cohort's pairs. */
const batchesInFlight = 8;

/** The AWS transport of the dispatcher: one message per job, one message per pair to start. */
export function sqsDispatcher(jobsQueueUrl: string): Dispatcher {
  return {
    async sendJob(job) {
      await queues.send(
        new SendMessageCommand({ QueueUrl: jobsQueueUrl, MessageBody: JSON.stringify(job) }),
      );
    },
    async queuePairStarts(messages) {
      const pairStartsQueueUrl = env.pairStartsQueueUrl;
      if (!pairStartsQueueUrl)
        throw new Error("Missing environment variable PAIR_STARTS_QUEUE_URL");
      const batches: (typeof messages)[] = [];
      for (let at = 0; at < messages.length; at += batchSize) {
        batches.push(messages.slice(at, at + batchSize));
      }
      let next = 0;
      const worker = async () => {
        for (let batch = batches[next++]; batch; batch = batches[next++]) {
          let entries = batch.map((message, index) => ({
            Id: String(index),
            MessageBody: JSON.stringify(message),
          }));
          for (let attempt = 0; entries.length > 0; attempt++) {
            if (attempt > 5) throw new Error("SQS kept refusing part of a batch of pair starts");
            if (attempt > 0)
              await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
            const result = await queues.send(
              new SendMessageBatchCommand({ QueueUrl: pairStartsQueueUrl, Entries: entries }),
            );
            const failed = new Set((result.Failed ?? []).map((entry) => entry.Id));
            entries = entries.filter((entry) => failed.has(entry.Id));
          }
        }
      };
      await Promise.all(Array.from({ length: batchesInFlight }, worker));
    },
  };
}
