/**
 * Maximum-score assignment of mentees to mentors with capacities (a bipartite b-matching).
 *
 * Formulated as a min-cost flow: source → mentee (1) → mentor (score as negative cost) → sink
 * (capacity), plus one zero-cost "stays unmatched" arc from each mentee to the sink, so that every
 * mentee is routed and the cheapest flow is the assignment of maximum total score. Mentees are added
 * one at a time (the Hungarian method, row by row): each addition is one Dijkstra over reduced costs
 * in a binary heap, stopped as soon as the sink is reached, on the sparse list of candidate pairs.
 * Node potentials keep reduced costs non-negative; at the end they give an LP dual solution that
 * certifies optimality (see `verifyOptimal`).
 */

export type Candidate = { mentee: number; mentor: number; score: number };

export type AssignmentProblem = {
  menteeCount: number;
  /** How many mentees each mentor may take; the mentor count is this array's length. */
  mentorCapacities: readonly number[];
  /** Allowed pairs. A pair that is absent, or has a score ≤ 0, is never formed. */
  candidates: readonly Candidate[];
};

/**
 * The same problem over every pair, without listing them: `scoreRow(i, out)` fills `out` with the
 * score of mentee i and each mentor (≤ 0 when the pair is not allowed). A cohort of 30,000 × 10,000
 * has 300 million pairs: recomputing a row is cheap, storing them all is not.
 */
export type RowProblem = {
  menteeCount: number;
  mentorCapacities: readonly number[];
  scoreRow(mentee: number, out: Float64Array): void;
  /**
   * Optional, the same as reading rows and keeping their best: at the prices `price` (read live,
   * the array may change between calls), the (up to) `count` allowed mentors of largest
   * score − price[j] above `floor`, best first, lower index first among equal values. Lets a
   * compiled cohort skip the mentors that cannot enter the list instead of scoring every pair.
   */
  pricedRows?(price: Float64Array): PricedRows;
  /** Optional: the problem of every `step`-th mentee and mentor, for a cheap first guess. */
  sample?(step: number): RowProblem;
};

/**
 * A reader of priced rows. It prunes with the prices as they were at its creation or its last
 * `snapshot()`: its answers are exact as long as no price has fallen below that since.
 */
export type PricedRows = {
  snapshot(): void;
  best(mentee: number, count: number, best: BestOfRow, floor?: number): number;
};

/** Where `bestOfRow` writes (each at least `count` long). */
export type BestOfRow = { mentors: Int32Array; values: Float64Array; scores: Float64Array };

export type Assignment = {
  /** For each mentee, the index of their mentor, or -1 when unmatched. */
  mentorOf: Int32Array;
  /** For each mentee, the score of their pair (0 when unmatched). */
  scoreOf: Float64Array;
  totalScore: number;
};

/**
 * A solution of the dual of the assignment LP: minimise Σ menteeDual + Σ capacity × mentorDual
 * subject to menteeDual[i] + mentorDual[j] ≥ score(i, j) and both ≥ 0. By weak duality, every
 * assignment scores at most the dual objective; an assignment that reaches it is optimal.
 */
export type OptimalityCertificate = { menteeDual: Float64Array; mentorDual: Float64Array };

export type SolvedAssignment = Assignment & { certificate: OptimalityCertificate };

/** Candidates grouped by mentee (compressed rows), positive scores only, duplicates rejected. */
export type CandidateRows = { start: Int32Array; mentor: Int32Array; score: Float64Array };

