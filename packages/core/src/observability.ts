import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { Tracer } from "@aws-lambda-powertools/tracer";
import type { Context } from "aws-lambda";

/**
 * One logger, one metrics object and one tracer for the whole code base. Log lines carry ids
 * (pair, record, cohort), never names, email addresses or link tokens.
 *
 * Metric names (namespace `Binome`, dimension `service`): `PairsStarted`, `PairsClosed`,
 * `EmailsQueued`, `EmailsSent`, `EmailsRefused`, `Escalations`, `LinkErrors`. The dashboard and README read these names.
 */
export const logger = new Logger({ serviceName: "binome" });

export const metrics = new Metrics({ namespace: "Binome", serviceName: "binome" });

/** X-Ray: disabled outside Lambda (POWERTOOLS_TRACE_ENABLED=false in tests). */
export const tracer = new Tracer({ serviceName: "binome" });

/** Wraps an AWS SDK v3 client so each call is a subsegment of the function's trace. */
export function traced<Client>(client: Client): Client {
  return tracer.captureAWSv3Client(client as Parameters<Tracer["captureAWSv3Client"]>[0]) as Client;
}

/** Publishes what was recorded (one EMF log line); silent when nothing was. */
export function flushMetrics() {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}

/**
 * A Lambda entry point for a handler, through Powertools' own decorators: `injectLambdaContext`
 * adds the invocation's context (request id, function name, cold start) to the logs and drops
 * the keys the invocation added, so the next invocation of a warm function starts clean;
 * `logMetrics` flushes the metrics it recorded, even when it fails. (Powertools' non-Middy form
 * is a class method decorator; the class is written once here rather than in every entry file.)
 */
export function lambdaHandler<Event, Result>(
  handler: (event: Event, context: Context) => Promise<Result>,
): (event: Event, context: Context) => Promise<Result> {
  class Entry {
    @logger.injectLambdaContext({ resetKeys: true })
    @metrics.logMetrics()
    async handler(event: Event, context: Context): Promise<Result> {
      return handler(event, context);
    }
  }
  const entry = new Entry();
  return entry.handler.bind(entry);
}

/**
 * Error messages from AWS can quote an email address (SES: "identities failed the check: …") and
 * a URL can carry a link token: both are masked before a message reaches a log line.
 */
export function withoutPersonalData(text: string): string {
  return text
    .replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g, "<email>")
    .replace(/\/lien\/[^\s/?#"']+/g, "/lien/<token>");
}
