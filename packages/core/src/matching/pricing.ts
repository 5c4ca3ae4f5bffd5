/**
 * Maximum-score assignment over every pair of a cohort too large to list (30,000 × 10,000 is 300
 * million pairs), exact, by pricing: solve on a few candidates per mentee, then scan every pair
 * for one the solution's dual prices say would pay (score(i, j) > menteeDual[i] + mentorDual[j]);
 * add those and solve again. When the scan finds none, the dual solution is feasible for the whole
 * problem and its objective equals the total, so the assignment is optimal over every pair (weak
 * duality) — the same certificate `verifyOptimal` then checks on its own.
 *
 * The first candidates come from an auction (`auction.ts`), which learns cheaply what the
 * competition makes each mentor worth, so that one solve and one or two scans usually suffice;
 * only the exact solve and the scans decide optimality, the auction merely guesses. A later round
 * does not solve again: it takes out the few mentees a new pair pays and routes them again
 * (`reroute` in `solver.ts`), keeping everyone else's place and every price.
 *
 * Why not classes of alike people: the score depends on availability slots and sites, and on the
 * bench's cohort 30,000 mentees fall into 29,987 distinct profiles (18,552 without the slots), so
 * there is nothing to collapse. Pricing needs no such structure, only a cheap row of scores.
 */
import { auctionCandidates, guessPrice } from "./auction";
import {
  type BestOfRow,
  type CandidateRows,
  type RowProblem,
  type SolvedAssignment,
  startSolving,
  type WarmStart,
} from "./solver";

export type PricingOptions = {
  /**
   * How the first candidates are chosen: by an auction on the whole cohort (`auction.ts`: the
   * mentors best once priced by the competition), or as each mentee's best-scored mentors.
   */
  seed?: "auction" | "bestScores";
  /** Candidates kept per mentee before the first solve. */
  initialCandidates?: number;
  /** At most this many paying pairs added per mentee and per scan: the best-paying ones. */
  addedPerScan?: number;
  /**
   * Also add pairs that fall short of paying by at most this much: the next solve moves the prices
   * a little, and these are the pairs that then pay, so adding them early saves whole rounds.
   */
  margin?: number;
  /** Called after each scan, e.g. to report progress: the scan's number and the pairs added. */
  onScan?: (scan: {
    round: number;
    added: number;
    paying: number;
    candidates: number;
    solveMs: number;
  }) => void;
};

export type PricedAssignment = SolvedAssignment & { rounds: number; candidates: number };

/** Per mentee, a growable list of candidate mentors (with their scores). */
class CandidateLists {
  readonly mentors: number[][];
  readonly scores: number[][];
  size = 0;

  constructor(menteeCount: number) {
    this.mentors = Array.from({ length: menteeCount }, () => []);
    this.scores = Array.from({ length: menteeCount }, () => []);
  }

  add(i: number, j: number, score: number): void {
    this.mentors[i]?.push(j);
    this.scores[i]?.push(score);
    this.size++;
  }

  rows(): CandidateRows {
    const n = this.mentors.length;
    const start = new Int32Array(n + 1);
    const mentor = new Int32Array(this.size);
    const score = new Float64Array(this.size);
    let at = 0;
    for (let i = 0; i < n; i++) {
      const list = this.mentors[i] ?? [];
      const scores = this.scores[i] ?? [];
      for (let k = 0; k < list.length; k++) {
        mentor[at] = list[k] ?? 0;
        score[at] = scores[k] ?? 0;
        at++;
      }
      start[i + 1] = at;
    }
    return { start, mentor, score };
  }
}

/**
 * Into `into`, the `count` allowed mentors (score > 0) of largest score − price among those above
 * `floor`, best first: a bounded insertion list, linear in the row for the small counts used here.
 */
function best(
  row: Float64Array,
  price: Float64Array | undefined,
  floor: number,
  count: number,
  into: Int32Array,
  value: Float64Array,
): number {
  let size = 0;
  let worst = floor;
  for (let j = 0; j < row.length; j++) {
    const score = row[j] ?? 0;
    if (score <= 0) continue;
    const v = price ? score - (price[j] ?? 0) : score;
    if (v <= worst) continue;
    let at = size < count ? size++ : size - 1;
    while (at > 0 && (value[at - 1] ?? 0) < v) {
      into[at] = into[at - 1] ?? 0;
      value[at] = value[at - 1] ?? 0;
      at--;
    }
    into[at] = j;
    value[at] = v;
    if (size === count) worst = value[size - 1] ?? floor;
  }
  return size;
}

