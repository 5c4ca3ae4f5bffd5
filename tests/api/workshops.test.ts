import { describe, expect, it } from "vitest";
import { programme } from "#core/programme";
import { app } from "../../functions/api/app";
import { uniqueEmail } from "../support/inbox";
import { adminJson, origin, submitMentor } from "./admin-support";

/**
 * The team's JSON API for collective workshops (/api/admin/workshops), in process, and the
 * request form in English. Scheduling, which starts the event workflow, is driven end to end on
 * the local engine in tests/workflow/workshop.test.ts.
 */
const request = (email: string, service: string) =>
  app.request(`${origin}/atelier`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams([
      ["firstName", "Hélène"],
      ["lastName", "Durand"],
      ["email", email],
      ["service", service],
      ["managers", "8"],
      ["theme", "collaborative-tools"],
      ["goal", "Animer nos réunions en visio"],
      ["slots", "morning"],
      ["dates", "En février"],
      ["consent", "on"],
    ]),
  });

async function workshopOf(service: string) {
  const { workshops } = (await (await adminJson("GET", "/api/admin/workshops")).json()) as {
    workshops: { id: string; request: { service: string } }[];
  };
  const found = workshops.find((workshop) => workshop.request.service === service);
  if (!found) throw new Error("Not listed");
  return found.id;
}

describe("the workshops API", () => {
  it("lists a request, proposes pairs of mentors, assigns them and adds participants once", async () => {
    const service = `Service ${Math.random().toString(36).slice(2, 8)}`;
    expect((await request(uniqueEmail("chef"), service)).status).toBe(200);
    const id = await workshopOf(service);
    const [a, b] = await Promise.all([
      submitMentor(programme.openCohortId, {
        themes: [{ theme: "collaborative-tools", level: 4 }],
      }),
      submitMentor(programme.openCohortId, {
        themes: [{ theme: "collaborative-tools", level: 2 }],
      }),
    ]);
    const details = (await (await adminJson("GET", `/api/admin/workshops/${id}`)).json()) as {
      workshop: Record<string, unknown>;
      proposals: { mentorIds: string[] }[];
    };
    expect(details.workshop.status).toBe("requested");
    expect(details.workshop).not.toHaveProperty("registrationToken");
    expect(details.proposals.map((proposal) => [...proposal.mentorIds].sort())).toContainEqual(
      [a.id, b.id].sort(),
    );

    const same = await adminJson("PUT", `/api/admin/workshops/${id}/mentors`, {
      mentorIds: [a.id, a.id],
    });
    expect(same.status).toBe(422);
    expect(JSON.stringify(await same.json())).toContain("Choisissez deux mentors différents.");
    const assigned = await adminJson("PUT", `/api/admin/workshops/${id}/mentors`, {
      mentorIds: [a.id, b.id],
    });
    expect(assigned.status).toBe(200);
    expect(((await assigned.json()) as { mentorIds: string[] }).mentorIds).toEqual([a.id, b.id]);

    const participant = { participants: [{ email: uniqueEmail("cadre") }] };
    const first = await adminJson("POST", `/api/admin/workshops/${id}/participants`, participant);
    expect(await first.json()).toEqual({ added: 1 });
    const again = await adminJson("POST", `/api/admin/workshops/${id}/participants`, participant);
    expect(await again.json()).toEqual({ added: 0 });

    const cancelled = await adminJson("POST", `/api/admin/workshops/${id}/cancel`);
    expect(((await cancelled.json()) as { status: string }).status).toBe("cancelled");
    const late = await adminJson("PUT", `/api/admin/workshops/${id}/schedule`, {
      date: "2030-01-15",
      time: "14:00",
      durationMinutes: 120,
      place: "Bercy",
    });
    expect(late.status).toBe(409);
  });

  it("answers 404 for a workshop that does not exist, and 401 without the team's token", async () => {
    expect((await adminJson("GET", `/api/admin/workshops/${"0".repeat(32)}`)).status).toBe(404);
    expect((await adminJson("GET", "/api/admin/workshops", undefined, {})).status).toBe(401);
  });

  it("tells a head of service's mistakes in English on the English form", async () => {
    const response = await app.request(`${origin}/atelier?lang=en`, {
      method: "POST",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([["managers", "1"]]),
    });
    expect(response.status).toBe(422);
    const text = await response.text();
    expect(text).toContain("Enter how many managers would take part, from 2 to 200.");
    expect(text).toContain("Choose the workshop&#39;s theme.");
    expect(text).not.toContain("\u00a0:");
  });

  it("writes the French error summary with its no-break spaces, and the team's refusals too", async () => {
    const response = await app.request(`${origin}/atelier`, {
      method: "POST",
      headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([["managers", "1"]]),
    });
    expect(response.status).toBe(422);
    const summary = /<ul>([\s\S]*?)<\/ul>/.exec(
      /id="erreurs"[\s\S]*$/.exec(await response.text())?.[0] ?? "",
    )?.[1];
    expect(summary).toMatch(/\u00a0: Indiquez combien de cadres/);
    expect(summary).not.toMatch(/ [:;?!]/);
    // A refusal the domain writes with plain spaces reaches the page spaced.
    const { localiseMessage } = await import("#web/i18n");
    expect(localiseMessage("fr", "Binôme impossible : ce mentor est déjà complet.")).toBe(
      "Binôme impossible\u00a0: ce mentor est déjà complet.",
    );
  });
});
