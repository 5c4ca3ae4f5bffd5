import { afterAll, beforeAll, expect, vi } from "vitest";
import { clock } from "#core/clock";
import { localApp } from "../../functions/local/app";
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
  // Four minutes: on a slower host of the same kind the counts' first test, beside the 11-minute
  // limits test, ran past two.
  vi.setConfig({ testTimeout: 240_000 });
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

/**
 * Moves the dev clock to a little after `at` as a person would (`POST /api/dev/clock`, which moves
 * the app's clock and the Step Functions service's together), then waits for the service to settle.
 */
export async function advanceTo(at: number) {
  const seconds = Math.max(1, Math.ceil((at - clock.now().getTime()) / 1000) + 60);
  const response = await localApp.request("/api/dev/clock", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advance: `PT${seconds}S` }),
  });
  expect(response.status).toBe(200);
  await localEngineControl.settle();
}
