import { SESv2Client } from "@aws-sdk/client-sesv2";
import { env } from "../env";
import { requestTimeouts } from "./timeouts";
import { watch } from "./watch";

/** The SDK reads the endpoint itself from `AWS_ENDPOINT_URL_SESV2` (locally); unset on AWS. */
export const ses = watch(
  new SESv2Client({ region: env.region, requestHandler: requestTimeouts }),
  "email",
  // Callers of SES read its own error names (throttling, rejection): only watched, not converted.
  { convert: false },
);
