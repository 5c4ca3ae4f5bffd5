import { beforeAll, describe, expect, it } from "vitest";
import { keys } from "#core/keys";
import { pairIdFor } from "#core/matching/proposal";
import { createPair } from "#core/pair/store";
import { erasePerson } from "#core/privacy";
import * as questionnaire from "#core/questionnaire";
import { seedCohort, writeItems } from "../bench/scale-seed";
import { pairRecord, questionnaireAnswers } from "../support/fixtures";
import { uniqueEmail } from "../support/inbox";
import {
  adminJson,
  adminPage,
  freshCohortId,
  pageText,
  submitMentee,
  submitMentor,
  useRecordingEngine,
} from "./admin-support";

beforeAll(() => useRecordingEngine());

type Listed = { id: string };

/** Every page of a JSON list, following `next`: the ids in order, and how many pages. */
async function allPages(path: string, key: string) {
  const ids: string[] = [];
  let pages = 0;
  let next: string | undefined;
  do {
    const cursor = next ? `&cursor=${encodeURIComponent(next)}` : "";
    const response = await adminJson("GET", `${path}${cursor}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    ids.push(...(body[key] as Listed[]).map((item) => item.id));
    next = body.next;
    pages++;
  } while (next && pages < 20);
  return { ids, pages };
}

/** 130 questionnaires, 60 mentors and 130 pairs written straight into the table. */
async function largeCohort() {
  const cohortId = freshCohortId();
  const { menteeIds, mentorIds, mentors } = await seedCohort(
    cohortId,
    { mentees: 130, mentors: 60 },
    { pairOf: (menteeId) => pairIdFor(cohortId, menteeId) },
  );
  const pairIds = menteeIds.map((menteeId) => pairIdFor(cohortId, menteeId));
  // Each pair filed under its mentor, as the pair's creation files it.
  await writeItems(
    pairIds.map((pairId, index) => ({
      ...keys.pairMentor(pairId, mentors[index % mentors.length] as (typeof mentors)[number]),
      kind: "pair-mentor",
      pairId,
      mentorId: mentorIds[index % mentorIds.length],
    })),
  );
  await writeItems(
    menteeIds.map((menteeId, index) => {
      const id = pairIds[index] as string;
      const createdAt = new Date(Date.parse("2026-01-05T09:00:00.000Z") + index).toISOString();
      return {
        ...keys.pair(id),
        ...keys.pairList(cohortId, createdAt, id),
        kind: "pair",
        ...pairRecord({
          id,
          cohortId,
          menteeId,
          mentorId: mentorIds[index % mentorIds.length] as string,
          phase: index % 10 === 0 ? "pause" : "sessions",
          createdAt,
          updatedAt: createdAt,
        }),
      };
    }),
  );
  return { cohortId, menteeIds, mentorIds, pairIds };
}

const found = async (list: string, key: string, cohortId: string, q: string) => {
  const response = await adminJson(
    "GET",
    `/api/admin/${list}?cohort=${cohortId}&q=${encodeURIComponent(q)}`,
  );
  expect(response.status).toBe(200);
  return ((await response.json())[key] as Listed[]).map((item) => item.id);
};

describe("the team's lists, a page at a time", () => {
  it("pages through 130 questionnaires, 60 mentors and 130 pairs without a duplicate or a gap", async () => {
    const cohort = await largeCohort();
    const questionnaires = await allPages(
      `/api/admin/questionnaires?cohort=${cohort.cohortId}`,
      "questionnaires",
    );
    expect(questionnaires.pages).toBe(3);
    expect(questionnaires.ids).toEqual(cohort.menteeIds);
    const pairs = await allPages(`/api/admin/pairs?cohort=${cohort.cohortId}`, "pairs");
    expect(pairs.ids).toEqual(cohort.pairIds);
    expect(new Set(pairs.ids).size).toBe(130);
    // Mentors come with their pairs (3 or 2 each), read in the same list, 50 a page.
    const mentors = await allPages(`/api/admin/mentors?cohort=${cohort.cohortId}`, "mentors");
    expect(mentors.ids).toEqual(cohort.mentorIds);
    const firstMentors = await (
      await adminJson("GET", `/api/admin/mentors?cohort=${cohort.cohortId}`)
    ).json();
    expect(firstMentors.mentors).toHaveLength(50);
    expect(
      firstMentors.mentors.map((mentor: { placesTaken: number }) => mentor.placesTaken),
    ).toEqual(cohort.mentorIds.slice(0, 50).map((_, index) => (index < 10 ? 3 : 2)));
    expect([...firstMentors.mentors[0].pairIds].sort()).toEqual(
      cohort.pairIds.filter((_, index) => index % 60 === 0).sort(),
    );
    // A filter DynamoDB applies keeps the order and misses nothing.
    const paused = await allPages(
      `/api/admin/pairs?cohort=${cohort.cohortId}&phase=pause`,
      "pairs",
    );
    expect(paused.ids).toEqual(cohort.pairIds.filter((_, index) => index % 10 === 0));

    // The page links to the next one, which continues where the first stopped.
    const first = await pageText(await adminPage(`/admin/binomes?vague=${cohort.cohortId}`));
    expect(first).toContain("50 binômes sur cette page");
    const next = /href="([^"]*curseur=[^"]*)" rel="next">Suivants</.exec(first)?.[1];
    expect(next).toBeDefined();
    const second = await pageText(await adminPage((next as string).replaceAll("&amp;", "&")));
    expect(second).toContain("Première page");
    const linked = (html: string) =>
      [...html.matchAll(/href="\/admin\/binomes\/(binome-[a-f0-9]+)"/g)].map((m) => m[1]);
    expect([...linked(first), ...linked(second)]).toEqual(cohort.pairIds.slice(0, 100));
  }, 120_000);

  it("answers a tampered or borrowed cursor with 400 in French, page and API alike", async () => {
    const cohort = await largeCohort();
    const { next } = await (
      await adminJson("GET", `/api/admin/pairs?cohort=${cohort.cohortId}`)
    ).json();
    const tampered = `${next.slice(0, 10)}${next[10] === "A" ? "B" : "A"}${next.slice(11)}`;
    const api = await adminJson(
      "GET",
      `/api/admin/pairs?cohort=${cohort.cohortId}&cursor=${encodeURIComponent(tampered)}`,
    );
    expect(api.status).toBe(400);
    expect((await api.json()).title).toContain("Ce curseur de page n'est pas valide");
    // A cursor of the pairs' list does not open the questionnaires' list.
    const borrowed = await adminJson(
      "GET",
      `/api/admin/questionnaires?cohort=${cohort.cohortId}&cursor=${encodeURIComponent(next)}`,
    );
    expect(borrowed.status).toBe(400);
    const page = await adminPage(
      `/admin/binomes?vague=${cohort.cohortId}&curseur=${encodeURIComponent(tampered)}`,
    );
    expect(page.status).toBe(400);
    const text = await pageText(page);
    expect(text).toContain("L'adresse de cette page de liste a été modifiée");
    expect(text).toContain("Revenir au début de la liste");
    const garbage = await adminPage(`/admin/mentors?vague=${cohort.cohortId}&curseur=%7B%7D`);
    expect(garbage.status).toBe(400);
  }, 60_000);
});

describe("searching people and pairs", () => {
  async function helenesPair() {
    const cohortId = freshCohortId();
    const helene = await submitMentee(cohortId, {
      firstName: "Hélène",
      lastName: "Dupré-Lefèvre",
      email: uniqueEmail("helene.dupre"),
    });
    const other = await submitMentee(cohortId, { firstName: "Claire", lastName: "Martin" });
    const elodie = await submitMentor(cohortId, { firstName: "Élodie", lastName: "Garçon" });
    const pairId = pairIdFor(cohortId, helene.id);
    await createPair(
      pairRecord({ id: pairId, cohortId, menteeId: helene.id, mentorId: elodie.id }),
    );
    return { cohortId, helene, other, elodie, pairId };
  }

  it("finds « Hélène » with « helene », by last name, full name or address, and her pair by either name", async () => {
    const { cohortId, helene, elodie, pairId } = await helenesPair();
    for (const q of [
      "helene",
      "HÉLÈNE",
      "hel",
      "dupre",
      "lefevre",
      "Hélène Dupré",
      "helene.dupre",
    ]) {
      expect(await found("questionnaires", "questionnaires", cohortId, q)).toEqual([helene.id]);
    }
    expect(await found("questionnaires", "questionnaires", cohortId, "claire")).not.toContain(
      helene.id,
    );
    expect(await found("questionnaires", "questionnaires", cohortId, "zz")).toEqual([]);
    expect(await found("mentors", "mentors", cohortId, "garcon")).toEqual([elodie.id]);
    expect(await found("pairs", "pairs", cohortId, "elodie")).toEqual([pairId]);
    expect(await found("pairs", "pairs", cohortId, "helene")).toEqual([pairId]);
    // The questionnaire says it is paired, from the pair's own write.
    const paired = await (
      await adminJson("GET", `/api/admin/questionnaires?cohort=${cohortId}&status=paired`)
    ).json();
    expect(paired.questionnaires.map((item: Listed) => item.id)).toEqual([helene.id]);

    const page = await pageText(
      await adminPage(`/admin/binomes?vague=${cohortId}&q=${encodeURIComponent("Élo")}`),
    );
    expect(page).toContain("1 binôme pour la recherche «\u00a0Élo\u00a0»");
    expect(page).toContain('value="Élo"');
  }, 60_000);

  it("follows a changed name: the old one no longer finds the person, the new one does", async () => {
    const cohortId = freshCohortId();
    const answers = questionnaireAnswers({ firstName: "Hélène", lastName: "Durand" });
    const { id } = await questionnaire.submit(answers, cohortId);
    await questionnaire.submit({ ...answers, lastName: "Delorme" }, cohortId);
    expect(await found("questionnaires", "questionnaires", cohortId, "durand")).toEqual([]);
    expect(await found("questionnaires", "questionnaires", cohortId, "delorme")).toEqual([id]);
    expect(await found("questionnaires", "questionnaires", cohortId, "helene")).toEqual([id]);
  }, 30_000);

  it("no longer finds an erased person, nor their pair by their name; the other participant still finds it", async () => {
    const { cohortId, helene, pairId } = await helenesPair();
    expect((await erasePerson(helene.answers.email)).status).toBe("erased");
    expect(await found("questionnaires", "questionnaires", cohortId, "helene")).toEqual([]);
    expect(await found("questionnaires", "questionnaires", cohortId, "dupre")).toEqual([]);
    expect(await found("pairs", "pairs", cohortId, "helene")).toEqual([]);
    expect(await found("pairs", "pairs", cohortId, "garcon")).toEqual([pairId]);
  }, 120_000);
});
