/**
 * How the matching's long work leaves the request that asked for it: a cohort job (run the
 * matching, or queue the pairs of a confirmed proposal) and one message per pair to start. The
 * handlers are the same everywhere (`work.ts`); only the transport differs. On AWS (the queues'
 * URLs are set) jobs go to the cohort jobs queue, read by the matching function, and pair starts
 * to the pair starts queue, read with bounded concurrency by the pair starter, with a dead-letter
 * queue behind each. Locally and in the tests they run in this process (`background.ts`): the
 * job at once, the pair starts through a loop with the same parallelism bound and the same number
 * of deliveries as the queue's.
 */
import { env } from "../env";
import { runInBackground } from "./background";

export type CohortJob =
  | { kind: "match"; cohortId: string; runId: string }
  | { kind: "queuePairStarts"; cohortId: string };

export type PairStartMessage = { cohortId: string; menteeId: string; mentorId: string };

/** One delivery of a pair start: which one it is, and whether no other will follow on failure. */
export type Delivery = { attempt: number; last: boolean };

/** Deliveries of one pair start before it goes to the dead-letter queue (the stack's maxReceiveCount). */
export const pairStartDeliveries = 3;

/** Pair starts running at once in this process (on AWS: the event source's maxConcurrency × batch). */
export const localPairStartParallelism = 16;

export interface Dispatcher {
  sendJob(job: CohortJob): Promise<void>;
  queuePairStarts(messages: readonly PairStartMessage[]): Promise<void>;
}

/** The wait before a failed pair start is delivered again in this process (doubled each time). */
export const localRetry = { delayMs: 200 };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** In this process: the same handlers, a loop in place of the queue. */
export const inProcessDispatcher: Dispatcher = {
  async sendJob(job) {
    runInBackground(`cohort job ${job.kind}`, async () => {
      const { handleCohortJob } = await import("./work");
      await handleCohortJob(job);
    });
  },
  async queuePairStarts(messages) {
    runInBackground("pair starts", async () => {
      const { handlePairStart } = await import("./work");
      let next = 0;
      const worker = async () => {
        for (let message = messages[next++]; message; message = messages[next++]) {
          for (let attempt = 1; attempt <= pairStartDeliveries; attempt++) {
            const last = attempt === pairStartDeliveries;
            if (await handlePairStart(message, { attempt, last })) break;
            // The queue would show the message again after its visibility timeout.
            if (!last) await pause(localRetry.delayMs * 2 ** (attempt - 1));
          }
        }
      };
      await Promise.all(Array.from({ length: localPairStartParallelism }, worker));
    });
  },
};

let chosen: Dispatcher | undefined;

/** The queues when their URLs are set (on AWS, where the web function knows only the jobs'), this process otherwise. */
export async function dispatcher(): Promise<Dispatcher> {
  if (chosen) return chosen;
  const jobsQueueUrl = env.cohortJobsQueueUrl;
  if (jobsQueueUrl) {
    const { sqsDispatcher } = await import("./dispatch-sqs");
    chosen = sqsDispatcher(jobsQueueUrl);
  } else {
    chosen = inProcessDispatcher;
  }
  return chosen;
}
