/**
 * The values SST v2 binds to a function (`Config.Secret`, `Config.Parameter`), read as
 * `sst/node/config` reads them (node_modules/sst/node/util/index.js), without loading it when it
 * would fetch nothing: it brings the SSM client and reads every binding at import, which cost the
 * web function's cold start more than its DynamoDB client.
 *
 * SST puts each binding in a variable `SST_<construct>_<property>_<name>`: a parameter's value as
 * it is, a secret as `__FETCH_FROM_SSM__` (the value is in SSM, unless `prefetchSecrets` wrote it
 * there at deploy), a parameter that names a secret as `__FETCH_FROM_SECRET__:<secret>`.
 */

/** The variables `packages/core/src/env.ts` reads that the stacks bind through SST. */
export const secretVariables = [
  "LINK_SIGNING_KEY",
  "OIDC_ISSUER",
  "OIDC_AUDIENCE",
  "OIDC_CLIENT_ID",
  "OIDC_CLIENT_SECRET",
] as const;

const inSsm = "__FETCH_FROM_SSM__";
const secretReference = "__FETCH_FROM_SECRET__:";

/**
 * What `Config` of `sst/node/config` holds, by name (a secret's value over a parameter's of the
 * same name, as it assigns them), when every binding is in the environment; `undefined` when
 * one must be fetched or resolved, so `sst/node/config` has to do it.
 */
export function boundInEnvironment(
  environment: NodeJS.ProcessEnv,
): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const [variable, value = ""] of Object.entries(environment)) {
    if (!variable.startsWith("SST_")) continue;
    // SST's own reading of the name (parseEnvName): a variable of another shape is no binding.
    const [, construct, property, ...nameParts] = variable.split("_");
    const name = nameParts.join("_");
    if (!construct || !property || !name) continue;
    if (value === inSsm || value.startsWith(secretReference)) return undefined;
    if (property !== "value") continue;
    if (construct === "Parameter") parameters[name] = value;
    else if (construct === "Secret") secrets[name] = value;
  }
  return { ...parameters, ...secrets };
}

/**
 * The bound values `Config` of `sst/node/config` holds, as a plain object: importing it fetches
 * what SSM holds (a top-level await). `Config` itself is a proxy that throws on an unbound name
 * (`then` included, so it cannot be what a promise resolves to); `in` asks its target directly.
 */
async function fetchBound(): Promise<Record<string, string | undefined>> {
  const { Config } = await import("sst/node/config");
  const bound = Config as unknown as Record<string, string | undefined>;
  return Object.fromEntries(
    secretVariables.filter((name) => name in bound).map((name) => [name, bound[name]]),
  );
}

/**
 * Copies the bound values into the variables `packages/core/src/env.ts` reads, so the domain code
 * never knows about SST; a variable already set (by a test or the local runtime) wins. Fetches
 * through `sst/node/config` only when a binding is not in the environment, which then fails, as
 * before, when a secret is not set in SSM ("The following secret values are not set").
 */
export async function copyBoundValues(
  environment: NodeJS.ProcessEnv = process.env,
  fetch: () => Promise<Record<string, string | undefined>> = fetchBound,
): Promise<void> {
  const bound = boundInEnvironment(environment) ?? (await fetch());
  for (const name of secretVariables) {
    if (!environment[name] && name in bound) environment[name] = bound[name];
  }
}
