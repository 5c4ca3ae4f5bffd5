import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { clock } from "#core/clock";
import { issueLink, type LinkPurpose, type LinkRecipient, readLink } from "#core/links";
import { logger, metrics } from "#core/observability";
import { createPair, getPair, putWait } from "#core/pair/store";
import { useWorkflowEngine, type WorkflowEngine } from "#core/workflow/engine";
import { app } from "../../functions/api/app";

/**
 * The pages behind the links of emails, through the real app and DynamoDB Local. Most tests put a
 * recording fake in place of the workflow's `answerStep`, to say what the waiting step answers and
 * check whether it was reached at all; the last block runs the real one against a waiting pair,
 * with only the Step Functions port (the engine) replaced.
 */
const answerStep = vi.hoisted(() => vi.fn());
const realAnswerStep = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock("#core/pair/answer", async (importOriginal) => {
  const actual = await importOriginal<typeof import("#core/pair/answer")>();
  realAnswerStep.current = actual.answerStep;
  return { ...actual, answerStep };
});

const day = 24 * 60 * 60 * 1000;
const origin = "http://localhost";

async function newLink(
  purpose: LinkPurpose = "schedule",
  options: { recipient?: LinkRecipient; step?: string; expiresInDays?: number } = {},
) {
  const pairId = `pair-${randomBytes(4).toString("hex")}`;
  const url = await issueLink({
    pairId,
    step: options.step ?? "session-2",
    purpose,
    recipient: options.recipient ?? "mentor",
    expiresAt: new Date(clock.now().getTime() + (options.expiresInDays ?? 14) * day),
  });
  const path = new URL(url).pathname;
  return { pairId, path, token: path.slice("/lien/".length) };
}

const get = (path: string) => app.request(path);

const post = (path: string, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of ([] as string[]).concat(value)) body.append(name, item);
  }
  return app.request(path, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
};

/** A valid schedule answer: next year, 14:30 in Paris. */
const nextYear = () => clock.now().getUTCFullYear() + 1;
const scheduleFields = () => ({
  date: `${nextYear()}-03-17`,
  time: "14:30",
  durationMinutes: "60",
  format: "video",
  location: "Salle 3",
});

const isUsed = async (token: string) => {
  const reading = await readLink(token);
  return reading.ok && reading.link.usedAt !== undefined;
};

beforeEach(() => {
  answerStep.mockReset();
  answerStep.mockResolvedValue("recorded");
});

describe("opening a link (GET)", () => {
  it("shows the date form and changes nothing", async () => {
    const { path, token } = await newLink("schedule");
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain("Séance n° 2 : proposer une date");
    expect(html).toContain('type="date"');
    expect(html).toContain('type="time"');
    expect(html).toContain(`action="${path}"`);
    expect(html).toContain('method="post"');
    expect(answerStep).not.toHaveBeenCalled();
    expect(await isUsed(token)).toBe(false);
  });

  it("opened twice, still shows the form: a mail scanner's visit uses nothing", async () => {
    const { path } = await newLink("confirm");
    await get(path);
    const html = await (await get(path)).text();
    expect(html).toContain("La séance n° 2 a-t-elle eu lieu ?");
    expect(html).toContain('name="satisfaction"');
    expect(answerStep).not.toHaveBeenCalled();
  });

  it("shows the objectives form with 3 sessions proposed", async () => {
    const { path } = await newLink("objectives", { step: "preparation" });
    const html = await (await get(path)).text();
    expect(html).toContain('name="objectives"');
    expect(html).toMatch(/name="sessions"[^>]*value="3"|value="3"[^>]*name="sessions"/);
  });

  it("asks the mentee to rate the questionnaire's themes, the mentor also their experience", async () => {
    const mentee = await (
      await get((await newLink("self-evaluation", { recipient: "mentee", step: "closure" })).path)
    ).text();
    expect(mentee).toContain('name="comfort.social-networks"');
    expect(mentee).not.toContain('name="experience"');
    const mentor = await (
      await get((await newLink("self-evaluation", { recipient: "mentor", step: "closure" })).path)
    ).text();
    expect(mentor).toContain('name="comfort.artificial-intelligence"');
    expect(mentor).toContain('name="experience"');
  });

  it("says in French that an expired link has expired (410)", async () => {
    const { path } = await newLink("schedule", { expiresInDays: 1 });
    clock.advanceBy(2 * day);
    const response = await get(path);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("Ce lien a expiré");
  });

  it("says in French that an altered link is not valid (403)", async () => {
    const { path } = await newLink();
    const response = await get(`${path.slice(0, -3)}xyz`);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Ce lien n&#39;est pas valide");
  });

  it("counts every refused link in the LinkErrors metric, without the token in the logs", async () => {
    const { path } = await newLink();
    const addMetric = vi.spyOn(metrics, "addMetric");
    const warn = vi.spyOn(logger, "warn");
    try {
      await get(`${path.slice(0, -3)}xyz`);
      await get("/lien/n-importe-quoi");
      expect(addMetric.mock.calls.filter(([name]) => name === "LinkErrors")).toHaveLength(2);
      expect(JSON.stringify(warn.mock.calls)).not.toContain(path.split("/").at(-1)?.slice(0, 10));
    } finally {
      addMetric.mockRestore();
      warn.mockRestore();
    }
  });

  it("says a made-up link cannot be found (404)", async () => {
    const response = await get("/lien/n-importe-quoi");
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Ce lien est introuvable");
  });
});

