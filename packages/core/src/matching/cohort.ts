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
import type { BestOfRow, PricedRows } from "./solver";

export type CompiledCohort = {
  menteeCount: number;
  mentorCount: number;
  mentorCapacities: readonly number[];
  /** Fills `out` with the score of mentee `i` with every mentor: 0 when the pair is not allowed. */
  scoreRow(mentee: number, out: Float64Array): void;
  /** The row's best mentors once priced, without writing the row (see `PricedRows`). */
  bestOfRow(mentee: number, price: Float64Array, count: number, best: BestOfRow): number;
  /** Rows' best mentors at these prices, pruned by the compiled rules (see `RowProblem`). */
  pricedRows(price: Float64Array): PricedRows;
  /** The cohort of every `step`-th mentee and every `step`-th mentor, compiled on its own. */
  sample(step: number): CompiledCohort;
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
  /** The offers' codes, flat: offer k's are offerCode[offerCodeStart[k] … offerCodeStart[k + 1]). */
  const offerCodeStart = new Int32Array(offers.length + 1);
  offers.forEach((codes, offer) => {
    offerCodeStart[offer + 1] = (offerCodeStart[offer] ?? 0) + codes.length;
  });
  const offerCode = Int32Array.from(offers.flat());
  /** Which preparation each offer's points were computed for (`offerPointsOf`). */
  const offerStamp = new Int32Array(offers.length).fill(-1);
  let preparation = 0;
  /** The theme and format points of mentee i; offers' points are then computed on demand. */
  const prepareThemes = (i: number) => {
    preparation++;
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
    const own = menteeFormats[i] ?? 0;
    for (let mask = 0; mask < 8; mask++) {
      const common = own & mask;
      formatPoints[mask] = common === 0 ? -1 : fitWeights.perCommonFormat * popcount(common);
    }
  };
  /** The theme points of an offer for the mentee last prepared. */
  const offerPointsOf = (offer: number): number => {
    if (offerStamp[offer] === preparation) return offerPoints[offer] ?? 0;
    let points = 0;
    for (let k = offerCodeStart[offer] ?? 0; k < (offerCodeStart[offer + 1] ?? 0); k++) {
      points += themePoints[offerCode[k] ?? 0] ?? 0;
    }
    offerPoints[offer] = points;
    offerStamp[offer] = preparation;
    return points;
  };
  /** Every point table of mentee i, offers' included. */
  const prepare = (i: number) => {
    prepareThemes(i);
    for (let offer = 0; offer < offers.length; offer++) offerPointsOf(offer);
  };

  // Mentors laid out in blocks of the same themes offered (levels aside) and the same formats:
  // a block either cannot be paired with a mentee at all (no priority theme, no format in common)
  // and is skipped whole, or every mentor in it is allowed but for the few blocked pairs.
  type Block = {
    start: number;
    end: number;
    formats: number;
    themes: number[];
    /** The highest level offered in each of `themes` by a mentor of the block. */
    maxLevels: number[];
    /** The sites of the block's mentors, as bits (undefined when there are too many sites). */
    sites: number | undefined;
  };
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
        themes: [...new Set(themesOffered)],
        maxLevels: [],
        sites: 0,
      });
    }
  });
  for (const block of blocks) {
    block.maxLevels = block.themes.map(() => 0);
    for (let at = block.start; at < block.end; at++) {
      const j = order[at] ?? 0;
      for (const code of offers[mentorOffer[j] ?? 0] ?? []) {
        const k = block.themes.indexOf(Math.floor(code / levelsPerTheme));
        block.maxLevels[k] = Math.max(block.maxLevels[k] ?? 0, code % levelsPerTheme);
      }
      const site = mentorSite[j] ?? 0;
      block.sites =
        sites.size < 31 && block.sites !== undefined ? block.sites | (1 << site) : undefined;
    }
  }
  const placed = Int32Array.from(order);
  const blockOf = new Int32Array(m);
  blocks.forEach((block, b) => {
    for (let at = block.start; at < block.end; at++) blockOf[order[at] ?? 0] = b;
  });
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
  /** Per block, the most a mentee can score with one of its mentors (-1: none allowed). */
  const blockBound = new Float64Array(blocks.length);
  const blockOrder = new Int32Array(blocks.length);
  const blockKeys = new Float64Array(blocks.length);
  /** The most a mentee's slots can earn: all of them in common. */
  const slotBoundOf = (i: number): number => {
    let own = 0;
    for (let w = 0; w < words; w++) own += popcount(menteeSlots[i * words + w] ?? 0);
    return slotPoints[own] ?? 0;
  };

  /**
   * The best `count` allowed mentors of mentee i by score − price above `floor`, ordered by value
   * then lower index first (so the result does not depend on the reading order). `ranked` gives,
   * per block, its mentors' positions by a price `low` never above the current one, cheapest
   * first: a block, then a mentor, whose best possible score less that price cannot enter the
   * list is skipped, with all those after it.
   */
  const bestPriced = (
    i: number,
    price: Float64Array,
    count: number,
    best: BestOfRow,
    floor: number,
    ranked: { position: Int32Array; low: Float64Array; blockLow: Float64Array } | undefined,
  ): number => {
    const wanted = menteeThemes[i] ?? [];
    if (wanted.length === 0 || count <= 0) return 0;
    prepareThemes(i);
    for (const rows of [sameLine, excluded]) {
      for (let k = rows.start[i] ?? 0; k < (rows.start[i + 1] ?? 0); k++) {
        blockedFor[rows.mentor[k] ?? 0] = i;
      }
    }
    const site = menteeSite[i] ?? -1;
    const slotBound = slotBoundOf(i);
    let active = 0;
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b] as Block;
      const format = formatPoints[block.formats] ?? -1;
      let themeBound = 0;
      for (let k = 0; k < block.themes.length; k++) {
        const theme = block.themes[k] ?? 0;
        themeBound += themePoints[theme * levelsPerTheme + (block.maxLevels[k] ?? 0)] ?? 0;
      }
      if (format < 0 || themeBound === 0) {
        blockBound[b] = -1;
        continue;
      }
      const siteBound =
        site >= 0 && (block.sites === undefined || ((block.sites >>> site) & 1) === 1)
          ? fitWeights.sameSite
          : 0;
      const bound = fitWeights.pair + format + themeBound + slotBound + siteBound;
      blockBound[b] = bound;
      if (ranked && bound - (ranked.blockLow[b] ?? 0) <= floor) continue;
      blockOrder[active++] = b;
    }
    if (ranked) {
      // Most promising blocks first (by their bound less their cheapest price, to 1/64 of a
      // point): a native sort of numbers, the block's index packed below the key.
      const low = ranked.blockLow;
      for (let o = 0; o < active; o++) {
        const b = blockOrder[o] ?? 0;
        const key = Math.floor(((low[b] ?? 0) - (blockBound[b] ?? 0)) * 64);
        blockKeys[o] = key * blocks.length + b;
      }
      const sorted = blockKeys.subarray(0, active).sort();
      for (let o = 0; o < active; o++) {
        const key = sorted[o] ?? 0;
        blockOrder[o] = key - Math.floor(key / blocks.length) * blocks.length;
      }
    }
    const { mentors: into, values, scores } = best;
    let size = 0;
    /** The value a mentor must exceed to enter the list (or equal, with a lower index). */
    let worst = floor;
    let worstMentor = -1;
    for (let o = 0; o < active; o++) {
      const b = blockOrder[o] ?? 0;
      const block = blocks[b] as Block;
      const bound = blockBound[b] ?? 0;
      if (ranked && bound - (ranked.blockLow[b] ?? 0) < worst) continue;
      const base = fitWeights.pair + (formatPoints[block.formats] ?? 0);
      for (let k = block.start; k < block.end; k++) {
        let at = k;
        if (ranked) {
          if (bound - (ranked.low[k] ?? 0) < worst) break;
          at = ranked.position[k] ?? 0;
        }
        const j = placed[at] ?? 0;
        let shared = 0;
        if (words === 1) shared = popcount((menteeSlots[i] ?? 0) & (placedSlots[at] ?? 0));
        else {
          for (let w = 0; w < words; w++) {
            shared += popcount(
              (menteeSlots[i * words + w] ?? 0) & (placedSlots[at * words + w] ?? 0),
            );
          }
        }
        const score =
          base +
          offerPointsOf(placedOffer[at] ?? 0) +
          (slotPoints[shared] ?? 0) +
          (site === placedSite[at] ? fitWeights.sameSite : 0);
        const value = score - (price[j] ?? 0);
        if (value <= floor || blockedFor[j] === i) continue;
        if (size === count && (value < worst || (value === worst && j > worstMentor))) continue;
        let q = size < count ? size++ : count - 1;
        while (
          q > 0 &&
          ((values[q - 1] ?? 0) < value ||
            ((values[q - 1] ?? 0) === value && (into[q - 1] ?? 0) > j))
        ) {
          into[q] = into[q - 1] ?? 0;
          values[q] = values[q - 1] ?? 0;
          scores[q] = scores[q - 1] ?? 0;
          q--;
        }
        into[q] = j;
        values[q] = value;
        scores[q] = score;
        if (size === count) {
          worst = values[count - 1] ?? worst;
          worstMentor = into[count - 1] ?? -1;
        }
      }
    }
    return size;
  };

  const bestOfRow = (i: number, price: Float64Array, count: number, best: BestOfRow): number =>
    bestPriced(i, price, count, best, Number.NEGATIVE_INFINITY, undefined);

  const pricedRows = (price: Float64Array): PricedRows => {
    const position = new Int32Array(m);
    const low = new Float64Array(m);
    const blockLow = new Float64Array(blocks.length);
    const ranked = { position, low, blockLow };
    const snapshot = () => {
      for (let b = 0; b < blocks.length; b++) {
        const { start, end } = blocks[b] as Block;
        const slice = position.subarray(start, end);
        for (let k = start; k < end; k++) position[k] = k;
        slice.sort((x, y) => {
          const px = price[placed[x] ?? 0] ?? 0;
          const py = price[placed[y] ?? 0] ?? 0;
          return px < py ? -1 : px > py ? 1 : x - y;
        });
        for (let k = start; k < end; k++) low[k] = price[placed[position[k] ?? 0] ?? 0] ?? 0;
        blockLow[b] = start < end ? (low[start] ?? 0) : Number.POSITIVE_INFINITY;
      }
    };
    snapshot();
    return {
      snapshot,
      best: (i, count, best, floor = Number.NEGATIVE_INFINITY) =>
        bestPriced(i, price, count, best, floor, ranked),
    };
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
    pricedRows,
    sample: (step) =>
      compileCohort(
        mentees.filter((_, i) => i % step === 0),
        mentors.filter((_, j) => j % step === 0),
        settings,
      ),
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
      // Counted by block (a block's mentors share formats and themes), then the blocked pairs
      // of the allowed blocks moved to their reason (the line of management before exclusions).
      prepareThemes(i);
      const wanted = menteeThemes[i] ?? [];
      const allowedBlock = blocks.map((block) => {
        const size = block.end - block.start;
        if ((formatPoints[block.formats] ?? -1) < 0) counts.noCommonFormat += size;
        else if (!block.themes.some((theme) => wanted.includes(theme))) {
          counts.noPriorityThemeCovered += size;
        } else {
          counts.allowed += size;
          return true;
        }
        return false;
      });
      const reasonOf = new Map<number, "sameManagementLine" | "excluded">();
      for (let k = excluded.start[i] ?? 0; k < (excluded.start[i + 1] ?? 0); k++) {
        reasonOf.set(excluded.mentor[k] ?? 0, "excluded");
      }
      for (let k = sameLine.start[i] ?? 0; k < (sameLine.start[i + 1] ?? 0); k++) {
        reasonOf.set(sameLine.mentor[k] ?? 0, "sameManagementLine");
      }
      for (const [j, reason] of reasonOf) {
        if (!allowedBlock[blockOf[j] ?? 0]) continue;
        counts.allowed--;
        counts[reason]++;
      }
      return unmatchedReason(counts);
    },
  };
}
