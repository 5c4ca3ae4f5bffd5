import { GetAccountCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { describe, expect, it } from "vitest";
import { watch } from "#core/clients/watch";

/** A transport that answers every request with the error SES gives an unverified identity. */
const refusingTransport = {
  handle: async () => {
    const error = new Error(
      "Email address is not verified. The following identities failed the check in region EU-WEST-3: claire.martin@finances.gouv.fr",
    );
    error.name = "MessageRejected";
    throw error;
  },
};

describe("a service error quoting an address", () => {
  it("is masked before the tracer's middleware and the caller see it, keeping its name", async () => {
    const client = watch(
      new SESv2Client({
        region: "eu-west-3",
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
        requestHandler: refusingTransport,
        maxAttempts: 1,
      }),
      "email",
      { convert: false },
    );
    const seenByTracer: string[] = [];
    // Where X-Ray's middleware sits (the build step): what it records of a failure.
    client.middlewareStack.add(
      (next) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          seenByTracer.push((error as Error).message, String((error as Error).stack));
          throw error;
        }
      },
      { step: "build", name: "tracerStandIn" },
    );
    const failure = (await client.send(new GetAccountCommand({})).catch((error) => error)) as Error;
    expect(failure.name).toBe("MessageRejected");
    expect(failure.message).toContain("failed the check");
    for (const text of [failure.message, String(failure.stack), ...seenByTracer]) {
      expect(text).not.toContain("claire.martin");
    }
    expect(seenByTracer).toHaveLength(2);
  });
});
