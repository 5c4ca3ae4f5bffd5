import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { clock } from "../clock";
import { getCohortSettings } from "../cohort";
import { metrics } from "../observability";
import type { CohortSettings, Pair } from "../pair/model";
import { loadMentee } from "../pair/people";
import { holdForms } from "../pair/retention";
import { executionName, isRunning } from "../pair/rules";
import { appendHistory, createPair, getPair } from "../pair/store";
import { workflowEngine } from "./engine";

/**
 * Starting a pair's workflow: one Standard execution per pair, named after the pair id so that
 * starting the same pair twice never creates a second execution.
 *
 * Contract shared by the programme-team code (which confirms pairs) and the workflow code (which
 * owns the implementation behind it).
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

/** Tests may replace how executions start; by default the workflow engine port is used. */
export function registerPairStarter(implementation: PairStarter | undefined) {
  starter = implementation;
}

export async function startPair(pair: PairToStart): Promise<StartResult> {
  return (starter ?? startPairWorkflow)(pair);
}

/** Creates the pair record (once) and starts its first execution (once, by name). */
async function startPairWorkflow(input: PairToStart): Promise<StartResult> {
  const name = executionName(input.pairId, "start");
  const existing = await getPair(input.pairId);
  if (!existing) {
    const [settings, mentee] = await Promise.all([
      cohortSettings(input.cohortId),
      loadMentee(input.menteeId),
    ]);
    const now = clock.now().toISOString();
    const pair: Pair = {
      id: input.pairId,
      cohortId: input.cohortId,
      menteeId: input.menteeId,
      mentorId: input.mentorId,
      firstMentorId: input.mentorId,
      phase: "introduction",
      status: "active",
      needsAttention: false,
      settings,
      sessionsPlanned: settings.sessions,
      sessionsDone: 0,
      mentorHours: 0,
      executionName: name,
      selfEvaluation: { before: mentee.comfort },
      createdAt: now,
      updatedAt: now,
    };
    if (await createPair(pair)) {
      await appendHistory(input.pairId, "team", "pair.started", { cohortId: input.cohortId });
      metrics.addMetric("PairsStarted", MetricUnit.Count, 1);
    }
  }
  // People in a running pair keep their forms until the pair ends (its closure sets the expiry).
  // Done on every start, so a retry after a crash finishes it; never on a pair that has ended.
  if (!existing || isRunning(existing)) {
    await holdForms([
      { kind: "questionnaire", id: existing?.menteeId ?? input.menteeId },
      { kind: "mentor", id: existing?.mentorId ?? input.mentorId },
    ]);
  }
  const engine = await workflowEngine();
  const { started } = await engine.start(name, { pairId: input.pairId, chapter: "start" });
  return { pairId: input.pairId, executionName: name, started };
}

/** A cohort's own settings when the programme team set them, else the programme's defaults. */
const cohortSettings = (cohortId: string): Promise<CohortSettings> => getCohortSettings(cohortId);