export function candidateRows(problem: AssignmentProblem): CandidateRows {
  const { menteeCount, mentorCapacities, candidates } = problem;
  const mentorCount = mentorCapacities.length;
  const start = new Int32Array(menteeCount + 1);
  for (const { mentee, mentor, score } of candidates) {
    if (!Number.isInteger(mentee) || mentee < 0 || mentee >= menteeCount) {
      throw new RangeError(`Unknown mentee index ${mentee}`);
    }
    if (!Number.isInteger(mentor) || mentor < 0 || mentor >= mentorCount) {
      throw new RangeError(`Unknown mentor index ${mentor}`);
    }
    if (!Number.isFinite(score)) throw new RangeError(`Score must be finite, got ${score}`);
    if (score > 0) start[mentee + 1] = (start[mentee + 1] ?? 0) + 1;
  }
  for (let i = 0; i < menteeCount; i++) start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
  const edgeCount = start[menteeCount] ?? 0;
  const mentor = new Int32Array(edgeCount);
  const score = new Float64Array(edgeCount);
  const next = start.slice(0, menteeCount);
  for (const candidate of candidates) {
    if (candidate.score <= 0) continue;
    const at = next[candidate.mentee] ?? 0;
    next[candidate.mentee] = at + 1;
    mentor[at] = candidate.mentor;
    score[at] = candidate.score;
  }
  // A duplicated pair would make the score of an assigned pair ambiguous.
  const seenFor = new Int32Array(mentorCount).fill(-1);
  for (let i = 0; i < menteeCount; i++) {
    for (let e = start[i] ?? 0; e < (start[i + 1] ?? 0); e++) {
      const j = mentor[e] ?? 0;
      if (seenFor[j] === i) throw new RangeError(`Pair (${i}, ${j}) is listed twice`);
      seenFor[j] = i;
    }
  }
  return { start, mentor, score };
}

/** A binary min-heap of node ids keyed by `keys`, with decrease-key. */
class NodeHeap {
  private readonly nodes: Int32Array;
  private readonly position: Int32Array;
  private size = 0;

