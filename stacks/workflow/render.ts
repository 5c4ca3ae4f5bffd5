import { App, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as lambda from "aws-cdk-lib/aws-lambda";
import type { Construct } from "constructs";
import { EventWorkflow } from "./EventWorkflow";
import { PairWorkflow } from "./PairWorkflow";

/**
 * The state machines of `PairWorkflow` and `EventWorkflow` as plain ASL, for the local engine and
 * `npm run asl`: the very constructs the stack deploys, each synthesised in a throwaway app against
 * a named function, with the few CloudFormation pseudo parameters replaced by fixed local values.
 */
export const localAccount = "000000000000";
export const localRegion = "eu-west-3";
export const localStepsFunctionArn = `arn:aws:lambda:${localRegion}:${localAccount}:function:binome-pair-steps`;
export const localStateMachineName = "binome-pair-workflow";
export const localStateMachineArn = `arn:aws:states:${localRegion}:${localAccount}:stateMachine:${localStateMachineName}`;
export const localEventStepsFunctionArn = `arn:aws:lambda:${localRegion}:${localAccount}:function:binome-event-steps`;
export const localEventStateMachineName = "binome-event-workflow";
export const localEventStateMachineArn = `arn:aws:states:${localRegion}:${localAccount}:stateMachine:${localEventStateMachineName}`;

export type AslDefinition = {
  StartAt: string;
  States: Record<string, Record<string, unknown>>;
  Comment?: string;
};

const cached = new Map<string, AslDefinition>();

export function renderPairWorkflowAsl(): AslDefinition {
  return render("PairWorkflow", localStepsFunctionArn, (stack, stepsFunction) => {
    new PairWorkflow(stack, "PairWorkflow", {
      stepsFunction,
      stateMachineName: localStateMachineName,
    });
  });
}

export function renderEventWorkflowAsl(): AslDefinition {
  return render("EventWorkflow", localEventStepsFunctionArn, (stack, stepsFunction) => {
    new EventWorkflow(stack, "EventWorkflow", {
      stepsFunction,
      stateMachineName: localEventStateMachineName,
    });
  });
}

function render(
  name: string,
  stepsFunctionArn: string,
  build: (stack: Construct, stepsFunction: lambda.IFunction) => void,
): AslDefinition {
  const kept = cached.get(name);
  if (kept) return structuredClone(kept);
  const app = new App();
  const stack = new Stack(app, `${name}Render`, {
    env: { account: localAccount, region: localRegion },
  });
  build(stack, lambda.Function.fromFunctionArn(stack, "Steps", stepsFunctionArn));
  const template = Template.fromStack(stack).toJSON() as {
    Resources: Record<string, { Type: string; Properties: { DefinitionString: unknown } }>;
  };
  const machine = Object.values(template.Resources).find(
    (resource) => resource.Type === "AWS::StepFunctions::StateMachine",
  );
  if (!machine) throw new Error(`${name} rendered no state machine`);
  const definition = JSON.parse(resolveIntrinsics(machine.Properties.DefinitionString));
  cached.set(name, definition as AslDefinition);
  return structuredClone(definition) as AslDefinition;
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
