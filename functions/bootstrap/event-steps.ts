/**
 * Lambda entry of the event workflow's steps function: secrets first (its emails carry signed
 * links), tracing of the AWS clients, then the event steps handler.
 */
import "./secrets";
import "./tracing";
import { lambdaHandler } from "#core/observability";
import { handler as steps } from "../workflow/event-steps";

export const handler = lambdaHandler(steps);
