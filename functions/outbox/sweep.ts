import "../bootstrap/tracing";
import { sweepOutbox } from "#core/email/outbox";
import { flushMetrics } from "#core/observability";

/** On a schedule: delivers what the stream gave up on, or what a dead sender held (sweepOutbox). */
export const handler = async () => {
  try {
    return await sweepOutbox();
  } finally {
    flushMetrics();
  }
};
