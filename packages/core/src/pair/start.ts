import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { getMany } from "../clients/dynamodb";
import { clock } from "../clock";
import { cohortSettingsOf } from "../cohort";
import { keys } from "../keys";
import type { MentorRecord } from "../mentor";
import { metrics } from "../observability";
import type { StoredQuestionnaire } from "../questionnaire";
import { workflowEngine } from "../workflow/engine";
import type { Pair } from "./model";
import { holdForms, keysToHold } from "./retention";
import { executionName, isRunning } from "./rules";
import { createPair, getPair, historyLine } from "./store";

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
  let created = false;
  if (!existing) {
    const { settings, questionnaire, mentor } = await readForStart(input);
    if (!questionnaire) throw new Error(`Unknown questionnaire ${input.menteeId}`);
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
      selfEvaluation: { before: questionnaire.answers.comfort },
      createdAt: now,
      updatedAt: now,
      ...(input.follows ? { follows: input.follows } : {}),
    };
    // Its first history line and its people's forms kept while it runs (the closure sets their
    // expiry) go in the same write: the pair never exists without them.
    created = await createPair(pair, {
      alongside: [
        { Put: historyLine(input.pairId, "team", "pair.started", { cohortId: input.cohortId }) },
      ],
      mentor: mentor ?? null,
      hold: keysToHold([
        { kind: "questionnaire", form: questionnaire },
        { kind: "mentor", form: mentor },
      ]),
    });
    if (created) metrics.addMetric("PairsStarted", MetricUnit.Count, 1);
  } else if (isRunning(existing)) {
    // A pair started before its forms were held with it: held now (never once it has ended).
    await holdForms([
      { kind: "questionnaire", id: existing.menteeId },
      { kind: "mentor", id: existing.mentorId },
    ]);
  }
  const engine = await workflowEngine();
  // A pair created just now has no execution yet: its start need not ask first.
  const { started } = await engine.start(
    name,
    { pairId: input.pairId, chapter: "preparation" },
    { fresh: created },
  );
  return { pairId: input.pairId, executionName: name, started };
}

/**
 * The cohort's settings and both forms, in one read: read consistently, since what the start
 * holds depends on it.
 */
async function readForStart({ cohortId, menteeId, mentorId }: PairToStart) {
  const wanted = [keys.cohort(cohortId), keys.questionnaire(menteeId), keys.mentor(mentorId)];
  const items = await getMany<Record<string, unknown>>(wanted, undefined, { consistent: true });
  const [cohort, questionnaire, mentor] = wanted.map((key) =>
    items.find((item) => item.pk === key.pk && item.sk === key.sk),
  );
  return {
    settings: cohortSettingsOf(cohort),
    questionnaire: questionnaire as StoredQuestionnaire | undefined,
    mentor: mentor as MentorRecord | undefined,
  };
}
