import { Config } from "sst/node/config";

/**
 * Injected at the top of the bundle of every function bound to a `Config.Secret` (see
 * stacks/functions.ts). Importing `sst/node/config` reads the bound secrets and parameters from SSM
 * once, at cold start (a top-level await); this copies them into the environment variables that
 * `packages/core/src/env.ts` reads, so the domain code never knows about SST. A variable already set
 * (e.g. by a test or the local runtime) wins.
 */
export const secretVariables = [
  "LINK_SIGNING_KEY",
  "OIDC_ISSUER",
  "OIDC_AUDIENCE",
  "OIDC_CLIENT_ID",
  "OIDC_CLIENT_SECRET",
] as const;

const bound = Config as unknown as Record<string, string | undefined>;

for (const name of secretVariables) {
  // `in` asks the proxy's target directly: reading an unbound name would throw.
  if (!process.env[name] && name in bound) process.env[name] = bound[name];
}
