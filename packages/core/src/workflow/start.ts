/**
 * Starting a pair's workflow: one Standard execution per pair, named after the pair id so that
 * starting the same pair twice never creates a second execution.
 *
 * Contract shared by the programme-team code (which confirms pairs) and the workflow code (which
 * owns the implementation behind it). Implemented by the workflow module.
 */
export type PairToStart = {
  pairId: string;
  cohortId: string;
  menteeId: string;
  mentorId: string;
};

export type StartResult = { pairId: string; executionName: string; started: boolean };

export type PairStarter = (pair: PairToStart) => Promise<StartResult>;

let starter: PairStarter | undefined;

/** The workflow module registers how executions start (Step Functions on AWS, the local engine here). */
export function registerPairStarter(implementation: PairStarter) {
  starter = implementation;
}

export async function startPair(pair: PairToStart): Promise<StartResult> {
  if (!starter) throw new Error("No pair starter registered");
  return starter(pair);
}
