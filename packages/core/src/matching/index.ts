/**
 * Proposes the pairs of a cohort: the assignment of maximum total fit under the hard constraints,
 * with a French explanation for each pair and a French reason for each mentee left unmatched.
 * Pure: the programme team reviews the proposal before any pair is confirmed.
 */
import {
  type Blocker,
  createFitTable,
  type FitTable,
  type MatchingMentee,
  type MatchingMentor,
  type MatchingSettings,
  unmatchedReason,
} from "./fit";
import {
  type AssignmentProblem,
  type Candidate,
  type SolvedAssignment,
  solveAssignment,
} from "./solver";

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
export type { Assignment, AssignmentProblem, Candidate, OptimalityCertificate } from "./solver";
export { greedyAssignment, solveAssignment, verifyFeasible, verifyOptimal } from "./solver";

export type ProposedPair = {
  menteeId: string;
  mentorId: string;
  score: number;
  explanation: string;
};
export type UnmatchedMentee = { menteeId: string; reason: string };
export type MatchingProposal = {
  pairs: ProposedPair[];
  unmatched: UnmatchedMentee[];
  totalScore: number;
};

export type MatchingProblem = { problem: AssignmentProblem; fits: FitTable };

/** The cohort as an assignment problem: one candidate per allowed pair, indexed like the inputs. */
export function buildMatchingProblem(
  mentees: readonly MatchingMentee[],
  mentors: readonly MatchingMentor[],
  settings: MatchingSettings,
): MatchingProblem {
  const fits = createFitTable(mentees, mentors, settings);
  const candidates: Candidate[] = [];
  for (let mentee = 0; mentee < mentees.length; mentee++) {
    for (let mentor = 0; mentor < mentors.length; mentor++) {
      const score = fits.score(mentee, mentor);
      if (score > 0) candidates.push({ mentee, mentor, score });
    }
  }
  const mentorCapacities = mentors.map((mentor) => mentor.capacity);
  return { problem: { menteeCount: mentees.length, mentorCapacities, candidates }, fits };
}

/** Turns a solved problem into pairs and reasons, in the order of the inputs. */
export function describeAssignment(
  mentees: readonly MatchingMentee[],
  mentors: readonly MatchingMentor[],
  fits: FitTable,
  solution: Pick<SolvedAssignment, "mentorOf" | "totalScore">,
): MatchingProposal {
  const pairs: ProposedPair[] = [];
  const unmatched: UnmatchedMentee[] = [];
  mentees.forEach((mentee, i) => {
    const j = solution.mentorOf[i] ?? -1;
    const mentor = mentors[j];
    if (mentor) {
      const fit = fits.evaluate(i, j);
      if (!fit.allowed) throw new Error(`Pair (${mentee.id}, ${mentor.id}) is not allowed`);
      pairs.push({
        menteeId: mentee.id,
        mentorId: mentor.id,
        score: fit.score,
        explanation: fit.explanation,
      });
    } else {
      const blockers: (Blocker | undefined)[] = mentors.map((_, k) => fits.blocker(i, k));
      unmatched.push({ menteeId: mentee.id, reason: unmatchedReason(blockers) });
    }
  });
  return { pairs, unmatched, totalScore: solution.totalScore };
}

export function proposeMatching(
  mentees: readonly MatchingMentee[],
  mentors: readonly MatchingMentor[],
  settings: MatchingSettings,
): MatchingProposal {
  const { problem, fits } = buildMatchingProblem(mentees, mentors, settings);
  return describeAssignment(mentees, mentors, fits, solveAssignment(problem));
}
