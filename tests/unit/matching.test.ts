import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AssignmentProblem,
  type Candidate,
  candidateRows,
  cohortProblem,
  compileCohort,
  evaluateFit,
  fitWeights,
  greedyAssignment,
  listCandidates,
  type MatchingMentee,
  type MatchingMentor,
  type MatchingSettings,
  proposeMatching,
  rowsOf,
  solveAssignment,
  solveByPricing,
  startSolving,
  verifyFeasible,
  verifyOptimal,
} from "../../packages/core/src/matching";
import { generateCohort } from "../bench/cohort";

const allowAll: MatchingSettings = { allowSameManagementLine: true, excludedPairs: [] };
const strict: MatchingSettings = { allowSameManagementLine: false, excludedPairs: [] };

function mentee(id: string, overrides: Partial<MatchingMentee> = {}): MatchingMentee {
  return {
    id,
    email: `${id}@example.gouv.fr`,
    priorityThemes: ["artificial-intelligence"],
    comfort: { "artificial-intelligence": 2 },
    formats: ["video"],
    availability: [],
    directorate: "DGE",
    managementLine: [id],
    ...overrides,
  };
}

function mentor(id: string, overrides: Partial<MatchingMentor> = {}): MatchingMentor {
  return {
    id,
    email: `${id}@example.gouv.fr`,
    capacity: 1,
    themes: [{ theme: "artificial-intelligence", level: 3 }],
    formats: ["video"],
    availability: [],
    directorate: "DGFiP",
    managementLine: [id],
    ...overrides,
  };
}

function scoreOf(a: MatchingMentee, b: MatchingMentor, settings = allowAll): number {
  const fit = evaluateFit(a, b, settings);
  if (!fit.allowed) throw new Error(`expected an allowed pair, got ${fit.blocker}`);
  return fit.score;
}

/** The best total by trying every assignment: only for tiny problems. */
function exhaustiveBest(problem: AssignmentProblem): number {
  const options: Candidate[][] = Array.from({ length: problem.menteeCount }, () => []);
  for (const candidate of problem.candidates) {
    if (candidate.score > 0) options[candidate.mentee]?.push(candidate);
  }
  const load = problem.mentorCapacities.map(() => 0);
  const explore = (i: number): number => {
    if (i === problem.menteeCount) return 0;
    let best = explore(i + 1);
    for (const { mentor, score } of options[i] ?? []) {
      if ((load[mentor] ?? 0) >= (problem.mentorCapacities[mentor] ?? 0)) continue;
      load[mentor] = (load[mentor] ?? 0) + 1;
      best = Math.max(best, score + explore(i + 1));
      load[mentor] = (load[mentor] ?? 0) - 1;
    }
    return best;
  };
  return explore(0);
}

const smallProblem: fc.Arbitrary<AssignmentProblem> = fc
  .record({
    menteeCount: fc.integer({ min: 0, max: 7 }),
    mentorCapacities: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 4 }),
  })
  .chain(({ menteeCount, mentorCapacities }) =>
    fc
      .array(fc.option(fc.integer({ min: -5, max: 30 }), { nil: undefined }), {
        minLength: menteeCount * mentorCapacities.length,
        maxLength: menteeCount * mentorCapacities.length,
      })
      .map((scores) => {
        const candidates: Candidate[] = [];
        scores.forEach((score, k) => {
          if (score === undefined) return;
          const mentor = k % mentorCapacities.length;
          candidates.push({ mentee: Math.floor(k / mentorCapacities.length), mentor, score });
        });
        return { menteeCount, mentorCapacities, candidates };
      }),
  );

const themeIds = ["social-networks", "artificial-intelligence", "collaborative-tools"];
const level = fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>;
const formats = fc.subarray(["site", "video", "phone"] as ("site" | "video" | "phone")[], {
  minLength: 1,
});
const slots = fc.subarray(["lundi-matin", "mardi-matin", "jeudi-soir"]);
const site = fc.option(fc.constantFrom("Bercy", "Ivry"), { nil: undefined });

