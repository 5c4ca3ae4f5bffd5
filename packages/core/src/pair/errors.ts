import { DependencyUnavailable } from "../dependency";
import { workflowErrors } from "../workflow/payload";

/** The pair was cancelled by the programme team: the execution ends cleanly on this error. */
export class PairCancelled extends Error {
  override name = workflowErrors.cancelled;
}

/** The session was moved just as its time came: the execution goes back to its invitation. */
export class MeetingMoved extends Error {
  override name = workflowErrors.meetingMoved;
}

/** The session was called off just as its time came: the execution asks for a new date. */
export class MeetingCalledOff extends Error {
  override name = workflowErrors.meetingCalledOff;
}

/** A step failed for a reason worth another try (throttling, a 5xx, the network). */
export class TransientStepError extends Error {
  override name = workflowErrors.transient;
}

const transientNames = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "InternalServerError",
  "InternalFailure",
  "TimeoutError",
  "ECONNRESET",
  "ECONNREFUSED",
]);

/**
 * AWS SDK errors carry `$retryable` or a 5xx status; network errors a code; the clients watched
 * for the 503 page (clients/watch.ts) turn them into `DependencyUnavailable`.
 */
export function isTransient(error: unknown): boolean {
  const candidate = error as {
    name?: string;
    code?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  return (
    // What the watched clients throw once the SDK's own retries could not reach the service.
    error instanceof DependencyUnavailable ||
    Boolean(candidate?.$retryable) ||
    (candidate?.$metadata?.httpStatusCode ?? 0) >= 500 ||
    transientNames.has(candidate?.name ?? "") ||
    transientNames.has(candidate?.code ?? "")
  );
}
