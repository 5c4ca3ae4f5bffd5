import type { Template } from "aws-cdk-lib/assertions";
import { testAccount, testRegion } from "./synth";

/**
 * Reading synthesised templates: CloudFormation intrinsics become plain strings, so a test can
 * compare ARNs and parse the state machine definition. A reference to another resource reads
 * `{LogicalId}` (`{LogicalId.Attribute}`); an import from another stack reads
 * `{Stack:ExportedThing}`.
 */
export function resolveToString(
  value: unknown,
  getAtt: (id: string, attribute: string) => string = (id, attribute) => `{${id}.${attribute}}`,
): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const node = value as Record<string, unknown>;
  if ("Fn::Join" in node) {
    const [separator, parts] = node["Fn::Join"] as [string, unknown[]];
    return parts.map((part) => resolveToString(part, getAtt)).join(separator);
  }
  if ("Ref" in node) {
    const pseudo: Record<string, string> = {
      "AWS::Partition": "aws",
      "AWS::Region": testRegion,
      "AWS::AccountId": testAccount,
      "AWS::URLSuffix": "amazonaws.com",
    };
    const name = String(node.Ref);
    return pseudo[name] ?? `{${name}}`;
  }
  if ("Fn::GetAtt" in node) {
    const [id, attribute] = node["Fn::GetAtt"] as [string, string];
    return getAtt(id, attribute);
  }
  if ("Fn::ImportValue" in node) {
    const exported = String(node["Fn::ImportValue"]);
    const match = /-binome-(\w+):ExportsOutput(?:Ref|FnGetAtt)(.+)$/.exec(exported);
    return match ? `{${match[1]}:${match[2]}}` : `{${exported}}`;
  }
  throw new Error(`Cannot resolve ${JSON.stringify(value)}`);
}

export type PolicyStatement = { actions: string[]; resources: string[]; effect: string };

type RawStatement = { Action: string | string[]; Resource: unknown; Effect: string };

const normalise = (statement: RawStatement): PolicyStatement => ({
  effect: statement.Effect,
  actions: [statement.Action].flat(),
  resources: [statement.Resource].flat().map((resource) => resolveToString(resource)),
});

/** Every IAM statement of a template: policies and roles' inline policies. */
export function statements(template: Template): PolicyStatement[] {
  const policies = Object.values(template.findResources("AWS::IAM::Policy")).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as RawStatement[],
  );
  const inline = Object.values(template.findResources("AWS::IAM::Role")).flatMap((role) =>
    (
      (role.Properties.Policies ?? []) as { PolicyDocument: { Statement: RawStatement[] } }[]
    ).flatMap((policy) => policy.PolicyDocument.Statement),
  );
  return [...policies, ...inline].map(normalise);
}

/** The statements attached to the role of one function (by its logical id prefix). */
export function rolePolicies(template: Template, functionPrefix: string): PolicyStatement[] {
  const policies = Object.entries(template.findResources("AWS::IAM::Policy")).filter(([, policy]) =>
    (policy.Properties.Roles as { Ref: string }[]).some((role) =>
      role.Ref.startsWith(`${functionPrefix}ServiceRole`),
    ),
  );
  if (policies.length === 0) throw new Error(`No policy for ${functionPrefix}`);
  return policies.flatMap(([, policy]) =>
    (policy.Properties.PolicyDocument.Statement as RawStatement[]).map(normalise),
  );
}
