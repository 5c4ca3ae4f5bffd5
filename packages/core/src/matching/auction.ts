/**
 * Good first candidates for the exact solve (`pricing.ts`), from an auction (Bertsekas) run on
 * the whole cohort: a heuristic only — nothing here is trusted for optimality, which the pricing
 * rounds and the dual certificate prove on their own.
 *
 * Why: the exact solve needs, per mentee, the few mentors that are best once each mentor is
 * priced by the competition for them (on the bench's cohort every mentor ends up full, priced 33
 * to 64 points, and a mentee has on average 2 pairs within 0 points and 12 within 2 points of its
 * best). Best-scored mentors are a poor guess (everyone wants the same ones) and learning the
 * prices through exact solves costs a solve per round; an auction learns them cheaply.
 *
 * How: each mentor's places are objects with a price, each mentee bids for the place worth most
 * to it (score − price, against staying unmatched at 0), raising its price by how much better it
 * is than the mentee's next option plus `step`; the mentee it displaces bids again. A mentee
 * keeps its `listed` best mentors at the prices of its last look at the whole row, and the value
 * of the next one as a bound: prices only rise, so while a listed mentor is worth at least the
 * bound, the list's best is the row's best, and the row is read again only when it is not.
 * Deterministic: mentees bid in index order, ties go to the lower mentor index.
 */
import type { BestOfRow, PricedRows, RowProblem } from "./solver";

/** Measured on the bench's 10,000 × 3,500: 2 reads rows too often, 9 leaves too much to repair. */
const defaultTolerance = 6;

/**
 * Priced rows for any problem: the problem's own reader, or one that reads the whole row and
 * keeps the best (ties: lower index first).
 */
export function pricedRowsOf(problem: RowProblem, price: Float64Array): PricedRows {
  if (problem.pricedRows) return problem.pricedRows(price);
  const row = new Float64Array(problem.mentorCapacities.length);
  return {
    snapshot() {},
    best(i, count, best, floor = Number.NEGATIVE_INFINITY) {
      problem.scoreRow(i, row);
      const { mentors, values, scores } = best;
      let size = 0;
      for (let j = 0; j < row.length; j++) {
        const score = row[j] ?? 0;
        if (score <= 0) continue;
        const value = score - (price[j] ?? 0);
        if (value <= floor || (size === count && value <= (values[count - 1] ?? 0))) continue;
        let at = size < count ? size++ : count - 1;
        while (at > 0 && (values[at - 1] ?? 0) < value) {
          mentors[at] = mentors[at - 1] ?? 0;
          values[at] = values[at - 1] ?? 0;
          scores[at] = scores[at - 1] ?? 0;
          at--;
        }
        mentors[at] = j;
        values[at] = value;
        scores[at] = score;
      }
      return size;
    },
  };
}

export type AuctionOptions = {
  /** Mentors kept per mentee between looks at its whole row. */
  listed?: number;
  /** The least a bid raises a price by. */
  step?: number;
  /**
   * How much better than the list's best an unlisted mentor may be before the row is read again:
   * a heuristic needs no exact best, and rows are what costs (many mentors are worth about the
   * same to a mentee, so an exact auction would read a row whenever any price moves).
   */
  tolerance?: number;
  /** Where every price starts: a guess of the competition, to save the climb from 0. */
  initialPrice?: number;
  /** Whether to read every row once more at the end, for candidates at the final prices. */
  refresh?: boolean;
};

/** Per mentee, mentors and their scores (compressed rows), as the auction last listed them. */
export type AuctionCandidates = {
  start: Int32Array;
  mentor: Int32Array;
  score: Float64Array;
  /** The auction's price per mentor (its cheapest place): the competition for it. */
  price: Float64Array;
  /** The mentor whose place each mentee holds at the end, or -1. */
  mentorOf: Int32Array;
  /** How many times a whole row was read. */
  rowReads: number;
  bids: number;
};

