import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bundle } from "../bench/cold-start";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The web function's bundle as SST builds it (tests/bench/cold-start.ts, esbuild's metafile): what
 * its cold start loads, i.e. its entry and the chunks these import statically, not the chunks
 * loaded on a request's first use (`await import(…)`).
 */
describe("the web function's cold start", async () => {
  const web = await bundle(path.join(root, "functions/bootstrap/web.ts"), "web-test", true);
  const inputs = [...web.loadedInputs.keys()];
  const bundled = (pattern: RegExp) => inputs.filter((input) => pattern.test(input));

  it("loads the DynamoDB client and Hono, which nearly every route needs", () => {
    expect(web.loadedExternals).toContain("@aws-sdk/client-dynamodb");
    expect(bundled(/node_modules\/hono\//).length).toBeGreaterThan(0);
  });

  it("loads neither the SES nor the Step Functions client: a request loads them on first use", () => {
    const clients = [...web.loadedExternals, ...inputs].filter((name) =>
      /@aws-sdk\/client-(sesv2|sfn)\b/.test(name),
    );
    expect(clients).toEqual([]);
  });

  it("leaves out the tracer (Powertools' Tracer, aws-xray-sdk-core), loaded on Lambda only", () => {
    expect(bundled(/@aws-lambda-powertools\/tracer\/|aws-xray-sdk-core\//)).toEqual([]);
  });

  it("leaves out sst/node/config and its SSM client, loaded only when SST left a value in SSM", () => {
    expect(bundled(/node_modules\/sst\/node\//)).toEqual([]);
    expect(web.loadedExternals).not.toContain("@aws-sdk/client-ssm");
  });

  it("leaves out ics and its yup, loaded only when a request builds a calendar invitation", () => {
    expect(bundled(/node_modules\/(ics|yup)\//)).toEqual([]);
  });

  it("leaves out openid-client and its oauth4webapi, loaded on the admin sign-in's first use", () => {
    expect(bundled(/node_modules\/(openid-client|oauth4webapi)\//)).toEqual([]);
  });
});
