import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SESv2Client } from "@aws-sdk/client-sesv2";
import {
  type Dependency,
  DependencyUnavailable,
  isUnavailability,
  recordWriteAttempt,
  reportDown,
  reportUp,
} from "../dependency";
import { withoutPersonalData } from "../observability";

/** DynamoDB operations that change the table: their attempts are journalled (see dependency.ts). */
const writeOperations = new Set([
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
  "TransactWriteItemsCommand",
  "BatchWriteItemCommand",
]);

type Watched = DynamoDBClient | SESv2Client;

/**
 * Watches a client's calls: every answer says the service is there, every unavailability says it
 * is not (logged once per outage); each attempt of a DynamoDB write is journalled. With `convert`,
 * an unavailability that survives the SDK's own retries is thrown as `DependencyUnavailable`, so
 * the code above tells it apart from a bug without knowing the SDK's many error shapes.
 */
export function watch<Client extends Watched>(
  client: Client,
  dependency: Dependency,
  options: { convert: boolean },
): Client {
  const stack = (client as DynamoDBClient).middlewareStack;
  // Per attempt: the deserialize step runs inside the retry middleware.
  stack.add(
    (next, context) => async (args) => {
      const isWrite = writeOperations.has(context.commandName ?? "");
      try {
        const result = await next(args);
        reportUp(dependency);
        if (isWrite) recordWriteAttempt("applied");
        return result;
      } catch (error) {
        maskMessage(error);
        if (isUnavailability(error)) reportDown(dependency, error);
        else if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode)
          reportUp(dependency);
        if (isWrite) recordWriteAttempt("failed", error);
        throw error;
      }
    },
    { step: "deserialize", priority: "high", name: `watch-${dependency}-attempt` },
  );
  if (options.convert) {
    // Once per call, after every retry.
    stack.add(
      (next) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          if (isUnavailability(error))
            throw new DependencyUnavailable(dependency, { cause: error });
          throw error;
        }
      },
      { step: "initialize", priority: "high", name: `watch-${dependency}-call` },
    );
  }
  return client;
}

/**
 * A service's error message can quote an address (SES: "identities failed the check: …"): it is
 * masked here, inside the tracer's middleware, so that neither the trace nor a caller's log
 * line ever holds it. The error keeps its name and type, which callers read.
 */
function maskMessage(error: unknown) {
  if (!(error instanceof Error)) return;
  const masked = withoutPersonalData(error.message);
  if (masked === error.message) return;
  if (typeof error.stack === "string") error.stack = error.stack.replace(error.message, masked);
  error.message = masked;
}
