import { Duration } from "aws-cdk-lib";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { NagSuppressions } from "cdk-nag";
import { type Stack, type StackContext, use } from "sst/constructs";
import { pairStartDeliveries } from "#core/matching/dispatch";
import { binomeFunction } from "./functions";
import { suppressTableIndex } from "./nag";
import { pairExecutionsArn, pairWorkflowArn } from "./names";
import { Storage } from "./Storage";

/** Batches of pair starts the pair starter works on at once (the least SQS allows is 2). */
export const pairStarterConcurrency = 2;
/** Pair starts per batch, started together: at most 2 × 10 StartExecution calls in flight. */
export const pairStartBatchSize = 10;

/** A queue kept two weeks, encrypted, reachable over TLS only, with a dead-letter queue. */
function queueWithDeadLetters(
  stack: Stack,
  id: string,
  options: { visibilityTimeout: Duration; maxReceiveCount: number; deadLetterReason: string },
) {
  const undelivered = new sqs.Queue(stack, `${id}Undelivered`, {
    retentionPeriod: Duration.days(14),
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  NagSuppressions.addResourceSuppressions(undelivered, [
    { id: "AwsSolutions-SQS3", reason: options.deadLetterReason },
  ]);
  const queue = new sqs.Queue(stack, id, {
    retentionPeriod: Duration.days(14),
    visibilityTimeout: options.visibilityTimeout,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    deadLetterQueue: { queue: undelivered, maxReceiveCount: options.maxReceiveCount },
  });
  return { queue, undelivered };
}

/**
 * The matching's long work, off the web function (which is frozen once it has answered):
 * - the cohort jobs queue and the matching function, sized for the largest cohort (3 GB, 15
 *   minutes; 30,000 × 10,000 needs under 2 GiB and a minute): it runs a cohort's matching and
 *   queues a confirmed proposal's pairs;
 * - the pair starts queue and the pair starter, which starts each pair (its record, its first
 *   execution named after it) with bounded concurrency: 2 batches of 10 at once keep
 *   StartExecution and DescribeExecution well within their quotas; a pair that fails is delivered
 *   again, three times in all, then kept in the dead-letter queue (an alarm watches it) and named
 *   on the team's page, where "Relancer" queues it again.
 */
export function Matching({ stack }: StackContext) {
  const { table } = use(Storage);

  const jobs = queueWithDeadLetters(stack, "CohortJobs", {
    // At least the matching function's timeout, so a job is never delivered twice at once.
    visibilityTimeout: Duration.minutes(20),
    maxReceiveCount: 2,
    deadLetterReason:
      "This queue is itself the dead-letter queue of the cohort jobs queue; an alarm watches its depth.",
  });
  const starts = queueWithDeadLetters(stack, "PairStarts", {
    // Six times the pair starter's timeout, as AWS advises for a Lambda event source.
    visibilityTimeout: Duration.minutes(3),
    maxReceiveCount: pairStartDeliveries,
    deadLetterReason:
      "This queue is itself the dead-letter queue of the pair starts queue; an alarm watches its depth.",
  });

  const queueEnvironment = {
    COHORT_JOBS_QUEUE_URL: jobs.queue.queueUrl,
    PAIR_STARTS_QUEUE_URL: starts.queue.queueUrl,
  };

  const matchingJobs = binomeFunction(stack, "MatchingJobs", {
    handler: "functions/matching/jobs.handler",
    description: "Runs a cohort's matching and queues a confirmed proposal's pairs",
    memorySize: "3008 MB",
    timeout: "15 minutes",
    environment: { TABLE_NAME: table.tableName, ...queueEnvironment },
  });
  table.cdk.table.grantReadWriteData(matchingJobs);
  suppressTableIndex(matchingJobs);
  starts.queue.grantSendMessages(matchingJobs);
  matchingJobs.addEventSource(new SqsEventSource(jobs.queue, { batchSize: 1, maxConcurrency: 2 }));

  const pairStarter = binomeFunction(stack, "PairStarter", {
    handler: "functions/matching/pair-starts.handler",
    description: "Starts the pairs of a confirmed proposal, one queued message per pair",
    timeout: "30 seconds",
    environment: {
      TABLE_NAME: table.tableName,
      STATE_MACHINE_ARN: pairWorkflowArn(stack),
      ...queueEnvironment,
    },
  });
  table.cdk.table.grantReadWriteData(pairStarter);
  suppressTableIndex(pairStarter);
  pairStarter.addToRolePolicy(
    new PolicyStatement({
      actions: ["states:StartExecution"],
      resources: [pairWorkflowArn(stack)],
    }),
  );
  // DescribeExecution: whether a start is a repeat (StartExecution answers a repeat as a start).
  pairStarter.addToRolePolicy(
    new PolicyStatement({
      actions: ["states:DescribeExecution"],
      resources: [pairExecutionsArn(stack)],
    }),
  );
  NagSuppressions.addResourceSuppressions(
    pairStarter,
    [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "DescribeExecution acts on an execution, whose ARN is <machine ARN with 'execution'>:<name>; the pair's execution name is only known at run time, so the grant covers this machine's executions only.",
        appliesTo: [
          { regex: "/^Resource::arn:<AWS::Partition>:states:.*:execution:.*-pair-workflow:\\*$/g" },
        ],
      },
    ],
    true,
  );
  pairStarter.addEventSource(
    new SqsEventSource(starts.queue, {
      batchSize: pairStartBatchSize,
      maxConcurrency: pairStarterConcurrency,
      reportBatchItemFailures: true,
    }),
  );

  return {
    jobsQueue: jobs.queue,
    jobsUndelivered: jobs.undelivered,
    pairStartsQueue: starts.queue,
    pairStartsUndelivered: starts.undelivered,
    matchingJobs,
    pairStarter,
  };
}
