/**
 * The fit rules of `fit.ts`, compiled for a whole cohort so that every (mentee, mentor) pair can be
 * scored without ever listing the pairs: 30,000 × 10,000 is 300 million pairs, too many to store
 * but cheap to recompute row by row from a few typed arrays (themes and levels as small codes,
 * formats and slots as bit sets, the site as a number, the few pairs blocked by line of
 * management or exclusion as a sorted list per mentee). `scoreRow` gives, for one mentee, the same
 * scores as `evaluateFit` for every mentor; the unit tests hold the two together.
 */
import {
  type Blocker,
  type BlockerCounts,
  blockerOrder,
  evaluateFit,
  type Fit,
  fitWeights,
  type MatchingMentee,
  type MatchingMentor,
  type MatchingSettings,
  unmatchedReason,
} from "./fit";
import type { BestOfRow } from "./solver";

export type CompiledCohort = {
  menteeCount: number;
  mentorCount: number;
  mentorCapacities: readonly number[];
  /** Fills `out` with the score of mentee `i` with every mentor: 0 when the pair is not allowed. */
  scoreRow(mentee: number, out: Float64Array): void;
  /** The row's best mentors once priced, without writing the row (see `RowProblem`). */
  bestOfRow(mentee: number, price: Float64Array, count: number, best: BestOfRow): number;
  /** The pair's score, or 0 when the pair is not allowed. */
  score(mentee: number, mentor: number): number;
  /** What forbids the pair, or undefined when it is allowed. */
  blocker(mentee: number, mentor: number): Blocker | undefined;
  /** The full fit (explanation included) of one pair, straight from the rules. */
  evaluate(mentee: number, mentor: number): Fit;
  /** Why mentee `i` could not be matched (all its allowed mentors being full). */
  unmatchedReason(mentee: number): string;
};

const formatBit = { site: 1, video: 2, phone: 4 } as const;
/** Levels run 1–4: a theme and a level make the code theme × 5 + level; 0 stands for "none". */
const levelsPerTheme = 5;

function normalise(value: string): string {
  return value.trim().toLowerCase();
}

function identities(person: { id: string; email: string }): string[] {
  return [normalise(person.id), normalise(person.email)].filter((value) => value !== "");
}

function priorities(mentee: MatchingMentee): string[] {
  return [...new Set(mentee.priorityThemes)].slice(0, fitWeights.priorityRank.length);
}

function formatMask(formats: readonly string[]): number {
  let mask = 0;
  for (const format of formats) mask |= formatBit[format as keyof typeof formatBit] ?? 0;
  return mask;
}

/** Numbers strings in order of first appearance, from 1 (0 means "none"). */
function indexer(): Map<string, number> & { of(key: string): number } {
  const indices = new Map<string, number>() as Map<string, number> & { of(key: string): number };
  indices.of = (key) => {
    let index = indices.get(key);
    if (index === undefined) {
      index = indices.size + 1;
      indices.set(key, index);
    }
    return index;
  };
  return indices;
}

