/**
 * Fit rules between a mentee and a mentor: which pairs are allowed (hard constraints), how well an
 * allowed pair fits (an integer score that a person can recompute from its explanation), and why a
 * mentee could not be matched. Pure: no I/O, no clock.
 */
import { themes as themeCatalogue } from "../programme";
import { frenchSpacing } from "../words";

export type MeetingFormat = "site" | "video" | "phone";
export type Level = 1 | 2 | 3 | 4;

export type MatchingMentee = {
  id: string;
  /** Up to 3 themes, most wanted first. */
  priorityThemes: string[];
  /** How at ease the mentee feels with each theme: 1 = not at ease at all, 4 = very much. */
  comfort: Record<string, Level>;
  formats: MeetingFormat[];
  /** Usual availability slots, e.g. "lundi-matin". */
  availability: string[];
  site?: string;
  directorate: string;
  /** Ids or emails of the mentee's line of management, self included, going upward. */
  managementLine: string[];
  email: string;
};

export type MatchingMentor = {
  id: string;
  capacity: 1 | 2 | 3;
  themes: { theme: string; level: Level }[];
  formats: MeetingFormat[];
  availability: string[];
  site?: string;
  directorate: string;
  managementLine: string[];
  email: string;
};

export type MatchingSettings = {
  allowSameManagementLine: boolean;
  excludedPairs: [menteeId: string, mentorId: string][];
};

/** Why a pair cannot be formed, in the order the checks are explained to the programme team. */
export type Blocker =
  | "noPriorityTheme"
  | "noCommonFormat"
  | "noPriorityThemeCovered"
  | "sameManagementLine"
  | "excluded";

export const fitWeights = {
  /**
   * Earned by every allowed pair, so that matching one more mentee usually outweighs polishing
   * the fit of others (the solver maximises the total).
   */
  pair: 20,
  /**
   * A covered priority theme earns (mentor level + 4 − mentee comfort) × the weight of its rank:
   * the first priority weighs most, and a mentee less at ease gains more from the same mentor.
   */
  priorityRank: [3, 2, 1],
  /** Comfort assumed when the questionnaire has none for a priority theme ("peu à l'aise"). */
  comfortWhenUnknown: 2 as Level,
  perCommonFormat: 2,
  perCommonSlot: 2,
  maxCountedSlots: 3,
  sameSite: 4,
} as const;

export type CoveredTheme = { theme: string; rank: number; level: Level; comfort: Level };

export type FitDetails = {
  covered: CoveredTheme[];
  priorityCount: number;
  commonFormats: MeetingFormat[];
  /** Null when one side gave no availability. */
  commonSlots: number | null;
  sameSite: boolean;
};

export type Fit =
  | { allowed: true; score: number; explanation: string; details: FitDetails }
  | { allowed: false; blocker: Blocker };

const formatBit: Record<MeetingFormat, number> = { site: 1, video: 2, phone: 4 };
const formatOrder: MeetingFormat[] = ["site", "video", "phone"];
const formatWords: Record<MeetingFormat, string> = {
  site: "sur site",
  video: "visio",
  phone: "téléphone",
};

function normalise(value: string): string {
  return value.trim().toLowerCase();
}

function formatMask(formats: readonly MeetingFormat[]): number {
  let mask = 0;
  for (const format of formats) mask |= formatBit[format] ?? 0;
  return mask;
}

function sameSite(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && normalise(a) !== "" && normalise(a) === normalise(b);
}

function priorities(mentee: MatchingMentee): string[] {
  return [...new Set(mentee.priorityThemes)].slice(0, fitWeights.priorityRank.length);
}

function themePoints(rank: number, level: Level, comfort: Level): number {
  return (fitWeights.priorityRank[rank] ?? 0) * (level + 4 - comfort);
}

function identities(person: { id: string; email: string }): string[] {
  return [normalise(person.id), normalise(person.email)].filter((value) => value !== "");
}

/** The mentor is in the mentee's line of management, or the other way round, or is the mentee. */
export function inSameManagementLine(mentee: MatchingMentee, mentor: MatchingMentor): boolean {
  const menteeIds = identities(mentee);
  const mentorIds = identities(mentor);
  if (menteeIds.some((value) => mentorIds.includes(value))) return true;
  const menteeLine = new Set(mentee.managementLine.map(normalise));
  const mentorLine = new Set(mentor.managementLine.map(normalise));
  return (
    mentorIds.some((value) => menteeLine.has(value)) ||
    menteeIds.some((value) => mentorLine.has(value))
  );
}

