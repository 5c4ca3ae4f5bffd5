import { SQSClient } from "@aws-sdk/client-sqs";
import { env } from "../env";
import { traced } from "../observability";
import { requestTimeouts } from "./timeouts";

/**
 * SQS carries the matching's jobs and the pair starts on AWS (see matching/dispatch.ts). Only
 * loaded where a queue's URL is set: locally the same work runs in process.
 */
export const queues = traced(
  new SQSClient({ region: env.region, requestHandler: requestTimeouts }),
);
