import { App, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { PairWorkflow } from "./PairWorkflow";

/**
 * The state machine of `PairWorkflow` as plain ASL, for the local engine and `npm run asl`: the
 * very construct the stack deploys, synthesised in a throwaway app against a named function, with
 * the few CloudFormation pseudo parameters replaced by fixed local values.
 */
export const localAccount = "000000000000";
export const localRegion = "eu-west-3";
export const localStepsFunctionArn = `arn:aws:lambda:${localRegion}:${localAccount}:function:binome-pair-steps`;
export const localStateMachineName = "binome-pair-workflow";
export const localStateMachineArn = `arn:aws:states:${localRegion}:${localAccount}:stateMachine:${localStateMachineName}`;

export type AslDefinition = {
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
  Comment?: string;
};

let cached: AslDefinition | undefined;

export function renderPairWorkflowAsl(): AslDefinition {
  if (cached) return structuredClone(cached);
  const app = new App();
  const stack = new Stack(app, "PairWorkflowRender", {
    env: { account: localAccount, region: localRegion },
  });
  const stepsFunction = lambda.Function.fromFunctionArn(stack, "Steps", localStepsFunctionArn);
  new PairWorkflow(stack, "PairWorkflow", {
    stepsFunction,
    stateMachineName: localStateMachineName,
  });
  const template = Template.fromStack(stack).toJSON() as {
    Resources: Record<string, { Type: string; Properties: { DefinitionString: unknown } }>;
  };
  const machine = Object.values(template.Resources).find(
    (resource) => resource.Type === "AWS::StepFunctions::StateMachine",
  );
  if (!machine) throw new Error("PairWorkflow rendered no state machine");
  cached = JSON.parse(resolveIntrinsics(machine.Properties.DefinitionString)) as AslDefinition;
  return structuredClone(cached);
}

const pseudoParameters: Record<string, string> = {
  "AWS::Partition": "aws",
  "AWS::Region": localRegion,
  "AWS::AccountId": localAccount,
  "AWS::URLSuffix": "amazonaws.com",
};

function resolveIntrinsics(value: unknown): string {
  if (typeof value === "string") return value;
  const node = value as Record<string, unknown>;
  if ("Ref" in node) {
    const resolved = pseudoParameters[node.Ref as string];
    if (!resolved) throw new Error(`Cannot render reference ${String(node.Ref)}`);
    return resolved;
  }
  if ("Fn::Join" in node) {
    const [separator, parts] = node["Fn::Join"] as [string, unknown[]];
    return parts.map(resolveIntrinsics).join(separator);
  }
  throw new Error(`Cannot render ${JSON.stringify(value).slice(0, 200)}`);
}
