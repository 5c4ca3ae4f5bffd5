// First: the app's SES client and the outbox's sender reach SES through a proxy this file cuts.
import "./ses-proxy";
import { afterAll, describe, expect, it } from "vitest";
import { backlogSize, outboxItem } from "#core/email/outbox";
import { getMentor } from "#core/mentor";
import { listPairEmails } from "#core/pair/store";
import { app } from "../../functions/api/app";
import { adminJson, adminPage, freshCohortId, pageText, submitMentor } from "../api/admin-support";
import { questionnaireAnswers } from "../support/fixtures";
import { emailsTo, outboxDrained } from "../support/inbox";
import { newPair, pairOf, useEngine } from "../workflow/support";
import { sesProxy } from "./ses-proxy";

/**
 * SES stopped and restarted while people submit forms and while a pair starts: every stored form
 * is answered as stored and acknowledged once SES is back, the pair moves on, and nobody gets
 * anything twice.
 */
const { engine } = useEngine();
afterAll(() => sesProxy.close());

const submit = (answers: ReturnType<typeof questionnaireAnswers>) =>
  app.request("/api/questionnaires", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(answers),
  });

describe("SES stopped and restarted", () => {
  it("acknowledges every form stored during the outage once SES is back, each once", {
    timeout: 120_000,
  }, async () => {
    const before = Array.from({ length: 5 }, () => questionnaireAnswers());
    const during = Array.from({ length: 20 }, () => questionnaireAnswers());
    const statuses = (await Promise.all(before.map(submit))).map((response) => response.status);
    await sesProxy.cut();
    statuses.push(...(await Promise.all(during.map(submit))).map((response) => response.status));
    expect(statuses.every((status) => status === 201)).toBe(true);
    // Nothing can leave while SES is down: the acknowledgements wait in the outbox.
    expect(await backlogSize()).toBeGreaterThanOrEqual(1);
    // A changed retry during the outage is answered as a change and loses nothing.
    const changed = await submit({ ...(during[0] as (typeof during)[0]), goal: "Autre objectif" });
    expect(changed.status).toBe(200);
    await sesProxy.restore();
    await outboxDrained(60_000);
    for (const answers of [...before, ...during]) {
      expect(await emailsTo(answers.email)).toHaveLength(1);
    }
  });

  it("stores a mentor's selection during the outage and tells them once SES is back, once", {
    timeout: 120_000,
  }, async () => {
    const { id, answers } = await submitMentor(freshCohortId(), {}, "applied");
    const interview = {
      grid: {
        digitalMaturity: { level: 4 },
        teachingAptitude: { level: 3 },
        seniorCoaching: { level: 4 },
      },
      decision: "selected",
    };
    await sesProxy.cut();
    try {
      const decided = await adminJson("PUT", `/api/admin/mentors/${id}/interview`, interview);
      expect(decided.status).toBe(200);
      expect((await decided.json()).email).toBe("queued");
      // The decision is stored and its email waits, written together.
      expect((await getMentor(id))?.status).toBe("selected");
      expect((await outboxItem(`selection#${id}#selected`))?.status).toBe("queued");
      // The grid saved again during the outage keeps the decision and queues nothing new.
      const again = await adminJson("PUT", `/api/admin/mentors/${id}/interview`, {
        ...interview,
        comment: "Entretien relu",
      });
      expect(again.status).toBe(200);
      expect((await again.json()).email).toBe("already-queued");
    } finally {
      await sesProxy.restore();
    }
    await outboxDrained(60_000);
    const received = await emailsTo(answers.email);
    // Their application's acknowledgement, and the decision once.
    expect(received.filter((email) => /retenue/.test(email.subject))).toHaveLength(1);
    expect(received).toHaveLength(2);
    expect((await getMentor(id))?.status).toBe("selected");
  });

  it("starts a pair during the outage and introduces both once SES is back, once", {
    timeout: 120_000,
  }, async () => {
    await sesProxy.cut();
    try {
      const { pairId, menteeEmail, mentorEmail } = await newPair();
      await engine().settle();
      // The introduction is queued: the pair moved on instead of failing.
      expect((await pairOf(pairId)).phase).toBe("preparation");
      expect((await pairOf(pairId)).status).not.toBe("failed");
      expect(await backlogSize()).toBeGreaterThanOrEqual(2);
      // The team sees on the pair's page that its emails wait, and none as sent.
      const waiting = await emailsBlock(pairId);
      expect(waiting).toContain("En attente d'envoi");
      expect(waiting).not.toMatch(/<td>Envoyé/);
      await sesProxy.restore();
      await outboxDrained(60_000);
      const sent = await emailsBlock(pairId);
      expect(sent).toMatch(/<td>Envoyé/);
      expect(sent).not.toContain("En attente d'envoi");
      const log = await listPairEmails(pairId);
      expect(log.map((email) => email.purpose)).toContain("introduction");
      expect(log.every((email) => email.delivery === "sent")).toBe(true);
      // Each address got its form's acknowledgement and each email of the pair's log, once.
      for (const [address, role] of [
        [menteeEmail, "mentee"],
        [mentorEmail, "mentor"],
      ] as const) {
        const logged = log.filter((email) => email.to.includes(role)).length;
        expect(logged, role).toBeGreaterThanOrEqual(1);
        expect(await emailsTo(address), role).toHaveLength(1 + logged);
      }
    } finally {
      if (!(await isListening())) await sesProxy.restore();
    }
  });
});

/** The "Courriels envoyés" block of the programme team's page of the pair. */
async function emailsBlock(pairId: string) {
  const page = await pageText(await adminPage(`/admin/binomes/${pairId}`));
  const start = page.indexOf("Courriels envoyés</h2>");
  expect(start).toBeGreaterThan(-1);
  return page.slice(start, page.indexOf("</table>", start));
}

async function isListening() {
  try {
    await fetch(`${process.env.AWS_ENDPOINT_URL_SESV2}/store`);
    return true;
  } catch {
    return false;
  }
}
