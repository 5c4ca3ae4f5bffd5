import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import type { Tracer } from "@aws-lambda-powertools/tracer";
import type { Context } from "aws-lambda";

/**
 * One logger, one metrics object and one tracer (on Lambda only) for the whole code base. Log
 * lines carry ids (pair, record, cohort), never names, email addresses or link tokens.
 *
 * Metric names (namespace `Binome`, dimension `service`): `PairsStarted`, `PairsClosed`,
 * `EmailsQueued`, `EmailsSent`, `EmailsRefused`, `Escalations`, `LinkErrors`. The dashboard and README read these names.
 */
export const logger = new Logger({ serviceName: "binome" });

export const metrics = new Metrics({ namespace: "Binome", serviceName: "binome" });

/**
 * Whether X-Ray tracing is on, by the rule Powertools' Tracer applies itself: in a Lambda execution
 * environment (not SAM's nor Amplify's mock), unless POWERTOOLS_TRACE_ENABLED is "false" (as in
 * the tests).
 */
export function tracingEnabled(environment: NodeJS.ProcessEnv = process.env): boolean {
  const read = (name: string) => environment[name]?.trim() ?? "";
  if (read("POWERTOOLS_TRACE_ENABLED").toLowerCase() === "false") return false;
  const executionEnvironment = read("AWS_EXECUTION_ENV");
  return (
    executionEnvironment !== "" &&
    executionEnvironment !== "AWS_Lambda_amplify-mock" &&
    read("AWS_SAM_LOCAL") === ""
  );
}

/**
 * X-Ray, loaded only where it traces: the tracer and aws-xray-sdk-core took a seventh of the web
 * function's cold start where they did nothing. On Lambda it is created when this module is first
 * imported, as before (a top-level await), so it instruments HTTP(S) before any request and every
 * function gets it whatever its entry.
 */
export const tracer: Tracer | undefined = tracingEnabled()
  ? new (await import("@aws-lambda-powertools/tracer")).Tracer({ serviceName: "binome" })
  : undefined;

/**
 * Makes each call of an AWS SDK v3 client a subsegment of the function's trace; where tracing is
 * off, the client as it is.
 */
export function traced<Client>(client: Client): Client {
  if (!tracer) return client;
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
 * An error leaves it as `maskedError` makes it.
 */
export function lambdaHandler<Event, Result>(
  handler: (event: Event, context: Context) => Promise<Result>,
): (event: Event, context: Context) => Promise<Result> {
  class Entry {
    @logger.injectLambdaContext({ resetKeys: true })
    @metrics.logMetrics()
    async handler(event: Event, context: Context): Promise<Result> {
      try {
        return await handler(event, context);
      } catch (error) {
        // The runtime logs what leaves the handler whole: its name and masked message only.
        throw maskedError(error);
      }
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
  return (
    text
      .replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/g, "<email>")
      .replace(/\/lien\/[^\s/?#"']+/g, "/lien/<token>")
      // Every signed link (own page, mentor space, my data, workshop), wherever it is quoted.
      .replace(/[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{32,}/g, "<token>")
  );
}

/** An error as a log line holds it: its name and masked message, never its properties or cause. */
export function errorForLog(error: unknown): { name: string; message: string } {
  const { name, message } = maskedError(error);
  return { name, message };
}

/**
 * An error as it may leave a handler: a fresh `Error` of the same name (a state machine's Catch
 * matches it), its message masked, with none of the original's properties, cause or stack, where
 * the SDK or a library may have quoted an address (the runtime logs them all).
 */
export function maskedError(error: unknown): Error {
  const original = error instanceof Error ? error : undefined;
  const masked = new Error(withoutPersonalData(original?.message ?? "A non-error was thrown"));
  masked.name = original?.name ?? "Error";
  return masked;
}
