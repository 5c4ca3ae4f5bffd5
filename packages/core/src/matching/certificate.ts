/**
 * The independent check of a matching: is the assignment feasible, and does the dual solution
 * prove that no assignment scores more? It trusts nothing from the solver but the numbers it is
 * given, and recomputes every pair's score from the problem itself — every pair of the cohort, not
 * only the candidates the solver looked at. Linear in the number of pairs, memory linear in the
 * number of people.
 */
import {
  type Assignment,
  type AssignmentProblem,
  candidateRows,
  type OptimalityCertificate,
  type RowProblem,
} from "./solver";

export type Verdict = { ok: true } | { ok: false; reason: string };

/** A listed problem seen row by row: an absent pair scores 0 (not allowed). */
export function rowsOf(problem: AssignmentProblem): RowProblem {
  const rows = candidateRows(problem);
  return {
    menteeCount: problem.menteeCount,
    mentorCapacities: problem.mentorCapacities,
    scoreRow(i, out) {
      out.fill(0);
      for (let e = rows.start[i] ?? 0; e < (rows.start[i + 1] ?? 0); e++) {
        out[rows.mentor[e] ?? 0] = rows.score[e] ?? 0;
      }
    },
  };
}

function asRows(problem: AssignmentProblem | RowProblem): RowProblem | Verdict {
  if ("scoreRow" in problem) return problem;
  try {
    return rowsOf(problem);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

/**
 * Checks both at once, in one pass over the rows: the assignment uses allowed pairs at their score
 * within capacities and adds up to its total; the certificate is dual feasible (menteeDual[i] +
 * mentorDual[j] ≥ score(i, j) for every allowed pair, both ≥ 0) and its objective equals the total.
 * Then, by weak duality, no assignment can score more.
 */
function check(
  problem: AssignmentProblem | RowProblem,
  assignment: Assignment,
  certificate: OptimalityCertificate | undefined,
): Verdict {
  const rows = asRows(problem);
  if (!("scoreRow" in rows)) return rows;
  const n = rows.menteeCount;
  const capacities = rows.mentorCapacities;
  const m = capacities.length;
  const row = new Float64Array(m);
  const load = new Int32Array(m);
  const tolerance = 1e-9 * Math.max(1, Math.abs(assignment.totalScore));
  let total = 0;
  let dualObjective = 0;
  if (certificate) {
    for (let j = 0; j < m; j++) {
      const value = certificate.mentorDual[j] ?? Number.NaN;
      if (!(value >= 0)) return { ok: false, reason: `mentor dual ${j} is negative` };
      dualObjective += (capacities[j] ?? 0) * value;
    }
  }
  for (let i = 0; i < n; i++) {
    rows.scoreRow(i, row);
    const j = assignment.mentorOf[i] ?? -1;
    if (j !== -1) {
      const score = row[j] ?? 0;
      if (!(j >= 0 && j < m) || !(score > 0)) {
        return { ok: false, reason: `mentee ${i} is given mentor ${j}, not an allowed pair` };
      }
      if (assignment.scoreOf[i] !== score) {
        return { ok: false, reason: `mentee ${i} has the wrong score` };
      }
      load[j] = (load[j] ?? 0) + 1;
      total += score;
    }
    if (!certificate) continue;
    const own = certificate.menteeDual[i] ?? Number.NaN;
    if (!(own >= 0)) return { ok: false, reason: `mentee dual ${i} is negative` };
    dualObjective += own;
    const { mentorDual } = certificate;
    for (let k = 0; k < m; k++) {
      if (own + (mentorDual[k] ?? 0) < (row[k] ?? 0) - tolerance) {
        return { ok: false, reason: `pair (${i}, ${k}) violates the dual constraint` };
      }
    }
  }
  for (let j = 0; j < m; j++) {
    if ((load[j] ?? 0) > (capacities[j] ?? 0)) {
      return { ok: false, reason: `mentor ${j} is over capacity` };
    }
  }
  if (Math.abs(total - assignment.totalScore) > tolerance) {
    return { ok: false, reason: "the total score does not add up" };
  }
  if (certificate && Math.abs(dualObjective - assignment.totalScore) > tolerance) {
    return {
      ok: false,
      reason: `dual objective ${dualObjective} differs from total ${assignment.totalScore}`,
    };
  }
  return { ok: true };
}

/** Checks that an assignment respects the allowed pairs, the capacities and its stated total. */
export function verifyFeasible(
  problem: AssignmentProblem | RowProblem,
  assignment: Assignment,
): Verdict {
  return check(problem, assignment, undefined);
}

/**
 * Proves that a feasible assignment has the maximum total score over every allowed pair: the
 * certificate must be dual feasible and its objective must equal the assignment's total.
 */
export function verifyOptimal(
  problem: AssignmentProblem | RowProblem,
  assignment: Assignment,
  certificate: OptimalityCertificate,
): Verdict {
  return check(problem, assignment, certificate);
}
