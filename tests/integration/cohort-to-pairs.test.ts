import { describe, expect, it } from "vitest";
import { idle } from "#core/matching/background";
import { pairIdFor } from "#core/matching/proposal";
import { apply } from "#core/mentor";
import { listHistory, listPairEmails } from "#core/pair/store";
import { submit } from "#core/questionnaire";
import { adminJson, freshCohortId } from "../api/admin-support";
import { mentorAnswers, questionnaireAnswers } from "../support/fixtures";
import { emailsTo } from "../support/inbox";
import { useEngine } from "../workflow/support";

/**
 * A cohort from its questionnaires to confirmed pairs whose executions run, through the real
 * pieces: the public API, the programme team's API, DynamoDB Local, the SES local server and the
 * local Step Functions service running the rendered workflow with the real steps handler.
 */
const service = useEngine();
const engine = {
  settle: () => service.engine().settle(),
  stats: () => service.engine().stats(),
};

const interview = (decision: string) => ({
  grid: {
    digitalMaturity: { level: 4, note: "Utilise l'IA au quotidien" },
    teachingAptitude: { level: 3 },
    seniorCoaching: { level: 3 },
  },
  decision,
});

describe("from questionnaires to started pairs", () => {
  it("takes a cohort from questionnaires and applications to confirmed pairs with one execution each, and a second confirmation starts nothing", async () => {
    const cohortId = freshCohortId();
    const created = await adminJson("POST", "/api/admin/cohorts", {
      id: cohortId,
      name: "Vague d'essai",
      settings: {
        sessions: 4,
        pauseMonths: 2,
        reminderHoursBefore: 48,
        allowSameManagementLine: false,
      },
    });
    expect(created.status).toBe(201);

    // Questionnaires and applications arrive (the open cohort is configuration; here, this cohort).
    const mentees = [
      questionnaireAnswers({ priorityThemes: ["artificial-intelligence"], formats: ["video"] }),
      questionnaireAnswers({ priorityThemes: ["social-networks"], formats: ["video"] }),
      questionnaireAnswers({ priorityThemes: ["digital-identity-security"], formats: ["video"] }),
    ];
    const menteeIds: string[] = [];
    for (const answers of mentees) menteeIds.push((await submit(answers, cohortId)).id);
    const selected = mentorAnswers({ capacity: 2, formats: ["video"] });
    const waiting = mentorAnswers({
      capacity: 3,
      formats: ["video"],
      themes: [{ theme: "digital-identity-security", level: 4 }],
    });
    const selectedId = (await apply(selected, cohortId)).id;
    const waitingId = (await apply(waiting, cohortId)).id;

    // Selection: one mentor selected, one on the waiting list; each is told once.
    expect(
      (await adminJson("PUT", `/api/admin/mentors/${selectedId}/interview`, interview("selected")))
        .status,
    ).toBe(200);
    expect(
      (
        await adminJson(
          "PUT",
          `/api/admin/mentors/${waitingId}/interview`,
          interview("waiting-list"),
        )
      ).status,
    ).toBe(200);
    expect((await emailsTo(selected.email)).map((email) => email.subject)).toContainEqual(
      expect.stringContaining("est retenue"),
    );

    // Matching: the selected mentor takes the two mentees whose themes they cover.
    const run = await adminJson("POST", `/api/admin/cohorts/${cohortId}/proposal`);
    expect(run.status).toBe(202);
    await idle();
    expect(
      await (await adminJson("GET", `/api/admin/cohorts/${cohortId}/proposal/job`)).json(),
    ).toMatchObject({ status: "done" });
    const proposal = await (
      await adminJson("GET", `/api/admin/cohorts/${cohortId}/proposal`)
    ).json();
    expect(proposal.pairs.map((pair: { menteeId: string }) => pair.menteeId).sort()).toEqual(
      [menteeIds[0], menteeIds[1]].sort(),
    );
    expect(proposal.unmatched).toEqual([
      {
        menteeId: menteeIds[2],
        reason: "Aucun mentor disponible ne couvre ses thèmes prioritaires",
      },
    ]);

    // Confirmation starts one execution per pair, on the real local engine.
    const confirm = await adminJson("POST", `/api/admin/cohorts/${cohortId}/proposal/confirm`, {
      version: proposal.version,
    });
    expect(confirm.status).toBe(200);
    await idle();
    const starts = await (
      await adminJson("GET", `/api/admin/cohorts/${cohortId}/proposal/starts`)
    ).json();
    expect(starts).toMatchObject({ total: 2, started: 2, failed: {} });
    await engine.settle();

    const pairIds = [menteeIds[0], menteeIds[1]].map((id) => pairIdFor(cohortId, id as string));
    const executions = (await engine.stats()).executions;
    for (const pairId of pairIds) {
      expect(executions[pairId]).toBeDefined();
      const pair = await (await adminJson("GET", `/api/admin/pairs/${pairId}`)).json();
      expect(pair.pair).toEqual(
        expect.objectContaining({
          cohortId,
          mentorId: selectedId,
          status: "active",
          sessionsPlanned: 4,
        }),
      );
      expect((await listHistory(pairId)).map((entry) => entry.event)).toContain("pair.started");
      expect((await listPairEmails(pairId)).length).toBeGreaterThan(0);
    }
    expect((await emailsTo(mentees[0]?.email as string)).length).toBeGreaterThanOrEqual(2);

    // A second confirmation starts nothing new.
    const again = await adminJson("POST", `/api/admin/cohorts/${cohortId}/proposal/confirm`, {});
    expect(again.status).toBe(200);
    await idle();
    await engine.settle();
    const after = Object.keys((await engine.stats()).executions).filter((name) =>
      pairIds.some((pairId) => name.startsWith(pairId)),
    );
    expect(after.filter((name) => pairIds.includes(name))).toHaveLength(2);

    // The follow-up lists see the pairs.
    const list = await (
      await adminJson("GET", `/api/admin/questionnaires?cohort=${cohortId}&status=paired`)
    ).json();
    expect(list.questionnaires.map((item: { id: string }) => item.id).sort()).toEqual(
      [menteeIds[0], menteeIds[1]].sort(),
    );
  });
});
