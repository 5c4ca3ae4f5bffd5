import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tracingEnabled } from "#core/observability";

const lambda = { AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x" };

describe("whether X-Ray tracing is on (Powertools' own rule)", () => {
  it("traces on Lambda", () => {
    expect(tracingEnabled(lambda)).toBe(true);
    expect(tracingEnabled({ ...lambda, POWERTOOLS_TRACE_ENABLED: "true" })).toBe(true);
  });

  it("does not trace when POWERTOOLS_TRACE_ENABLED says false, whatever its case", () => {
    expect(tracingEnabled({ ...lambda, POWERTOOLS_TRACE_ENABLED: "false" })).toBe(false);
    expect(tracingEnabled({ ...lambda, POWERTOOLS_TRACE_ENABLED: " FALSE " })).toBe(false);
  });

  it("does not trace outside Lambda, nor in SAM's or Amplify's local mocks", () => {
    expect(tracingEnabled({})).toBe(false);
    expect(tracingEnabled({ ...lambda, AWS_SAM_LOCAL: "true" })).toBe(false);
    expect(tracingEnabled({ AWS_EXECUTION_ENV: "AWS_Lambda_amplify-mock" })).toBe(false);
  });
});

const xray = "XRaySDKInstrumentation";
const client = () => new DynamoDBClient({ region: "eu-west-3" });

describe("the tracer, loaded where it traces", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("instruments a client on Lambda, as the tracer created at module scope did", async () => {
    vi.stubEnv("AWS_EXECUTION_ENV", lambda.AWS_EXECUTION_ENV);
    vi.stubEnv("POWERTOOLS_TRACE_ENABLED", undefined);
    // Leaves this test process's http and https modules as they are.
    vi.stubEnv("POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS", "false");
    vi.resetModules();
    const { traced, tracer } = await import("#core/observability");
    expect(tracer?.isTracingEnabled()).toBe(true);
    expect(traced(client()).middlewareStack.identify().join(" ")).toContain(xray);
  });

  it("is not created, and leaves clients as they are, where tracing is off", async () => {
    vi.resetModules();
    const { traced, tracer } = await import("#core/observability");
    expect(tracer).toBeUndefined();
    expect(traced(client()).middlewareStack.identify().join(" ")).not.toContain(xray);
  });
});
