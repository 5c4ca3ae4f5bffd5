import { type ObjectivesReached, objectivesReachedChoices } from "./links";
import { outcomeOf, type Pair, type PairPhase } from "./pair/model";
import { themeIds } from "./programme";

/**
 * The counts a cohort's figures are made of, maintained as the records change instead of read
 * from every record on each view. Pure: what one record contributes, and the difference a change
 * makes (what the store ADDs to the cohort's count items in the transaction of the change itself).
 * The figures are computed from the sum of the contributions, so counts maintained change by
 * change and counts recomputed from every record are the same thing by construction; the rebuild
 * job (`counts-store.ts`) and its test keep the first honest against the second.
 */
export type Counts = Record<string, number>;

/** The names of the counts, one place for the rules and the figures that read them. */
export const countName = {
  questionnaires: "questionnaires",
  pairs: "pairs",
  /** Pairs that went past a step of the funnel. */
  passed: (step: "preparation" | "sessions" | "follow-up") => `passed.${step}`,
  outcome: (outcome: "completed" | "stopped" | "cancelled") => `outcome.${outcome}`,
  ratings: (role: Role) => `ratings.${role}`,
  ratingsTotal: (role: Role) => `ratings.${role}.total`,
  objectives: (role: Role, answer: ObjectivesReached) => `objectives.${role}.${answer}`,
  /** Pairs with a before and an after comfort for a theme, and the sums of both. */
  comfortPairs: (theme: string) => `comfort.${theme}.pairs`,
  comfortBefore: (theme: string) => `comfort.${theme}.before`,
  comfortAfter: (theme: string) => `comfort.${theme}.after`,
  /** Minutes the mentors gave in pairs (meetings held): whole numbers, summed exactly. */
  mentorMinutes: "mentors.minutes",
} as const;

type Role = "mentor" | "mentee";

const phaseOrder: PairPhase[] = [
  "introduction",
  "preparation",
  "sessions",
  "pause",
  "follow-up",
  "closure",
  "closed",
];

const reached = (pair: Pair, phase: PairPhase) =>
  phaseOrder.indexOf(pair.phase) >= phaseOrder.indexOf(phase);

/**
 * A pair counts at a step once it went past it: the preparation is done when the pair reached the
 * sessions, the sessions are done when it reached the pause (or held all its planned sessions),
 * the follow-up is done when it reached closure. A cancelled pair keeps the phase it stopped in,
 * so it counts for the steps it actually passed.
 */
export function pairContribution(pair: Pair): Counts {
  const counts: Counts = { [countName.pairs]: 1 };
  const add = (name: string, value: number) => {
    if (value !== 0) counts[name] = (counts[name] ?? 0) + value;
  };
  if (reached(pair, "sessions")) add(countName.passed("preparation"), 1);
  if (
    reached(pair, "pause") ||
    (pair.sessionsPlanned > 0 && pair.sessionsDone >= pair.sessionsPlanned)
  ) {
    add(countName.passed("sessions"), 1);
  }
  if (reached(pair, "closure")) add(countName.passed("follow-up"), 1);
  const outcome = outcomeOf(pair);
  if (outcome) add(countName.outcome(outcome), 1);
  const ratings = { mentor: pair.feedbackScores ?? [], mentee: pair.menteeFeedbackScores ?? [] };
  for (const role of ["mentor", "mentee"] as const) {
    add(countName.ratings(role), ratings[role].length);
    add(
      countName.ratingsTotal(role),
      ratings[role].reduce((total, score) => total + score, 0),
    );
  }
  const objectives = {
    mentor: pair.mentorEvaluation?.objectivesReached,
    mentee: pair.selfEvaluation?.objectivesReached,
  };
  for (const role of ["mentor", "mentee"] as const) {
    const answer = objectives[role];
    if (answer && objectivesReachedChoices.includes(answer)) {
      add(countName.objectives(role, answer), 1);
    }
  }
  add(countName.mentorMinutes, Math.round((pair.mentorHours ?? 0) * 60));
  for (const theme of themeIds) {
    const before = pair.selfEvaluation?.before[theme];
    const after = pair.selfEvaluation?.after?.[theme];
    if (typeof before === "number" && typeof after === "number") {
      add(countName.comfortPairs(theme), 1);
      add(countName.comfortBefore(theme), before);
      add(countName.comfortAfter(theme), after);
    }
  }
  return counts;
}

/** What a questionnaire contributes: it was received. */
export const questionnaireContribution = (): Counts => ({ [countName.questionnaires]: 1 });

/** The sum of counts, without the zeros. */
export function sumCounts(all: Iterable<Counts>): Counts {
  const total: Counts = {};
  for (const counts of all) {
    for (const [name, value] of Object.entries(counts)) total[name] = (total[name] ?? 0) + value;
  }
  return withoutZeros(total);
}

/**
 * What a change of a record adds to the counts: what it contributes after, less what it
 * contributed before (nothing before: a creation). Empty when the change moves no count, as when
 * a redelivered step writes again what is already there.
 */
export function countDelta(before: Pair | undefined, after: Pair): Counts {
  const delta: Counts = { ...pairContribution(after) };
  if (before) {
    for (const [name, value] of Object.entries(pairContribution(before))) {
      delta[name] = (delta[name] ?? 0) - value;
    }
  }
  return withoutZeros(delta);
}

/** The counts of every record: what the maintained counts must equal. */
export function countAll(input: { questionnaires: number; pairs: readonly Pair[] }): Counts {
  return sumCounts([
    input.questionnaires ? { [countName.questionnaires]: input.questionnaires } : {},
    ...input.pairs.map(pairContribution),
  ]);
}

function withoutZeros(counts: Counts): Counts {
  return Object.fromEntries(Object.entries(counts).filter(([, value]) => value !== 0));
}

/** The pair fields the counts read: a write of any of them moves counts (see `pair/store.ts`). */
export const countedPairFields = [
  "phase",
  "status",
  "outcome",
  "sessionsDone",
  "sessionsPlanned",
  "feedbackScores",
  "menteeFeedbackScores",
  "selfEvaluation",
  "mentorEvaluation",
  "mentorHours",
] as const satisfies readonly (keyof Pair)[];
