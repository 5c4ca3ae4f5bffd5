import { beforeAll, describe, expect, it } from "vitest";
import { idle } from "#core/matching/background";
import { updatePair } from "#core/pair/store";
import { emailsTo } from "../support/inbox";
import {
  adminJson,
  freshCohortId,
  submitMentee,
  submitMentor,
  useRecordingEngine,
} from "./admin-support";

beforeAll(() => useRecordingEngine());

const interview = (decision: string) => ({
  grid: {
    digitalMaturity: { level: 3 },
    teachingAptitude: { level: 4, note: "Très pédagogue" },
    seniorCoaching: { level: 2 },
  },
  decision,
});

/** A cohort with two confirmed pairs (same mentor) and one spare selected mentor. */
async function cohortWithPairs() {
  const cohortId = freshCohortId();
  const first = await submitMentee(cohortId, {
    priorityThemes: ["social-networks"],
    formats: ["video"],
  });
  const second = await submitMentee(cohortId, {
    priorityThemes: ["social-networks"],
    formats: ["video"],
  });
  const waiting = await submitMentee(cohortId, {
    priorityThemes: ["data-business-models"],
    formats: ["video"],
  });
  const mentor = await submitMentor(cohortId, {
    themes: [{ theme: "social-networks", level: 4 }],
    formats: ["video"],
    capacity: 2,
  });
  const spare = await submitMentor(cohortId, {
    themes: [{ theme: "social-networks", level: 2 }],
    formats: ["video"],
    capacity: 1,
  });
  // The spare mentor joins once the first two pairs are formed, so the matching uses the first.
  await adminJson("PUT", `/api/admin/mentors/${spare.id}/interview`, interview("waiting-list"));
  await adminJson("POST", `/api/admin/cohorts/${cohortId}/proposal`);
  await idle();
  const confirmed = await (
    await adminJson("POST", `/api/admin/cohorts/${cohortId}/proposal/confirm`, {})
  ).json();
  await idle();
  await adminJson("PUT", `/api/admin/mentors/${spare.id}/interview`, interview("selected"));
  const pairIdOf = (menteeId: string) =>
    confirmed.pairs.find((pair: { menteeId: string }) => pair.menteeId === menteeId)
      .pairId as string;
  return { cohortId, first, second, waiting, mentor, spare, pairIdOf };
}

describe("mentor selection through the API", () => {
  it("records the grid and the decision, and emails the applicant once per decision", async () => {
    const cohortId = freshCohortId();
    const applicant = await submitMentor(cohortId, {}, "applied");
    const path = `/api/admin/mentors/${applicant.id}/interview`;

    const first = await adminJson("PUT", path, interview("waiting-list"));
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body.status).toBe("waiting-list");
    expect(body.email).toBe("queued");
    expect(body.interview.grid.teachingAptitude).toEqual({ level: 4, note: "Très pédagogue" });

    expect((await (await adminJson("PUT", path, interview("waiting-list"))).json()).email).toBe(
      "already-queued",
    );
    expect((await (await adminJson("PUT", path, interview("selected"))).json()).email).toBe(
      "queued",
    );

    const subjects = (await emailsTo(applicant.answers.email)).map((email) => email.subject);
    expect(subjects.filter((subject) => subject.includes("liste d'attente"))).toHaveLength(1);
    expect(subjects.filter((subject) => subject.includes("est retenue"))).toHaveLength(1);
  });

  it("refuses an incomplete grid with French messages, and an unknown mentor with 404", async () => {
    const cohortId = freshCohortId();
    const applicant = await submitMentor(cohortId, {}, "applied");
    const invalid = await adminJson("PUT", `/api/admin/mentors/${applicant.id}/interview`, {
      grid: { digitalMaturity: { level: 9 } },
      decision: "peut-être",
    });
    expect(invalid.status).toBe(422);
    const fields = (await invalid.json()).errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(["grid.digitalMaturity.level", "grid.teachingAptitude", "decision"]),
    );
    const unknown = await adminJson(
      "PUT",
      "/api/admin/mentors/inconnu/interview",
      interview("selected"),
    );
    expect(unknown.status).toBe(404);
  });

  it("lists mentors filtered by decision", async () => {
    const cohortId = freshCohortId();
    const selected = await submitMentor(cohortId);
    await submitMentor(cohortId, {}, "not-selected");
    const list = await (
      await adminJson("GET", `/api/admin/mentors?cohort=${cohortId}&status=selected`)
    ).json();
    expect(list.mentors.map((item: { id: string }) => item.id)).toEqual([selected.id]);
  });
});

