import "../bootstrap/tracing";
import { sweepOutbox } from "#core/email/outbox";
import { flushMetrics, maskedError } from "#core/observability";

/** On a schedule: delivers what the stream gave up on, or what a dead sender held (sweepOutbox). */
export const handler = async () => {
  try {
    return await sweepOutbox();
  } catch (error) {
    // The runtime logs what leaves the handler whole: its name and masked message only.
    throw maskedError(error);
  } finally {
    flushMetrics();
  }
};
