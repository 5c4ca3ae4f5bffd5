import { afterAll, beforeAll } from "vitest";
import { type LocalEngine, startLocalEngine, stopLocalEngine } from "../../functions/local/engine";

export * from "./drive";

/** Starts the local engine for a test file (the rendered ASL, the real steps handler). */
export function useEngine(): { engine: () => LocalEngine } {
  let engine: LocalEngine | undefined;
  beforeAll(() => {
    engine = startLocalEngine();
  });
  afterAll(async () => {
    await stopLocalEngine();
  });
  return {
    engine: () => {
      if (!engine) throw new Error("Engine not started");
      return engine;
    },
  };
}
