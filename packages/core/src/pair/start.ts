import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { clock } from "../clock";
import { getCohortSettings } from "../cohort";
import { metrics } from "../observability";
import { workflowEngine } from "../workflow/engine";
import type { Pair } from "./model";
import { loadMentee } from "./people";
import { holdForms } from "./retention";
import { executionName, isRunning } from "./rules";
import { appendHistory, createPair, getPair } from "./store";

/**
 * Starting a pair: its record is created once, and its first execution is named after the pair
 * id, so that starting the same pair twice never creates a second pair or a second execution.
 * The programme team's confirmation of a matching calls this.
 */
export type PairToStart = {
  pairId: string;
  cohortId: string;
  menteeId: string;
  mentorId: string;
  /** The stopped or cancelled pair this one follows, when the team pairs its manager again. */
  follows?: string;
};

export type StartResult = { pairId: string; executionName: string; started: boolean };

/** Creates the pair record (once) and starts its first execution (once, by name). */
export async function startPair(input: PairToStart): Promise<StartResult> {
  const name = executionName(input.pairId, "preparation");
  const existing = await getPair(input.pairId);
  if (!existing) {
    const [settings, mentee] = await Promise.all([
      getCohortSettings(input.cohortId),
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
      ...(input.follows ? { follows: input.follows } : {}),
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
  const { started } = await engine.start(name, { pairId: input.pairId, chapter: "preparation" });
  return { pairId: input.pairId, executionName: name, started };
}
