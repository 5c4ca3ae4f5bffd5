import { RemovalPolicy } from "aws-cdk-lib";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { type FunctionProps, Function as SstFunction, type Stack } from "sst/constructs";
import { suppressFunctionBasics } from "./nag";
import { productionStage } from "./settings";

/**
 * How every Binôme Lambda is built: Node 22 on arm64 (the cheaper architecture), one minified ESM
 * bundle per function. The AWS SDK v3 is left out of the bundle because the nodejs22.x runtime
 * ships it: smaller bundles, faster cold starts. Powertools is bundled (the runtime lacks it).
 */
export const runtime = "nodejs22.x";

type NodeJsProps = NonNullable<FunctionProps["nodejs"]>;

export const bundling: NodeJsProps = {
  format: "esm",
  minify: true,
  esbuild: { external: ["@aws-sdk/*"] },
};

/** App-wide defaults (sst.config.ts): they apply to every function, ours or a construct's. */
export const functionDefaults: FunctionProps = {
  runtime,
  architecture: "arm_64",
  memorySize: "512 MB",
  timeout: "30 seconds",
  tracing: "active",
  nodejs: bundling,
  environment: {
    POWERTOOLS_SERVICE_NAME: "binome",
    POWERTOOLS_METRICS_NAMESPACE: "Binome",
    POWERTOOLS_LOG_LEVEL: "INFO",
  },
};

/**
 * A function bound to `Config.Secret`s uses an entry in functions/bootstrap/: it imports
 * `functions/bootstrap/secrets.ts` first, then re-exports the real handler. secrets.ts copies the
 * bound values into the variables `packages/core/src/env.ts` reads: from the environment, where
 * SST puts them, awaiting `sst/node/config` (and its fetch from SSM, once per cold start) only
 * when SST left one in SSM (`__FETCH_FROM_SSM__`) or named a secret (see bound-values.ts there).
 * (esbuild's `inject` would avoid the extra file, but the esbuild SST 2.49 bundles with crashes on
 * the top-level await it needs.)
 */
export type BinomeFunctionProps = Omit<FunctionProps, "logGroup" | "nodejs"> & {
  handler: string;
  /**
   * Code reached only through `await import(…)` goes in chunks of its own, loaded on first use,
   * with the SDK clients they import: the web function loads SES, Step Functions and SQS only
   * when a request needs them (a shorter cold start).
   */
  splitting?: boolean;
};

/**
 * A function with its own log group: logs are kept three months (then expire, as the logs carry
 * ids only, this bounds what an investigation can need), and the group goes with the stage unless
 * the stage retains its data.
 */
export function binomeFunction(stack: Stack, id: string, props: BinomeFunctionProps) {
  const logGroup = new LogGroup(stack, `${id}Logs`, {
    retention: RetentionDays.THREE_MONTHS,
    removalPolicy: stack.stage === productionStage ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  const { splitting, ...rest } = props;
  const fn = new SstFunction(stack, id, {
    ...rest,
    logGroup,
    ...(splitting ? { nodejs: { ...bundling, splitting } } : {}),
  });
  suppressFunctionBasics(fn);
  return fn;
}
