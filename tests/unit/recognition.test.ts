import { describe, expect, it } from "vitest";
import type { Pair } from "#core/pair/model";
import { attestationLines, recordOfWork } from "#core/recognition";
import { type Resource, resourcesFor } from "#core/resources";

const mentor = {
  id: "m-1",
  firstName: "Inès",
  lastName: "Benali",
  role: "Chargée de projets numériques",
  directorate: "Secrétariat général",
};

const pair = (overrides: Partial<Pair>): Pair =>
  ({
    id: `p-${Math.random()}`,
    cohortId: "vague-1",
    menteeId: "q-1",
    mentorId: "m-1",
    phase: "closed",
    status: "closed",
    sessionsDone: 3,
    mentorHours: 4.75,
    createdAt: "2026-03-02T09:00:00.000Z",
    ...overrides,
  }) as Pair;

describe("a mentor's record of work", () => {
  it("counts the pairs they led, a reassigned one included, with its sessions and hours", () => {
    const record = recordOfWork(mentor, [
      pair({}),
      pair({
        mentorId: "m-2",
        firstMentorId: "m-1",
        status: "active",
        sessionsDone: 1,
        mentorHours: 1,
      }),
      pair({ mentorId: "m-9", sessionsDone: 5 }),
    ]);
    expect(record).toMatchObject({ pairs: 2, pairsCompleted: 1, sessionsHeld: 4, hours: 5.75 });
    expect(record.since).toBe("2026-03-02T09:00:00.000Z");
  });

  it("writes the attestation in French, with plurals, « 1er » and hours as people write them", () => {
    const record = recordOfWork(mentor, [
      pair({}),
      pair({ status: "cancelled", sessionsDone: 0, mentorHours: 0 }),
    ]);
    const text = attestationLines(record, new Date("2026-12-01T10:00:00Z")).join("\n");
    expect(text).toContain(
      "atteste qu'Inès Benali, Chargée de projets numériques (Secrétariat général)",
    );
    expect(text).toContain("depuis le 2 mars 2026");
    expect(text).toContain("2 cadres accompagnés, dont 1 parcours mené jusqu'à la clôture");
    expect(text).toContain("3 séances tenues");
    expect(text).toContain("4\u00a0h\u00a045 de mentorat");
    expect(text).toContain("Fait le 1er décembre 2026.");
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it("says 0 and 1 in the singular, as French does", () => {
    const text = attestationLines(
      recordOfWork(mentor, [pair({ status: "active", sessionsDone: 1, mentorHours: 1 })]),
      new Date("2026-12-01T10:00:00Z"),
    ).join("\n");
    expect(text).toContain("1 cadre accompagné, dont 0 parcours mené");
    expect(text).toContain("1 séance tenue");
    expect(text).toContain("1\u00a0h de mentorat");
  });
});

describe("resources for a pair's emails", () => {
  const resource = (theme: string, audience: Resource["audience"]): Resource => ({
    id: `${theme}-${audience}`,
    theme,
    audience,
    title: "Guide",
    url: "https://exemple.gouv.fr/guide",
    description: "Un guide",
    durationMinutes: 20,
    createdAt: "2026-01-01T00:00:00.000Z",
  });
  const library = [
    resource("social-networks", "everyone"),
    resource("social-networks", "mentors"),
    resource("artificial-intelligence", "everyone"),
  ];

  it("points a manager to the pair's themes only, and keeps the mentors' modules for the mentor", () => {
    expect(resourcesFor(library, ["social-networks"], "mentee").map((r) => r.id)).toEqual([
      "social-networks-everyone",
    ]);
    expect(resourcesFor(library, ["social-networks"], "mentor").map((r) => r.id)).toEqual([
      "social-networks-everyone",
      "social-networks-mentors",
    ]);
  });
});
