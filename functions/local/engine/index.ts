import { useWorkflowEngine } from "#core/workflow/engine";
import { renderPairWorkflowAsl } from "../../../stacks/workflow/render";
import { handler } from "../../workflow/steps";
import { LocalEngine } from "./host";

export { LocalEngine } from "./host";

/**
 * Starts the local engine on the rendered definition, with the real steps handler, and makes it
 * the engine the domain uses (start, answers, cancellations).
 */
let running: LocalEngine | undefined;

export function startLocalEngine(): LocalEngine {
  const engine = new LocalEngine(renderPairWorkflowAsl(), handler);
  useWorkflowEngine(engine);
  running = engine;
  return engine;
}

export async function stopLocalEngine(): Promise<void> {
  const engine = running;
  running = undefined;
  useWorkflowEngine(undefined);
  await engine?.stop();
}

export const runningLocalEngine = () => running;

/** "P30D", "PT36H", "P1DT12H", "P3M" (a month counts 30 days) → milliseconds. */
export function parseDuration(value: string): number | undefined {
  const match =
    /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
      value,
    );
  if (!match || value === "P" || value.endsWith("T")) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => Number(part ?? 0)) as [number, number, number, number, number, number, number];
  const totalDays = years * 365 + months * 30 + weeks * 7 + days;
  return ((totalDays * 24 + hours) * 60 + minutes) * 60_000 + seconds * 1000;
}
