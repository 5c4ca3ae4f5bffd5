import { beforeAll, describe, expect, it } from "vitest";
import { keys } from "#core/keys";
import { pairIdFor } from "#core/matching/proposal";
import { seedCohort, writeItems } from "../bench/scale-seed";
import { pairRecord } from "../support/fixtures";
import { adminJson, freshCohortId, useRecordingEngine } from "./admin-support";

/**
 * The backfill reads the whole table, twice here: in a file of its own its table holds only what
 * this test writes (each test file has its own table), where beside the lists' 130-questionnaire
 * cohort it ran past two minutes on a loaded 2-core host.
 */
beforeAll(() => useRecordingEngine());

const found = async (list: string, cohortId: string, q: string) => {
  const response = await adminJson(
    "GET",
    `/api/admin/${list}?cohort=${cohortId}&q=${encodeURIComponent(q)}`,
  );
  expect(response.status).toBe(200);
  return ((await response.json())[list] as { id: string }[]).map((item) => item.id);
};

describe("records written before the paged lists", () => {
  it("are found and joined once the backfill has run, and a second run changes nothing", async () => {
    const cohortId = freshCohortId();
    const { menteeIds, mentors } = await seedCohort(cohortId, { mentees: 1, mentors: 1 });
    const menteeId = menteeIds[0] as string;
    const mentor = mentors[0] as (typeof mentors)[number];
    const pairId = pairIdFor(cohortId, menteeId);
    await writeItems([
      {
        ...keys.pair(pairId),
        ...keys.pairList(cohortId, "2026-01-05T09:00:00.000Z", pairId),
        kind: "pair",
        ...pairRecord({ id: pairId, cohortId, menteeId, mentorId: mentor.id }),
      },
    ]);
    expect(await found("questionnaires", cohortId, "claire")).toEqual([]);
    const { backfillLists } = await import("#core/admin/list-backfill");
    const first = await backfillLists();
    expect(first.paired).toBeGreaterThanOrEqual(1);
    expect(await found("questionnaires", cohortId, "claire")).toEqual([menteeId]);
    expect(await found("pairs", cohortId, "claire")).toEqual([pairId]);
    const listed = await (await adminJson("GET", `/api/admin/mentors?cohort=${cohortId}`)).json();
    expect(listed.mentors[0].placesTaken).toBe(1);
    expect((await backfillLists()).paired).toBe(0);
  }, 120_000);
});