/**
 * A low guess of the prices an auction on the whole cohort reaches, from an auction on a third of
 * it (every third mentee and every third mentor: the same competition for places, a ninth of the
 * work), itself started from a guess on a third of that: its 1st percentile price, less the tolerance. A guess
 * too high only costs speed (mentors priced out, found again by the pricing rounds).
 */
export function guessPrice(problem: RowProblem, options: AuctionOptions = {}): number {
  const n = problem.menteeCount;
  const m = problem.mentorCapacities.length;
  if (n < 1500 || m < 500) return 0;
  const third = (count: number) => Math.ceil(count / 3);
  const sample: RowProblem = problem.sample?.(3) ?? {
    menteeCount: third(n),
    mentorCapacities: problem.mentorCapacities.filter((_, j) => j % 3 === 0),
    scoreRow: (() => {
      const row = new Float64Array(m);
      return (i: number, out: Float64Array) => {
        problem.scoreRow(3 * i, row);
        for (let k = 0; k < out.length; k++) out[k] = row[3 * k] ?? 0;
      };
    })(),
  };
  const { price } = auctionCandidates(sample, {
    ...options,
    initialPrice: guessPrice(sample, options),
    refresh: false,
  });
  const finite = [...price].filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  return Math.max(
    0,
    (finite[Math.floor(finite.length / 100)] ?? 0) - (options.tolerance ?? defaultTolerance),
  );
}

