/**
 * One matching of the scale benchmark, alone in its process so that its peak memory is its own:
 * `tsx tests/bench/matching-run.ts <mentees> <mentors>` prints one JSON line (see matching.ts).
 */
import {
  cohortProblem,
  compileCohort,
  proposeMatching,
  verifyOptimal,
} from "../../packages/core/src/matching";
import { generateCohort } from "./cohort";

const [menteeCount, mentorCount] = process.argv.slice(2).map(Number);
const { mentees, mentors, settings } = generateCohort(menteeCount ?? 2000, mentorCount ?? 700);

proposeMatching(mentees.slice(0, 200), mentors.slice(0, 70), settings); // JIT warm-up
let pricingRounds = 0;
const cpuStart = process.cpuUsage();
const started = performance.now();
const proposal = proposeMatching(mentees, mentors, settings, {
  onScan: ({ round }) => {
    pricingRounds = round;
  },
});
const seconds = (performance.now() - started) / 1000;
const cpuSeconds = process.cpuUsage(cpuStart).user / 1e6;

// The check trusts nothing from the solver but its numbers: a fresh compilation of the fit rules.
const verifyStart = performance.now();
const everyPair = cohortProblem(compileCohort(mentees, mentors, settings));
const verdict = verifyOptimal(everyPair, proposal, proposal.certificate);
const verifySeconds = (performance.now() - verifyStart) / 1000;

console.log(
  JSON.stringify({
    mentees: mentees.length,
    mentors: mentors.length,
    seconds,
    cpuSeconds,
    verifySeconds,
    peakMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    optimal: verdict.ok && proposal.pairs.length + proposal.unmatched.length === mentees.length,
    pricingRounds,
  }),
);