function themeLabel(themeId: string, lang: "fr" | "en"): string {
  const label = themeCatalogue.find((theme) => theme.id === themeId)?.label[lang] ?? themeId;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** The words of an explanation, per language: the sentence is built once, from the details. */
const explanationWords = {
  fr: {
    coverage: (covered: number, of: number) =>
      of === 1
        ? "Couvre le thème prioritaire du cadre"
        : covered === of
          ? `Couvre les ${of} thèmes prioritaires du cadre`
          : `Couvre ${covered} des ${of} thèmes prioritaires du cadre`,
    level: "niveau",
    formats: (count: number) => (count === 1 ? "format commun :" : "formats communs :"),
    format: formatWords,
    slots: (count: number) =>
      count === 0 ? "aucun créneau commun" : plural(count, "créneau commun", "créneaux communs"),
    sameSite: "même site",
    between: " ; ",
  },
  en: {
    coverage: (covered: number, of: number) =>
      of === 1
        ? "Covers the manager's priority theme"
        : covered === of
          ? `Covers the manager's ${of} priority themes`
          : `Covers ${covered} of the manager's ${of} priority themes`,
    level: "level",
    formats: (count: number) => (count === 1 ? "common format:" : "common formats:"),
    format: { site: "on site", video: "video", phone: "phone" } as Record<MeetingFormat, string>,
    slots: (count: number) =>
      count === 0 ? "no common slot" : plural(count, "common slot", "common slots"),
    sameSite: "same site",
    between: "; ",
  },
};

/**
 * A sentence for the programme team, of the manager in the third person, listing what the score
 * rewards: in French by default (as a proposal's `explanation` is stored; `frenchSpacing` adds
 * the no-break spaces on a page), or in English.
 */
export function explainFit(details: FitDetails, lang: "fr" | "en" = "fr"): string {
  const words = explanationWords[lang];
  const themeList = details.covered
    .map((item) => `${themeLabel(item.theme, lang)} ${words.level} ${item.level}`)
    .join(", ");
  const formatList = details.commonFormats.map((format) => words.format[format]).join(", ");
  const parts = [
    `${words.coverage(details.covered.length, details.priorityCount)} (${themeList})`,
    `${words.formats(details.commonFormats.length)} ${formatList}`,
  ];
  if (details.commonSlots !== null) parts.push(words.slots(details.commonSlots));
  if (details.sameSite) parts.push(words.sameSite);
  return parts.join(words.between);
}

/**
 * A proposed pair's explanation in the page's language, from its fit details. A pair proposed
 * before the details were stored with it (before 2026-12-04) has only its French sentence, whose
 * details `storedDetails` reads back.
 */
export function explainPair(
  lang: "fr" | "en",
  pair: { explanation: string; details?: FitDetails },
): string {
  if (lang === "fr" && !pair.details) return frenchSpacing(pair.explanation);
  const details = pair.details ?? storedDetails(pair.explanation);
  if (!details) return frenchSpacing(pair.explanation);
  const text = explainFit(details, lang);
  return lang === "fr" ? frenchSpacing(text) : text;
}

/**
 * The details of a French explanation as `explainFit` wrote it before 2026-12-04 (« Couvre vos
 * 2 thèmes prioritaires (…) ; format commun : visio »), as far as the sentence tells them (not
 * the ranks and comforts behind the score); undefined for a sentence it does not read whole.
 */
function storedDetails(explanation: string): FitDetails | undefined {
  const [head = "", ...rest] = explanation.split(" ; ");
  const coverage = head.match(
    /^Couvre (?:(votre thème prioritaire)|vos (\d+) thèmes prioritaires|(\d+) de vos (\d+) thèmes prioritaires) \((.*)\)$/s,
  );
  if (!coverage) return undefined;
  const [, one, all, some, of, list = ""] = coverage;
  const covered: CoveredTheme[] = [];
  for (const item of list.split(", ")) {
    const [label, level] = item.split(" niveau ");
    const theme = themeCatalogue.find((entry) => themeLabel(entry.id, "fr") === label);
    if (!theme || !/^[1-4]$/.test(level ?? "")) return undefined;
    covered.push({
      theme: theme.id,
      rank: covered.length,
      level: Number(level) as Level,
      comfort: 1,
    });
  }
  const details: FitDetails = {
    covered,
    priorityCount: one ? 1 : Number(all ?? of),
    commonFormats: [],
    commonSlots: null,
    sameSite: false,
  };
  if (some !== undefined && Number(some) !== covered.length) return undefined;
  for (const part of rest) {
    const formats = part.match(/^formats? communs? : (.*)$/);
    const slots = part.match(/^(\d+) créneaux? communs?$/);
    if (formats) {
      for (const word of (formats[1] ?? "").split(", ")) {
        const format = formatOrder.find((item) => formatWords[item] === word);
        if (!format) return undefined;
        details.commonFormats.push(format);
      }
    } else if (part === "aucun créneau commun") details.commonSlots = 0;
    else if (slots) details.commonSlots = Number(slots[1]);
    else if (part === "même site") details.sameSite = true;
    else return undefined;
  }
  // Every allowed pair has a format in common: a sentence without one is not one explainFit wrote.
  return details.commonFormats.length > 0 ? details : undefined;
}

/** The score of the details, as documented by `fitWeights`. */
export function scoreFit(details: FitDetails): number {
  let score = fitWeights.pair;
  for (const item of details.covered) score += themePoints(item.rank, item.level, item.comfort);
  score += fitWeights.perCommonFormat * details.commonFormats.length;
  score +=
    fitWeights.perCommonSlot * Math.min(details.commonSlots ?? 0, fitWeights.maxCountedSlots);
  if (details.sameSite) score += fitWeights.sameSite;
  return score;
}

function isExcluded(mentee: MatchingMentee, mentor: MatchingMentor, settings: MatchingSettings) {
  return settings.excludedPairs.some(
    ([menteeId, mentorId]) => menteeId === mentee.id && mentorId === mentor.id,
  );
}

/** Evaluates one pair. For a whole cohort, `compileCohort` (cohort.ts) does the same work much faster. */
export function evaluateFit(
  mentee: MatchingMentee,
  mentor: MatchingMentor,
  settings: MatchingSettings,
): Fit {
  const wanted = priorities(mentee);
  if (wanted.length === 0) return { allowed: false, blocker: "noPriorityTheme" };
  const commonMask = formatMask(mentee.formats) & formatMask(mentor.formats);
  if (commonMask === 0) return { allowed: false, blocker: "noCommonFormat" };
  const covered: CoveredTheme[] = [];
  wanted.forEach((theme, rank) => {
    const offers = mentor.themes.filter((item) => item.theme === theme);
    if (offers.length > 0) {
      const level = Math.max(...offers.map((item) => item.level)) as Level;
      const comfort = mentee.comfort[theme] ?? fitWeights.comfortWhenUnknown;
      covered.push({ theme, rank, level, comfort });
    }
  });
  if (covered.length === 0) return { allowed: false, blocker: "noPriorityThemeCovered" };
  if (!settings.allowSameManagementLine && inSameManagementLine(mentee, mentor)) {
    return { allowed: false, blocker: "sameManagementLine" };
  }
  if (isExcluded(mentee, mentor, settings)) return { allowed: false, blocker: "excluded" };
  const hasSlots = mentee.availability.length > 0 && mentor.availability.length > 0;
  const mentorSlots = new Set(mentor.availability);
  const details: FitDetails = {
    covered,
    priorityCount: wanted.length,
    commonFormats: formatOrder.filter((format) => (commonMask & formatBit[format]) !== 0),
    commonSlots: hasSlots
      ? new Set(mentee.availability.filter((slot) => mentorSlots.has(slot))).size
      : null,
    sameSite: sameSite(mentee.site, mentor.site),
  };
  return { allowed: true, score: scoreFit(details), explanation: explainFit(details), details };
}

const unmatchedReasons: Record<Blocker | "noMentor" | "full", string> = {
  noMentor: "Aucun mentor n'est disponible dans cette vague",
  noPriorityTheme: "Aucun thème prioritaire n'a été indiqué dans le questionnaire",
  noCommonFormat: "Aucun mentor ne propose de format compatible",
  noPriorityThemeCovered: "Aucun mentor disponible ne couvre ses thèmes prioritaires",
  sameManagementLine:
    "Les seuls mentors qui couvrent ses thèmes prioritaires sont dans sa ligne hiérarchique",
  excluded:
    "Les mentors qui couvrent ses thèmes prioritaires ont été écartés par l'équipe d'animation",
  full: "Tous les mentors compatibles sont déjà complets",
};

/** The order in which the checks are peeled off to explain why a mentee got nobody. */
export const blockerOrder: readonly Blocker[] = [
  "noPriorityTheme",
  "noCommonFormat",
  "noPriorityThemeCovered",
  "sameManagementLine",
  "excluded",
];

/** Over every mentor of the cohort: how many are allowed, and how many each check forbids. */
export type BlockerCounts = Record<Blocker, number> & { allowed: number; total: number };

/**
 * Why an unmatched mentee got no mentor, given how many mentors each check forbids. The checks are
 * peeled off in order — format, themes, line, exclusion — and the first one that leaves nobody is
 * the reason; if some mentors were allowed, they are all full.
 */
export function unmatchedReason(counts: BlockerCounts): string {
  if (counts.total === 0) return unmatchedReasons.noMentor;
  if (counts.allowed > 0) {
    return counts.allowed === 1
      ? "Le seul mentor compatible est déjà complet"
      : unmatchedReasons.full;
  }
  let remaining = counts.total;
  for (const blocker of blockerOrder) {
    remaining -= counts[blocker];
    if (remaining === 0) return unmatchedReasons[blocker];
  }
  return unmatchedReasons.full;
}
