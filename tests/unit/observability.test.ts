import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context } from "aws-lambda";
import { describe, expect, it, vi } from "vitest";
import { lambdaHandler, logger, metrics, withoutPersonalData } from "#core/observability";

describe("log redaction", () => {
  it("masks email addresses quoted in AWS error messages", () => {
    const message =
      "Email address is not verified. The following identities failed the check in region EU-WEST-3: claire.martin@finances.gouv.fr, Yanis <yanis@example.org>";
    const redacted = withoutPersonalData(message);
    expect(redacted).not.toMatch(/claire|yanis@/);
    expect(redacted).toContain("<email>");
  });

  it("masks link tokens in paths", () => {
    expect(withoutPersonalData("POST /lien/AbC123.def456?lang=en failed")).toBe(
      "POST /lien/<token>?lang=en failed",
    );
  });
});

describe("the Lambda entry (Powertools' injectLambdaContext and logMetrics)", () => {
  const context = {
    functionName: "binome-test",
    awsRequestId: "requete-1",
    invokedFunctionArn: "arn:aws:lambda:eu-west-3:123456789012:function:binome-test",
    memoryLimitInMB: "256",
    functionVersion: "$LATEST",
    getRemainingTimeInMillis: () => 30_000,
  } as unknown as Context;

  /** The JSON log lines written while `run` runs, with the logger at INFO for once. */
  async function logLines(run: () => Promise<unknown>) {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    logger.setLogLevel("INFO");
    try {
      await run().catch(() => undefined);
    } finally {
      logger.setLogLevel("SILENT");
      spy.mockRestore();
    }
    return written
      .flatMap((chunk) => chunk.split("\n"))
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it("puts the invocation's request id on its log lines, and drops the keys it added before the next one", async () => {
    const handler = lambdaHandler(async (_event: unknown) => {
      logger.appendKeys({ pairId: "binome-1" });
      logger.info("pendant");
    });
    const lines = await logLines(async () => {
      await handler({}, context);
      logger.info("après");
    });
    expect(lines.find((line) => line.message === "pendant")).toMatchObject({
      function_request_id: "requete-1",
      function_name: "binome-test",
      pairId: "binome-1",
    });
    expect(lines.find((line) => line.message === "après")).not.toHaveProperty("pairId");
  });

  it("flushes the metrics an invocation recorded even when it fails, and lets the error through", async () => {
    const handler = lambdaHandler(async (_event: unknown) => {
      metrics.addMetric("EmailsSent", MetricUnit.Count, 1);
      throw new Error("échec");
    });
    await expect(handler({}, context)).rejects.toThrow("échec");
    expect(metrics.hasStoredMetrics()).toBe(false);
  });
});
