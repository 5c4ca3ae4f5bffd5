import { AsyncLocalStorage } from "node:async_hooks";
import { logger } from "./observability";

/**
 * The services a request depends on, and what the app tells when one is gone.
 *
 * - A failure that means "the service is unavailable or throttling" (no connection, a reset, a
 *   timeout, a 5xx, a throttling answer) is told apart from a bug: the request gets 503 with
 *   Retry-After, never the generic 500.
 * - Each DynamoDB write attempt of a request is journalled: the 503 says "not stored" only when no
 *   attempt can have reached the table, and otherwise "not confirmed, send it again" (every write
 *   is conditional, so a retry answers "stored" without storing twice).
 * - Each service's state is kept here: the log says once that it went away, once that it came back.
 */
export type Dependency = "table" | "email" | "workflow";

/** A service that did not answer usably; `cause` is the SDK's own error. */
export class DependencyUnavailable extends Error {
  override name = "DependencyUnavailable";
  constructor(
    readonly dependency: Dependency,
    options: { cause: unknown },
  ) {
    super(`${dependency} unavailable`, options);
  }
}

/** Seconds a client should wait before retrying: an outage or a throttle usually passes by then. */
export const retryAfterSeconds = 5;

const throttlingNames = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "LimitExceededException",
]);

const unavailableNames = new Set([
  "InternalServerError",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
]);

/** Network failures where no byte reached the service. */
const neverSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
const networkCodes = new Set([
  ...neverSentCodes,
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNABORTED",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
]);

type SdkError = Error & {
  code?: string;
  $metadata?: { httpStatusCode?: number };
  CancellationReasons?: { Code?: string }[];
};

const statusOf = (error: SdkError) => error.$metadata?.httpStatusCode;

/** Whether an SDK error says the service is unavailable or throttling (rather than a bug). */
export function isUnavailability(error: unknown): boolean {
  if (error instanceof DependencyUnavailable) return true;
  if (!(error instanceof Error)) return false;
  const sdkError = error as SdkError;
  if (throttlingNames.has(sdkError.name) || unavailableNames.has(sdkError.name)) return true;
  if (sdkError.code && networkCodes.has(sdkError.code)) return true;
  if (sdkError.name === "TransactionCanceledException") {
    return (sdkError.CancellationReasons ?? []).some((reason) => reason.Code === "ThrottlingError");
  }
  const status = statusOf(sdkError);
  return status !== undefined && (status >= 500 || status === 429);
}

/**
 * Whether a failed attempt provably changed nothing: the connection was never made, or the service
 * answered with a refusal (any 4xx: a condition, a validation, a throttle). A reset, a timeout or a
 * 5xx leaves the outcome unknown.
 */
export function provablyNotApplied(error: unknown): boolean {
  const sdkError = error as SdkError;
  if (sdkError?.code && neverSentCodes.has(sdkError.code)) return true;
  const status = statusOf(sdkError);
  return status !== undefined && status >= 400 && status < 500;
}

/** What the current request may have written; absent outside a request. */
type WriteJournal = { mayHaveWritten: boolean };
const journal = new AsyncLocalStorage<WriteJournal>();

/** Runs one request with its own write journal. */
export function withWriteJournal<T>(run: () => Promise<T>): Promise<T> {
  return journal.run({ mayHaveWritten: false }, run);
}

/** Called by the DynamoDB client after each attempt of a write. */
export function recordWriteAttempt(outcome: "applied" | "failed", error?: unknown) {
  const current = journal.getStore();
  if (!current) return;
  if (outcome === "applied" || !provablyNotApplied(error)) current.mayHaveWritten = true;
}

/** "no" when nothing of this request can have reached the table, "unknown" otherwise. */
export function writtenSoFar(): "no" | "unknown" {
  return journal.getStore()?.mayHaveWritten ? "unknown" : "no";
}

const down = new Set<Dependency>();

/** Logs once when a service goes away (no personal data: the error's name and code only). */
export function reportDown(dependency: Dependency, error: unknown) {
  if (down.has(dependency)) return;
  down.add(dependency);
  const sdkError = error as SdkError;
  logger.error("Dependency unavailable", {
    dependency,
    error: { name: sdkError?.name, code: sdkError?.code, status: statusOf(sdkError) },
  });
}

/** Logs once when a service that was away answers again. */
export function reportUp(dependency: Dependency) {
  if (!down.delete(dependency)) return;
  logger.info("Dependency available again", { dependency });
}

export const isDown = (dependency: Dependency) => down.has(dependency);
