/**
 * `scale.confirm`: a cohort of 2,000 mentees and 700 mentors is matched, then its proposal is
 * confirmed as the team does (the request, timed), and its 2,000 pairs start through the same
 * path as under `npm start` (the cohort job, then the pair starts, 16 at a time, each creating the
 * pair and its first execution on the local Step Functions service): `allStartedSeconds` runs
 * from the confirmation until the page counts every pair started; `cpuSeconds` is this process's
 * CPU time over the same span (the local service's engine runs in it, DynamoDB Local does not);
 * `childCpuSeconds` that of its child processes over the span (DynamoDB Local's Java; Linux only).
 * Alone: `npx tsx tests/bench/scale-confirm-run.ts [pairs]`.
 */
import { readFileSync } from "node:fs";
import { idle } from "#core/matching/background";
import { confirmProposal, getPairStarts } from "#core/matching/confirm";
import { propose } from "#core/matching/proposal";
import { seedCohort } from "./scale-seed";

export async function benchConfirm(pairs = 2_000) {
  const cohortId = `bench-confirm-${Date.now().toString(36)}`;
  // As the forms store them (claim and search terms included): a pair's start holds them all.
  await seedCohort(
    cohortId,
    { mentees: pairs, mentors: Math.ceil(pairs / 2.85) },
    { searchable: true, claimed: true },
  );
  const proposed = await propose(cohortId);
  if (!proposed.ok) throw new Error(proposed.message);
  const childCpuStart = childCpuSeconds();
  const cpuStart = process.cpuUsage();
  const requestStart = performance.now();
  const confirmed = await confirmProposal(cohortId, proposed.proposal.version);
  const requestMs = Math.round(performance.now() - requestStart);
  if (!confirmed.ok) throw new Error(confirmed.message);
  let starts = await getPairStarts(cohortId);
  while (!starts || starts.started + starts.failedCount < starts.total) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    starts = await getPairStarts(cohortId);
  }
  const allStartedSeconds = Number(((performance.now() - requestStart) / 1000).toFixed(2));
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = Number(((cpu.user + cpu.system) / 1e6).toFixed(2));
  const childCpu = childCpuSeconds();
  const childCpuSecondsSpent =
    childCpu !== undefined && childCpuStart !== undefined
      ? Number((childCpu - childCpuStart).toFixed(2))
      : undefined;
  await idle();
  return {
    pairs: confirmed.pairCount,
    requestMs,
    allStartedSeconds,
    cpuSeconds,
    childCpuSeconds: childCpuSecondsSpent,
    started: starts.started,
    failed: starts.failedCount,
  };
}

/** The CPU time of this process's children so far (user + system, from /proc), if it can be read. */
export function childCpuSeconds(): number | undefined {
  try {
    const self = `/proc/${process.pid}/task/${process.pid}/children`;
    const children = readFileSync(self, "utf8").split(" ").filter(Boolean);
    let ticks = 0;
    for (const child of children) {
      // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${child}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    // Clock ticks: 100 per second on Linux.
    return ticks / 100;
  } catch {
    return undefined;
  }
}
