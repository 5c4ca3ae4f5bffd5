import { Duration } from "aws-cdk-lib";
import * as cw from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import * as sns from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { NagSuppressions } from "cdk-nag";
import { type StackContext, use } from "sst/constructs";
import { Api } from "./Api";
import { Email } from "./Email";
import { Matching } from "./Matching";
import { stageSettings } from "./settings";
import { Workflow } from "./Workflow";

/** The README section an alarm points to, so the person paged lands on what to do. */
export const runbook = {
  executionsFailed: "Runbook › Pair executions failed",
  executionsTimedOut: "Runbook › Pair executions timed out",
  executionsAborted: "Runbook › Pair executions aborted",
  functionErrors: "Runbook › Function errors",
  api5xx: "Runbook › API 5xx rate",
  bounceRate: "Runbook › SES bounce or complaint rate",
  sesEventsUndelivered: "Runbook › SES events not processed",
  outboxUndelivered: "Runbook › Outbox batches given up",
  outboxBehind: "Runbook › Outbox falling behind",
  pairStartsUndelivered: "Runbook › Pair starts given up",
  cohortJobsUndelivered: "Runbook › Matching jobs given up",
} as const;

const fiveMinutes = Duration.minutes(5);

/** Binôme's own metrics (Powertools EMF, see packages/core/src/observability.ts). */
const binomeMetric = (metricName: string) =>
  new cw.Metric({
    namespace: "Binome",
    metricName,
    dimensionsMap: { service: "binome" },
    statistic: cw.Stats.SUM,
    period: Duration.hours(1),
  });

const sesReputation = (metricName: string) =>
  new cw.Metric({
    namespace: "AWS/SES",
    metricName,
    statistic: cw.Stats.MAXIMUM,
    period: Duration.hours(1),
  });

/**
 * Alarms go to an SNS topic with the operators' address subscribed (the subscription is confirmed
 * once, from the email AWS sends). Each alarm says what it means and where the runbook is.
 */
