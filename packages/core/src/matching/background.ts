/**
 * Where the matching's long work runs once the request that asked for it has been answered:
 * running the matching of a large cohort, starting the pairs of a confirmed proposal. By default
 * it runs in this process (the local runtime, the tests), and `idle()` waits for it; another
 * runner can be plugged in with `useBackgroundRunner`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { errorForLog, logger } from "../observability";

export type BackgroundRunner = (name: string, work: () => Promise<void>) => void;

const pending = new Set<Promise<void>>();
const background = new AsyncLocalStorage<true>();

/**
 * Whether this code runs as background work of this process: nobody waits for its answer, so
 * the local Step Functions service does not hold its calls until the executions move on.
 */
export const isInBackground = () => background.getStore() === true;

const inProcess: BackgroundRunner = (name, work) => {
  const running = background
    .run(true, work)
    .catch((error) => logger.error("Background work failed", { name, error: errorForLog(error) }))
    .finally(() => pending.delete(running));
  pending.add(running);
};

let runner: BackgroundRunner = inProcess;

export function useBackgroundRunner(next: BackgroundRunner | undefined): void {
  runner = next ?? inProcess;
}

export function runInBackground(name: string, work: () => Promise<void>): void {
  runner(name, work);
}

/** Resolves once the work started in this process has ended (tests, the bench, shutdown). */
export async function idle(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}