function bestOfRowBuffers(size: number): BestOfRow {
  return {
    mentors: new Int32Array(size),
    values: new Float64Array(size),
    scores: new Float64Array(size),
  };
}

export function solveByPricing(
  problem: RowProblem,
  options: PricingOptions = {},
): PricedAssignment {
  const n = problem.menteeCount;
  const capacities = problem.mentorCapacities;
  const m = capacities.length;
  const byAuction = (options.seed ?? "auction") === "auction";
  const initial = Math.max(1, options.initialCandidates ?? (byAuction ? 16 : 10));
  const addedPerScan = Math.max(1, options.addedPerScan ?? (byAuction ? 4 : 20));
  const margin = Math.max(0, options.margin ?? (byAuction ? 0 : 4));
  const lists = new CandidateLists(n);
  const row = new Float64Array(m);
  const chosen = new Int32Array(Math.max(initial, addedPerScan));
  const chosenValue = new Float64Array(chosen.length);

  let warm: WarmStart | undefined;
  if (byAuction) {
    const seed = auctionCandidates(problem, {
      listed: initial,
      initialPrice: guessPrice(problem),
    });
    warm = { mentorOf: seed.mentorOf, price: seed.price };
    for (let i = 0; i < n; i++) {
      for (let e = seed.start[i] ?? 0; e < (seed.start[i + 1] ?? 0); e++) {
        lists.add(i, seed.mentor[e] ?? 0, seed.score[e] ?? 0);
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      problem.scoreRow(i, row);
      const size = best(row, undefined, 0, initial, chosen, chosenValue);
      for (let k = 0; k < size; k++) {
        const j = chosen[k] ?? 0;
        lists.add(i, j, row[j] ?? 0);
      }
    }
  }

  // The first solve starts from nothing; later ones keep the solution and route again only the
  // mentees that a new pair pays (`reroute`), so a round costs a scan, not a solve.
  let top = bestOfRowBuffers(64);
  const listedFor = new Int32Array(m).fill(-1);
  let solveStart = performance.now();
  const solver = startSolving(lists.rows(), capacities, warm);
  let grown: number[] = [];
  for (let round = 1; ; round++) {
    if (round > 1) {
      solveStart = performance.now();
      solver.reroute(lists.rows(), grown);
    }
    const solved = solver.result();
    const solveMs = performance.now() - solveStart;
    const { menteeDual, mentorDual } = solved.certificate;
    let added = 0;
    let paying = 0;
    grown = [];
    const rows = problem.pricedRows?.(mentorDual);
    for (let i = 0; i < n; i++) {
      // What pairing i with j earns beyond j's price; it pays when above i's own price. A listed
      // pair never pays (the sparse solution's dual covers it), and is not listed twice.
      const own = menteeDual[i] ?? 0;
      const mentors = lists.mentors[i] ?? [];
      let size = 0;
      if (rows) {
        // The best priced mentors, enough of them to leave `addedPerScan` once the listed are out.
        const count = mentors.length + addedPerScan;
        if (top.mentors.length < count) top = bestOfRowBuffers(2 * count);
        for (const j of mentors) listedFor[j] = i;
        const kept = rows.best(i, count, top, own - margin);
        for (let k = 0; k < kept && size < addedPerScan; k++) {
          const j = top.mentors[k] ?? 0;
          const value = top.values[k] ?? 0;
          if (listedFor[j] === i) continue;
          if (value > own + 1e-9) paying++;
          lists.add(i, j, top.scores[k] ?? 0);
          size++;
        }
      } else {
        problem.scoreRow(i, row);
        for (const j of mentors) row[j] = 0;
        size = best(row, mentorDual, own - margin, addedPerScan, chosen, chosenValue);
        for (let k = 0; k < size; k++) {
          const j = chosen[k] ?? 0;
          if ((chosenValue[k] ?? 0) > own + 1e-9) paying++;
          lists.add(i, j, row[j] ?? 0);
        }
      }
      if (size > 0) grown.push(i);
      added += size;
    }
    options.onScan?.({ round, added, paying, candidates: lists.size, solveMs });
    if (paying === 0) return { ...solved, rounds: round, candidates: lists.size };
  }
}