export function auctionCandidates(
  problem: RowProblem,
  options: AuctionOptions = {},
): AuctionCandidates {
  const n = problem.menteeCount;
  const capacities = problem.mentorCapacities;
  const m = capacities.length;
  const listed = Math.max(1, options.listed ?? 16);
  const step = options.step ?? 1;
  const tolerance = options.tolerance ?? defaultTolerance;

  const placeStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) placeStart[j + 1] = (placeStart[j] ?? 0) + (capacities[j] ?? 0);
  const places = placeStart[m] ?? 0;
  const placePrice = new Float64Array(places).fill(Math.max(0, options.initialPrice ?? 0));
  const placeHolder = new Int32Array(places).fill(-1);
  /** A mentor's cheapest place, and its price (infinite for a mentor without places). */
  const cheapest = new Int32Array(m);
  const price = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    cheapest[j] = placeStart[j] ?? 0;
    price[j] =
      (capacities[j] ?? 0) > 0 ? (placePrice[cheapest[j] ?? 0] ?? 0) : Number.POSITIVE_INFINITY;
  }
  const reprice = (j: number) => {
    let best = placeStart[j] ?? 0;
    for (let at = best + 1; at < (placeStart[j + 1] ?? 0); at++) {
      if ((placePrice[at] ?? 0) < (placePrice[best] ?? 0)) best = at;
    }
    cheapest[j] = best;
    price[j] = placePrice[best] ?? 0;
  };
  /** A mentor's second cheapest place's price: what a mentee pays to take a second place there. */
  const secondPrice = (j: number) => {
    let second = Number.POSITIVE_INFINITY;
    const taken = cheapest[j] ?? 0;
    for (let at = placeStart[j] ?? 0; at < (placeStart[j + 1] ?? 0); at++) {
      if (at !== taken && (placePrice[at] ?? 0) < second) second = placePrice[at] ?? 0;
    }
    return second;
  };

  const listMentor = new Int32Array(n * listed);
  const listScore = new Float64Array(n * listed);
  const listSize = new Int32Array(n);
  /** No mentor off the list is worth more than this to the mentee (prices only rise). */
  const bound = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  let rowReads = 0;
  let bids = 0;

  const top: BestOfRow = {
    mentors: new Int32Array(listed + 1),
    values: new Float64Array(listed + 1),
    scores: new Float64Array(listed + 1),
  };
  // Prices only rise: the reader's pruning stays exact, and is made sharper now and then.
  const rows = pricedRowsOf(problem, price);
  const snapshotEvery = Math.max(1000, Math.ceil(n / 8));
  let sinceSnapshot = 0;
  const readRow = (i: number) => {
    rowReads++;
    const size = rows.best(i, listed + 1, top);
    const kept = Math.min(size, listed);
    for (let k = 0; k < kept; k++) {
      listMentor[i * listed + k] = top.mentors[k] ?? 0;
      listScore[i * listed + k] = top.scores[k] ?? 0;
    }
    listSize[i] = kept;
    bound[i] = size > listed ? (top.values[listed] ?? 0) : Number.NEGATIVE_INFINITY;
  };

  // Free mentees wait in a ring; each is in it at most once.
  const queue = new Int32Array(n + 1);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) queue[tail++] = i;
  const ring = n + 1;

  while (head !== tail) {
    const i = queue[head] ?? 0;
    head = (head + 1) % ring;
    for (;;) {
      let first = -1;
      let firstValue = Number.NEGATIVE_INFINITY;
      let secondValue = Number.NEGATIVE_INFINITY;
      const base = i * listed;
      for (let k = 0; k < (listSize[i] ?? 0); k++) {
        const j = listMentor[base + k] ?? 0;
        const value = (listScore[base + k] ?? 0) - (price[j] ?? 0);
        if (value > firstValue || (value === firstValue && j < first)) {
          secondValue = firstValue;
          firstValue = value;
          first = j;
        } else if (value > secondValue) secondValue = value;
      }
      if ((bound[i] ?? 0) > firstValue + tolerance) {
        readRow(i);
        continue;
      }
      if (first < 0 || firstValue <= 0) break; // staying unmatched is as good
      const score = firstValue + (price[first] ?? 0);
      // The mentee's next option, never above its best: the bound may be (within the tolerance).
      const next = Math.min(
        firstValue,
        Math.max(secondValue, score - secondPrice(first), bound[i] ?? 0, 0),
      );
      const place = cheapest[first] ?? 0;
      const displaced = placeHolder[place] ?? -1;
      placeHolder[place] = i;
      placePrice[place] = score - next + step;
      reprice(first);
      bids++;
      if (++sinceSnapshot === snapshotEvery) {
        rows.snapshot();
        sinceSnapshot = 0;
      }
      if (displaced >= 0) {
        queue[tail] = displaced;
        tail = (tail + 1) % ring;
      }
      break;
    }
  }

  // The lists were made at the prices of each mentee's last look; prices moved since. Unless only
  // the prices are wanted, each row is read once more at the final prices, and its candidates are
  // both lists: what the mentee last held or bid on, and what is best now.
  const refresh = options.refresh ?? true;
  if (refresh) rows.snapshot();
  const width = refresh ? 2 * listed : listed;
  const start = new Int32Array(n + 1);
  const mentor = new Int32Array(n * width);
  const score = new Float64Array(n * width);
  const seen = new Int32Array(m).fill(-1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const base = i * listed;
    for (let k = 0; k < (listSize[i] ?? 0); k++) {
      const j = listMentor[base + k] ?? 0;
      seen[j] = i;
      mentor[at] = j;
      score[at++] = listScore[base + k] ?? 0;
    }
    if (refresh) {
      readRow(i);
      for (let k = 0; k < (listSize[i] ?? 0); k++) {
        const j = listMentor[base + k] ?? 0;
        if (seen[j] === i) continue;
        mentor[at] = j;
        score[at++] = listScore[base + k] ?? 0;
      }
    }
    start[i + 1] = at;
  }
  const mentorOf = new Int32Array(n).fill(-1);
  for (let j = 0; j < m; j++) {
    for (let place = placeStart[j] ?? 0; place < (placeStart[j + 1] ?? 0); place++) {
      const holder = placeHolder[place] ?? -1;
      if (holder >= 0) mentorOf[holder] = j;
    }
  }
  return {
    start,
    mentor: mentor.slice(0, at),
    mentorOf,
    score: score.slice(0, at),
    price,
    rowReads,
    bids,
  };
}