  constructor(
    capacity: number,
    private readonly keys: Float64Array,
  ) {
    this.nodes = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  peekKey(): number {
    return this.keys[this.nodes[0] ?? 0] ?? Number.POSITIVE_INFINITY;
  }

  /** Inserts the node, or moves it up after its key decreased. */
  upsert(node: number): void {
    let at = this.position[node] ?? -1;
    if (at < 0) {
      at = this.size++;
      this.nodes[at] = node;
      this.position[node] = at;
    }
    this.siftUp(at);
  }

  pop(): number {
    const top = this.nodes[0] ?? -1;
    this.position[top] = -1;
    this.size--;
    if (this.size > 0) {
      const last = this.nodes[this.size] ?? 0;
      this.nodes[0] = last;
      this.position[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  clear(): void {
    for (let at = 0; at < this.size; at++) this.position[this.nodes[at] ?? 0] = -1;
    this.size = 0;
  }

  private siftUp(from: number): void {
    const node = this.nodes[from] ?? 0;
    const key = this.keys[node] ?? 0;
    let at = from;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = this.nodes[parentAt] ?? 0;
      if ((this.keys[parent] ?? 0) <= key) break;
      this.nodes[at] = parent;
      this.position[parent] = at;
      at = parentAt;
    }
    this.nodes[at] = node;
    this.position[node] = at;
  }

  private siftDown(from: number): void {
    const node = this.nodes[from] ?? 0;
    const key = this.keys[node] ?? 0;
    let at = from;
    for (;;) {
      let childAt = 2 * at + 1;
      if (childAt >= this.size) break;
      const right = childAt + 1;
      if (
        right < this.size &&
        (this.keys[this.nodes[right] ?? 0] ?? 0) < (this.keys[this.nodes[childAt] ?? 0] ?? 0)
      ) {
        childAt = right;
      }
      const child = this.nodes[childAt] ?? 0;
      if ((this.keys[child] ?? 0) >= key) break;
      this.nodes[at] = child;
      this.position[child] = at;
      at = childAt;
    }
    this.nodes[at] = node;
    this.position[node] = at;
  }
}

/** Returns an assignment of maximum total score, with a certificate of its optimality. */
export function solveAssignment(problem: AssignmentProblem): SolvedAssignment {
  return solveRows(candidateRows(problem), problem.mentorCapacities);
}

/** The same, on candidates already grouped by mentee (positive scores, no duplicates). */
export function solveRows(rows: CandidateRows, capacities: readonly number[]): SolvedAssignment {
  return startSolving(rows, capacities).result();
}

/** A solved assignment that can take more candidates without starting again (see `reroute`). */
export type IncrementalAssignment = {
  /**
   * Takes the candidates grown by new pairs for the given mentees and restores optimality: each
   * of those mentees that a new pair would pay is taken out of its place and routed again.
   */
  reroute(rows: CandidateRows, mentees: Iterable<number>): void;
  result(): SolvedAssignment;
};

/**
 * A guess to start from, e.g. an auction's: who holds which mentor, and each mentor's price. Only
 * a start: the pairs the guess gets wrong are taken out and routed again, as by `reroute`.
 */
export type WarmStart = { mentorOf: Int32Array; price: Float64Array };

/**
 * Solves on the candidates and keeps the solution for `reroute`: mentee by mentee, or from a
 * guess when one is given.
 */
export function startSolving(
  initialRows: CandidateRows,
  capacities: readonly number[],
  warm?: WarmStart,
): IncrementalAssignment {
  let rows = initialRows;
  const n = rows.start.length - 1;
  const m = capacities.length;

  // Mentee i is node i, mentor j is node n + j, the sink is node n + m, with potential 0 throughout.
  const sink = n + m;
  const potential = new Float64Array(n + m + 1);
  const distance = new Float64Array(n + m + 1).fill(Number.POSITIVE_INFINITY);
  const predecessor = new Int32Array(n + m + 1).fill(-1);
  /** For a mentor node, the score of the mentee→mentor pair used to reach it. */
  const arrivalScore = new Float64Array(n + m + 1);
  const heap = new NodeHeap(n + m + 1, distance);
  const touched: number[] = [];

  const mentorOf = new Int32Array(n).fill(-1);
  const scoreOf = new Float64Array(n);
  const slotStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) {
    const capacity = capacities[j] ?? 0;
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError(`Capacity must be a non-negative integer, got ${capacity}`);
    }
    slotStart[j + 1] = (slotStart[j] ?? 0) + capacity;
  }
  const slotMentee = new Int32Array(slotStart[m] ?? 0);
  const load = new Int32Array(m);

  const addToMentor = (j: number, i: number): void => {
    slotMentee[(slotStart[j] ?? 0) + (load[j] ?? 0)] = i;
    load[j] = (load[j] ?? 0) + 1;
  };
  const removeFromMentor = (j: number, i: number): void => {
    const first = slotStart[j] ?? 0;
    const last = first + (load[j] ?? 0) - 1;
    for (let at = first; at <= last; at++) {
      if (slotMentee[at] === i) {
        slotMentee[at] = slotMentee[last] ?? 0;
        break;
      }
    }
    load[j] = (load[j] ?? 0) - 1;
  };
  const reach = (node: number, from: number, at: number): void => {
    if (distance[node] === Number.POSITIVE_INFINITY) touched.push(node);
    distance[node] = at;
    predecessor[node] = from;
    heap.upsert(node);
  };

  /** Adds the mentees one at a time, each by a shortest path to the sink (see the header). */
  const insertAll = (): void => {
    for (let root = 0; root < n; root++) {
      const first = rows.start[root] ?? 0;
      const end = rows.start[root + 1] ?? 0;
      if (first === end) continue;

      // A new mentee's potential is free: pick the smallest keeping its arcs' reduced costs ≥ 0.
      let rootPotential = 0;
      for (let e = first; e < end; e++) {
        const j = rows.mentor[e] ?? 0;
        rootPotential = Math.max(rootPotential, (potential[n + j] ?? 0) + (rows.score[e] ?? 0));
      }
      potential[root] = rootPotential;

      // Dijkstra from the new mentee to the sink. The sink is reached through a mentor with room
      // left, or through a mentee's "stays unmatched" arc (the new mentee's own included).
      reach(root, -1, 0);
      let sinkDistance = rootPotential;
      let sinkFrom = root;
      while (!heap.isEmpty && heap.peekKey() < sinkDistance) {
        const node = heap.pop();
        const nodeDistance = distance[node] ?? 0;
        const nodePotential = potential[node] ?? 0;
        if (node < n) {
          const i = node;
          const current = mentorOf[i] ?? -1;
          for (let e = rows.start[i] ?? 0; e < (rows.start[i + 1] ?? 0); e++) {
            const j = rows.mentor[e] ?? 0;
            if (j === current) continue;
            const score = rows.score[e] ?? 0;
            const at = nodeDistance - score + nodePotential - (potential[n + j] ?? 0);
            if (at < sinkDistance && at < (distance[n + j] ?? 0)) {
              reach(n + j, i, at);
              arrivalScore[n + j] = score;
              if ((load[j] ?? 0) < (capacities[j] ?? 0)) {
                const viaRoom = at + (potential[n + j] ?? 0);
                if (viaRoom < sinkDistance) {
                  sinkDistance = viaRoom;
                  sinkFrom = n + j;
                }
              }
            }
          }
        } else {
          const j = node - n;
          for (let at = slotStart[j] ?? 0; at < (slotStart[j] ?? 0) + (load[j] ?? 0); at++) {
            const i = slotMentee[at] ?? 0;
            const reached = nodeDistance + (scoreOf[i] ?? 0) + nodePotential - (potential[i] ?? 0);
            if (reached < sinkDistance && reached < (distance[i] ?? 0)) {
              reach(i, node, reached);
              const viaUnmatched = reached + (potential[i] ?? 0);
              if (viaUnmatched < sinkDistance) {
                sinkDistance = viaUnmatched;
                sinkFrom = i;
              }
            }
          }
        }
      }
      heap.clear();

      // Potentials of nodes settled closer than the sink drop by their slack; others are unchanged
      // (equivalent to adding min(distance, sinkDistance) to every node, minus a constant).
      for (const node of touched) {
        const slack = sinkDistance - (distance[node] ?? 0);
        if (slack > 0) potential[node] = (potential[node] ?? 0) - slack;
        distance[node] = Number.POSITIVE_INFINITY;
      }
      touched.length = 0;

      // Augment along the path, from its end back to the new mentee.
      let receiving: number;
      if (sinkFrom < n) {
        if (sinkFrom === root) continue;
        const leaving = sinkFrom;
        receiving = mentorOf[leaving] ?? 0;
        removeFromMentor(receiving, leaving);
        mentorOf[leaving] = -1;
        scoreOf[leaving] = 0;
      } else {
        receiving = sinkFrom - n;
      }
      for (;;) {
        const moving = predecessor[n + receiving] ?? 0;
        const previous = mentorOf[moving] ?? -1;
        if (previous >= 0) removeFromMentor(previous, moving);
        addToMentor(receiving, moving);
        mentorOf[moving] = receiving;
        scoreOf[moving] = arrivalScore[n + receiving] ?? 0;
        if (moving === root) break;
        receiving = previous;
      }
    }
  };

  /** Places held for a mentee taken out by `reroute`, until a path fills or frees them. */
  const reserved = new Int32Array(m);
  /** Mentees taken out and not yet routed again: no flow enters them, nothing reaches them. */
  const free = new Uint8Array(n);
  let sinkDeficit = 0;
  const hasRoom = (j: number) => (load[j] ?? 0) + (reserved[j] ?? 0) < (capacities[j] ?? 0);
  let target = -1;
  let targetDistance = Number.POSITIVE_INFINITY;
  const isTarget = (node: number) =>
    node === sink ? sinkDeficit > 0 : node >= n && (reserved[node - n] ?? 0) > 0;
  const relax = (node: number, from: number, at: number): void => {
    if (at >= (distance[node] ?? 0) || at >= targetDistance) return;
    reach(node, from, at);
    if (isTarget(node)) {
      target = node;
      targetDistance = at;
    }
  };

  /**
   * One shortest path, over the whole residual graph (the sink included, as a node), from a mentee
   * taken out to the nearest place left by one: a reserved place, or the sink's if the mentee was
   * unmatched. Paths may go through the sink: a mentee moves to a mentor with room or becomes
   * unmatched, while another mentor gives up a place or an unmatched mentee takes one. The search
   * stops once nothing left in the heap is closer than the best place found.
   */
  const route = (root: number): void => {
    target = -1;
    targetDistance = Number.POSITIVE_INFINITY;
    reach(root, -1, 0);
    while (!heap.isEmpty && heap.peekKey() < targetDistance) {
      const node = heap.pop();
      const d = distance[node] ?? 0;
      const nodePotential = potential[node] ?? 0;
      if (node < n) {
        const current = mentorOf[node] ?? -1;
        for (let e = rows.start[node] ?? 0; e < (rows.start[node + 1] ?? 0); e++) {
          const j = rows.mentor[e] ?? 0;
          if (j === current) continue;
          const score = rows.score[e] ?? 0;
          const at = d - score + nodePotential - (potential[n + j] ?? 0);
          if (at < (distance[n + j] ?? 0) && at < targetDistance) {
            relax(n + j, node, at);
            arrivalScore[n + j] = score;
          }
        }
        if (current >= 0 || node === root) relax(sink, node, d + nodePotential);
      } else if (node < sink) {
        const j = node - n;
        for (let at = slotStart[j] ?? 0; at < (slotStart[j] ?? 0) + (load[j] ?? 0); at++) {
          const i = slotMentee[at] ?? 0;
          relax(i, node, d + (scoreOf[i] ?? 0) + nodePotential - (potential[i] ?? 0));
        }
        if (hasRoom(j)) relax(sink, node, d + nodePotential);
      } else {
        for (let j = 0; j < m; j++) {
          if ((load[j] ?? 0) + (reserved[j] ?? 0) > 0)
            relax(n + j, sink, d - (potential[n + j] ?? 0));
        }
        for (let i = 0; i < n; i++) {
          if ((mentorOf[i] ?? -1) < 0 && free[i] === 0 && i !== root) {
            relax(i, sink, d - (potential[i] ?? 0));
          }
        }
      }
    }
    heap.clear();
    for (const node of touched) {
      const nodeDistance = distance[node] ?? 0;
      if (nodeDistance < targetDistance) {
        potential[node] = (potential[node] ?? 0) + nodeDistance - targetDistance;
      }
      distance[node] = Number.POSITIVE_INFINITY;
    }
    touched.length = 0;
    const shift = potential[sink] ?? 0;
    if (shift !== 0)
      for (let node = 0; node <= sink; node++) potential[node] = (potential[node] ?? 0) - shift;

    // Along the path, from the place it ends at back to the mentee: each arc is a move.
    if (target === sink) sinkDeficit--;
    else reserved[target - n] = (reserved[target - n] ?? 0) - 1;
    for (let node = target; node !== root; ) {
      const from = predecessor[node] ?? -1;
      if (from < n && node >= n && node < sink) {
        addToMentor(node - n, from);
        mentorOf[from] = node - n;
        scoreOf[from] = arrivalScore[node] ?? 0;
      } else if (from >= n && from < sink && node < n) {
        removeFromMentor(from - n, node);
      } else if (from < n && node === sink) {
        mentorOf[from] = -1;
        scoreOf[from] = 0;
      }
      node = from;
    }
    free[root] = 0;
  };

  /**
   * Takes out, and routes again, each of the mentees that one of its pairs would pay (a negative
   * reduced cost): its place is held until a path fills or frees it.
   */
  const rerouteWhereNeeded = (mentees: Iterable<number>): void => {
    const taken: number[] = [];
    for (const i of mentees) {
      if (free[i] === 1) continue;
      const own = potential[i] ?? 0;
      // A placed mentee's potential must also keep its "stays unmatched" arc at a cost ≥ 0.
      let needed = (mentorOf[i] ?? -1) >= 0 ? Math.max(own, 0) : own;
      for (let e = rows.start[i] ?? 0; e < (rows.start[i + 1] ?? 0); e++) {
        const j = rows.mentor[e] ?? 0;
        needed = Math.max(needed, (potential[n + j] ?? 0) + (rows.score[e] ?? 0));
      }
      if (needed <= own + 1e-9 * Math.max(1, Math.abs(own))) continue;
      const j = mentorOf[i] ?? -1;
      if (j >= 0) {
        removeFromMentor(j, i);
        reserved[j] = (reserved[j] ?? 0) + 1;
      } else sinkDeficit++;
      mentorOf[i] = -1;
      scoreOf[i] = 0;
      free[i] = 1;
      potential[i] = Math.max(0, needed);
      taken.push(i);
    }
    for (const i of taken) route(i);
  };

  /**
   * Takes the guess's pairs that are candidates, within capacities, and its prices as the
   * mentors' potentials (0 for a mentor with room left, as optimality requires), each placed
   * mentee's potential being what its pair earns beyond its mentor's price: every arc of the
   * residual graph then has a reduced cost ≥ 0 but those out of mentees that a better pair would
   * pay, which are taken out and routed again.
   */
  const startFrom = ({ mentorOf: guess, price }: WarmStart): void => {
    for (let i = 0; i < n; i++) {
      const j = guess[i] ?? -1;
      if (j < 0 || (load[j] ?? 0) >= (capacities[j] ?? 0)) continue;
      for (let e = rows.start[i] ?? 0; e < (rows.start[i + 1] ?? 0); e++) {
        if (rows.mentor[e] !== j) continue;
        addToMentor(j, i);
        mentorOf[i] = j;
        scoreOf[i] = rows.score[e] ?? 0;
        break;
      }
    }
    for (let j = 0; j < m; j++) {
      const value = price[j] ?? 0;
      const full = (load[j] ?? 0) >= (capacities[j] ?? 0);
      potential[n + j] = full && Number.isFinite(value) && value > 0 ? -value : 0;
    }
    for (let i = 0; i < n; i++) {
      const j = mentorOf[i] ?? -1;
      potential[i] = j < 0 ? 0 : (scoreOf[i] ?? 0) + (potential[n + j] ?? 0);
    }
    rerouteWhereNeeded(Array.from({ length: n }, (_, i) => i));
  };

  if (warm) startFrom(warm);
  else insertAll();

  return {
    reroute(grown, mentees) {
      rows = grown;
      rerouteWhereNeeded(mentees);
    },
    result() {
      let totalScore = 0;
      for (let i = 0; i < n; i++) totalScore += scoreOf[i] ?? 0;
      const menteeDual = new Float64Array(n);
      for (let i = 0; i < n; i++) menteeDual[i] = Math.max(0, potential[i] ?? 0);
      const mentorDual = new Float64Array(m);
      for (let j = 0; j < m; j++) mentorDual[j] = Math.max(0, -(potential[n + j] ?? 0));
      return {
        mentorOf: mentorOf.slice(),
        scoreOf: scoreOf.slice(),
        totalScore,
        certificate: { menteeDual, mentorDual },
      };
    },
  };
}

/** Best score first: the simple rule a person would follow by hand; used to report the gain. */
export function greedyAssignment(problem: AssignmentProblem): Assignment {
  const n = problem.menteeCount;
  const capacities = problem.mentorCapacities;
  const order = problem.candidates
    .filter((candidate) => candidate.score > 0)
    .sort((a, b) => b.score - a.score || a.mentee - b.mentee || a.mentor - b.mentor);
  const mentorOf = new Int32Array(n).fill(-1);
  const scoreOf = new Float64Array(n);
  const load = new Int32Array(capacities.length);
  let totalScore = 0;
  for (const { mentee, mentor, score } of order) {
    if (mentorOf[mentee] !== -1 || (load[mentor] ?? 0) >= (capacities[mentor] ?? 0)) continue;
    mentorOf[mentee] = mentor;
    scoreOf[mentee] = score;
    load[mentor] = (load[mentor] ?? 0) + 1;
    totalScore += score;
  }
  return { mentorOf, scoreOf, totalScore };
}
