import type { ObjectivesReached } from "./links";
import { outcomeOf, type Pair, type PairPhase } from "./pair/model";
import { type Localised, themes } from "./programme";

/**
 * The programme's figures, computed from records (pure): the funnel from questionnaires to closed
 * pairs, completion and drop-out rates, average satisfaction and the before/after self-evaluation
 * per theme. Rates are null when there is nothing to divide by, so a page says "—", not "0 %".
 */

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

export type FunnelStep = {
  id: "questionnaires" | "matched" | "preparation" | "sessions" | "follow-up" | "closed";
  label: Localised;
  count: number;
};

export type ThemeEvaluation = {
  theme: string;
  label: Localised;
  /** Pairs with both a before and an after value for this theme. */
  count: number;
  before: number | null;
  after: number | null;
};

export type Satisfaction = { average: number | null; answers: number };

/** How many said the agreed objectives were reached, partly, or not, per role. */
export type ObjectivesCount = Record<ObjectivesReached, number> & { answers: number };

export type Figures = {
  funnel: FunnelStep[];
  pairs: number;
  /** Completed: the meetings took place (with or without every self-evaluation). */
  closed: number;
  /** Ended early: stopped by the workflow (`stoppedAutomatically`) or cancelled by the team. */
  stopped: number;
  stoppedAutomatically: number;
  cancelledByTeam: number;
  running: number;
  /** Closed pairs / all pairs. */
  completionRate: number | null;
  /** Pairs stopped or cancelled / all pairs. */
  dropOutRate: number | null;
  /** Every rating after a meeting, both roles together. */
  satisfaction: Satisfaction;
  satisfactionByRole: { mentor: Satisfaction; mentee: Satisfaction };
  objectivesReached: { mentor: ObjectivesCount; mentee: ObjectivesCount };
  selfEvaluation: ThemeEvaluation[];
};

function countObjectives(values: readonly (ObjectivesReached | undefined)[]): ObjectivesCount {
  const count: ObjectivesCount = { reached: 0, partly: 0, "not-reached": 0, answers: 0 };
  for (const value of values) {
    if (!value) continue;
    count[value]++;
    count.answers++;
  }
  return count;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

const mean = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((total, value) => total + value, 0) / values.length;

/**
 * A pair counts at a step once it went past it: the preparation is done when the pair reached
 * the sessions, the sessions are done when it reached the pause (or held all its planned
 * sessions), the follow-up is done when it reached closure. A cancelled pair keeps the phase it
 * stopped in, so it counts for the steps it actually passed.
 */
export function computeFigures(input: { questionnaires: number; pairs: readonly Pair[] }): Figures {
  const { pairs } = input;
  const closed = pairs.filter((pair) => outcomeOf(pair) === "completed").length;
  const stoppedAutomatically = pairs.filter((pair) => outcomeOf(pair) === "stopped").length;
  const cancelledByTeam = pairs.filter((pair) => outcomeOf(pair) === "cancelled").length;
  const stopped = stoppedAutomatically + cancelledByTeam;
  const sessionsDone = (pair: Pair) =>
    reached(pair, "pause") ||
    (pair.sessionsPlanned > 0 && pair.sessionsDone >= pair.sessionsPlanned);
  const funnel: FunnelStep[] = [
    {
      id: "questionnaires",
      label: { fr: "Questionnaires reçus", en: "Questionnaires received" },
      count: input.questionnaires,
    },
    {
      id: "matched",
      label: { fr: "Cadres en binôme", en: "Managers paired" },
      count: pairs.length,
    },
    {
      id: "preparation",
      label: { fr: "Préparation faite", en: "Preparation done" },
      count: pairs.filter((pair) => reached(pair, "sessions")).length,
    },
    {
      id: "sessions",
      label: { fr: "Séances faites", en: "Sessions done" },
      count: pairs.filter(sessionsDone).length,
    },
    {
      id: "follow-up",
      label: { fr: "Suivi fait", en: "Follow-up done" },
      count: pairs.filter((pair) => reached(pair, "closure")).length,
    },
    { id: "closed", label: { fr: "Binômes terminés", en: "Pairs closed" }, count: closed },
  ];
  const mentorScores = pairs.flatMap((pair) => pair.feedbackScores ?? []);
  const menteeScores = pairs.flatMap((pair) => pair.menteeFeedbackScores ?? []);
  const scores = [...mentorScores, ...menteeScores];
  return {
    funnel,
    pairs: pairs.length,
    closed,
    stopped,
    stoppedAutomatically,
    cancelledByTeam,
    running: pairs.length - closed - stopped,
    completionRate: ratio(closed, pairs.length),
    dropOutRate: ratio(stopped, pairs.length),
    satisfaction: { average: mean(scores), answers: scores.length },
    satisfactionByRole: {
      mentor: { average: mean(mentorScores), answers: mentorScores.length },
      mentee: { average: mean(menteeScores), answers: menteeScores.length },
    },
    objectivesReached: {
      mentor: countObjectives(pairs.map((pair) => pair.mentorEvaluation?.objectivesReached)),
      mentee: countObjectives(pairs.map((pair) => pair.selfEvaluation?.objectivesReached)),
    },
    selfEvaluation: selfEvaluation(pairs),
  };
}

/** Per theme, the average comfort before and after, over the pairs that have both. */
export function selfEvaluation(pairs: readonly Pair[]): ThemeEvaluation[] {
  return themes.map((theme) => {
    const both = pairs.flatMap((pair) => {
      const before = pair.selfEvaluation?.before[theme.id];
      const after = pair.selfEvaluation?.after?.[theme.id];
      return typeof before === "number" && typeof after === "number" ? [{ before, after }] : [];
    });
    return {
      theme: theme.id,
      label: theme.label,
      count: both.length,
      before: mean(both.map((item) => item.before)),
      after: mean(both.map((item) => item.after)),
    };
  });
}

/** "42 %" or "—", the French way (non-breaking space before the sign). */
export function formatPercent(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}\u00a0%`;
}

/** "3,7" or "—": one decimal, comma as the French decimal separator. */
export function formatDecimal(value: number | null): string {
  return value === null ? "—" : value.toFixed(1).replace(".", ",");
}
