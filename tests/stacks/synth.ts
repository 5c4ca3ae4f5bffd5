import path from "node:path";
import { Aspects } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { CfnFunction } from "aws-cdk-lib/aws-lambda";
import { AwsSolutionsChecks } from "cdk-nag";
import { App, getStack, type Stack } from "sst/constructs";
import { initProject } from "sst/project.js";
import config from "../../sst.config";
import { Api } from "../../stacks/Api";
import { Email } from "../../stacks/Email";
import { Matching } from "../../stacks/Matching";
import { Monitoring } from "../../stacks/Monitoring";
import { Secrets } from "../../stacks/Secrets";
import { Storage } from "../../stacks/Storage";
import { Workflow } from "../../stacks/Workflow";

/**
 * Synthesises the whole app for a stage, offline, as `sst deploy` would (same `sst.config.ts`, same
 * stacks, functions bundled by SST's esbuild), with cdk-nag's AwsSolutions checks on every stack.
 * `NODE_ENV=test` (set by vitest) is what lets SST skip its AWS calls (bootstrap, credentials).
 */
export const stackFunctions = { Storage, Secrets, Email, Matching, Api, Workflow, Monitoring };
export type StackName = keyof typeof stackFunctions;

export type Synthesised = {
  templates: Record<StackName, Template>;
  stacks: Record<StackName, Stack>;
  /** cdk-nag findings (errors and warnings) left unsuppressed, as "Stack/path: message". */
  nagFindings: string[];
  /** The file SST's esbuild wrote for a function, as it is uploaded to Lambda. */
  bundleOf: (stack: StackName, functionId: string) => string;
};

export const testAccount = "123456789012";
export const testRegion = "eu-west-3";

/** The settings a production deploy must give (see stacks/settings.ts). */
export const productionEnvironment = {
  BINOME_EMAIL_DOMAIN: "mentorat.example.gouv.fr",
  BINOME_SENDER_ADDRESS: "binome@mentorat.example.gouv.fr",
  BINOME_PROGRAMME_CONTACT: "equipe@mentorat.example.gouv.fr",
  BINOME_ALARM_EMAIL: "exploitation@example.gouv.fr",
  BINOME_OIDC_ISSUER: "https://auth.proconnect.gouv.fr/api/v2",
  BINOME_OIDC_AUDIENCE: "binome-client-id",
  BINOME_APP_URL: "https://mentorat.example.gouv.fr",
};

export async function synthesise(stage: string, environment: Record<string, string> = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, environment);
  try {
    await initProject({ stage });
    const app = new App({
      mode: "deploy",
      stage,
      name: "binome",
      region: testRegion,
      account: testAccount,
    });
    Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
    config.stacks(app);
    await app.finish();
    const names = Object.keys(stackFunctions) as StackName[];
    const stacks = Object.fromEntries(
      names.map((name) => [name, getStack(stackFunctions[name])]),
    ) as Record<StackName, Stack>;
    const templates = Object.fromEntries(
      names.map((name) => [name, Template.fromStack(stacks[name])]),
    ) as Record<StackName, Template>;
    // The assembly is already synthesised (by Template.fromStack); synthesising again would run
    // SST's construct-id aspect twice, which then sees duplicates. Read the messages from it.
    const assembly = app.synth();
    const nagFindings = names.flatMap((name) =>
      assembly
        .getStackArtifact(stacks[name].artifactId)
        .messages.filter((message) => message.level === "error" || message.level === "warning")
        .map((message) => `${message.id}: ${String(message.entry.data).split("\n")[0]}`)
        .filter((line) => line.includes("AwsSolutions-")),
    );
    const bundleOf = (stack: StackName, functionId: string) => {
      const fn = stacks[stack].node.findChild(functionId);
      const { handler } = fn.node.defaultChild as CfnFunction;
      const entry = String(handler).replace(/\.[^./]+$/, ".mjs");
      return path.join(".sst", "artifacts", fn.node.addr, entry);
    };
    return { templates, stacks, nagFindings, bundleOf } satisfies Synthesised;
  } finally {
    for (const key of Object.keys(environment)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}
