import { Duration } from "aws-cdk-lib";
import * as sfn from "aws-cdk-lib/aws-stepfunctions";

/**
 * Errors worth another try, shared by the pair and the event workflows: Lambda's own hiccups and
 * what a steps handler marks as transient (`TransientStepError`, the same name in both payloads).
 */
export const transientErrors = [
  "TransientStepError",
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
];

export const retryTransient: sfn.RetryProps = {
  errors: transientErrors,
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxAttempts: 4,
  maxDelay: Duration.seconds(30),
  jitterStrategy: sfn.JitterType.FULL,
};
