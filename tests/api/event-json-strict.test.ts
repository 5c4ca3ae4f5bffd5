import { describe, expect, it } from "vitest";
import { newRequestKey } from "#core/admin/request-key";
import { clock } from "#core/clock";
import { isPastTime, parisToday } from "#core/event-dates";
import { inFormOrder } from "#web/form-kit";
import { app } from "../../functions/api/app";
import { useEngine } from "../workflow/support";
import { adminForm, adminJson, origin, pageText } from "./admin-support";

/**
 * The team's event JSON routes refuse an unknown field as the questionnaire's API does (a 422
 * naming it in French) instead of dropping it without a word; the HTML forms, which post extra
 * fields of their own, are read field by field and keep working. And a page's error summary
 * lists the mistakes in the order of the fields on its form, not in validation's order.
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

/** The summary's links, and the fields they lead to in the order the form shows them. */
async function summaryAndFields(response: Response) {
  const html = await pageText(response);
  const summary = /id="erreurs"[\s\S]*?<ul>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? "";
  const links = [...summary.matchAll(/<a href="#([^"]+)">([\s\S]*?)<\/a>/g)].map((match) => ({
    id: match[1] ?? "",
    text: (match[2] ?? "").replace(/<[^>]+>/g, "").replaceAll("\u00a0", " "),
  }));
  const form = html.slice(html.indexOf("<form"));
  const onForm = [...links].sort(
    (a, b) => form.indexOf(`id="${a.id}"`) - form.indexOf(`id="${b.id}"`),
  );
  for (const link of links) expect(form, link.id).toContain(`id="${link.id}"`);
  return { links, onForm };
}

describe("the error summary", () => {
  it("puts the errors in the form's order, a name placing its sub-fields", () => {
    const errors = { place: "p", "comfort.ai": "c", consent: "k", time: "t", other: "o" };
    expect(inFormOrder(errors, ["comfort", "time", "place"]).map(([name]) => name)).toEqual([
      "comfort.ai",
      "time",
      "place",
      "consent",
      "other",
    ]);
    expect(inFormOrder(errors).map(([name]) => name)).toEqual(Object.keys(errors));
  });

  it("lists a moved meeting's past time before its empty place, as the form shows them", async () => {
    const now = clock.now();
    // A time already gone today (told after every field by a rule across fields).
    const today = parisToday(now);
    expect(isPastTime(today, "00:00", now)).toBe(true);
    const scheduled = await adminJson("POST", "/api/admin/network", meetingBody());
    const { meeting } = (await scheduled.json()) as { meeting: { id: string } };
    const refused = await adminForm(`/admin/reseau/${meeting.id}/deplacer`, {
      date: today,
      time: "00:00",
      place: "",
    });
    expect(refused.status).toBe(422);
    const { links, onForm } = await summaryAndFields(refused);
    expect(links.map((link) => link.text)).toEqual([
      "Heure : Cette heure est passée : choisissez une heure à venir.",
      "Lieu ou lien de la visio : Indiquez le lieu ou le lien de la visio.",
    ]);
    expect(links).toEqual(onForm);
  });

  it("lists a BarNum's publishing mistakes in the form's order", async () => {
    const refused = await adminForm("/admin/barnum", {
      event: "Midi numérique",
      place: "Hall Bercy",
      date: parisToday(clock.now()),
      startTime: "00:00",
      endTime: "25:00",
      slotMinutes: "25",
      placesPerSlot: "4",
      requestKey: newRequestKey(),
    });
    expect(refused.status).toBe(422);
    const { links, onForm } = await summaryAndFields(refused);
    expect(links.map((link) => link.id)).toEqual([
      "champ-startTime",
      "champ-endTime",
      "champ-slotMinutes",
    ]);
    expect(links).toEqual(onForm);
  });

  it("lists the questionnaire's mistakes in the form's order", async () => {
    const refused = await app.request(`${origin}/questionnaire`, {
      method: "POST",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([
        ["firstName", "Hélène"],
        ["email", "pas-une-adresse"],
        ["comfort.ai", "2"],
        ["goal", ""],
      ]),
    });
    expect(refused.status).toBe(422);
    const { links, onForm } = await summaryAndFields(refused);
    expect(links.length).toBeGreaterThan(5);
    expect(links[0]?.id).toBe("champ-lastName");
    expect(links).toEqual(onForm);
  });
});