describe("answering through a link (POST)", () => {
  it("hands the answer to the waiting step, once, as the link's recipient", async () => {
    const { path, pairId, token } = await newLink("schedule");
    const response = await post(path, scheduleFields());
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Merci, la date est enregistrée");
    expect(answerStep).toHaveBeenCalledTimes(1);
    expect(answerStep).toHaveBeenCalledWith({
      pairId,
      step: "session-2",
      purpose: "schedule",
      by: "mentor",
      answer: {
        startsAt: `${nextYear()}-03-17T13:30:00.000Z`,
        durationMinutes: 60,
        format: "video",
        location: "Salle 3",
      },
    });
    expect(await isUsed(token)).toBe(true);
  });

  it("says already recorded on a second click, and does not reach the step again", async () => {
    const { path } = await newLink("confirm");
    await post(path, { tookPlace: "yes", satisfaction: "5" });
    const again = await post(path, { tookPlace: "no" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Votre réponse est déjà enregistrée");
    const reopened = await get(path);
    expect(reopened.status).toBe(200);
    expect(await reopened.text()).toContain("Votre réponse est déjà enregistrée");
    expect(answerStep).toHaveBeenCalledTimes(1);
  });

  it("lets only one of two simultaneous clicks reach the step", async () => {
    const { path } = await newLink("confirm");
    const responses = await Promise.all([
      post(path, { tookPlace: "yes", satisfaction: "4" }),
      post(path, { tookPlace: "yes", satisfaction: "4" }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(answerStep).toHaveBeenCalledTimes(1);
  });

  it("refuses an expired link with the French page and changes nothing", async () => {
    const { path, token } = await newLink("confirm", { expiresInDays: 1 });
    clock.advanceBy(2 * day);
    const response = await post(path, { tookPlace: "yes", satisfaction: "5" });
    expect(response.status).toBe(410);
    const html = await response.text();
    expect(html).toContain("Ce lien a expiré");
    expect(html).toContain("Rien n&#39;a été modifié");
    expect(answerStep).not.toHaveBeenCalled();
    expect(await readLink(token)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses an altered link with the French page and changes nothing", async () => {
    const { path, token } = await newLink("objectives");
    const [id, signature] = token.split(".") as [string, string];
    const altered = `/lien/${id}.${signature.startsWith("A") ? "B" : "A"}${signature.slice(1)}`;
    const response = await post(altered, { objectives: "LinkedIn", sessions: "4" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Ce lien n&#39;est pas valide");
    expect(answerStep).not.toHaveBeenCalled();
    expect(await isUsed(token)).toBe(false);
    expect(path).not.toBe(altered);
  });

  it("shows French errors next to the fields, keeps the answers, and uses nothing", async () => {
    const { path, token } = await newLink("schedule");
    const past = await post(path, { ...scheduleFields(), date: "15/01/2020" });
    expect(past.status).toBe(422);
    const html = await past.text();
    expect(html).toContain("Le formulaire contient des erreurs");
    expect(html).toContain('href="#champ-date"');
    expect(html).toMatch(/id="champ-date-erreur">Choisissez une date et une heure à venir\./);
    expect(html).toContain('value="15/01/2020"');
    expect(html).toContain('value="Salle 3"');
    expect(html).toMatch(/value="video" checked/);
    const noTime = await post(path, { ...scheduleFields(), time: "" });
    expect(noTime.status).toBe(422);
    expect(await noTime.text()).toMatch(/id="champ-time-erreur">Indiquez l&#39;heure\./);
    expect(answerStep).not.toHaveBeenCalled();
    expect(await isUsed(token)).toBe(false);
  });

  it("refuses a form posted from another site", async () => {
    const { path } = await newLink("cancel-session");
    const response = await app.request(path, {
      method: "POST",
      headers: {
        Origin: "https://evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "reason=x",
    });
    expect(response.status).toBe(403);
    expect(answerStep).not.toHaveBeenCalled();
  });

  it("says so when the step no longer waits, and leaves the link usable", async () => {
    answerStep.mockResolvedValue("not-waiting");
    const { path, token } = await newLink("cancel-session");
    const response = await post(path, { reason: "Empêchement" });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Cette étape n&#39;attend plus de réponse");
    expect(await isUsed(token)).toBe(false);
  });

  it("says already recorded when the step had the answer from the other link", async () => {
    answerStep.mockResolvedValue("already-recorded");
    const { path } = await newLink("self-evaluation", { recipient: "mentee", step: "closure" });
    const comfort = Object.fromEntries(
      [
        "social-networks",
        "collaborative-tools",
        "artificial-intelligence",
        "data-business-models",
        "digital-identity-security",
      ].map((theme) => [`comfort.${theme}`, "3"]),
    );
    const response = await post(path, comfort);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Votre réponse est déjà enregistrée");
  });

  it("gives the link back when the answer could not be delivered, so a retry works", async () => {
    answerStep.mockRejectedValueOnce(new Error("Step Functions unavailable"));
    const { path, token } = await newLink("objectives", { step: "preparation" });
    const failed = await post(path, { objectives: "LinkedIn", sessions: "4" });
    expect(failed.status).toBe(503);
    expect(await failed.text()).toContain("Votre réponse n&#39;a pas pu être enregistrée");
    expect(await isUsed(token)).toBe(false);
    const retried = await post(path, { objectives: "LinkedIn", sessions: "4" });
    expect(retried.status).toBe(200);
    expect(answerStep).toHaveBeenLastCalledWith(
      expect.objectContaining({ answer: { objectives: "LinkedIn", sessions: 4 } }),
    );
  });
});

describe("the page in English", () => {
  it("follows ?lang=en and keeps it in the form's address", async () => {
    const { path } = await newLink("schedule", { step: "preparation" });
    const html = await (await get(`${path}?lang=en`)).text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Preparation call: propose a date");
    expect(html).toContain(`action="${path}?lang=en"`);
    expect(html).toMatch(/value="30" checked/);
  });
});

describe("answering a pair that waits (the workflow's real answerStep)", () => {
  const delivered: { token: string; output: Record<string, unknown> }[] = [];
  const engine: WorkflowEngine = {
    start: async () => ({ started: true }),
    sendTaskSuccess: async (token, output) => {
      delivered.push({ token, output });
      return "delivered";
    },
    sendTaskFailure: async () => "delivered",
  };

  beforeEach(() => {
    answerStep.mockImplementation(realAnswerStep.current as typeof answerStep);
    delivered.length = 0;
    useWorkflowEngine(engine);
    return () => useWorkflowEngine(undefined);
  });

  async function pairWaitingForObjectives() {
    const pairId = `pair-${randomBytes(4).toString("hex")}`;
    const now = clock.now().toISOString();
    await createPair({
      id: pairId,
      cohortId: "vague-test",
      menteeId: "mentee-1",
      mentorId: "mentor-1",
      phase: "preparation",
      status: "active",
      needsAttention: false,
      settings: {
        sessions: 3,
        pauseMonths: 3,
        reminderHoursBefore: 24,
        allowSameManagementLine: false,
      },
      sessionsPlanned: 3,
      sessionsDone: 0,
      executionName: pairId,
      createdAt: now,
      updatedAt: now,
    });
    await putWait(pairId, {
      token: `token-${pairId}`,
      step: "preparation",
      purpose: "objectives",
      since: now,
      timeouts: 0,
      answeredBy: [],
    });
    const url = await issueLink({
      pairId,
      step: "preparation",
      purpose: "objectives",
      recipient: "mentor",
      expiresAt: new Date(clock.now().getTime() + 14 * day),
    });
    return { pairId, path: new URL(url).pathname };
  }

  it("records the objectives, resumes the execution at once, and says so on a second click", async () => {
    const { pairId, path } = await pairWaitingForObjectives();
    const response = await post(path, { objectives: "Créer mon compte LinkedIn", sessions: "5" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Merci, les objectifs sont enregistrés");
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.token).toBe(`token-${pairId}`);
    const pair = await getPair(pairId);
    expect(pair?.objectives).toBe("Créer mon compte LinkedIn");
    expect(pair?.sessionsPlanned).toBe(5);

    const again = await post(path, { objectives: "Autre chose", sessions: "7" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Votre réponse est déjà enregistrée");
    expect(delivered).toHaveLength(1);
    expect((await getPair(pairId))?.sessionsPlanned).toBe(5);
  });
});