export function Monitoring({ stack }: StackContext) {
  const settings = stageSettings(stack.stage);
  const { api, web } = use(Api);
  const { stateMachine, steps } = use(Workflow);
  const { sesEvents, undelivered, outboxSender, outboxSweeper, outboxUndelivered } = use(Email);
  const { matchingJobs, pairStarter, pairStartsQueue, jobsUndelivered, pairStartsUndelivered } =
    use(Matching);
  const functions = [web, steps, sesEvents, outboxSender, outboxSweeper, matchingJobs, pairStarter];

  const topic = new sns.Topic(stack, "Alarms", {
    displayName: `Binôme ${stack.stage} — alarmes / alarms`,
    enforceSSL: true,
  });
  topic.addSubscription(new EmailSubscription(settings.alarmEmail));
  NagSuppressions.addResourceSuppressions(topic, [
    {
      id: "AwsSolutions-SNS2",
      reason:
        "Alarm notifications carry alarm names and metric values only, no personal data; CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer key would cost per stage to protect nothing.",
    },
  ]);
  const notify = new SnsAction(topic);

  const alarm = (
    id: string,
    metric: cw.IMetric,
    options: { threshold: number; meaning: string; runbook: string; evaluationPeriods?: number },
  ) => {
    const created = new cw.Alarm(stack, id, {
      metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      comparisonOperator: cw.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cw.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${options.meaning} What to do: README.md, "${options.runbook}".`,
    });
    created.addAlarmAction(notify);
    created.addOkAction(notify);
    return created;
  };

  const sum = { period: fiveMinutes, statistic: cw.Stats.SUM };
  const alarms = [
    alarm("PairExecutionsFailed", stateMachine.metricFailed(sum), {
      threshold: 1,
      meaning:
        "A pair's execution failed after its retries: that pair no longer moves on and the programme team was alerted by email.",
      runbook: runbook.executionsFailed,
    }),
    alarm("PairExecutionsTimedOut", stateMachine.metricTimedOut(sum), {
      threshold: 1,
      meaning: "A pair's execution hit its overall timeout: that pair no longer moves on.",
      runbook: runbook.executionsTimedOut,
    }),
    alarm("PairExecutionsAborted", stateMachine.metricAborted(sum), {
      threshold: 1,
      meaning:
        "A pair's execution was stopped from outside (console, CLI, API) instead of ending by itself.",
      runbook: runbook.executionsAborted,
    }),
    ...[
      { id: "WebErrors", fn: web, what: "the pages and API function" },
      { id: "PairStepsErrors", fn: steps, what: "the pair workflow's steps function" },
      { id: "SesEventsErrors", fn: sesEvents, what: "the SES bounces and complaints function" },
      { id: "OutboxSenderErrors", fn: outboxSender, what: "the outbox's sender" },
      { id: "OutboxSweepErrors", fn: outboxSweeper, what: "the outbox's sweep" },
      { id: "MatchingJobsErrors", fn: matchingJobs, what: "the matching function" },
      { id: "PairStarterErrors", fn: pairStarter, what: "the pair starter" },
    ].map(({ id, fn, what }) =>
      alarm(id, fn.metricErrors(sum), {
        threshold: 1,
        meaning: `Invocations of ${what} (${fn.node.id}) failed in the last 5 minutes.`,
        runbook: runbook.functionErrors,
      }),
    ),
    alarm(
      "Api5xxRate",
      new cw.MathExpression({
        // Below 20 requests in 5 minutes a single error is not a rate worth waking anyone for.
        expression: "IF(requests >= 20, 100 * errors / requests, 0)",
        usingMetrics: {
          errors: api.cdk.httpApi.metricServerError(sum),
          requests: api.cdk.httpApi.metricCount(sum),
        },
        period: fiveMinutes,
        label: "5xx (%)",
      }),
      {
        threshold: 5,
        evaluationPeriods: 2,
        meaning: "More than 5% of the API's responses were server errors (5xx) for 10 minutes.",
        runbook: runbook.api5xx,
      },
    ),
    alarm("SesBounceRate", sesReputation("Reputation.BounceRate"), {
      threshold: 0.05,
      meaning:
        "The account's SES bounce rate reached 5% (AWS reviews the account at 5% and may pause sending at 10%).",
      runbook: runbook.bounceRate,
    }),
    alarm("SesComplaintRate", sesReputation("Reputation.ComplaintRate"), {
      threshold: 0.001,
      meaning:
        "The account's SES complaint rate reached 0.1% (AWS reviews the account at 0.1% and may pause sending at 0.5%).",
      runbook: runbook.bounceRate,
    }),
    alarm(
      "SesEventsUndelivered",
      undelivered.metricApproximateNumberOfMessagesVisible({
        period: fiveMinutes,
        statistic: cw.Stats.MAXIMUM,
      }),
      {
        threshold: 1,
        meaning:
          "Bounce or complaint reports could not be processed after retries: some addresses may not be marked unreachable.",
        runbook: runbook.sesEventsUndelivered,
      },
    ),
    alarm(
      "OutboxUndelivered",
      outboxUndelivered.metricApproximateNumberOfMessagesVisible({
        period: fiveMinutes,
        statistic: cw.Stats.MAXIMUM,
      }),
      {
        threshold: 1,
        meaning:
          "The outbox's sender gave up on stream batches after its retries (SES down or refusing for hours): their emails are still queued and the sweep keeps trying them.",
        runbook: runbook.outboxUndelivered,
      },
    ),
    alarm(
      "PairStartsUndelivered",
      pairStartsUndelivered.metricApproximateNumberOfMessagesVisible({
        period: fiveMinutes,
        statistic: cw.Stats.MAXIMUM,
      }),
      {
        threshold: 1,
        meaning:
          "Pairs of a confirmed matching did not start after three tries: the team's matching page names them and offers to start them again.",
        runbook: runbook.pairStartsUndelivered,
      },
    ),
    alarm(
      "CohortJobsUndelivered",
      jobsUndelivered.metricApproximateNumberOfMessagesVisible({
        period: fiveMinutes,
        statistic: cw.Stats.MAXIMUM,
      }),
      {
        threshold: 1,
        meaning:
          "A matching, or the queueing of a confirmed matching's pairs, failed twice: the team's matching page says it failed.",
        runbook: runbook.cohortJobsUndelivered,
      },
    ),
    alarm(
      "OutboxIteratorAge",
      outboxSender.metric("IteratorAge", { period: fiveMinutes, statistic: cw.Stats.MAXIMUM }),
      {
        // Ten minutes behind the table's stream: emails leave late.
        threshold: 10 * 60 * 1000,
        evaluationPeriods: 2,
        meaning:
          "The outbox's sender is more than ten minutes behind the table's stream for ten minutes: emails leave late.",
        runbook: runbook.outboxBehind,
      },
    ),
  ];

  const dashboard = new cw.Dashboard(stack, "Dashboard", {
    dashboardName: `${stack.stage}-binome`,
    defaultInterval: Duration.days(7),
  });
  dashboard.addWidgets(
    new cw.AlarmStatusWidget({ title: "Alarms", alarms, width: 24 }),
    new cw.GraphWidget({
      title: "Pairs",
      left: ["PairsStarted", "PairsClosed", "Escalations"].map(binomeMetric),
      width: 12,
    }),
    new cw.GraphWidget({
      title: "Emails and links",
      left: [binomeMetric("EmailsQueued"), binomeMetric("EmailsSent")],
      right: [binomeMetric("LinkErrors"), binomeMetric("UnreachableAddresses")],
      width: 12,
    }),
    new cw.GraphWidget({
      title: "Pair executions",
      left: [
        stateMachine.metricStarted(sum),
        stateMachine.metricSucceeded(sum),
        stateMachine.metricFailed(sum),
        stateMachine.metricTimedOut(sum),
        stateMachine.metricAborted(sum),
      ],
      width: 12,
    }),
    new cw.GraphWidget({
      title: "API requests and errors",
      left: [api.cdk.httpApi.metricCount(sum)],
      right: [api.cdk.httpApi.metricClientError(sum), api.cdk.httpApi.metricServerError(sum)],
      width: 12,
    }),
    new cw.GraphWidget({
      title: "Function errors",
      left: functions.map((fn) => fn.metricErrors({ ...sum, label: fn.node.id })),
      width: 12,
    }),
    new cw.GraphWidget({
      title: "Function duration (p95)",
      left: functions.map((fn) =>
        fn.metricDuration({ period: fiveMinutes, statistic: "p95", label: fn.node.id }),
      ),
      width: 12,
    }),
    new cw.GraphWidget({
      title: "Outbox",
      left: [
        outboxSender.metric("IteratorAge", { period: fiveMinutes, statistic: cw.Stats.MAXIMUM }),
      ],
      right: [
        outboxUndelivered.metricApproximateNumberOfMessagesVisible({
          period: fiveMinutes,
          statistic: cw.Stats.MAXIMUM,
        }),
        binomeMetric("EmailsRefused"),
      ],
      width: 12,
    }),
    new cw.GraphWidget({
      title: "Matching and pair starts",
      left: [
        pairStartsQueue.metricApproximateNumberOfMessagesVisible({
          period: fiveMinutes,
          statistic: cw.Stats.MAXIMUM,
          label: "Pair starts waiting",
        }),
      ],
      right: [pairStartsUndelivered, jobsUndelivered].map((queue) =>
        queue.metricApproximateNumberOfMessagesVisible({
          period: fiveMinutes,
          statistic: cw.Stats.MAXIMUM,
          label: queue.node.id,
        }),
      ),
      width: 12,
    }),
    new cw.GraphWidget({
      title: "SES reputation",
      left: [sesReputation("Reputation.BounceRate"), sesReputation("Reputation.ComplaintRate")],
      width: 12,
    }),
  );

  stack.addOutputs({
    DashboardUrl: `https://${stack.region}.console.aws.amazon.com/cloudwatch/home?region=${stack.region}#dashboards:name=${stack.stage}-binome`,
    AlarmTopicArn: topic.topicArn,
  });
  return { topic, alarms, dashboard };
}