const smallCohort = fc
  .record({
    menteeCount: fc.integer({ min: 0, max: 6 }),
    mentorCount: fc.integer({ min: 0, max: 4 }),
  })
  .chain(({ menteeCount, mentorCount }) =>
    fc.record({
      mentees: fc.tuple(
        ...Array.from({ length: menteeCount }, (_, i) =>
          fc.record({
            id: fc.constant(`mentee-${i}`),
            email: fc.constant(`mentee-${i}@example.gouv.fr`),
            priorityThemes: fc.shuffledSubarray(themeIds, { maxLength: 3 }),
            comfort: fc.record({
              "social-networks": level,
              "artificial-intelligence": level,
              "collaborative-tools": level,
            }),
            formats,
            availability: slots,
            site,
            directorate: fc.constant("DGE"),
            managementLine: fc
              .subarray(
                Array.from({ length: mentorCount }, (_, j) => `mentor-${j}`),
                {
                  maxLength: Math.min(1, mentorCount),
                },
              )
              .map((bosses) => [`mentee-${i}`, ...bosses]),
          }),
        ),
      ),
      mentors: fc.tuple(
        ...Array.from({ length: mentorCount }, (_, j) =>
          fc.record({
            id: fc.constant(`mentor-${j}`),
            email: fc.constant(`mentor-${j}@example.gouv.fr`),
            capacity: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
            themes: fc
              .shuffledSubarray(themeIds, { minLength: 1 })
              .chain((chosen) =>
                fc.tuple(...chosen.map((theme) => fc.record({ theme: fc.constant(theme), level }))),
              ),
            formats,
            availability: slots,
            site,
            directorate: fc.constant("DGFiP"),
            managementLine: fc
              .subarray(
                Array.from({ length: menteeCount }, (_, i) => `mentee-${i}`),
                {
                  maxLength: Math.min(1, menteeCount),
                },
              )
              .map((bosses) => [`mentor-${j}`, ...bosses]),
          }),
        ),
      ),
      settings: fc.record({
        allowSameManagementLine: fc.boolean(),
        excludedPairs: fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 5 }).map((i) => `mentee-${i}`),
            fc.integer({ min: 0, max: 3 }).map((j) => `mentor-${j}`),
          ),
          { maxLength: 3 },
        ),
      }),
    }),
  )
  .map(({ mentees, mentors, settings }) => ({
    mentees: mentees as MatchingMentee[],
    mentors: mentors as MatchingMentor[],
    settings: settings as MatchingSettings,
  }));

