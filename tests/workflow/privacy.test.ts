import { describe, expect, it } from "vitest";

import { apply } from "#core/mentor";
import { startPair } from "#core/pair/start";
import { getPair, listHistory } from "#core/pair/store";
import { erasePerson, exportPerson, stillMentioned } from "#core/privacy";
import { readWholeTable } from "#core/privacy/store";
import { listQuestionnaires, submit } from "#core/questionnaire";
import { recordInterview } from "#core/selection";
import { mentorAnswers, questionnaireAnswers } from "../support/fixtures";
import { emailsTo, uniqueEmail } from "../support/inbox";
import { runDefaultPair, useEngine } from "./support";

/**
 * A person's data rights against the real table: what an export holds is checked against a scan
 * of every item, and after an erasure a scan finds neither their name nor their address anywhere.
 */
const { engine } = useEngine();

const cohortId = "vague-rgpd";
const unique = () => Math.random().toString(36).slice(2, 8);

/** A name no one else in the table has, so the scan for it means something. */
const person = (firstName: string) => ({
  firstName,
  lastName: `Zorglub${unique()}`,
  email: uniqueEmail(firstName.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")),
});

async function manager(firstName = "Hélène") {
  const who = person(firstName);
  const outcome = await submit(questionnaireAnswers(who), cohortId);
  return { ...who, id: outcome.id };
}

async function selectedMentor(firstName = "Yanis") {
  const who = person(firstName);
  const outcome = await apply(mentorAnswers(who), cohortId);
  await recordInterview(outcome.id, {
    grid: {
      digitalMaturity: { level: 4, note: `${who.firstName} publie chaque semaine.` },
      teachingAptitude: { level: 3 },
      seniorCoaching: { level: 3 },
    },
    comment: `Très à l'aise, ${who.firstName} a déjà animé des ateliers.`,
    decision: "selected",
  });
  return { ...who, id: outcome.id };
}

async function runningPair() {
  const mentee = await manager("Odile");
  const mentor = await selectedMentor("Inès");
  const pairId = `pair-${unique()}`;
  await startPair({ pairId, cohortId, menteeId: mentee.id, mentorId: mentor.id });
  await engine().settle();
  return { pairId, mentee, mentor };
}

/**
 * What a scan of the table says is about the person: every item holding their address or one of
 * their ids, except the links addressed to the other participant of their pair.
 */
async function scannedAbout(email: string, ids: string[], role?: "mentee" | "mentor") {
  const all = await readWholeTable();
  return all
    .filter((item) => {
      if (item.kind === "link" && role && item.recipient !== role) return false;
      const json = JSON.stringify(item).toLowerCase();
      return json.includes(email.toLowerCase()) || ids.some((id) => json.includes(id));
    })
    .map((item) => `${item.pk}|${item.sk}`)
    .sort();
}

const keysOf = (items: Record<string, unknown>[]) =>
  items.map((item) => `${item.pk}|${item.sk}`).sort();

/** The export and a scan, read together; the engine may still be writing the pair's last step. */
const exportAndScan = async (email: string, ids: string[], role?: "mentee" | "mentor") => {
  const exported = keysOf((await exportPerson(email, { log: false })).items);
  return { exported, scanned: await scannedAbout(email, ids, role) };
};

/** Their address or their (unique) last name anywhere in the table; first names are shared. */
const stillThere = (who: { email: string; lastName: string }) =>
  stillMentioned({ email: who.email, names: [who.lastName] });

describe("a person's data rights", () => {
  it("exports everything a scan finds about a manager who only filled in the questionnaire, then erases it all", async () => {
    const helene = await manager();
    const exported = await exportPerson(helene.email);
    expect(keysOf(exported.items)).toEqual(await scannedAbout(helene.email, [helene.id]));
    expect(exported.items.some((item) => item.kind === "questionnaire")).toBe(true);
    const countBefore = (await listQuestionnaires(cohortId)).length;

    expect((await erasePerson(helene.email)).status).toBe("erased");

    expect(await stillThere(helene)).toEqual([]);
    // The cohort still counts the questionnaire, anonymised, with its comfort levels.
    const after = await listQuestionnaires(cohortId);
    expect(after).toHaveLength(countBefore);
    const anonymised = after.find((record) => record.id === helene.id);
    expect(anonymised?.answers.comfort).toEqual(questionnaireAnswers().comfort);
    expect(anonymised?.answers.email).toBeUndefined();
    // A second request finds nothing and changes nothing.
    expect(await erasePerson(helene.email)).toEqual({ status: "nothing-held", pairsStopped: 0 });
    expect((await exportPerson(helene.email)).items).toEqual([]);
  });

  it("erases a selected, unpaired mentor's application and selection interview", async () => {
    const yanis = await selectedMentor();
    const exported = await exportPerson(yanis.email);
    expect(keysOf(exported.items)).toEqual(await scannedAbout(yanis.email, [yanis.id]));
    expect(JSON.stringify(exported.items)).toContain("a déjà animé des ateliers");

    await erasePerson(yanis.email);

    expect(await stillThere(yanis)).toEqual([]);
    const all = await readWholeTable();
    const record = all.find((item) => item.pk === `MENTOR#${yanis.id}`);
    expect(record?.status).toBe("selected");
    expect(JSON.stringify(record)).not.toContain("ateliers");
  });

  it("stops a running pair before erasing its manager: the mentor is told why, the execution ends cleanly", async () => {
    const { pairId, mentee, mentor } = await runningPair();
    await expect
      .poll(async () => {
        const { exported, scanned } = await exportAndScan(
          mentee.email,
          [mentee.id, pairId],
          "mentee",
        );
        return exported.length > 0 && exported.join() === scanned.join();
      })
      .toBe(true);
    const exported = await exportPerson(mentee.email);
    // The wait's task token never leaves the server, not even in an export.
    expect(JSON.stringify(exported.items)).not.toMatch(/taskToken|LOCAL-ENGINE/);

    expect(await erasePerson(mentee.email)).toEqual({ status: "erased", pairsStopped: 1 });
    await engine().settle();

    expect(await stillThere(mentee)).toEqual([]);
    expect((await getPair(pairId))?.status).toBe("cancelled");
    const execution = (await engine().stats()).executions[pairId];
    expect(execution?.status).toBe("SUCCEEDED");
    const told = (await emailsTo(mentor.email)).map((email) => email.subject);
    expect(told).toContain("Binôme\u00a0: votre binôme prend fin");
    const history = (await listHistory(pairId)).map((entry) => entry.event);
    expect(history).toEqual(expect.arrayContaining(["pair.stopped-for-erasure", "privacy.erased"]));
    // The mentor is still who they were: only the manager is gone.
    expect((await stillThere(mentor)).length).toBeGreaterThan(0);
  });

  it("erases the mentor of a closed pair and keeps the pair counted as closed", async () => {
    const { pairId, mentor } = await runningPair();
    await runDefaultPair(engine(), pairId);
    expect((await getPair(pairId))?.status).toBe("closed");

    expect(await erasePerson(mentor.email)).toEqual({ status: "erased", pairsStopped: 0 });

    expect(await stillThere(mentor)).toEqual([]);
    const pair = await getPair(pairId);
    expect(pair?.status).toBe("closed");
    expect(pair?.sessionsDone).toBe(3);
    expect(await erasePerson(mentor.email)).toEqual({ status: "nothing-held", pairsStopped: 0 });
  }, 180_000);
});
