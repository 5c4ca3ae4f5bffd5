import type { SQSRecord } from "aws-lambda";
import { beforeAll, describe, expect, it } from "vitest";
import { idle } from "#core/matching/background";
import { localRetry } from "#core/matching/dispatch";
import { pairIdFor } from "#core/matching/proposal";
import { useWorkflowEngine } from "#core/workflow/engine";
import { handler as pairStarter } from "../../functions/matching/pair-starts";
import {
  adminForm,
  adminJson,
  freshCohortId,
  startedExecutions,
  submitMentee,
  submitMentor,
  useRecordingEngine,
} from "./admin-support";

beforeAll(() => useRecordingEngine());

type ProposalBody = {
  status: string;
  version: number;
  totalScore: number;
  pairs: { menteeId: string; mentorId: string; score: number; explanation: string }[];
  unmatched: { menteeId: string; reason: string }[];
};

const mentorOf = (proposal: ProposalBody, menteeId: string) =>
  proposal.pairs.find((pair) => pair.menteeId === menteeId)?.mentorId;

/** Three mentees, two selected mentors, one mentor on the waiting list. */
async function cohortWithPeople() {
  const cohortId = freshCohortId();
  const ai = await submitMentee(cohortId, {
    priorityThemes: ["artificial-intelligence", "social-networks"],
    formats: ["video"],
  });
  const social = await submitMentee(cohortId, {
    priorityThemes: ["social-networks"],
    formats: ["video"],
  });
  const data = await submitMentee(cohortId, {
    priorityThemes: ["data-business-models"],
    formats: ["video"],
  });
  const expert = await submitMentor(cohortId, {
    themes: [
      { theme: "artificial-intelligence", level: 4 },
      { theme: "social-networks", level: 3 },
    ],
    formats: ["video"],
    capacity: 1,
  });
  const generalist = await submitMentor(cohortId, {
    themes: [
      { theme: "artificial-intelligence", level: 2 },
      { theme: "social-networks", level: 2 },
    ],
    formats: ["video"],
    capacity: 2,
  });
  const waiting = await submitMentor(
    cohortId,
    {
      themes: [
        { theme: "artificial-intelligence", level: 4 },
        { theme: "social-networks", level: 4 },
        { theme: "data-business-models", level: 4 },
      ],
      formats: ["video"],
      capacity: 3,
    },
    "waiting-list",
  );
  return { cohortId, ai, social, data, expert, generalist, waiting };
}

/** Runs the matching (a background job) and reads the proposal it stored. */
async function propose(cohortId: string): Promise<ProposalBody> {
  const response = await adminJson("POST", `/api/admin/cohorts/${cohortId}/proposal`);
  expect(response.status).toBe(202);
  await idle();
  const proposal = await adminJson("GET", `/api/admin/cohorts/${cohortId}/proposal`);
  expect(proposal.status).toBe(200);
  return proposal.json();
}

