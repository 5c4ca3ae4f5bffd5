import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boundInEnvironment, copyBoundValues } from "../../functions/bootstrap/bound-values";

/** What SST v2 gives a function bound to the Secrets stack, each value in the environment. */
const inEnvironment = {
  SST_APP: "binome",
  SST_STAGE: "test",
  SST_SSM_PREFIX: "/sst/binome/test/",
  SST_Secret_value_LINK_SIGNING_KEY: "a-signing-key-of-at-least-32-bytes!",
  SST_Secret_value_OIDC_CLIENT_SECRET: "client-secret",
  SST_Parameter_value_OIDC_ISSUER: "https://auth.example.gouv.fr",
  SST_Parameter_value_OIDC_AUDIENCE: "binome",
  SST_Parameter_value_OIDC_CLIENT_ID: "binome-client",
};

/** A stand-in for `sst/node/config` that says whether it was asked. */
function recordingFetch(values: Record<string, string> = {}) {
  const fetch = async () => {
    fetch.calls++;
    return values;
  };
  fetch.calls = 0;
  return fetch;
}

describe("the values SST binds, read from the environment", () => {
  it("copies them into the app's variables without loading sst/node/config", async () => {
    const environment: NodeJS.ProcessEnv = { ...inEnvironment };
    const fetch = recordingFetch();
    await copyBoundValues(environment, fetch);
    expect(fetch.calls).toBe(0);
    expect(environment).toMatchObject({
      LINK_SIGNING_KEY: "a-signing-key-of-at-least-32-bytes!",
      OIDC_CLIENT_SECRET: "client-secret",
      OIDC_ISSUER: "https://auth.example.gouv.fr",
      OIDC_AUDIENCE: "binome",
      OIDC_CLIENT_ID: "binome-client",
    });
  });

  it("keeps a variable already set (a test, the local runtime)", async () => {
    const environment: NodeJS.ProcessEnv = { ...inEnvironment, OIDC_ISSUER: "http://localhost" };
    await copyBoundValues(environment, recordingFetch());
    expect(environment.OIDC_ISSUER).toBe("http://localhost");
  });

  it("gives a secret's value over a parameter's of the same name, as sst/node/config does", () => {
    expect(
      boundInEnvironment({
        SST_Parameter_value_LINK_SIGNING_KEY: "parameter",
        SST_Secret_value_LINK_SIGNING_KEY: "secret",
      }),
    ).toEqual({ LINK_SIGNING_KEY: "secret" });
  });

  it("reads only variables shaped as bindings, and only their value", () => {
    expect(
      boundInEnvironment({
        SST_APP: "binome",
        SST_SSM_PREFIX: "/sst/binome/test/",
        SST_Secret_value_: "no name",
        SST_Table_tableName_Binome: "binome-table",
        SST_Parameter_value_OIDC_CLIENT_ID: "binome-client",
        OIDC_ISSUER: "not SST's",
      }),
    ).toEqual({ OIDC_CLIENT_ID: "binome-client" });
  });

  it("leaves a variable unset when nothing is bound to it", async () => {
    const environment: NodeJS.ProcessEnv = { SST_Secret_value_LINK_SIGNING_KEY: "key" };
    await copyBoundValues(environment, recordingFetch());
    expect(environment.LINK_SIGNING_KEY).toBe("key");
    expect("OIDC_ISSUER" in environment).toBe(false);
  });
});

describe("the values SST left in SSM", () => {
  it("are fetched through sst/node/config when a value is marked __FETCH_FROM_SSM__", async () => {
    const environment: NodeJS.ProcessEnv = {
      ...inEnvironment,
      SST_Secret_value_LINK_SIGNING_KEY: "__FETCH_FROM_SSM__",
    };
    const fetch = recordingFetch({
      ...boundInEnvironment(inEnvironment),
      LINK_SIGNING_KEY: "from-ssm",
    });
    await copyBoundValues(environment, fetch);
    expect(fetch.calls).toBe(1);
    expect(environment.LINK_SIGNING_KEY).toBe("from-ssm");
    expect(environment.OIDC_ISSUER).toBe("https://auth.example.gouv.fr");
  });

  it("are resolved by sst/node/config when a parameter names a secret", async () => {
    const fetch = recordingFetch();
    await copyBoundValues(
      { SST_Parameter_value_OIDC_CLIENT_ID: "__FETCH_FROM_SECRET__:OIDC_CLIENT_SECRET" },
      fetch,
    );
    expect(fetch.calls).toBe(1);
  });
});

