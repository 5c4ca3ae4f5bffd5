import { describe, expect, it } from "vitest";
import { newRequestKey } from "#core/admin/request-key";
import { clock } from "#core/clock";
import { parisToday } from "#core/event-dates";
import { useEngine } from "../workflow/support";
import { adminForm, adminJson } from "./admin-support";

/**
 * The team's event JSON routes refuse an unknown field as the questionnaire's API does (a 422
 * naming it in French) instead of dropping it without a word; the HTML forms, which post extra
 * fields of their own, are read field by field and keep working.
 */

// Publishing, scheduling and moving start or tell the event executions: the local Step Functions
// service runs them.
useEngine();

const inDays = (days: number) => parisToday(new Date(clock.now().getTime() + days * 86_400_000));

type Problem = { errors: { field: string; pointer: string; detail: string }[] };

async function expectRefusedField(response: Response, field: string) {
  expect(response.status).toBe(422);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  const problem = (await response.json()) as Problem;
  expect(problem.errors).toEqual([
    { field, pointer: `/${field}`, detail: "Ce champ n'est pas attendu." },
  ]);
}

const barnumBody = () => ({
  event: "Semaine du numérique",
  place: "Hall Bercy",
  date: inDays(20),
  startTime: "12:00",
  endTime: "14:00",
  slotMinutes: 30,
  placesPerSlot: 4,
  requestKey: newRequestKey(),
});

const meetingBody = () => ({
  kind: "network",
  date: inDays(30),
  time: "17:30",
  durationMinutes: 90,
  place: "Salle Colbert",
  agenda: "Retours d'expérience",
});

describe("the event JSON routes and an unknown field", () => {
  it("refuses it when publishing or moving a BarNum', and still takes a valid body", async () => {
    await expectRefusedField(
      await adminJson("POST", "/api/admin/barnum", { ...barnumBody(), lieu: "Hall Bercy" }),
      "lieu",
    );
    const published = await adminJson("POST", "/api/admin/barnum", barnumBody());
    expect(published.status).toBe(201);
    const { barnum } = (await published.json()) as { barnum: { id: string } };

    const path = `/api/admin/barnum/${barnum.id}/move`;
    const move = { date: inDays(21), startTime: "13:00", place: "Salle Colbert" };
    await expectRefusedField(
      await adminJson("POST", path, { ...move, endTime: "15:00" }),
      "endTime",
    );
    const moved = await adminJson("POST", path, move);
    expect(moved.status).toBe(200);
    expect(await moved.json()).toEqual({ status: "changed" });
  });

  it("refuses it when scheduling or moving a network meeting, and still takes a valid body", async () => {
    await expectRefusedField(
      await adminJson("POST", "/api/admin/network", { ...meetingBody(), invites: "tous" }),
      "invites",
    );
    const scheduled = await adminJson("POST", "/api/admin/network", meetingBody());
    expect(scheduled.status).toBe(201);
    const { meeting } = (await scheduled.json()) as { meeting: { id: string } };

    const path = `/api/admin/network/${meeting.id}/move`;
    const move = { date: inDays(31), time: "18:00", place: "En visio" };
    await expectRefusedField(
      await adminJson("POST", path, { ...move, durationMinutes: 60 }),
      "durationMinutes",
    );
    const moved = await adminJson("POST", path, move);
    expect(moved.status).toBe(200);
    expect(await moved.json()).toEqual({ status: "changed" });
  });

  it("leaves the HTML forms alone: their own extra fields are not refused", async () => {
    const { requestKey: _json, ...form } = barnumBody();
    const published = await adminForm("/admin/barnum", {
      ...Object.fromEntries(Object.entries(form).map(([key, value]) => [key, String(value)])),
      requestKey: newRequestKey(),
      lang: "fr",
    });
    expect(published.status).toBe(303);
    const meeting = await adminForm("/admin/reseau", {
      ...Object.fromEntries(
        Object.entries(meetingBody()).map(([key, value]) => [key, String(value)]),
      ),
      lang: "fr",
    });
    expect(meeting.status).toBe(303);
  });
});
