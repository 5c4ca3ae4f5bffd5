/**
 * Where the matching's long work runs once the request that asked for it has been answered:
 * running the matching of a large cohort, starting the pairs of a confirmed proposal. By default
 * it runs in this process (the local runtime, the tests), and `idle()` waits for it; another
 * runner can be plugged in with `useBackgroundRunner`.
 */
import { logger } from "../observability";

export type BackgroundRunner = (name: string, work: () => Promise<void>) => void;

const pending = new Set<Promise<void>>();

const inProcess: BackgroundRunner = (name, work) => {
  const running = work()
    .catch((error) => logger.error("Background work failed", { name, error }))
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
