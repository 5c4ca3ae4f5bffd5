/**
 * Lambda entry of the pair workflow's steps function: secrets first (the links it puts in emails
 * are signed with LINK_SIGNING_KEY), tracing of the AWS clients, then the steps handler, wrapped
 * so each invocation's metrics are flushed and its log keys (the pair id) dropped.
 */
import "./secrets";
import "./tracing";
import { lambdaHandler } from "#core/observability";
import { handler as steps } from "../workflow/steps";

export const handler = lambdaHandler(steps);