/**
 * The real `sst/node/config` in a process of its own (it reads the environment once, at import),
 * its SSM client pointed at a local stand-in of SSM's GetParameters.
 */
describe("the fetch from SSM, through sst/node/config", () => {
  const stored: Record<string, string> = {
    "/sst/binome/test/Secret/LINK_SIGNING_KEY/value": "a-key-kept-in-ssm-of-at-least-32-bytes",
  };
  const asked: { names: string[]; decrypted: boolean }[] = [];
  const ssm = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const { Names = [], WithDecryption = false } = JSON.parse(body || "{}") as {
        Names?: string[];
        WithDecryption?: boolean;
      };
      asked.push({ names: Names, decrypted: WithDecryption });
      response.setHeader("content-type", "application/x-amz-json-1.1");
      response.end(
        JSON.stringify({
          Parameters: Names.filter((name) => name in stored).map((name) => ({
            Name: name,
            Value: stored[name],
            Type: "SecureString",
          })),
          InvalidParameters: Names.filter((name) => !(name in stored)),
        }),
      );
    });
  });
  let endpoint = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => ssm.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(ssm.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => ssm.close(() => resolve())));

  const module = pathToFileURL(
    fileURLToPath(new URL("../../functions/bootstrap/bound-values.ts", import.meta.url)),
  ).href;
  const script = `const { copyBoundValues } = await import(${JSON.stringify(module)}); await copyBoundValues(); console.log(JSON.stringify({ key: process.env.LINK_SIGNING_KEY, issuer: process.env.OIDC_ISSUER }));`;
  const run = (bindings: Record<string, string>) =>
    promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      {
        cwd: fileURLToPath(new URL("../..", import.meta.url)),
        env: {
          PATH: process.env.PATH,
          SST_REGION: "eu-west-3",
          AWS_ENDPOINT_URL_SSM: endpoint,
          AWS_ACCESS_KEY_ID: "local",
          AWS_SECRET_ACCESS_KEY: "local",
          ...bindings,
        },
      },
    );

  it("reads a secret marked __FETCH_FROM_SSM__ from SSM, decrypted, and the rest from the environment", async () => {
    asked.length = 0;
    const { stdout } = await run({
      ...inEnvironment,
      SST_Secret_value_LINK_SIGNING_KEY: "__FETCH_FROM_SSM__",
    });
    expect(JSON.parse(stdout)).toEqual({
      key: "a-key-kept-in-ssm-of-at-least-32-bytes",
      issuer: "https://auth.example.gouv.fr",
    });
    expect(asked).toEqual([
      { names: ["/sst/binome/test/Secret/LINK_SIGNING_KEY/value"], decrypted: true },
    ]);
  });

  it("fails at cold start when a secret marked __FETCH_FROM_SSM__ is not set", async () => {
    await expect(
      run({ ...inEnvironment, SST_Secret_value_OIDC_CLIENT_SECRET: "__FETCH_FROM_SSM__" }),
    ).rejects.toThrow(
      /The following secret values are not set in the "test stage": OIDC_CLIENT_SECRET/,
    );
  });

  it("asks SSM nothing when every value is in the environment", async () => {
    asked.length = 0;
    const { stdout } = await run(inEnvironment);
    expect(JSON.parse(stdout)).toEqual({
      key: "a-signing-key-of-at-least-32-bytes!",
      issuer: "https://auth.example.gouv.fr",
    });
    expect(asked).toEqual([]);
  });
});
