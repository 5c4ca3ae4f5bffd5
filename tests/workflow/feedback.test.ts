import { describe, expect, it } from "vitest";
import { localApp } from "../../functions/local/app";
import { adminHeaders } from "../api/admin-support";
import { answer, day, newPair, schedule, useEngine } from "./support";

/**
 * The cohort's feedback page: what both roles wrote after a meeting and at the preparation call,
 * as the programme team reads it, with its filters.
 */
const { engine } = useEngine();

const appUrl = process.env.APP_URL as string;

const feedbackPage = async (query: string) => {
  const response = await localApp.request(`${appUrl}/admin/retours?vague=vague-test${query}`, {
    headers: adminHeaders(),
  });
  expect(response.status).toBe(200);
  return (await response.text()).replaceAll("&#39;", "'");
};

describe("the cohort's feedback page", () => {
  it("lists every rating and comment from both roles, filtered by role and step, in French", async () => {
    const { pairId } = await newPair();
    await engine().settle();
    await schedule(pairId, "preparation", 3);
    await engine().advance(4 * day);
    await answer(pairId, "preparation", "confirm", "mentee", {
      tookPlace: true,
      satisfaction: 4,
      comment: "Très concret, merci Yanis",
    });
    await answer(pairId, "preparation", "confirm", "mentor", {
      tookPlace: true,
      satisfaction: 5,
      comment: "Claire sait déjà ce qu'elle veut",
    });
    await answer(pairId, "preparation", "objectives", "mentor", {
      objectives: "Publier sur LinkedIn chaque mois",
      sessions: 3,
    });

    const all = await feedbackPage("");
    expect(all).toContain("<h1>Retours des participants</h1>");
    expect(all).toContain("Très concret, merci Yanis");
    expect(all).toContain("Claire sait déjà ce qu'elle veut");
    expect(all).toContain("Publier sur LinkedIn chaque mois");
    expect(all).toContain("Claire Dubois et Yanis Martin");
    expect(all).toContain("4\u00a0/\u00a05");
    expect(all).toContain("3 retours, dont 3 commentaires.");
    expect(all).not.toMatch(/\d{4}-\d{2}-\d{2}T|>mentee<|>preparation</);

    const managers = await feedbackPage("&role=cadre");
    expect(managers).toContain("Très concret, merci Yanis");
    expect(managers).not.toContain("Claire sait déjà");
    expect(managers).toContain("1 retour, dont 1 commentaire.");

    const closing = await feedbackPage("&etape=closure");
    expect(closing).toContain("Aucun retour pour ces filtres.");
    expect(closing).toContain("0 retour, dont 0 commentaire.");

    const english = await feedbackPage("&lang=en");
    expect(english).toContain("<h1>Participants' feedback</h1>");
    expect(english).toContain("Claire Dubois and Yanis Martin");
  });
});