describe("matching proposal of a cohort", () => {
  it("proposes only selected mentors, with a score and a French explanation per pair and a reason per unmatched mentee", async () => {
    const people = await cohortWithPeople();
    const proposal = await propose(people.cohortId);

    expect(proposal.status).toBe("draft");
    expect(proposal.pairs).toHaveLength(2);
    const mentorIds = proposal.pairs.map((pair) => pair.mentorId);
    expect(mentorIds).not.toContain(people.waiting.id);
    for (const pair of proposal.pairs) {
      expect(pair.score).toBeGreaterThan(0);
      expect(pair.explanation).toMatch(/^Couvre/);
    }
    expect(proposal.totalScore).toBe(proposal.pairs.reduce((sum, pair) => sum + pair.score, 0));
    expect(proposal.unmatched).toEqual([
      {
        menteeId: people.data.id,
        reason: "Aucun mentor disponible ne couvre ses thèmes prioritaires",
      },
    ]);

    const stored = await adminJson("GET", `/api/admin/cohorts/${people.cohortId}/proposal`);
    expect(await stored.json()).toEqual(proposal);
  });

  it("never proposes a pair the team excluded for the cohort", async () => {
    const people = await cohortWithPeople();
    const first = await propose(people.cohortId);
    const expertMentee = first.pairs.find((pair) => pair.mentorId === people.expert.id)?.menteeId;
    expect(expertMentee).toBeDefined();

    const excluded = await adminJson("POST", `/api/admin/cohorts/${people.cohortId}/exclusions`, {
      menteeId: expertMentee,
      mentorId: people.expert.id,
    });
    expect(excluded.status).toBe(200);
    expect((await excluded.json()).excludedPairs).toEqual([[expertMentee, people.expert.id]]);

    const second = await propose(people.cohortId);
    expect(mentorOf(second, expertMentee as string)).not.toBe(people.expert.id);
  });

  it("keeps a mentor out of their own line of management unless the cohort allows it", async () => {
    const cohortId = freshCohortId();
    const manager = await submitMentee(cohortId, {
      priorityThemes: ["social-networks"],
      formats: ["video"],
    });
    await submitMentor(cohortId, {
      managerEmail: manager.answers.email,
      themes: [{ theme: "social-networks", level: 4 }],
      formats: ["video"],
    });

    const forbidden = await propose(cohortId);
    expect(forbidden.pairs).toHaveLength(0);
    expect(forbidden.unmatched[0]?.reason).toContain("ligne hiérarchique");

    const settings = await adminJson("PUT", `/api/admin/cohorts/${cohortId}/settings`, {
      sessions: 5,
      pauseMonths: 3,
      reminderHoursBefore: 24,
      allowSameManagementLine: true,
    });
    expect(settings.status).toBe(200);
    const allowed = await propose(cohortId);
    expect(allowed.pairs.map((pair) => pair.menteeId)).toEqual([manager.id]);
  });
});

describe("reviewing a proposal", () => {
  it("swaps the mentors of two mentees when both new pairs are allowed", async () => {
    const people = await cohortWithPeople();
    const proposal = await propose(people.cohortId);
    const before = [mentorOf(proposal, people.ai.id), mentorOf(proposal, people.social.id)];

    const response = await adminJson(
      "POST",
      `/api/admin/cohorts/${people.cohortId}/proposal/swap`,
      {
        menteeIds: [people.ai.id, people.social.id],
        version: proposal.version,
      },
    );
    expect(response.status).toBe(200);
    const swapped: ProposalBody = await response.json();
    expect([mentorOf(swapped, people.ai.id), mentorOf(swapped, people.social.id)]).toEqual([
      before[1],
      before[0],
    ]);
    expect(swapped.version).toBe(proposal.version + 1);
  });

  it("refuses a change made on a stale proposal", async () => {
    const people = await cohortWithPeople();
    const proposal = await propose(people.cohortId);
    await adminJson("POST", `/api/admin/cohorts/${people.cohortId}/proposal/remove`, {
      menteeId: people.ai.id,
    });
    const stale = await adminJson("POST", `/api/admin/cohorts/${people.cohortId}/proposal/remove`, {
      menteeId: people.social.id,
      version: proposal.version,
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).title).toContain("a changé entre-temps");
  });

  it("removes a pair, leaving the mentee unmatched with the reason", async () => {
    const people = await cohortWithPeople();
    await propose(people.cohortId);
    const response = await adminJson(
      "POST",
      `/api/admin/cohorts/${people.cohortId}/proposal/remove`,
      { menteeId: people.social.id },
    );
    const proposal: ProposalBody = await response.json();
    expect(mentorOf(proposal, people.social.id)).toBeUndefined();
    expect(proposal.unmatched).toContainEqual({
      menteeId: people.social.id,
      reason: "Retiré de la proposition par l'équipe d'animation",
    });
  });

  it("forces a pair the hard constraints allow, and explains why it refuses one they forbid", async () => {
    const people = await cohortWithPeople();
    await propose(people.cohortId);
    const path = `/api/admin/cohorts/${people.cohortId}/proposal/force`;

    const uncovered = await adminJson("POST", path, {
      menteeId: people.data.id,
      mentorId: people.generalist.id,
    });
    expect(uncovered.status).toBe(409);
    expect((await uncovered.json()).title).toBe(
      "Binôme impossible : ce mentor ne couvre aucun des thèmes prioritaires du cadre.",
    );

    const notSelected = await adminJson("POST", path, {
      menteeId: people.social.id,
      mentorId: people.waiting.id,
    });
    expect(notSelected.status).toBe(409);
    expect((await notSelected.json()).title).toContain("doit être retenu");

    // The expert (one place) coaches the AI mentee, the best fit for them.
    const full = await adminJson("POST", path, {
      menteeId: people.social.id,
      mentorId: people.expert.id,
    });
    expect(full.status).toBe(409);
    expect((await full.json()).title).toContain("déjà complet");

    await adminJson("POST", `/api/admin/cohorts/${people.cohortId}/proposal/remove`, {
      menteeId: people.ai.id,
    });
    const forced = await adminJson("POST", path, {
      menteeId: people.ai.id,
      mentorId: people.generalist.id,
    });
    expect(forced.status).toBe(200);
    const proposal: ProposalBody & { pairs: { forced?: boolean }[] } = await forced.json();
    expect(proposal.pairs).toContainEqual(
      expect.objectContaining({
        menteeId: people.ai.id,
        mentorId: people.generalist.id,
        forced: true,
      }),
    );
    expect(proposal.unmatched.map((item) => item.menteeId)).not.toContain(people.ai.id);
  });
});

