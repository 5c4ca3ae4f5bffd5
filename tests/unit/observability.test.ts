import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context } from "aws-lambda";
import { describe, expect, it, vi } from "vitest";
import {
  errorForLog,
  lambdaHandler,
  logger,
  maskedError,
  metrics,
  withoutPersonalData,
} from "#core/observability";

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

  it("masks a signed link's token wherever it is quoted (own page, mentor space, my data)", () => {
    const token = `${"a".repeat(22)}.${"B9_-".repeat(10)}xyz`;
    for (const path of ["/mon-binome/", "/espace-mentor/acces/", "/mes-donnees/", "token="]) {
      expect(withoutPersonalData(`GET ${path}${token} refused`)).toBe(`GET ${path}<token> refused`);
    }
  });
});

describe("an error leaving a handler", () => {
  it("keeps its name for the state machine's Catch and nothing of the original but its masked message", () => {
    const original = Object.assign(new Error("Refused: claire.martin@finances.gouv.fr"), {
      name: "PairCancelled",
      value: { email: "claire.martin@finances.gouv.fr" },
      cause: new Error("yanis@example.org"),
    });
    const masked = maskedError(original);
    expect(masked).toBeInstanceOf(Error);
    expect(masked.name).toBe("PairCancelled");
    expect(masked.message).toBe("Refused: <email>");
    const everything = JSON.stringify({ ...masked, stack: masked.stack, cause: masked.cause });
    expect(everything).not.toMatch(/claire|yanis/);
  });

  it("is logged by its name and masked message only", () => {
    const error = Object.assign(new Error("No such item for yanis@example.org"), {
      name: "ConditionalCheckFailedException",
      Item: { email: { S: "yanis@example.org" } },
    });
    expect(errorForLog(error)).toEqual({
      name: "ConditionalCheckFailedException",
      message: "No such item for <email>",
    });
  });

  it("turns a thrown non-error (a library's plain object) into an error saying so", () => {
    const masked = maskedError({ value: { email: "claire.martin@finances.gouv.fr" } });
    expect(masked.message).toBe("A non-error was thrown");
    expect(JSON.stringify({ ...masked, stack: masked.stack })).not.toContain("claire");
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

  it("lets an error out under its own name with its message masked, nothing else", async () => {
    const entry = lambdaHandler(async () => {
      throw Object.assign(new Error("Refused for claire.martin@finances.gouv.fr"), {
        name: "MessageRejected",
        quoted: "claire.martin@finances.gouv.fr",
      });
    });
    const error = (await entry({}, context).catch((caught: unknown) => caught)) as Error;
    expect(error.name).toBe("MessageRejected");
    expect(error.message).toBe("Refused for <email>");
    expect(JSON.stringify({ ...error, stack: error.stack })).not.toContain("claire");
  });
});
