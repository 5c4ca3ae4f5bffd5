import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** Kept under tests/ so the repository's top level holds only what the project is made of. */
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup.ts"],
    // The JSON report lets CI print a plain "N passed, N failed" line (see .ci/run).
    reporters: ["default", ["json", { outputFile: "test-artifacts/vitest.json" }]],
    // Most files wait on the emulators and the local engine, not on the CPU: two files at a time
    // took the suite from 1,509 s to 967 s (813 tests); with three, 899 tests ran in 915 s using
    // 1.4 of the 2 cores on average (1,302 s of CPU), so the CPU is still not what bounds it.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      POWERTOOLS_LOG_LEVEL: "SILENT",
      POWERTOOLS_METRICS_DISABLED: "true",
      POWERTOOLS_TRACE_ENABLED: "false",
    },
  },
});
