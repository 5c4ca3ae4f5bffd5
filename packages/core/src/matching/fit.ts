/**
 * Fit rules between a mentee and a mentor: which pairs are allowed (hard constraints), how well an
 * allowed pair fits (an integer score that a person can recompute from its explanation), and why a
 * mentee could not be matched. Pure: no I/O, no clock.
 */
import { themes as themeCatalogue } from "../programme";

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

function themeLabel(themeId: string): string {
  const label = themeCatalogue.find((theme) => theme.id === themeId)?.label.fr ?? themeId;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function plural(count: number, singular: string, pluralForm: string): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** A French sentence the programme team can read out, listing what the score rewards. */
export function explainFit(details: FitDetails): string {
  const { covered, priorityCount } = details;
  const themeList = covered.map((item) => `${themeLabel(item.theme)} niveau ${item.level}`);
  const coverage =
    priorityCount === 1
      ? "Couvre votre thème prioritaire"
      : covered.length === priorityCount
        ? `Couvre vos ${priorityCount} thèmes prioritaires`
        : `Couvre ${covered.length} de vos ${priorityCount} thèmes prioritaires`;
  const parts = [`${coverage} (${themeList.join(", ")})`];
  const formatList = details.commonFormats.map((format) => formatWords[format]).join(", ");
  parts.push(
    details.commonFormats.length === 1
      ? `format commun : ${formatList}`
      : `formats communs : ${formatList}`,
  );
  if (details.commonSlots !== null) {
    parts.push(
      details.commonSlots === 0
        ? "aucun créneau commun"
        : plural(details.commonSlots, "créneau commun", "créneaux communs"),
    );
  }
  if (details.sameSite) parts.push("même site");
  return parts.join(" ; ");
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

/** Evaluates one pair. For a whole cohort, `createFitTable` does the same work much faster. */
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

/**
 * Fit of every (mentee, mentor) pair of a cohort, by index. The cohort is prepared once (theme
 * levels, format and slot bit sets, the few pairs blocked by management line or exclusion) so that
 * scoring millions of pairs stays cheap; `evaluate` gives the same result as `evaluateFit`.
 */
export type FitTable = {
  /** The pair's score, or 0 when the pair is not allowed. */
  score(mentee: number, mentor: number): number;
  /** What forbids the pair, or undefined when it is allowed. */
  blocker(mentee: number, mentor: number): Blocker | undefined;
  evaluate(mentee: number, mentor: number): Fit;
};

type PreparedMentee = {
  themes: Int32Array;
  /** Per priority rank: its weight, and the weight × (4 − comfort) earned whatever the level. */
  rankWeight: Int32Array;
  needPoints: Int32Array;
  formats: number;
  slots: Uint32Array;
  hasSlots: boolean;
  site: string;
};

type PreparedMentor = {
  levels: Uint8Array;
  formats: number;
  slots: Uint32Array;
  hasSlots: boolean;
  site: string;
};

/** Numbers strings in order of first appearance. */
function indexer(): { indexOf: (key: string) => number; count: () => number } {
  const indices = new Map<string, number>();
  return {
    indexOf(key) {
      let index = indices.get(key);
      if (index === undefined) {
        index = indices.size;
        indices.set(key, index);
      }
      return index;
    },
    count: () => indices.size,
  };
}

function bitSet(indices: readonly number[], words: number): Uint32Array {
  const set = new Uint32Array(words);
  for (const index of indices) set[index >>> 5] = (set[index >>> 5] ?? 0) | (1 << (index & 31));
  return set;
}

function countCommonBits(a: Uint32Array, b: Uint32Array): number {
  let count = 0;
  for (let w = 0; w < a.length; w++) {
    let bits = (a[w] ?? 0) & (b[w] ?? 0);
    while (bits !== 0) {
      bits &= bits - 1;
      count++;
    }
  }
  return count;
}

export function createFitTable(
  mentees: readonly MatchingMentee[],
  mentors: readonly MatchingMentor[],
  settings: MatchingSettings,
): FitTable {
  const themeIndex = indexer();
  const slotIndex = indexer();
  const menteeThemes = mentees.map((mentee) => priorities(mentee).map(themeIndex.indexOf));
  const mentorThemes = mentors.map((mentor) =>
    mentor.themes.map((item) => themeIndex.indexOf(item.theme)),
  );
  const menteeSlots = mentees.map((mentee) => mentee.availability.map(slotIndex.indexOf));
  const mentorSlots = mentors.map((mentor) => mentor.availability.map(slotIndex.indexOf));
  const themeCount = themeIndex.count();
  const words = Math.max(1, Math.ceil(slotIndex.count() / 32));

  const preparedMentees: PreparedMentee[] = mentees.map((mentee, i) => {
    const wanted = priorities(mentee);
    return {
      themes: Int32Array.from(menteeThemes[i] ?? []),
      rankWeight: Int32Array.from(wanted, (_, rank) => fitWeights.priorityRank[rank] ?? 0),
      needPoints: Int32Array.from(
        wanted,
        (theme, rank) =>
          (fitWeights.priorityRank[rank] ?? 0) *
          (4 - (mentee.comfort[theme] ?? fitWeights.comfortWhenUnknown)),
      ),
      formats: formatMask(mentee.formats),
      slots: bitSet(menteeSlots[i] ?? [], words),
      hasSlots: mentee.availability.length > 0,
      site: normalise(mentee.site ?? ""),
    };
  });
  const preparedMentors: PreparedMentor[] = mentors.map((mentor, j) => {
    const levels = new Uint8Array(themeCount);
    mentor.themes.forEach((item, k) => {
      const index = mentorThemes[j]?.[k] ?? 0;
      levels[index] = Math.max(levels[index] ?? 0, item.level);
    });
    return {
      levels,
      formats: formatMask(mentor.formats),
      slots: bitSet(mentorSlots[j] ?? [], words),
      hasSlots: mentor.availability.length > 0,
      site: normalise(mentor.site ?? ""),
    };
  });

  // Blocked pairs are few: find them from the identities instead of testing every pair.
  const sameLine = new Set<number>();
  const excluded = new Set<number>();
  const key = (i: number, j: number) => i * mentors.length + j;
  const mentorsByIdentity = new Map<string, number[]>();
  const menteesByIdentity = new Map<string, number[]>();
  const register = (map: Map<string, number[]>, identity: string, index: number) => {
    const list = map.get(identity);
    if (list) list.push(index);
    else map.set(identity, [index]);
  };
  mentors.forEach((mentor, j) => {
    for (const identity of identities(mentor)) register(mentorsByIdentity, identity, j);
  });
  mentees.forEach((mentee, i) => {
    for (const identity of identities(mentee)) register(menteesByIdentity, identity, i);
  });
  if (!settings.allowSameManagementLine) {
    mentees.forEach((mentee, i) => {
      for (const identity of [...identities(mentee), ...mentee.managementLine.map(normalise)]) {
        for (const j of mentorsByIdentity.get(identity) ?? []) sameLine.add(key(i, j));
      }
    });
    mentors.forEach((mentor, j) => {
      for (const identity of mentor.managementLine.map(normalise)) {
        for (const i of menteesByIdentity.get(identity) ?? []) sameLine.add(key(i, j));
      }
    });
  }
  const menteesById = new Map<string, number[]>();
  mentees.forEach((mentee, i) => {
    register(menteesById, mentee.id, i);
  });
  const mentorsById = new Map<string, number[]>();
  mentors.forEach((mentor, j) => {
    register(mentorsById, mentor.id, j);
  });
  for (const [menteeId, mentorId] of settings.excludedPairs) {
    for (const i of menteesById.get(menteeId) ?? []) {
      for (const j of mentorsById.get(mentorId) ?? []) excluded.add(key(i, j));
    }
  }

  return {
    score(i, j) {
      const mentee = preparedMentees[i];
      const mentor = preparedMentors[j];
      if (!mentee || !mentor) return 0;
      const commonFormats = mentee.formats & mentor.formats;
      if (commonFormats === 0) return 0;
      let score = 0;
      for (let rank = 0; rank < mentee.themes.length; rank++) {
        const level = mentor.levels[mentee.themes[rank] ?? 0] ?? 0;
        if (level > 0) {
          score += (mentee.rankWeight[rank] ?? 0) * level + (mentee.needPoints[rank] ?? 0);
        }
      }
      if (score === 0) return 0;
      if (sameLine.size > 0 && sameLine.has(key(i, j))) return 0;
      if (excluded.size > 0 && excluded.has(key(i, j))) return 0;
      score += fitWeights.pair;
      const formatCount = (commonFormats & 1) + ((commonFormats >> 1) & 1) + (commonFormats >> 2);
      score += fitWeights.perCommonFormat * formatCount;
      if (mentee.hasSlots && mentor.hasSlots) {
        const slots = countCommonBits(mentee.slots, mentor.slots);
        score += fitWeights.perCommonSlot * Math.min(slots, fitWeights.maxCountedSlots);
      }
      if (mentee.site !== "" && mentee.site === mentor.site) score += fitWeights.sameSite;
      return score;
    },
    blocker(i, j) {
      const mentee = preparedMentees[i];
      const mentor = preparedMentors[j];
      if (!mentee || !mentor) throw new RangeError(`Unknown pair (${i}, ${j})`);
      if (mentee.themes.length === 0) return "noPriorityTheme";
      if ((mentee.formats & mentor.formats) === 0) return "noCommonFormat";
      if (!mentee.themes.some((theme) => (mentor.levels[theme] ?? 0) > 0)) {
        return "noPriorityThemeCovered";
      }
      if (sameLine.has(key(i, j))) return "sameManagementLine";
      if (excluded.has(key(i, j))) return "excluded";
      return undefined;
    },
    evaluate(i, j) {
      const mentee = mentees[i];
      const mentor = mentors[j];
      if (!mentee || !mentor) throw new RangeError(`Unknown pair (${i}, ${j})`);
      return evaluateFit(mentee, mentor, settings);
    },
  };
}

const unmatchedReasons: Record<Blocker | "noMentor" | "full", string> = {
  noMentor: "Aucun mentor n'est disponible dans cette vague",
  noPriorityTheme: "Aucun thème prioritaire n'a été indiqué dans le questionnaire",
  noCommonFormat: "Aucun mentor ne propose de format compatible",
  noPriorityThemeCovered: "Aucun mentor disponible ne couvre vos thèmes prioritaires",
  sameManagementLine:
    "Les seuls mentors qui couvrent vos thèmes prioritaires sont dans votre ligne hiérarchique",
  excluded:
    "Les mentors qui couvrent vos thèmes prioritaires ont été écartés par l'équipe d'animation",
  full: "Tous les mentors compatibles sont déjà complets",
};

const blockerOrder: Blocker[] = [
  "noPriorityTheme",
  "noCommonFormat",
  "noPriorityThemeCovered",
  "sameManagementLine",
  "excluded",
];

/**
 * Why an unmatched mentee got no mentor, given the blocker of each mentor (undefined when the pair
 * was allowed). The checks are peeled off in order — format, themes, line, exclusion — and the
 * first one that leaves nobody is the reason; if some mentors were allowed, they are all full.
 */
export function unmatchedReason(blockers: readonly (Blocker | undefined)[]): string {
  if (blockers.length === 0) return unmatchedReasons.noMentor;
  if (blockers.some((blocker) => blocker === undefined)) {
    const count = blockers.filter((blocker) => blocker === undefined).length;
    return count === 1 ? "Le seul mentor compatible est déjà complet" : unmatchedReasons.full;
  }
  let remaining = blockers.length;
  for (const blocker of blockerOrder) {
    remaining -= blockers.filter((item) => item === blocker).length;
    if (remaining === 0) return unmatchedReasons[blocker];
  }
  return unmatchedReasons.full;
}
