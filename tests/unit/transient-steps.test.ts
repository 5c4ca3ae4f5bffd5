import { describe, expect, it } from "vitest";
import { DependencyUnavailable } from "#core/dependency";
import { isTransient } from "#core/pair/errors";

/**
 * Which failures of a workflow step are worth another try (the steps handlers rethrow them as
 * TransientStepError, which the state machine retries with backoff) and which go to the Catch.
 */
describe("a workflow step's failure", () => {
  it("is retried when DynamoDB or SES could not be reached after the SDK's own retries", () => {
    const throttled = Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
    expect(isTransient(new DependencyUnavailable("table", { cause: throttled }))).toBe(true);
    expect(isTransient(new DependencyUnavailable("email", { cause: new Error("reset") }))).toBe(
      true,
    );
  });

  it("is retried when the SDK says so or the service answered 5xx", () => {
    expect(isTransient(Object.assign(new Error("x"), { $retryable: {} }))).toBe(true);
    expect(isTransient(Object.assign(new Error("x"), { $metadata: { httpStatusCode: 503 } }))).toBe(
      true,
    );
  });

  it("goes to the Catch when it is a bug or a refusal", () => {
    expect(isTransient(new TypeError("undefined is not a function"))).toBe(false);
    const refused = Object.assign(new Error("The conditional request failed"), {
      name: "ConditionalCheckFailedException",
      $metadata: { httpStatusCode: 400 },
    });
    expect(isTransient(refused)).toBe(false);
  });
});
