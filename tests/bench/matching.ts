/**
 * Matching benchmarks.
 *
 * `benchMatching`: the seeded 2,000 × 700 cohort timed end to end through `proposeMatching`, and
 * compared with best-score-first on the listed pairs.
 *
 * `benchMatchingScale`: cohorts of 2,000 × 700, 10,000 × 3,500 and 30,000 × 10,000, each matched in
 * a child process of its own (tests/bench/matching-run.ts) so that its peak memory (maxRSS) is its
 * own. `optimal` is proved on the very instance, not sampled: `verifyOptimal` recomputes the score
 * of every one of the mentees × mentors pairs from the fit rules and checks the solver's dual
 * solution against each, then that its objective equals the assignment's total — by weak duality
 * no assignment can score more. (The unit tests also compare with an exhaustive search.)
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  compileCohort,
  greedyAssignment,
  listCandidates,
  proposeMatching,
  solveAssignment,
} from "../../packages/core/src/matching";
import { generateCohort } from "./cohort";

export type MatchingBenchResult = {
  mentees: number;
  mentors: number;
  seconds: number;
  optimal: boolean;
  gainOverGreedy: number;
};

export type MatchingScaleResult = {
  mentees: number;
  mentors: number;
  /** Wall-clock seconds of `proposeMatching`, explanations and reasons included. */
  seconds: number;
  /** CPU seconds of the same (the machine is shared: wall time also counts waiting for a core). */
  cpuSeconds: number;
  /** Wall-clock seconds of the independent check over every pair. */
  verifySeconds: number;
  peakMiB: number;
  optimal: boolean;
  pricingRounds: number;
};

export async function benchMatching(): Promise<MatchingBenchResult> {
  const { mentees, mentors, settings } = generateCohort(2000, 700);

  proposeMatching(mentees.slice(0, 200), mentors.slice(0, 70), settings); // JIT warm-up
  const started = performance.now();
  const proposal = proposeMatching(mentees, mentors, settings);
  const seconds = (performance.now() - started) / 1000;

  const problem = listCandidates(compileCohort(mentees, mentors, settings));
  const solved = solveAssignment(problem);
  const optimal = solved.totalScore === proposal.totalScore;
  const greedy = greedyAssignment(problem);
  const gainOverGreedy = (solved.totalScore - greedy.totalScore) / greedy.totalScore;
  return { mentees: mentees.length, mentors: mentors.length, seconds, optimal, gainOverGreedy };
}

export const scaleSizes: readonly [mentees: number, mentors: number][] = [
  [2000, 700],
  [10000, 3500],
  [30000, 10000],
];

export function benchMatchingScale(options: { quick?: boolean } = {}): MatchingScaleResult[] {
  const sizes = options.quick ? scaleSizes.slice(0, 1) : scaleSizes;
  const runner = fileURLToPath(new URL("./matching-run.ts", import.meta.url));
  const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
  return sizes.map(([mentees, mentors]) => {
    const output = execFileSync(tsx, [runner, String(mentees), String(mentors)], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    return JSON.parse(output.trim().split("\n").pop() ?? "{}") as MatchingScaleResult;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quick = process.argv.includes("--quick");
  benchMatching().then((result) => {
    console.log(
      [
        `matching: ${result.mentees} mentees × ${result.mentors} mentors`,
        `  proposeMatching: ${result.seconds.toFixed(3)} s`,
        `  same total as the solver given every pair listed: ${result.optimal}`,
        `  gain over greedy: ${(100 * result.gainOverGreedy).toFixed(2)} %`,
      ].join("\n"),
    );
    for (const row of benchMatchingScale({ quick })) console.log(JSON.stringify(row));
  });
}