describe("cohorts through the API", () => {
  it("creates a cohort once, and gives the defaults to a cohort nobody configured", async () => {
    const id = freshCohortId();
    const created = await adminJson("POST", "/api/admin/cohorts", { id, name: "Vague d'automne" });
    expect(created.status).toBe(201);
    expect((await created.json()).settings).toEqual({
      sessions: 3,
      pauseMonths: 3,
      reminderHoursBefore: 24,
      allowSameManagementLine: false,
    });
    expect((await adminJson("POST", "/api/admin/cohorts", { id, name: "Encore" })).status).toBe(
      409,
    );
    const list = await (await adminJson("GET", "/api/admin/cohorts")).json();
    expect(list.cohorts.map((cohort: { id: string }) => cohort.id)).toEqual(
      expect.arrayContaining([id, "vague-1"]),
    );
    const implicit = await (await adminJson("GET", `/api/admin/cohorts/${freshCohortId()}`)).json();
    expect(implicit.settings.sessions).toBe(3);
  });

  it("refuses settings out of range with French messages", async () => {
    const response = await adminJson("PUT", `/api/admin/cohorts/${freshCohortId()}/settings`, {
      sessions: 11,
      pauseMonths: 0,
      reminderHoursBefore: 24,
      allowSameManagementLine: "oui",
    });
    expect(response.status).toBe(422);
    const errors = (await response.json()).errors;
    expect(errors.map((error: { field: string }) => error.field).sort()).toEqual([
      "allowSameManagementLine",
      "pauseMonths",
      "sessions",
    ]);
    expect(errors.find((error: { field: string }) => error.field === "sessions").detail).toBe(
      "Le nombre de séances va de 1 à 10.",
    );
  });

  it("removes an exclusion", async () => {
    const id = freshCohortId();
    await adminJson("POST", `/api/admin/cohorts/${id}/exclusions`, {
      menteeId: "a",
      mentorId: "b",
    });
    await adminJson("POST", `/api/admin/cohorts/${id}/exclusions`, {
      menteeId: "a",
      mentorId: "c",
    });
    const response = await adminJson("DELETE", `/api/admin/cohorts/${id}/exclusions/a/b`);
    expect((await response.json()).excludedPairs).toEqual([["a", "c"]]);
  });
});

describe("following pairs through the API", () => {
  it("lists questionnaires by waiting/paired, and pairs by phase, status and needs attention", async () => {
    const cohort = await cohortWithPairs();
    const waiting = await (
      await adminJson("GET", `/api/admin/questionnaires?cohort=${cohort.cohortId}&status=waiting`)
    ).json();
    expect(waiting.questionnaires.map((item: { id: string }) => item.id)).toEqual([
      cohort.waiting.id,
    ]);

    const flagged = cohort.pairIdOf(cohort.first.id);
    await updatePair(flagged, { needsAttention: true, phase: "sessions" });
    const attention = await (
      await adminJson("GET", `/api/admin/pairs?cohort=${cohort.cohortId}&attention=1`)
    ).json();
    expect(attention.pairs.map((pair: { id: string }) => pair.id)).toEqual([flagged]);
    const introduction = await (
      await adminJson(
        "GET",
        `/api/admin/pairs?cohort=${cohort.cohortId}&phase=introduction&status=active`,
      )
    ).json();
    expect(introduction.pairs.map((pair: { id: string }) => pair.id)).toEqual([
      cohort.pairIdOf(cohort.second.id),
    ]);
    const mentors = await (
      await adminJson("GET", `/api/admin/mentors?cohort=${cohort.cohortId}&attention=1`)
    ).json();
    expect(mentors.mentors.map((item: { id: string }) => item.id)).toEqual([cohort.mentor.id]);
    expect(mentors.mentors[0].placesTaken).toBe(2);
  });

  it("refuses an unknown filter value with 422", async () => {
    const response = await adminJson("GET", "/api/admin/pairs?phase=nulle-part");
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].detail).toBe("Cette phase n'existe pas.");
  });

  it("shows a pair's timeline, the step it waits on and says the execution is local", async () => {
    const cohort = await cohortWithPairs();
    const pairId = cohort.pairIdOf(cohort.first.id);
    const details = await (await adminJson("GET", `/api/admin/pairs/${pairId}`)).json();
    expect(details.pair.id).toBe(pairId);
    expect(details.history.map((entry: { event: string }) => entry.event)).toContain(
      "pair.started",
    );
    expect(details.waitingOn).toBeNull();
    expect(details.executionUrl).toBeUndefined();
    expect((await adminJson("GET", "/api/admin/pairs/inconnu")).status).toBe(404);
  });

  it("links to the execution in the AWS console when a state machine is deployed", async () => {
    const cohort = await cohortWithPairs();
    const pairId = cohort.pairIdOf(cohort.first.id);
    process.env.STATE_MACHINE_ARN =
      "arn:aws:states:eu-west-3:123456789012:stateMachine:PairWorkflow";
    try {
      const details = await (await adminJson("GET", `/api/admin/pairs/${pairId}`)).json();
      expect(details.executionUrl).toBe(
        `https://eu-west-3.console.aws.amazon.com/states/home?region=eu-west-3#/v2/executions/details/arn:aws:states:eu-west-3:123456789012:execution:PairWorkflow:${pairId}`,
      );
    } finally {
      delete process.env.STATE_MACHINE_ARN;
    }
  });

  it("pauses, resumes, reassigns and cancels a pair with a reason, refusing what does not apply", async () => {
    const cohort = await cohortWithPairs();
    const pairId = cohort.pairIdOf(cohort.first.id);
    const path = `/api/admin/pairs/${pairId}`;

    expect((await adminJson("POST", `${path}/resume`)).status).toBe(409);
    const paused = await adminJson("POST", `${path}/pause`);
    expect(paused.status).toBe(200);
    expect((await paused.json()).status).toBe("paused");
    expect((await (await adminJson("POST", `${path}/resume`)).json()).status).toBe("active");

    const sameMentor = await adminJson("POST", `${path}/reassign`, { mentorId: cohort.mentor.id });
    expect(sameMentor.status).toBe(422);
    const reassigned = await adminJson("POST", `${path}/reassign`, { mentorId: cohort.spare.id });
    expect(reassigned.status).toBe(200);
    expect((await reassigned.json()).mentorId).toBe(cohort.spare.id);

    const other = cohort.pairIdOf(cohort.second.id);
    const full = await adminJson("POST", `/api/admin/pairs/${other}/reassign`, {
      mentorId: cohort.spare.id,
    });
    expect(full.status).toBe(422);
    expect((await full.json()).title).toBe("Ce mentor est déjà complet.");

    expect((await adminJson("POST", `${path}/cancel`, { reason: "  " })).status).toBe(422);
    const cancelled = await adminJson("POST", `${path}/cancel`, { reason: "Mutation du cadre" });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toEqual(
      expect.objectContaining({ status: "cancelled", cancelReason: "Mutation du cadre" }),
    );
    expect((await adminJson("POST", `${path}/pause`)).status).toBe(409);
    expect((await adminJson("POST", "/api/admin/pairs/inconnu/pause")).status).toBe(404);
  });
});

