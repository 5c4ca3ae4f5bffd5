/**
 * Proposes the pairs of a cohort: the assignment of maximum total fit over every allowed pair,
 * with a French explanation for each pair and a French reason for each mentee left unmatched, and
 * the proof that no assignment does better. Pure: the programme team reviews the proposal before
 * any pair is confirmed.
 */
import { type CompiledCohort, compileCohort } from "./cohort";
import type { FitDetails, MatchingMentee, MatchingMentor, MatchingSettings } from "./fit";
import { type PricingOptions, solveByPricing } from "./pricing";
import type { AssignmentProblem, Candidate, OptimalityCertificate, RowProblem } from "./solver";

export type { Verdict } from "./certificate";
export { rowsOf, verifyFeasible, verifyOptimal } from "./certificate";
export type { CompiledCohort } from "./cohort";
export { compileCohort } from "./cohort";
export type {
  Blocker,
  Fit,
  FitDetails,
  Level,
  MatchingMentee,
  MatchingMentor,
  MatchingSettings,
  MeetingFormat,
} from "./fit";
export { evaluateFit, fitWeights, inSameManagementLine } from "./fit";
export type { PricedAssignment, PricingOptions } from "./pricing";
export { solveByPricing } from "./pricing";
export type {
  Assignment,
  AssignmentProblem,
  Candidate,
  IncrementalAssignment,
  OptimalityCertificate,
  RowProblem,
} from "./solver";
export { candidateRows, greedyAssignment, solveAssignment, startSolving } from "./solver";

export type ProposedPair = {
  menteeId: string;
  mentorId: string;
  score: number;
  /** In French, as `explainFit` writes it: what the JSON API gives. */
  explanation: string;
  /** What the score rewards, for a page to explain in its language (`explainPair`). */
  details?: FitDetails;
};
export type UnmatchedMentee = { menteeId: string; reason: string };
export type MatchingProposal = {
  pairs: ProposedPair[];
  unmatched: UnmatchedMentee[];
  totalScore: number;
};

/**
 * The cohort as a problem over every pair, scored row by row from the compiled fit rules: what
 * the independent check reads. The solver is given the compiled cohort itself, which also reads
 * rows pruned by prices and samples itself (`pricedRows`, `sample`).
 */
export function cohortProblem(cohort: CompiledCohort): RowProblem {
  return {
    menteeCount: cohort.menteeCount,
    mentorCapacities: cohort.mentorCapacities,
    scoreRow: cohort.scoreRow,
  };
}

/** Every allowed pair listed: only for small cohorts (tests, the greedy comparison). */
export function listCandidates(cohort: CompiledCohort): AssignmentProblem {
  const candidates: Candidate[] = [];
  const row = new Float64Array(cohort.mentorCount);
  for (let mentee = 0; mentee < cohort.menteeCount; mentee++) {
    cohort.scoreRow(mentee, row);
    row.forEach((score, mentor) => {
      if (score > 0) candidates.push({ mentee, mentor, score });
    });
  }
  return {
    menteeCount: cohort.menteeCount,
    mentorCapacities: cohort.mentorCapacities,
    candidates,
  };
}

/** Turns a solved problem into pairs and reasons, in the order of the inputs. */
export function describeAssignment(
  mentees: readonly MatchingMentee[],
  mentors: readonly MatchingMentor[],
  cohort: CompiledCohort,
  solution: { mentorOf: Int32Array; totalScore: number },
): MatchingProposal {
  const pairs: ProposedPair[] = [];
  const unmatched: UnmatchedMentee[] = [];
  mentees.forEach((mentee, i) => {
    const j = solution.mentorOf[i] ?? -1;
    const mentor = mentors[j];
    if (mentor) {
      const fit = cohort.evaluate(i, j);
      if (!fit.allowed) throw new Error(`Pair (${mentee.id}, ${mentor.id}) is not allowed`);
      pairs.push({
        menteeId: mentee.id,
        mentorId: mentor.id,
        score: fit.score,
        explanation: fit.explanation,
        details: fit.details,
      });
    } else {
      unmatched.push({ menteeId: mentee.id, reason: cohort.unmatchedReason(i) });
    }
  });
  return { pairs, unmatched, totalScore: solution.totalScore };
}

export type ProvedProposal = MatchingProposal & {
  /** The dual solution that proves the total is the best over every allowed pair. */
  certificate: OptimalityCertificate;
  mentorOf: Int32Array;
  scoreOf: Float64Array;
};

export function proposeMatching(
  mentees: readonly MatchingMentee[],
  mentors: readonly MatchingMentor[],
  settings: MatchingSettings,
  options: PricingOptions = {},
): ProvedProposal {
  const cohort = compileCohort(mentees, mentors, settings);
  const solved = solveByPricing(cohort, options);
  return {
    ...describeAssignment(mentees, mentors, cohort, solved),
    certificate: solved.certificate,
    mentorOf: solved.mentorOf,
    scoreOf: solved.scoreOf,
  };
}