describe("confirming a proposal", () => {
  it("starts one execution per pair, named after a pair id derived from cohort and mentee, and starts nothing new the second time", async () => {
    const people = await cohortWithPeople();
    const proposal = await propose(people.cohortId);
    const path = `/api/admin/cohorts/${people.cohortId}/proposal/confirm`;

    const first = await adminJson("POST", path, {});
    expect(first.status).toBe(200);
    const confirmed = await first.json();
    expect(confirmed.status).toBe("confirmed");
    await idle();
    const starts = await (
      await adminJson("GET", `/api/admin/cohorts/${people.cohortId}/proposal/starts`)
    ).json();
    expect(starts).toMatchObject({ total: 2, started: 2, failed: {}, running: false });
    const expectedIds = proposal.pairs.map((pair) => pairIdFor(people.cohortId, pair.menteeId));
    expect(confirmed.pairs.map((pair: { pairId: string }) => pair.pairId).sort()).toEqual(
      [...expectedIds].sort(),
    );
    for (const id of expectedIds) expect(startedExecutions).toContain(id);
    const executionsAfterFirst = startedExecutions.length;

    const again = await adminJson("POST", path, {});
    expect(again.status).toBe(200);
    await idle();
    expect(startedExecutions).toHaveLength(executionsAfterFirst);

    const pairs = await (
      await adminJson("GET", `/api/admin/pairs?cohort=${people.cohortId}`)
    ).json();
    expect(pairs.pairs.map((pair: { id: string }) => pair.id).sort()).toEqual(
      [...expectedIds].sort(),
    );
    expect(pairs.pairs[0]).toEqual(
      expect.objectContaining({
        phase: "introduction",
        status: "active",
        cohortId: people.cohortId,
      }),
    );
  });

  it("matches later mentees only with the places mentors have left", async () => {
    const people = await cohortWithPeople();
    await propose(people.cohortId);
    await adminJson("POST", `/api/admin/cohorts/${people.cohortId}/proposal/confirm`, {});
    await idle();

    const late = await submitMentee(people.cohortId, {
      priorityThemes: ["artificial-intelligence"],
      formats: ["video"],
    });
    const second = await propose(people.cohortId);
    const considered = [...second.pairs, ...second.unmatched].map((item) => item.menteeId).sort();
    expect(considered).toEqual([people.data.id, late.id].sort());
    // The expert (one place) is taken; the generalist had two places and one is left.
    expect(mentorOf(second, late.id)).toBe(people.generalist.id);
  });

  it("refuses to confirm an empty proposal or a cohort without one", async () => {
    const cohortId = freshCohortId();
    const none = await adminJson("POST", `/api/admin/cohorts/${cohortId}/proposal/confirm`, {});
    expect(none.status).toBe(404);
    await submitMentee(cohortId);
    await propose(cohortId);
    const empty = await adminJson("POST", `/api/admin/cohorts/${cohortId}/proposal/confirm`, {});
    expect(empty.status).toBe(409);
    expect((await empty.json()).title).toContain("aucun binôme");
  });

  it("retries a pair whose start fails, shows the one that keeps failing, starts the others, and never starts one twice", async () => {
    const people = await cohortWithPeople();
    const proposal = await propose(people.cohortId);
    const [flaky, broken] = proposal.pairs.map((pair) =>
      pairIdFor(people.cohortId, pair.menteeId),
    ) as [string, string];
    const calls = new Map<string, number>();
    const started = new Set<string>();
    let brokenWorks = false;
    useWorkflowEngine({
      async start(executionName) {
        calls.set(executionName, (calls.get(executionName) ?? 0) + 1);
        if (executionName === flaky && calls.get(executionName) === 1) {
          throw new Error("throttled");
        }
        if (executionName === broken && !brokenWorks) throw new Error("unavailable");
        if (started.has(executionName)) return { started: false };
        started.add(executionName);
        return { started: true };
      },
      sendTaskSuccess: async () => "gone",
      sendTaskFailure: async () => "gone",
    });
    try {
      const path = `/api/admin/cohorts/${people.cohortId}/proposal`;
      expect((await adminJson("POST", `${path}/confirm`, {})).status).toBe(200);
      await idle();
      const brokenMentee = proposal.pairs[1]?.menteeId as string;
      expect(await (await adminJson("GET", `${path}/starts`)).json()).toMatchObject({
        total: 2,
        started: 1,
        failed: { [brokenMentee]: "Error" },
        running: false,
      });
      expect([...started]).toEqual([flaky]);
      expect(calls.get(broken)).toBe(3);

      brokenWorks = true;
      const retried = await adminForm(`/admin/vagues/${people.cohortId}/appariement/relance`, {});
      expect(retried.status).toBe(303);
      await idle();
      expect(await (await adminJson("GET", `${path}/starts`)).json()).toMatchObject({
        total: 2,
        started: 2,
        failed: {},
      });
      expect([...started].sort()).toEqual([flaky, broken].sort());
      const pairs = await (
        await adminJson("GET", `/api/admin/pairs?cohort=${people.cohortId}`)
      ).json();
      expect(pairs.pairs).toHaveLength(2);
    } finally {
      useRecordingEngine();
    }
  });
});

