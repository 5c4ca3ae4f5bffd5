/**
 * The web function's cold start, as Lambda pays it: its bundle built the way SST builds it (the
 * same esbuild SST 2.49 ships, with SST's options and the stacks' `bundling`: ESM, minified, the
 * AWS SDK left to the runtime), its size, and the time a fresh Node process takes to import it
 * (the SDK clients it loads at start included), against the same code bundled in one file (as
 * before the web function was split) and a bare Hono handler bundled the same way.
 * `npx tsx tests/bench/cold-start.ts` prints them as JSON (with `--packages`, also what the web
 * function's cold start loads, by package: esbuild's metafile); `npm run bench` includes them.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundling } from "../../stacks/functions";

const root = fileURLToPath(new URL("../..", import.meta.url));
// Built under the repository so that `@aws-sdk/*` resolves from node_modules, as from the runtime.
const out = path.join(root, ".build", "cold-start");

/** SST's own esbuild (node_modules/sst/node_modules/esbuild), not the newer one beside it. */
const esbuild = createRequire(createRequire(import.meta.url).resolve("sst/package.json"))(
  "esbuild",
) as typeof import("esbuild");

/**
 * Builds one function as SST does; with `splitting` (the web function, see stacks/Api.ts) what is
 * reached only through `await import(…)` goes in chunks loaded on first use. Returns the entry
 * file, the bytes a cold start loads (the entry and the chunks it imports statically), the bytes
 * of every chunk, and what a cold start loads: the source files bundled in it (`loadedInputs`,
 * with their bytes) and the modules left to the runtime that it imports (`loadedExternals`).
 */
export async function bundle(entry: string, name: string, splitting: boolean) {
  const outdir = path.join(out, name);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    platform: "node",
    bundle: true,
    keepNames: true,
    format: "esm",
    target: "esnext",
    mainFields: ["module", "main"],
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from 'module';`,
        "const require = topLevelCreateRequire(import.meta.url);",
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
      ].join("\n"),
    },
    external: ["sharp", "pg-native", ...(bundling.esbuild?.external ?? [])],
    minify: bundling.minify,
    sourcemap: false,
    splitting,
    outdir,
    outExtension: { ".js": ".mjs" },
    metafile: true,
    logLevel: "silent",
  });
  const outputs = result.metafile.outputs;
  // Each lazily imported module is an entry point of its own: the function's is the one asked for.
  const entryFile =
    Object.keys(outputs).find(
      (file) => outputs[file]?.entryPoint === path.relative(root, entry).split(path.sep).join("/"),
    ) ?? "";
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const imported of outputs[file]?.imports ?? []) {
      if (!imported.external && imported.kind === "import-statement") visit(imported.path);
    }
  };
  visit(entryFile);
  const bytes = (files: Iterable<string>) =>
    [...files].reduce((total, file) => total + (outputs[file]?.bytes ?? 0), 0);
  const loadedInputs = new Map<string, number>();
  const loadedExternals = new Set<string>();
  for (const file of loaded) {
    for (const [input, { bytesInOutput }] of Object.entries(outputs[file]?.inputs ?? {})) {
      loadedInputs.set(input, (loadedInputs.get(input) ?? 0) + bytesInOutput);
    }
    for (const imported of outputs[file]?.imports ?? []) {
      if (imported.external && imported.kind === "import-statement")
        loadedExternals.add(imported.path);
    }
  }
  return {
    file: path.resolve(root, entryFile),
    loadedKB: Math.round(bytes(loaded) / 1000),
    totalKB: Math.round(bytes(Object.keys(outputs)) / 1000),
    loadedInputs,
    loadedExternals,
  };
}

/** The median, over fresh processes, of the time `import()` of the bundle takes. */
function importTimes(file: string, runs: number) {
  // Wall time, and the process's CPU time (less disturbed by a busy machine than the wall time).
  const script = `const t = performance.now(); const c = process.cpuUsage(); await import(${JSON.stringify(pathToFileURL(file).href)}); const u = process.cpuUsage(c); console.log(performance.now() - t, (u.user + u.system) / 1000);`;
  const environment = {
    ...process.env,
    // What SST gives a function with bound secrets (read from the environment, not SSM).
    SST_APP: "binome",
    SST_STAGE: "bench",
    SST_Secret_value_LINK_SIGNING_KEY: "bench-signing-key-of-at-least-32-bytes!",
    SST_Secret_value_OIDC_CLIENT_SECRET: "bench",
    SST_Parameter_value_OIDC_ISSUER: "https://auth.example.gouv.fr",
    SST_Parameter_value_OIDC_AUDIENCE: "bench",
    SST_Parameter_value_OIDC_CLIENT_ID: "bench",
    TABLE_NAME: "bench",
    AWS_REGION: "eu-west-3",
    POWERTOOLS_METRICS_DISABLED: "true",
  };
  const samples = Array.from({ length: runs }, () =>
    (
      execFileSync(process.execPath, ["--input-type=module", "-e", script], {
        encoding: "utf8",
        env: environment,
      })
        .trim()
        .split("\n")
        .at(-1) ?? ""
    )
      .split(" ")
      .map(Number),
  );
  const median = (values: number[]) =>
    Math.round(values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0);
  return {
    importMs: median(samples.map(([wall]) => wall ?? 0)),
    importCpuMs: median(samples.map(([, cpu]) => cpu ?? 0)),
  };
}

export async function benchColdStart(runs = 7) {
  mkdirSync(out, { recursive: true });
  const bare = path.join(out, "bare-hono.ts");
  writeFileSync(
    bare,
    [
      `import { Hono } from "hono";`,
      `import { handle } from "hono/aws-lambda";`,
      `export const handler = handle(new Hono().get("/", (c) => c.text("ok")));`,
    ].join("\n"),
  );
  const web = await bundle(path.join(root, "functions/bootstrap/web.ts"), "web", true);
  // The same code in one file, as before the web function split it: everything loads at start.
  const whole = await bundle(path.join(root, "functions/bootstrap/web.ts"), "web-whole", false);
  const hono = await bundle(bare, "bare-hono", false);
  const measure = (built: typeof web) => ({
    bundleKB: built.loadedKB,
    chunksKB: built.totalKB,
    ...importTimes(built.file, runs),
  });
  return { web: measure(web), webInOneFile: measure(whole), bareHono: measure(hono), runs };
}

/**
 * The bytes a cold start loads by package (`node_modules/<package>`) or by folder of the
 * repository, largest first; then the modules it imports from the runtime (the AWS SDK).
 */
export async function coldStartPackages() {
  const web = await bundle(path.join(root, "functions/bootstrap/web.ts"), "web-packages", true);
  const byPackage = new Map<string, number>();
  for (const [input, bytes] of web.loadedInputs) {
    const name =
      input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ??
      input.split("/").slice(0, 3).join("/");
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytes);
  }
  return {
    loadedKB: Object.fromEntries(
      [...byPackage]
        .sort(([, a], [, b]) => b - a)
        .map(([name, bytes]) => [name, Math.round(bytes / 100) / 10]),
    ),
    fromRuntime: [...web.loadedExternals].filter((name) => !name.startsWith("node:")),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await benchColdStart()));
  if (process.argv.includes("--packages")) console.log(JSON.stringify(await coldStartPackages()));
}
