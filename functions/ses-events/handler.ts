import "../bootstrap/tracing";
import * as v from "valibot";
import { lambdaHandler, logger } from "#core/observability";
import { recordDeliveryProblem } from "#core/reachability";
import { SesEventSchema, toDeliveryProblem } from "./event";

/** SES bounces and complaints (an EventBridge rule on the configuration set's events). */
export const handler = lambdaHandler(async (event: unknown) => {
  const parsed = v.safeParse(SesEventSchema, event);
  if (!parsed.success) {
    // Only the shape is logged: the event holds email addresses.
    logger.error("Unreadable SES event", {
      paths: parsed.issues.map((issue) => v.getDotPath(issue)),
    });
    throw new Error("Unreadable SES event");
  }
  return recordDeliveryProblem(toDeliveryProblem(parsed.output));
});
