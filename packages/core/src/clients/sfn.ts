import { SFNClient } from "@aws-sdk/client-sfn";
import { env } from "../env";
import { localCredentials } from "./local";

/**
 * Step Functions, on AWS and on this machine alike: locally the SDK's own `AWS_ENDPOINT_URL_SFN`
 * points it at the local service (see functions/local/engine), which takes any credentials.
 */
export const stepFunctions = new SFNClient({
  region: env.region,
  ...(env.isLocal ? { credentials: localCredentials } : {}),
});
