import { SFNClient } from "@aws-sdk/client-sfn";
import { env } from "../env";
import { traced } from "../observability";
import { localCredentials } from "./local";

/**
 * Step Functions, on AWS and on this machine alike: locally the SDK's own `AWS_ENDPOINT_URL_SFN`
 * points it at the local service (see functions/local/engine), which takes any credentials. Traced
 * when first loaded: the web function loads it (through `workflow/engine.ts`) on first use.
 */
export const stepFunctions = traced(
  new SFNClient({
    region: env.region,
    ...(env.isLocal ? { credentials: localCredentials } : {}),
  }),
);
