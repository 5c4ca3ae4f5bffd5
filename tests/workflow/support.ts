import { afterAll, beforeAll, vi } from "vitest";
import {
  type LocalStepFunctions,
  type LocalStepFunctionsOptions,
  startLocalStepFunctions,
} from "../../functions/local/engine";
import { localEngineControl } from "./drive";

export * from "./drive";

/**
 * Starts the local Step Functions service for a test file (the rendered ASL, the real steps
 * handler): the domain reaches it through `@aws-sdk/client-sfn`, the test moves its clock and
 * waits for it through its local routes.
 */
export function useEngine(options: LocalStepFunctionsOptions = {}) {
  // A whole pair is hundreds of calls to DynamoDB Local, SES and the service: on a shared 2-core
  // machine that can outlast vitest's default 30 s (no test asserts a duration; the bench does).
  vi.setConfig({ testTimeout: 120_000 });
  let service: LocalStepFunctions | undefined;
  beforeAll(async () => {
    service = await startLocalStepFunctions(options);
  });
  afterAll(async () => {
    await service?.stop();
  });
  return {
    engine: () => {
      if (!service) throw new Error("Step Functions service not started");
      return localEngineControl;
    },
  };
}
