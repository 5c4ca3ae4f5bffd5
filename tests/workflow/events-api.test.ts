import { describe, expect, it } from "vitest";
import { clock } from "#core/clock";
import { createCohort } from "#core/cohort";
import { parisToday } from "#core/event-dates";
import { app } from "../../functions/api/app";
import { adminJson, freshCohortId, origin, submitMentor } from "../api/admin-support";
import { useEngine } from "./support";

/**
 * The team's JSON API for BarNum' and network meetings: numbers in and out as JSON numbers,
 * instants as ISO 8601, moving and cancelling as on the pages, all in the OpenAPI document.
 */
const { engine } = useEngine();

const day = 24 * 3600_000;
const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

type Problem = { errors: { field: string; detail: string }[] };

describe("the JSON API of BarNum' and network meetings", () => {
  it("takes and gives numbers as numbers, moves and cancels a BarNum'", async () => {
    const form = {
      event: "Midi numérique API",
      place: "Hall Bercy",
      date: parisToday(clock.now().getTime() + 4 * day),
      startTime: "12:00",
      endTime: "13:30",
      slotMinutes: 30,
      placesPerSlot: 3,
      requestKey: crypto.randomUUID(),
    };
    const refused = await adminJson("POST", "/api/admin/barnum", {
      ...form,
      slotMinutes: 25,
      placesPerSlot: 2.5,
    });
    expect(refused.status).toBe(422);
    const problem = (await refused.json()) as Problem;
    expect(problem.errors.find((error) => error.field === "slotMinutes")?.detail).toBe(
      "Choisissez la durée d'un créneau.",
    );
    expect(problem.errors.map((error) => error.field)).toContain("placesPerSlot");

    const published = await adminJson("POST", "/api/admin/barnum", form);
    expect(published.status).toBe(201);
    const { barnum } = (await published.json()) as { barnum: Record<string, unknown> };
    expect(barnum.slotMinutes).toBe(30);
    expect(barnum.placesPerSlot).toBe(3);
    expect(barnum.sequence).toBe(0);
    expect(Object.values(barnum.taken as object)).toEqual([0, 0, 0]);
    expect(barnum.startsAt).toMatch(iso);
    await engine().settle();

    const id = barnum.id as string;
    const read = (await (await adminJson("GET", `/api/admin/barnum/${id}`)).json()) as {
      registrations: unknown;
      figures: { visits: unknown };
    };
    expect(read.registrations).toBe(0);
    expect(read.figures.visits).toBe(0);

    const move = {
      date: parisToday(clock.now().getTime() + 6 * day),
      startTime: "16:00",
      place: "Salle Colbert",
    };
    const moved = await adminJson("POST", `/api/admin/barnum/${id}/move`, move);
    expect(moved.status).toBe(200);
    expect(await moved.json()).toEqual({ status: "changed" });
    const badMove = await adminJson("POST", `/api/admin/barnum/${id}/move`, { ...move, place: "" });
    expect(badMove.status).toBe(422);
    const after = (await (await adminJson("GET", `/api/admin/barnum/${id}`)).json()) as {
      barnum: { sequence: number; place: string; startsAt: string };
    };
    expect(after.barnum).toMatchObject({ sequence: 1, place: "Salle Colbert" });
    expect(after.barnum.startsAt).toMatch(iso);
    await engine().settle();

    const cancel = await adminJson("POST", `/api/admin/barnum/${id}/cancel`, {});
    expect(await cancel.json()).toEqual({ status: "changed" });
    expect(await (await adminJson("POST", `/api/admin/barnum/${id}/cancel`, {})).json()).toEqual({
      status: "unchanged",
    });
    expect((await adminJson("POST", `/api/admin/barnum/${id}/move`, move)).status).toBe(409);
    expect((await adminJson("POST", "/api/admin/barnum/inconnu/cancel", {})).status).toBe(404);
    await engine().settle();
  });

  it("schedules a meeting with a number, shows each invitation's answer, moves and cancels it", async () => {
    const cohortId = freshCohortId();
    await createCohort({ id: cohortId, name: "Vague API réseau" });
    await submitMentor(cohortId, { firstName: "Inès", lastName: "Benali" });
    const scheduled = await adminJson("POST", "/api/admin/network", {
      kind: "network",
      date: parisToday(clock.now().getTime() + 5 * day),
      time: "17:00",
      durationMinutes: 90,
      place: "Salle Turgot API",
      agenda: "Ce que nous avons appris.",
    });
    expect(scheduled.status).toBe(201);
    const { meeting } = (await scheduled.json()) as { meeting: Record<string, unknown> };
    expect(meeting.durationMinutes).toBe(90);
    await engine().settle();
    const read = (await (
      await adminJson("GET", `/api/admin/network/${meeting.id as string}`)
    ).json()) as { invitations: { name: string; reply: unknown; attended: unknown }[] };
    expect(read.invitations.find((row) => row.name === "Inès Benali")).toMatchObject({
      reply: null,
      attended: null,
    });
    const move = {
      date: parisToday(clock.now().getTime() + 7 * day),
      time: "12:30",
      place: "Salle Turgot API",
    };
    const moved = await adminJson("POST", `/api/admin/network/${meeting.id as string}/move`, move);
    expect(await moved.json()).toEqual({ status: "changed" });
    await engine().settle();
    const cancelled = await adminJson(
      "POST",
      `/api/admin/network/${meeting.id as string}/cancel`,
      {},
    );
    expect(await cancelled.json()).toEqual({ status: "changed" });
    await engine().settle();
  });

  it("documents the new routes, with integers and ISO instants", async () => {
    const document = (await (await app.request(`${origin}/api/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: unknown;
            responses: Record<
              string,
              {
                content?: Record<
                  string,
                  {
                    schema: {
                      properties?: Record<
                        string,
                        { properties?: Record<string, { type?: string; format?: string }> }
                      >;
                    };
                  }
                >;
              }
            >;
          }
        >
      >;
    };
    for (const path of [
      "/api/admin/barnum/{id}/move",
      "/api/admin/barnum/{id}/cancel",
      "/api/admin/network/{id}",
      "/api/admin/network/{id}/move",
      "/api/admin/network/{id}/cancel",
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    const publish = document.paths["/api/admin/barnum"]?.post;
    expect(publish?.requestBody).toBeDefined();
    const answer = publish?.responses["201"]?.content?.["application/json"]?.schema;
    expect(answer?.properties?.barnum?.properties?.slotMinutes?.type).toBe("integer");
    expect(answer?.properties?.barnum?.properties?.startsAt?.format).toBe("date-time");
  });
});