function popcount(bits: number): number {
  let x = bits - ((bits >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Sorted, de-duplicated lists of mentor indices per mentee (compressed rows). */
type IndexRows = { start: Int32Array; mentor: Int32Array };

function indexRows(menteeCount: number, pairs: Iterable<[number, number]>): IndexRows {
  const lists: number[][] = Array.from({ length: menteeCount }, () => []);
  for (const [i, j] of pairs) lists[i]?.push(j);
  const start = new Int32Array(menteeCount + 1);
  const flat: number[] = [];
  lists.forEach((list, i) => {
    const unique = [...new Set(list)].sort((a, b) => a - b);
    flat.push(...unique);
    start[i + 1] = flat.length;
  });
  return { start, mentor: Int32Array.from(flat) };
}

function contains(rows: IndexRows, i: number, j: number): boolean {
  let low = rows.start[i] ?? 0;
  let high = (rows.start[i + 1] ?? 0) - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = rows.mentor[middle] ?? 0;
    if (value === j) return true;
    if (value < j) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** The pairs forbidden by line of management, found from identities instead of testing every pair. */
function sameLinePairs(
  mentees: readonly MatchingMentee[],
  mentors: readonly MatchingMentor[],
): [number, number][] {
  const byIdentity = (people: readonly { id: string; email: string }[]) => {
    const map = new Map<string, number[]>();
    people.forEach((person, index) => {
      for (const identity of identities(person)) {
        const list = map.get(identity);
        if (list) list.push(index);
        else map.set(identity, [index]);
      }
    });
    return map;
  };
  const mentorsByIdentity = byIdentity(mentors);
  const menteesByIdentity = byIdentity(mentees);
  const pairs: [number, number][] = [];
  mentees.forEach((mentee, i) => {
    for (const identity of [...identities(mentee), ...mentee.managementLine.map(normalise)]) {
      for (const j of mentorsByIdentity.get(identity) ?? []) pairs.push([i, j]);
    }
  });
  mentors.forEach((mentor, j) => {
    for (const identity of mentor.managementLine.map(normalise)) {
      for (const i of menteesByIdentity.get(identity) ?? []) pairs.push([i, j]);
    }
  });
  return pairs;
}

function excludedPairs(
  mentees: readonly MatchingMentee[],
  mentors: readonly MatchingMentor[],
  settings: MatchingSettings,
): [number, number][] {
  const positions = (people: readonly { id: string }[]) => {
    const map = new Map<string, number[]>();
    people.forEach((person, index) => {
      const list = map.get(person.id);
      if (list) list.push(index);
      else map.set(person.id, [index]);
    });
    return map;
  };
  const menteesById = positions(mentees);
  const mentorsById = positions(mentors);
  const pairs: [number, number][] = [];
  for (const [menteeId, mentorId] of settings.excludedPairs) {
    for (const i of menteesById.get(menteeId) ?? []) {
      for (const j of mentorsById.get(mentorId) ?? []) pairs.push([i, j]);
    }
  }
  return pairs;
}

export function compileCohort(
  mentees: readonly MatchingMentee[],
  mentors: readonly MatchingMentor[],
  settings: MatchingSettings,
): CompiledCohort {
  const n = mentees.length;
  const m = mentors.length;
  const themes = indexer();
  const slots = indexer();
  const sites = indexer();
  const siteOf = (site: string | undefined) => {
    const key = normalise(site ?? "");
    return key === "" ? 0 : sites.of(key);
  };

  // Mentors: the distinct (theme, best level) codes they offer. Mentors offering the same codes
  // share one "offer": a mentee's theme points are computed once per offer, not once per mentor.
  const offerIndex = new Map<string, number>();
  const offers: number[][] = [];
  const mentorOffer = new Int32Array(m);
  mentors.forEach((mentor, j) => {
    const best = new Map<number, number>();
    for (const { theme, level } of mentor.themes) {
      const index = themes.of(theme);
      best.set(index, Math.max(best.get(index) ?? 0, level));
    }
    const codes = [...best].map(([theme, level]) => theme * levelsPerTheme + level).sort();
    const key = codes.join(",");
    let offer = offerIndex.get(key);
    if (offer === undefined) {
      offer = offers.length;
      offers.push(codes);
      offerIndex.set(key, offer);
    }
    mentorOffer[j] = offer;
  });
  const menteeThemes = mentees.map((mentee) => priorities(mentee).map((theme) => themes.of(theme)));
  const codeCount = (themes.size + 1) * levelsPerTheme;

  for (const person of [...mentees, ...mentors])
    for (const slot of person.availability) slots.of(slot);
  const words = Math.ceil((slots.size + 1) / 32);
  const slotBits = (availability: readonly string[]) => {
    const set = new Uint32Array(words);
    for (const slot of availability) {
      const index = slots.of(slot);
      set[index >>> 5] = (set[index >>> 5] ?? 0) | (1 << (index & 31));
    }
    return set;
  };
  // Slots as bit sets, one word per 32 slots; a person without slots has none in common with
  // anyone, which scores as "no slot given" does (0 points).
  const mentorSlots = new Uint32Array(m * words);
  const mentorFormats = new Uint8Array(m);
  const mentorSite = new Int32Array(m);
  mentors.forEach((mentor, j) => {
    mentorSlots.set(slotBits(mentor.availability), j * words);
    mentorFormats[j] = formatMask(mentor.formats);
    mentorSite[j] = siteOf(mentor.site);
  });
  const menteeSlots = new Uint32Array(n * words);
  mentees.forEach((mentee, i) => {
    menteeSlots.set(slotBits(mentee.availability), i * words);
  });
  const menteeFormats = Uint8Array.from(mentees, (mentee) => formatMask(mentee.formats));
  // A mentee without a site never shares one: -1 matches no mentor (a mentor without one is 0).
  const menteeSite = Int32Array.from(mentees, (mentee) => siteOf(mentee.site) || -1);

  const sameLine = indexRows(
    n,
    settings.allowSameManagementLine ? [] : sameLinePairs(mentees, mentors),
  );
  const excluded = indexRows(n, excludedPairs(mentees, mentors, settings));

  const slotPoints = Int32Array.from(
    { length: 32 * words + 1 },
    (_, common) => fitWeights.perCommonSlot * Math.min(common, fitWeights.maxCountedSlots),
  );

  /** Per mentee, the points each (theme, level) code earns: 0 for a theme they did not ask for. */
  const themePoints = new Int32Array(codeCount);
  /** Per mentee, the theme points of each offer: 0 when it covers no priority theme. */
  const offerPoints = new Int32Array(offers.length);
  /** Per mentee, the points of each mentor format set: -1 when none is in common. */
  const formatPoints = new Int32Array(8);
  const prepare = (i: number) => {
    themePoints.fill(0);
    const mentee = mentees[i] as MatchingMentee;
    const wanted = priorities(mentee);
    (menteeThemes[i] ?? []).forEach((theme, rank) => {
      const weight = fitWeights.priorityRank[rank] ?? 0;
      const comfort = mentee.comfort[wanted[rank] ?? ""] ?? fitWeights.comfortWhenUnknown;
      for (let level = 1; level < levelsPerTheme; level++) {
        themePoints[theme * levelsPerTheme + level] = weight * (level + 4 - comfort);
      }
    });
    offers.forEach((codes, offer) => {
      let points = 0;
      for (const code of codes) points += themePoints[code] ?? 0;
      offerPoints[offer] = points;
    });
    const own = menteeFormats[i] ?? 0;
    for (let mask = 0; mask < 8; mask++) {
      const common = own & mask;
      formatPoints[mask] = common === 0 ? -1 : fitWeights.perCommonFormat * popcount(common);
    }
  };

  // Mentors laid out in blocks of the same themes offered (levels aside) and the same formats:
  // a block either cannot be paired with a mentee at all (no priority theme, no format in common)
  // and is skipped whole, or every mentor in it is allowed but for the few blocked pairs.
  type Block = { start: number; end: number; formats: number; themes: number[] };
  const blockKey = (j: number) =>
    `${mentorFormats[j]}|${[...new Set((offers[mentorOffer[j] ?? 0] ?? []).map((code) => Math.floor(code / levelsPerTheme)))].join(",")}`;
  const order = Array.from({ length: m }, (_, j) => j);
  const keyOf = order.map(blockKey);
  order.sort((x, y) => (keyOf[x] ?? "").localeCompare(keyOf[y] ?? "") || x - y);
  const blocks: Block[] = [];
  order.forEach((j, at) => {
    const last = blocks[blocks.length - 1];
    if (last && keyOf[order[last.start] ?? 0] === keyOf[j]) last.end = at + 1;
    else {
      const themesOffered = (offers[mentorOffer[j] ?? 0] ?? []).map((code) =>
        Math.floor(code / levelsPerTheme),
      );
      blocks.push({
        start: at,
        end: at + 1,
        formats: mentorFormats[j] ?? 0,
        themes: themesOffered,
      });
    }
  });
  const placed = Int32Array.from(order);
  const placedOffer = Int32Array.from(order, (j) => mentorOffer[j] ?? 0);
  const placedSite = Int32Array.from(order, (j) => mentorSite[j] ?? 0);
  const placedSlots = new Uint32Array(m * words);
  order.forEach((j, at) => {
    placedSlots.set(mentorSlots.subarray(j * words, (j + 1) * words), at * words);
  });

  const scoreRow = (i: number, out: Float64Array): void => {
    out.fill(0);
    const wanted = menteeThemes[i] ?? [];
    if (wanted.length === 0) return;
    prepare(i);
    const site = menteeSite[i] ?? -1;
    const own = menteeSlots[i] ?? 0;
    for (const block of blocks) {
      const format = formatPoints[block.formats] ?? -1;
      if (format < 0 || !block.themes.some((theme) => wanted.includes(theme))) continue;
      const base = fitWeights.pair + format;
      if (words === 1) {
        for (let at = block.start; at < block.end; at++) {
          out[placed[at] ?? 0] =
            base +
            (offerPoints[placedOffer[at] ?? 0] ?? 0) +
            (slotPoints[popcount(own & (placedSlots[at] ?? 0))] ?? 0) +
            (site === placedSite[at] ? fitWeights.sameSite : 0);
        }
      } else {
        for (let at = block.start; at < block.end; at++) {
          let shared = 0;
          for (let w = 0; w < words; w++) {
            shared += popcount(
              (menteeSlots[i * words + w] ?? 0) & (placedSlots[at * words + w] ?? 0),
            );
          }
          out[placed[at] ?? 0] =
            base +
            (offerPoints[placedOffer[at] ?? 0] ?? 0) +
            (slotPoints[shared] ?? 0) +
            (site === placedSite[at] ? fitWeights.sameSite : 0);
        }
      }
    }
    for (const rows of [sameLine, excluded]) {
      for (let k = rows.start[i] ?? 0; k < (rows.start[i + 1] ?? 0); k++)
        out[rows.mentor[k] ?? 0] = 0;
    }
  };

  /** Marks, for the mentee being read, its blocked mentors (line of management, exclusions). */
  const blockedFor = new Int32Array(m).fill(-1);
  const bestOfRow = (i: number, price: Float64Array, count: number, best: BestOfRow): number => {
    const wanted = menteeThemes[i] ?? [];
    if (wanted.length === 0 || count <= 0) return 0;
    prepare(i);
    for (const rows of [sameLine, excluded]) {
      for (let k = rows.start[i] ?? 0; k < (rows.start[i + 1] ?? 0); k++) {
        blockedFor[rows.mentor[k] ?? 0] = i;
      }
    }
    const { mentors: into, values, scores } = best;
    const site = menteeSite[i] ?? -1;
    let size = 0;
    let worst = Number.NEGATIVE_INFINITY;
    for (const block of blocks) {
      const format = formatPoints[block.formats] ?? -1;
      if (format < 0 || !block.themes.some((theme) => wanted.includes(theme))) continue;
      const base = fitWeights.pair + format;
      for (let at = block.start; at < block.end; at++) {
        const j = placed[at] ?? 0;
        let shared = 0;
        for (let w = 0; w < words; w++) {
          shared += popcount(
            (menteeSlots[i * words + w] ?? 0) & (placedSlots[at * words + w] ?? 0),
          );
        }
        const score =
          base +
          (offerPoints[placedOffer[at] ?? 0] ?? 0) +
          (slotPoints[shared] ?? 0) +
          (site === placedSite[at] ? fitWeights.sameSite : 0);
        const value = score - (price[j] ?? 0);
        if (value <= worst || blockedFor[j] === i) continue;
        // Among equal values kept, the lower mentor index comes first.
        let k = size < count ? size++ : count - 1;
        while (
          k > 0 &&
          ((values[k - 1] ?? 0) < value ||
            ((values[k - 1] ?? 0) === value && (into[k - 1] ?? 0) > j))
        ) {
          into[k] = into[k - 1] ?? 0;
          values[k] = values[k - 1] ?? 0;
          scores[k] = scores[k - 1] ?? 0;
          k--;
        }
        into[k] = j;
        values[k] = value;
        scores[k] = score;
        if (size === count) worst = values[count - 1] ?? worst;
      }
    }
    return size;
  };

  const blocker = (i: number, j: number): Blocker | undefined => {
    if (i < 0 || i >= n || j < 0 || j >= m) throw new RangeError(`Unknown pair (${i}, ${j})`);
    if ((menteeThemes[i] ?? []).length === 0) return "noPriorityTheme";
    if (((menteeFormats[i] ?? 0) & (mentorFormats[j] ?? 0)) === 0) return "noCommonFormat";
    const wanted = new Set(menteeThemes[i] ?? []);
    const codes = offers[mentorOffer[j] ?? 0] ?? [];
    if (!codes.some((code) => wanted.has(Math.floor(code / levelsPerTheme)))) {
      return "noPriorityThemeCovered";
    }
    if (contains(sameLine, i, j)) return "sameManagementLine";
    if (contains(excluded, i, j)) return "excluded";
    return undefined;
  };

  const row = new Float64Array(m);
  return {
    menteeCount: n,
    mentorCount: m,
    mentorCapacities: mentors.map((mentor) => mentor.capacity),
    scoreRow,
    bestOfRow,
    score(i, j) {
      if (blocker(i, j) !== undefined) return 0;
      scoreRow(i, row);
      return row[j] ?? 0;
    },
    blocker,
    evaluate(i, j) {
      const mentee = mentees[i];
      const mentor = mentors[j];
      if (!mentee || !mentor) throw new RangeError(`Unknown pair (${i}, ${j})`);
      return evaluateFit(mentee, mentor, settings);
    },
    unmatchedReason(i) {
      const counts = { allowed: 0, total: m } as BlockerCounts;
      for (const item of blockerOrder) counts[item] = 0;
      if ((menteeThemes[i] ?? []).length === 0) {
        counts.noPriorityTheme = m;
        return unmatchedReason(counts);
      }
      prepare(i);
      const blocked = new Uint8Array(m);
      for (let k = excluded.start[i] ?? 0; k < (excluded.start[i + 1] ?? 0); k++) {
        blocked[excluded.mentor[k] ?? 0] = 2;
      }
      for (let k = sameLine.start[i] ?? 0; k < (sameLine.start[i + 1] ?? 0); k++) {
        blocked[sameLine.mentor[k] ?? 0] = 1;
      }
      for (let j = 0; j < m; j++) {
        if ((formatPoints[mentorFormats[j] ?? 0] ?? -1) < 0) counts.noCommonFormat++;
        else if ((offerPoints[mentorOffer[j] ?? 0] ?? 0) === 0) counts.noPriorityThemeCovered++;
        else if (blocked[j] === 1) counts.sameManagementLine++;
        else if (blocked[j] === 2) counts.excluded++;
        else counts.allowed++;
      }
      return unmatchedReason(counts);
    },
  };
}
