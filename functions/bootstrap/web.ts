/**
 * Lambda entry of the pages and API function: secrets first (a top-level await, so they are in
 * `process.env` before any code of the app runs), tracing of the AWS clients, then the Hono
 * handler, wrapped so each invocation's metrics are flushed and its log keys dropped.
 */
import "./secrets";
import "./tracing";
import { lambdaHandler } from "#core/observability";
import { handler as web } from "../api/handler";

export const handler = lambdaHandler(web);
