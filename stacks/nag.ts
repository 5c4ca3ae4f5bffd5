import { NagSuppressions } from "cdk-nag";
import type { IConstruct } from "constructs";
import type { App, Stack } from "sst/constructs";

/**
 * cdk-nag (AwsSolutions) findings accepted on purpose, each with its reason. The stack tests run
 * the checks on every stack and fail on any finding not listed here or next to its resource.
 */

export const lambdaLogsReason = {
  id: "AwsSolutions-IAM4",
  reason:
    "AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs (CreateLogGroup, CreateLogStream, PutLogEvents); nothing else.",
  appliesTo: [
    "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
  ],
};

export const xrayReason = {
  id: "AwsSolutions-IAM5",
  reason:
    "Active X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permission, so their resource is '*'; no other statement uses '*'.",
  appliesTo: ["Resource::*"],
};

/** A Binôme function: its role writes logs and traces. */
export function suppressFunctionBasics(fn: IConstruct) {
  NagSuppressions.addResourceSuppressions(fn, [lambdaLogsReason, xrayReason], true);
}

/** The table's index is queried to list items of one kind: its ARN ends in `/index/*`. */
export function suppressTableIndex(fn: IConstruct) {
  NagSuppressions.addResourceSuppressions(
    fn,
    [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "Read/write on the single table and its index (gsi1); DynamoDB names an index's ARN <table>/index/<name>, which CDK grants as <table>/index/*. No other table.",
        appliesTo: [{ regex: "/^Resource::<Table[0-9A-F]+\\.Arn>\\/index\\/\\*$/g" }],
      },
    ],
    true,
  );
}

/**
 * Every SST stack holds a custom resource handler (used by SST constructs that need one); it
 * writes its logs with the basic execution role.
 */
export function suppressSstStackHandlers(app: App) {
  for (const stack of app.node.children) {
    const handler = (stack as Partial<Stack>).customResourceHandler;
    if (handler) NagSuppressions.addResourceSuppressions(handler, [lambdaLogsReason], true);
  }
}
