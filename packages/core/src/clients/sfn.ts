import { SFNClient } from "@aws-sdk/client-sfn";
import { env } from "../env";

/** Step Functions: used on AWS only (the local runtime drives its own engine). */
export const stepFunctions = new SFNClient({ region: env.region });
