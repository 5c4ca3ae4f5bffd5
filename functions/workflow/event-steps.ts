import type { EventStepPayload } from "#core/events/payload";
import { runEventStep } from "#core/events/run";
import { flushMetrics, logger, maskedError, withoutPersonalData } from "#core/observability";
import { isTransient, TransientStepError } from "#core/pair/errors";

/**
 * The event steps Lambda: every Task of the event workflow (workshops, BarNum') calls it with one
 * typed payload, an `action` and the event's `kind`. Transient failures are rethrown as
 * `TransientStepError` (retried by the state machine); anything else keeps its name for the Catch.
 */
export const handler = async (payload: EventStepPayload): Promise<unknown> => {
  logger.appendKeys({ eventId: payload.eventId, kind: payload.kind, action: payload.action });
  try {
    return (await runEventStep(payload)) ?? null;
  } catch (error) {
    if (isTransient(error)) {
      logger.warn("Transient event step failure", { error: (error as Error).name });
      throw new TransientStepError(withoutPersonalData((error as Error).message));
    }
    logger.error("Event step failed", { error: (error as Error).name });
    throw maskedError(error);
  } finally {
    flushMetrics();
    logger.removeKeys(["eventId", "kind", "action"]);
  }
};
