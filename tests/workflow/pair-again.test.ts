import { describe, expect, it } from "vitest";
import { startPair } from "#core/pair/start";
import { adminForm, freshCohortId, submitMentee, submitMentor } from "../api/admin-support";
import { emailsTo } from "../support/inbox";
import { day, hour, pairOf, useEngine } from "./support";

/**
 * "Pair again" on the local Step Functions engine: a pair the workflow stopped after a long
 * silence, the team forms a new pair for the manager from the pair page, and the new pair's
 * workflow really runs: both receive the new introduction in the local inbox.
 */
const { engine } = useEngine();

describe("pairing a manager again", () => {
  it("starts the new pair's workflow, which sends both the new introduction", async () => {
    const cohortId = freshCohortId();
    const mentee = await submitMentee(cohortId, {
      firstName: "Hélène",
      lastName: "Durand",
      priorityThemes: ["social-networks"],
      formats: ["video"],
    });
    const first = await submitMentor(cohortId, {
      firstName: "Yanis",
      lastName: "Benali",
      themes: [{ theme: "social-networks", level: 4 }],
      formats: ["video"],
    });
    const pairId = `${cohortId}-premier`;
    await startPair({ pairId, cohortId, menteeId: mentee.id, mentorId: first.id });
    await engine().settle();
    // Nobody answers: the workflow stops the pair.
    for (let week = 0; week < 5; week++) await engine().advance(7 * day + hour);
    expect(await pairOf(pairId)).toMatchObject({ status: "cancelled", outcome: "stopped" });
    const introductions = async (address: string) =>
      (await emailsTo(address)).filter((email) => email.subject.includes("voici votre binôme"));
    expect(await introductions(mentee.answers.email)).toHaveLength(1);

    const other = await submitMentor(cohortId, {
      firstName: "Inès",
      lastName: "Moreau",
      themes: [{ theme: "social-networks", level: 3 }],
      formats: ["video"],
    });
    const formed = await adminForm(`/admin/binomes/${pairId}/nouveau-binome`, {
      newMentorId: other.id,
    });
    expect(formed.status).toBe(303);
    const location = formed.headers.get("location") ?? "";
    const newPairId = location.slice("/admin/binomes/".length, location.indexOf("?"));
    await engine().settle();

    expect(await pairOf(newPairId)).toMatchObject({
      mentorId: other.id,
      follows: pairId,
      status: "active",
    });
    const toMentee = await introductions(mentee.answers.email);
    expect(toMentee).toHaveLength(2);
    const latest = toMentee.sort((a, b) => a.at - b.at).at(-1);
    expect(latest?.body.text).toContain(`Pour joindre Inès Moreau\u00a0: ${other.answers.email}`);
    expect(latest?.replyTo).toEqual([other.answers.email]);
    const toNewMentor = await introductions(other.answers.email);
    expect(toNewMentor).toHaveLength(1);
    expect(toNewMentor[0]?.body.text).toContain("Hélène Durand");
    expect(toNewMentor[0]?.body.text).toMatch(/http:\/\/localhost:3000\/lien\/\S+/);
    // The first mentor hears nothing of the new pair.
    expect(await introductions(first.answers.email)).toHaveLength(1);
  }, 300_000);
});