describe("the pair starter (the queue's consumer on AWS)", () => {
  const delivery = (cohortId: string, pair: { menteeId: string; mentorId: string }, n: number) =>
    ({
      messageId: `${pair.menteeId}-${n}`,
      body: JSON.stringify({ cohortId, menteeId: pair.menteeId, mentorId: pair.mentorId }),
      attributes: { ApproximateReceiveCount: String(n) },
    }) as unknown as SQSRecord;

  it("counts a pair once however often the queue delivers it, and hands back only the pair that did not start", async () => {
    const people = await cohortWithPeople();
    const proposal = await propose(people.cohortId);
    const [first, second] = proposal.pairs as [ProposalBody["pairs"][0], ProposalBody["pairs"][0]];
    const works = new Set<string>();
    const started = new Set<string>();
    useWorkflowEngine({
      async start(executionName) {
        if (!works.has(executionName)) throw new Error("unavailable");
        if (started.has(executionName)) return { started: false };
        started.add(executionName);
        return { started: true };
      },
      sendTaskSuccess: async () => "gone",
      sendTaskFailure: async () => "gone",
    });
    const delay = localRetry.delayMs;
    localRetry.delayMs = 1;
    try {
      const path = `/api/admin/cohorts/${people.cohortId}/proposal`;
      const starts = async () => (await adminJson("GET", `${path}/starts`)).json();
      expect((await adminJson("POST", `${path}/confirm`, {})).status).toBe(200);
      await idle();
      expect(await starts()).toMatchObject({ total: 2, started: 0, failedCount: 2 });

      works.add(pairIdFor(people.cohortId, first.menteeId));
      const answer = await pairStarter({
        Records: [
          delivery(people.cohortId, first, 1),
          delivery(people.cohortId, first, 2),
          delivery(people.cohortId, second, 3),
        ],
      });
      expect(answer.batchItemFailures).toEqual([{ itemIdentifier: `${second.menteeId}-3` }]);
      expect(await starts()).toMatchObject({
        total: 2,
        started: 1,
        failedCount: 1,
        failed: { [second.menteeId]: "Error" },
        running: false,
      });

      works.add(pairIdFor(people.cohortId, second.menteeId));
      expect(
        (await pairStarter({ Records: [delivery(people.cohortId, second, 1)] })).batchItemFailures,
      ).toEqual([]);
      expect(await starts()).toMatchObject({ started: 2, failedCount: 0, failed: {} });
      expect(started.size).toBe(2);
    } finally {
      localRetry.delayMs = delay;
      useRecordingEngine();
    }
  });
});