describe("fit rules", () => {
  it("refuses a pair with no format in common", () => {
    const fit = evaluateFit(mentee("a", { formats: ["site"] }), mentor("x"), allowAll);
    expect(fit).toEqual({ allowed: false, blocker: "noCommonFormat" });
  });

  it("refuses a mentor who covers none of the mentee's priority themes", () => {
    const other = mentor("x", { themes: [{ theme: "social-networks", level: 4 }] });
    expect(evaluateFit(mentee("a"), other, allowAll)).toEqual({
      allowed: false,
      blocker: "noPriorityThemeCovered",
    });
  });

  it("refuses a mentor in the mentee's line of management when the programme forbids it", () => {
    const boss = mentor("x", { email: "chef@example.gouv.fr" });
    const managed = mentee("a", { managementLine: ["a", "CHEF@example.gouv.fr"] });
    expect(evaluateFit(managed, boss, strict)).toEqual({
      allowed: false,
      blocker: "sameManagementLine",
    });
    expect(evaluateFit(managed, boss, allowAll).allowed).toBe(true);
  });

  it("refuses a mentor who reports to the mentee when the programme forbids it", () => {
    const report = mentor("x", { managementLine: ["x", "a@example.gouv.fr"] });
    expect(evaluateFit(mentee("a"), report, strict)).toEqual({
      allowed: false,
      blocker: "sameManagementLine",
    });
  });

  it("refuses to pair a person with themself", () => {
    const self = mentor("x", { email: "a@example.gouv.fr" });
    expect(evaluateFit(mentee("a"), self, strict).allowed).toBe(false);
  });

  it("refuses a pair the programme team excluded", () => {
    const settings: MatchingSettings = {
      allowSameManagementLine: true,
      excludedPairs: [["a", "x"]],
    };
    expect(evaluateFit(mentee("a"), mentor("x"), settings)).toEqual({
      allowed: false,
      blocker: "excluded",
    });
    expect(evaluateFit(mentee("a"), mentor("y"), settings).allowed).toBe(true);
  });

  it("rewards the first priority theme more than the last", () => {
    const wants = mentee("a", {
      priorityThemes: ["artificial-intelligence", "social-networks"],
      comfort: { "artificial-intelligence": 2, "social-networks": 2 },
    });
    const first = mentor("x", { themes: [{ theme: "artificial-intelligence", level: 3 }] });
    const second = mentor("y", { themes: [{ theme: "social-networks", level: 3 }] });
    expect(scoreOf(wants, first)).toBeGreaterThan(scoreOf(wants, second));
  });

  it("rewards a higher mentor level", () => {
    const expert = mentor("x", { themes: [{ theme: "artificial-intelligence", level: 4 }] });
    const beginner = mentor("y", { themes: [{ theme: "artificial-intelligence", level: 1 }] });
    expect(scoreOf(mentee("a"), expert)).toBeGreaterThan(scoreOf(mentee("a"), beginner));
  });

  it("weighs a theme more when the mentee is less at ease with it", () => {
    const uneasy = mentee("a", { comfort: { "artificial-intelligence": 1 } });
    const atEase = mentee("b", { comfort: { "artificial-intelligence": 4 } });
    expect(scoreOf(uneasy, mentor("x"))).toBeGreaterThan(scoreOf(atEase, mentor("x")));
  });

  it("rewards common formats, common slots and the same site", () => {
    const base = scoreOf(mentee("a"), mentor("x"));
    const closer = scoreOf(
      mentee("a", { formats: ["video", "phone"], availability: ["lundi-matin"], site: "Bercy" }),
      mentor("x", { formats: ["video", "phone"], availability: ["lundi-matin"], site: "bercy " }),
    );
    expect(closer - base).toBe(
      fitWeights.perCommonFormat + fitWeights.perCommonSlot + fitWeights.sameSite,
    );
  });

  it("explains the score in French, item by item", () => {
    const fit = evaluateFit(
      mentee("a", {
        priorityThemes: ["artificial-intelligence", "social-networks", "collaborative-tools"],
        comfort: { "artificial-intelligence": 1, "social-networks": 2, "collaborative-tools": 3 },
        formats: ["video", "site"],
        availability: ["lundi-matin", "mardi-matin", "jeudi-soir"],
        site: "Bercy",
      }),
      mentor("x", {
        themes: [
          { theme: "social-networks", level: 3 },
          { theme: "artificial-intelligence", level: 4 },
        ],
        formats: ["video"],
        availability: ["mardi-matin", "lundi-matin"],
        site: "Bercy",
      }),
      allowAll,
    );
    expect(fit).toMatchObject({
      allowed: true,
      // pair 20 + IA 3×(4+3) + networks 2×(3+2) + format 2 + slots 2×2 + site 4
      score: 20 + 21 + 10 + 2 + 4 + 4,
      explanation:
        "Couvre 2 des 3 thèmes prioritaires du cadre (intelligence artificielle niveau 4, " +
        "réseaux sociaux professionnels niveau 3) ; format commun : visio ; " +
        "2 créneaux communs ; même site",
    });
  });

  it("scores a whole cohort exactly as pair by pair", () => {
    fc.assert(
      fc.property(smallCohort, ({ mentees, mentors, settings }) => {
        const fits = compileCohort(mentees, mentors, settings);
        mentees.forEach((a, i) => {
          mentors.forEach((b, j) => {
            const fit = evaluateFit(a, b, settings);
            expect(fits.score(i, j)).toBe(fit.allowed ? fit.score : 0);
            expect(fits.blocker(i, j)).toBe(fit.allowed ? undefined : fit.blocker);
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it("keeps, for a priced row, the same best values as reading the whole row", () => {
    const { mentees, mentors, settings } = generateCohort(200, 80, 11);
    const fits = compileCohort(mentees, mentors, settings);
    const price = Float64Array.from(mentors, (_, j) => (j * 7) % 23);
    const row = new Float64Array(mentors.length);
    const count = 6;
    const best = {
      mentors: new Int32Array(count),
      values: new Float64Array(count),
      scores: new Float64Array(count),
    };
    mentees.forEach((_, i) => {
      fits.scoreRow(i, row);
      const expected = [...row]
        .flatMap((score, j) => (score > 0 ? [score - (price[j] ?? 0)] : []))
        .sort((a, b) => b - a)
        .slice(0, count);
      const size = fits.bestOfRow(i, price, count, best);
      expect([...best.values.subarray(0, size)]).toEqual(expected);
      for (let k = 0; k < size; k++) {
        const j = best.mentors[k] ?? -1;
        expect(best.scores[k]).toBe(row[j]);
        expect(fits.blocker(i, j)).toBeUndefined();
      }
    });
  });
  it("reads priced rows pruned by older prices exactly as the whole row, ties to the lower index", () => {
    const { mentees, mentors, settings } = generateCohort(200, 80, 13);
    const fits = compileCohort(mentees, mentors, settings);
    const price = Float64Array.from(mentors, (_, j) => (j * 7) % 23);
    const rows = fits.pricedRows(price);
    // Prices rise after the snapshot: the pruning must stay exact.
    for (let j = 0; j < price.length; j += 3) price[j] = (price[j] ?? 0) + (j % 5);
    const row = new Float64Array(mentors.length);
    const count = 5;
    const best = {
      mentors: new Int32Array(count),
      values: new Float64Array(count),
      scores: new Float64Array(count),
    };
    for (const floor of [Number.NEGATIVE_INFINITY, 20, 35]) {
      mentees.forEach((_, i) => {
        fits.scoreRow(i, row);
        const expected = [...row]
          .flatMap((score, j) => {
            const value = score - (price[j] ?? 0);
            return score > 0 && value > floor ? [{ j, value }] : [];
          })
          .sort((a, b) => b.value - a.value || a.j - b.j)
          .slice(0, count);
        const size = rows.best(i, count, best, floor);
        expect([...best.mentors.subarray(0, size)]).toEqual(expected.map(({ j }) => j));
        expect([...best.values.subarray(0, size)]).toEqual(expected.map(({ value }) => value));
      });
    }
  });
});

describe("assignment solver", () => {
  it("beats best-score-first when the best pair blocks a better total", () => {
    const problem: AssignmentProblem = {
      menteeCount: 2,
      mentorCapacities: [1, 1],
      candidates: [
        { mentee: 0, mentor: 0, score: 10 },
        { mentee: 0, mentor: 1, score: 9 },
        { mentee: 1, mentor: 0, score: 9 },
      ],
    };
    expect(greedyAssignment(problem).totalScore).toBe(10);
    const solved = solveAssignment(problem);
    expect([...solved.mentorOf]).toEqual([1, 0]);
    expect(solved.totalScore).toBe(18);
  });

  it("never gives a mentor more mentees than their capacity", () => {
    const candidates = Array.from({ length: 5 }, (_, mentee) => ({ mentee, mentor: 0, score: 5 }));
    const solved = solveAssignment({ menteeCount: 5, mentorCapacities: [2], candidates });
    expect(solved.mentorOf.filter((j) => j === 0)).toHaveLength(2);
  });

  it("leaves a mentee unmatched rather than use an absent or non-positive pair", () => {
    const solved = solveAssignment({
      menteeCount: 2,
      mentorCapacities: [3],
      candidates: [
        { mentee: 0, mentor: 0, score: 0 },
        { mentee: 1, mentor: 0, score: -4 },
      ],
    });
    expect([...solved.mentorOf]).toEqual([-1, -1]);
    expect(solved.totalScore).toBe(0);
  });

  it("rejects a pair listed twice or an unknown index", () => {
    const pair = { mentee: 0, mentor: 0, score: 1 };
    expect(() =>
      solveAssignment({ menteeCount: 1, mentorCapacities: [1], candidates: [pair, pair] }),
    ).toThrow(RangeError);
    expect(() =>
      solveAssignment({
        menteeCount: 1,
        mentorCapacities: [1],
        candidates: [{ ...pair, mentor: 1 }],
      }),
    ).toThrow(RangeError);
  });

  it("finds the same total as an exhaustive search, and proves it", () => {
    fc.assert(
      fc.property(smallProblem, (problem) => {
        const solved = solveAssignment(problem);
        expect(verifyFeasible(problem, solved)).toEqual({ ok: true });
        expect(solved.totalScore).toBe(exhaustiveBest(problem));
        expect(verifyOptimal(problem, solved, solved.certificate)).toEqual({ ok: true });
      }),
      { numRuns: 300 },
    );
  });

  it("finds the best total over every pair by pricing, starting from a single candidate each", () => {
    fc.assert(
      fc.property(smallProblem, (problem) => {
        const rows = rowsOf(problem);
        const solved = solveByPricing(rows, { initialCandidates: 1, addedPerScan: 1 });
        expect(solved.totalScore).toBe(exhaustiveBest(problem));
        expect(verifyOptimal(rows, solved, solved.certificate)).toEqual({ ok: true });
      }),
      { numRuns: 300 },
    );
  });

  it("finds the best total by pricing from each mentee's best-scored mentor, one pair a round", () => {
    fc.assert(
      fc.property(smallProblem, (problem) => {
        const rows = rowsOf(problem);
        const solved = solveByPricing(rows, {
          seed: "bestScores",
          initialCandidates: 1,
          addedPerScan: 1,
        });
        expect(solved.totalScore).toBe(exhaustiveBest(problem));
        expect(verifyOptimal(rows, solved, solved.certificate)).toEqual({ ok: true });
      }),
      { numRuns: 300 },
    );
  });

  it("reaches the best total when pairs are added to a solved assignment and rerouted", () => {
    fc.assert(
      fc.property(smallProblem, fc.array(fc.boolean(), { maxLength: 28 }), (problem, early) => {
        const first = { ...problem, candidates: problem.candidates.filter((_, k) => early[k]) };
        const solver = startSolving(candidateRows(first), problem.mentorCapacities);
        const everyMentee = Array.from({ length: problem.menteeCount }, (_, i) => i);
        solver.reroute(candidateRows(problem), everyMentee);
        const solved = solver.result();
        expect(verifyFeasible(problem, solved)).toEqual({ ok: true });
        expect(solved.totalScore).toBe(exhaustiveBest(problem));
        expect(verifyOptimal(problem, solved, solved.certificate)).toEqual({ ok: true });
      }),
      { numRuns: 1500 },
    );
  });

  it("reaches the best total from any guess of pairs and prices", () => {
    fc.assert(
      fc.property(
        smallProblem,
        fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 7 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
        (problem, guessed, prices) => {
          const m = problem.mentorCapacities.length;
          const mentorOf = Int32Array.from({ length: problem.menteeCount }, (_, i) =>
            Math.min(guessed[i] ?? -1, m - 1),
          );
          const price = Float64Array.from({ length: m }, (_, j) => prices[j] ?? 0);
          const solved = startSolving(candidateRows(problem), problem.mentorCapacities, {
            mentorOf,
            price,
          }).result();
          expect(verifyFeasible(problem, solved)).toEqual({ ok: true });
          expect(solved.totalScore).toBe(exhaustiveBest(problem));
          expect(verifyOptimal(problem, solved, solved.certificate)).toEqual({ ok: true });
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("refuses a certificate that a pair outside the solver's candidates violates", () => {
    const problem: AssignmentProblem = {
      menteeCount: 1,
      mentorCapacities: [1, 1],
      candidates: [
        { mentee: 0, mentor: 0, score: 5 },
        { mentee: 0, mentor: 1, score: 8 },
      ],
    };
    const partial = solveAssignment({ ...problem, candidates: problem.candidates.slice(0, 1) });
    expect(partial.totalScore).toBe(5);
    expect(verifyOptimal(problem, partial, partial.certificate)).toMatchObject({ ok: false });
  });

  it("is never worse than best-score-first", () => {
    fc.assert(
      fc.property(smallProblem, (problem) => {
        const greedy = greedyAssignment(problem);
        expect(verifyFeasible(problem, greedy)).toEqual({ ok: true });
        expect(solveAssignment(problem).totalScore).toBeGreaterThanOrEqual(greedy.totalScore);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a certificate that does not prove optimality", () => {
    const problem: AssignmentProblem = {
      menteeCount: 2,
      mentorCapacities: [1, 1],
      candidates: [
        { mentee: 0, mentor: 0, score: 10 },
        { mentee: 0, mentor: 1, score: 9 },
        { mentee: 1, mentor: 0, score: 9 },
      ],
    };
    const solved = solveAssignment(problem);
    const greedy = greedyAssignment(problem);
    expect(verifyOptimal(problem, greedy, solved.certificate).ok).toBe(false);
    const weakened = { menteeDual: new Float64Array(2), mentorDual: new Float64Array(2) };
    expect(verifyOptimal(problem, solved, weakened).ok).toBe(false);
  });
});

describe("proposeMatching", () => {
  it("pairs each mentee with the mentor that makes the best total, and explains it", () => {
    const proposal = proposeMatching(
      [mentee("a"), mentee("b", { formats: ["video", "phone"] })],
      [mentor("x", { formats: ["video", "phone"] }), mentor("y")],
      allowAll,
    );
    expect(proposal.unmatched).toEqual([]);
    expect(proposal.pairs.map((pair) => [pair.menteeId, pair.mentorId])).toEqual([
      ["a", "y"],
      ["b", "x"],
    ]);
    expect(proposal.totalScore).toBe(proposal.pairs.reduce((sum, pair) => sum + pair.score, 0));
    expect(proposal.pairs[1]?.explanation).toContain("formats communs : visio, téléphone");
  });

  it("says when no mentor offers a compatible format", () => {
    const proposal = proposeMatching([mentee("a", { formats: ["site"] })], [mentor("x")], allowAll);
    expect(proposal.unmatched).toEqual([
      { menteeId: "a", reason: "Aucun mentor ne propose de format compatible" },
    ]);
  });

  it("says when no compatible mentor covers the priority themes", () => {
    const proposal = proposeMatching(
      [mentee("a")],
      [
        mentor("x", { themes: [{ theme: "social-networks", level: 4 }] }),
        mentor("y", { formats: ["site"] }),
      ],
      allowAll,
    );
    expect(proposal.unmatched[0]?.reason).toBe(
      "Aucun mentor disponible ne couvre ses thèmes prioritaires",
    );
  });

  it("says when every compatible mentor is already full", () => {
    const proposal = proposeMatching(
      [mentee("a", { comfort: { "artificial-intelligence": 1 } }), mentee("b"), mentee("c")],
      [mentor("x"), mentor("y")],
      allowAll,
    );
    expect(proposal.pairs).toHaveLength(2);
    expect(proposal.unmatched).toEqual([
      { menteeId: "c", reason: "Tous les mentors compatibles sont déjà complets" },
    ]);
  });

  it("says when the only suitable mentors are in the mentee's line of management", () => {
    const proposal = proposeMatching(
      [mentee("a", { managementLine: ["a", "x"] })],
      [mentor("x"), mentor("y", { formats: ["phone"] })],
      strict,
    );
    expect(proposal.unmatched[0]?.reason).toBe(
      "Les seuls mentors qui couvrent ses thèmes prioritaires sont dans sa ligne hiérarchique",
    );
  });

  it("says when there is no mentor at all", () => {
    expect(proposeMatching([mentee("a")], [], allowAll).unmatched[0]?.reason).toBe(
      "Aucun mentor n'est disponible dans cette vague",
    );
  });

  it("respects capacities and hard constraints, and reaches the best total", () => {
    fc.assert(
      fc.property(smallCohort, ({ mentees, mentors, settings }) => {
        const proposal = proposeMatching(mentees, mentors, settings);
        const problem = listCandidates(compileCohort(mentees, mentors, settings));
        const byId = new Map(mentors.map((b) => [b.id, b]));
        const load = new Map<string, number>();
        for (const pair of proposal.pairs) {
          const a = mentees.find((item) => item.id === pair.menteeId);
          const b = byId.get(pair.mentorId);
          if (!a || !b) throw new Error("unknown person in a pair");
          const fit = evaluateFit(a, b, settings);
          expect(fit.allowed).toBe(true);
          if (fit.allowed) expect(pair.score).toBe(fit.score);
          load.set(b.id, (load.get(b.id) ?? 0) + 1);
        }
        for (const b of mentors) expect(load.get(b.id) ?? 0).toBeLessThanOrEqual(b.capacity);
        for (const { menteeId } of proposal.unmatched) {
          const a = mentees.find((item) => item.id === menteeId);
          if (!a) throw new Error("unknown unmatched mentee");
          for (const b of mentors) {
            if (evaluateFit(a, b, settings).allowed) expect(load.get(b.id)).toBe(b.capacity);
          }
        }
        const seen = [
          ...proposal.pairs.map((p) => p.menteeId),
          ...proposal.unmatched.map((u) => u.menteeId),
        ];
        expect(seen.sort()).toEqual(mentees.map((a) => a.id).sort());
        expect(proposal.totalScore).toBe(exhaustiveBest(problem));
        expect(proposal.totalScore).toBeGreaterThanOrEqual(greedyAssignment(problem).totalScore);
        const everyPair = cohortProblem(compileCohort(mentees, mentors, settings));
        expect(verifyOptimal(everyPair, proposal, proposal.certificate)).toEqual({ ok: true });
      }),
      { numRuns: 200 },
    );
  });

  it("matches a generated cohort as well as the solver given every pair, over several pricing rounds", () => {
    const { mentees, mentors, settings } = generateCohort(300, 100, 7);
    const cohort = compileCohort(mentees, mentors, settings);
    const listed = listCandidates(cohort);
    const rounds: number[] = [];
    const proposal = proposeMatching(mentees, mentors, settings, {
      initialCandidates: 2,
      addedPerScan: 2,
      onScan: ({ round }) => rounds.push(round),
    });
    expect(rounds.length).toBeGreaterThan(1);
    expect(proposal.totalScore).toBe(solveAssignment(listed).totalScore);
    expect(verifyOptimal(listed, proposal, proposal.certificate)).toEqual({ ok: true });
    expect(proposal.pairs.length + proposal.unmatched.length).toBe(300);
  });
});