describe("figures and exports through the API", () => {
  it("gives the cohort's funnel and rates", async () => {
    const cohort = await cohortWithPairs();
    const figures = await (
      await adminJson("GET", `/api/admin/figures?cohort=${cohort.cohortId}`)
    ).json();
    expect(figures.funnel.slice(0, 2).map((step: { count: number }) => step.count)).toEqual([3, 2]);
    expect(figures.completionRate).toBe(0);
  });

  it("exports the pairs and the anonymised feedback as CSV files for Excel", async () => {
    const cohort = await cohortWithPairs();
    const pairs = await adminJson("GET", `/api/admin/exports/pairs.csv?cohort=${cohort.cohortId}`);
    expect(pairs.status).toBe(200);
    expect(pairs.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(pairs.headers.get("content-disposition")).toContain(`binomes-${cohort.cohortId}.csv`);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await pairs.arrayBuffer());
    expect(text.startsWith("\uFEFFCadre;Adresse du cadre;")).toBe(true);
    expect(text.trim().split("\r\n")).toHaveLength(3);
    expect(text).toContain(cohort.first.answers.email);

    await updatePair(cohort.pairIdOf(cohort.first.id), { feedbackScores: [5] });
    const feedback = await adminJson(
      "GET",
      `/api/admin/exports/feedback.csv?cohort=${cohort.cohortId}`,
    );
    const feedbackText = await feedback.text();
    expect(feedbackText).not.toContain(cohort.first.answers.email);
    expect(feedbackText).not.toContain(cohort.first.id);
    expect(feedbackText.trim().split("\r\n")).toHaveLength(2);
  });

  it("names the cohort in the exports' « Vague » column as the team called it, not by its id", async () => {
    const cohort = await cohortWithPairs();
    const named = await adminJson("POST", "/api/admin/cohorts", {
      id: cohort.cohortId,
      name: "Vague de printemps",
    });
    expect(named.status).toBeLessThan(300);
    await updatePair(cohort.pairIdOf(cohort.first.id), { feedbackScores: [5] });
    for (const file of ["pairs.csv", "feedback.csv"]) {
      const response = await adminJson(
        "GET",
        `/api/admin/exports/${file}?cohort=${cohort.cohortId}`,
      );
      const [header = "", ...rows] = (await response.text())
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n");
      const column = header.split(";").indexOf("Vague");
      expect(column).toBeGreaterThanOrEqual(0);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.split(";")[column]).toBe("Vague de printemps");
    }
  });
});
