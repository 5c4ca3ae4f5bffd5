import { type Counts, countAll, countName } from "./counts";
import { type ObjectivesReached, objectivesReachedChoices } from "./links";
import type { Pair } from "./pair/model";
import { type Localised, themes } from "./programme";

/**
 * The programme's figures (pure): the funnel from questionnaires to closed pairs, completion and
 * drop-out rates, satisfaction by role, objectives reached and the before/after self-evaluation
 * per theme. They are read from a cohort's counts (`counts.ts`), maintained as the records change;
 * `computeFigures` gives the same from the records themselves. Rates are null when there is
 * nothing to divide by, so a page says "—", not "0 %".
 */

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
  /** Hours the mentors gave in the pairs' meetings held. */
  mentorHours: number;
};

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

const average = (total: number, count: number) => (count === 0 ? null : total / count);

/** The figures of a cohort from its counts. */
export function figuresFromCounts(counts: Counts): Figures {
  const count = (name: string) => counts[name] ?? 0;
  const pairs = count(countName.pairs);
  const closed = count(countName.outcome("completed"));
  const stoppedAutomatically = count(countName.outcome("stopped"));
  const cancelledByTeam = count(countName.outcome("cancelled"));
  const stopped = stoppedAutomatically + cancelledByTeam;
  const funnel: FunnelStep[] = [
    {
      id: "questionnaires",
      label: { fr: "Questionnaires reçus", en: "Questionnaires received" },
      count: count(countName.questionnaires),
    },
    { id: "matched", label: { fr: "Cadres en binôme", en: "Managers paired" }, count: pairs },
    {
      id: "preparation",
      label: { fr: "Préparation faite", en: "Preparation done" },
      count: count(countName.passed("preparation")),
    },
    {
      id: "sessions",
      label: { fr: "Séances faites", en: "Sessions done" },
      count: count(countName.passed("sessions")),
    },
    {
      id: "follow-up",
      label: { fr: "Suivi fait", en: "Follow-up done" },
      count: count(countName.passed("follow-up")),
    },
    { id: "closed", label: { fr: "Binômes terminés", en: "Pairs closed" }, count: closed },
  ];
  const satisfactionOf = (role: "mentor" | "mentee"): Satisfaction => ({
    average: average(count(countName.ratingsTotal(role)), count(countName.ratings(role))),
    answers: count(countName.ratings(role)),
  });
  const objectivesOf = (role: "mentor" | "mentee"): ObjectivesCount => {
    const result = { answers: 0 } as ObjectivesCount;
    for (const choice of objectivesReachedChoices) {
      result[choice] = count(countName.objectives(role, choice));
      result.answers += result[choice];
    }
    return result;
  };
  const answers = count(countName.ratings("mentor")) + count(countName.ratings("mentee"));
  return {
    funnel,
    pairs,
    closed,
    stopped,
    stoppedAutomatically,
    cancelledByTeam,
    running: pairs - closed - stopped,
    completionRate: ratio(closed, pairs),
    dropOutRate: ratio(stopped, pairs),
    satisfaction: {
      average: average(
        count(countName.ratingsTotal("mentor")) + count(countName.ratingsTotal("mentee")),
        answers,
      ),
      answers,
    },
    satisfactionByRole: { mentor: satisfactionOf("mentor"), mentee: satisfactionOf("mentee") },
    objectivesReached: { mentor: objectivesOf("mentor"), mentee: objectivesOf("mentee") },
    // Per theme, the average comfort before and after, over the pairs that have both.
    selfEvaluation: themes.map((theme) => {
      const both = count(countName.comfortPairs(theme.id));
      return {
        theme: theme.id,
        label: theme.label,
        count: both,
        before: average(count(countName.comfortBefore(theme.id)), both),
        after: average(count(countName.comfortAfter(theme.id)), both),
      };
    }),
    mentorHours: count(countName.mentorMinutes) / 60,
  };
}

/** The figures from the records themselves (the counts' reference, and small cohorts' tests). */
export function computeFigures(input: { questionnaires: number; pairs: readonly Pair[] }): Figures {
  return figuresFromCounts(countAll(input));
}

/** "42 %" or "—", the French way (non-breaking space before the sign). */
export function formatPercent(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}\u00a0%`;
}

/** "20 000" / "20,000": a count with the language's thousands separator (French: U+202F). */
export function formatCount(value: number, lang: "fr" | "en" = "fr"): string {
  return new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR").format(value);
}

/** "3,7" or "—": one decimal, comma as the French decimal separator. */
export function formatDecimal(value: number | null): string {
  return value === null ? "—" : value.toFixed(1).replace(".", ",");
}
