import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { clock } from "#core/clock";
import { issueLink, type LinkPurpose, type LinkRecipient, readLink } from "#core/links";
import { logger, metrics } from "#core/observability";
import {
  createPair,
  getMeeting,
  getPair,
  getWait,
  listHistory,
  type MeetingRecord,
  putMeeting,
  putWait,
} from "#core/pair/store";
import { useWorkflowEngine, type WorkflowEngine } from "#core/workflow/engine";
import { app } from "../../functions/api/app";
import { pairRecord } from "../support/fixtures";

/**
 * The pages behind the links of emails, through the real app and DynamoDB Local, answering pairs
 * that wait on a step; only the Step Functions port (the engine) is replaced, by one that records
 * what the waiting tokens receive.
 */
const delivered: { token: string; output: Record<string, unknown> }[] = [];
let failNextHandOver = false;
const engine: WorkflowEngine = {
  start: async () => ({ started: true }),
  sendTaskSuccess: async (token, output) => {
    if (failNextHandOver) {
      failNextHandOver = false;
      throw new Error("Step Functions unavailable");
    }
    delivered.push({ token, output });
    return "delivered";
  },
  sendTaskFailure: async () => "delivered",
};

beforeEach(() => {
  delivered.length = 0;
  failNextHandOver = false;
  useWorkflowEngine(engine);
  return () => useWorkflowEngine(undefined);
});

const day = 24 * 60 * 60 * 1000;
const origin = "http://localhost";

/** Which wait a link of each purpose answers. */
const waitFor: Record<LinkPurpose, string> = {
  schedule: "schedule",
  reschedule: "session-time",
  "cancel-session": "session-time",
  confirm: "confirm",
  objectives: "objectives",
  "self-evaluation": "self-evaluation",
};

/** A running pair; `waiting` puts its execution on a step, `meeting` schedules that meeting. */
async function newPair(options: {
  waiting?: { step: string; purpose: string };
  meeting?: boolean;
}) {
  const pairId = `pair-${randomBytes(4).toString("hex")}`;
  const now = clock.now().toISOString();
  await createPair(pairRecord({ id: pairId, createdAt: now, updatedAt: now }));
  const step = options.waiting?.step ?? "session-2";
  if (options.meeting) {
    const meeting: MeetingRecord = {
      step,
      status: "scheduled",
      startsAt: new Date(clock.now().getTime() - 2 * 60 * 60 * 1000).toISOString(),
      durationMinutes: 60,
      format: "video",
      version: 1,
      reschedules: 0,
      uid: `${pairId}-${step}@binome`,
    };
    await putMeeting(pairId, meeting, undefined);
  }
  if (options.waiting) {
    await putWait(pairId, {
      token: `token-${pairId}`,
      ...options.waiting,
      since: now,
      timeouts: 0,
      answeredBy: [],
      revision: 1,
    });
  }
  return pairId;
}

async function linkOf(
  pairId: string,
  purpose: LinkPurpose,
  options: { recipient?: LinkRecipient; step?: string; expiresInDays?: number } = {},
) {
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

/** A link whose pair waits for its answer (its meeting scheduled when the answer needs one). */
async function newLink(
  purpose: LinkPurpose = "schedule",
  options: { recipient?: LinkRecipient; step?: string; expiresInDays?: number } = {},
) {
  const step = options.step ?? "session-2";
  const pairId = await newPair({
    waiting: { step, purpose: waitFor[purpose] },
    meeting: purpose !== "schedule" && purpose !== "objectives" && purpose !== "self-evaluation",
  });
  return linkOf(pairId, purpose, { ...options, step });
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

describe("opening a link (GET)", () => {
  it("shows the date form and changes nothing", async () => {
    const { path, token } = await newLink("schedule");
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain("Séance n°\u00a02\u00a0: proposer une date");
    expect(html).toContain('type="date"');
    expect(html).toContain('type="time"');
    expect(html).toContain(`action="${path}"`);
    expect(html).toContain('method="post"');
    expect(await isUsed(token)).toBe(false);
    expect(delivered).toHaveLength(0);
  });

  it("opened twice, still shows the form: a mail scanner's visit uses nothing", async () => {
    const { path } = await newLink("confirm");
    await get(path);
    const html = await (await get(path)).text();
    expect(html).toContain("La séance n°\u00a02 a-t-elle eu lieu\u00a0?");
    expect(html).toContain('name="satisfaction"');
    expect(delivered).toHaveLength(0);
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
  it("records the answer and hands it to the waiting step at once, as the link's recipient", async () => {
    const { path, pairId, token } = await newLink("schedule");
    const response = await post(path, scheduleFields());
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Merci, la date est enregistrée");
    expect(delivered).toEqual([{ token: `token-${pairId}`, output: { purpose: "schedule" } }]);
    expect(await getMeeting(pairId, "session-2")).toMatchObject({
      status: "scheduled",
      startsAt: `${nextYear()}-03-17T13:30:00.000Z`,
      durationMinutes: 60,
      format: "video",
      location: "Salle 3",
      version: 1,
    });
    const history = await listHistory(pairId);
    expect(history.map(({ actor, event }) => ({ actor, event }))).toEqual([
      { actor: "mentor", event: "session-2.scheduled" },
    ]);
    expect(await isUsed(token)).toBe(true);
  });

  it("says already recorded on a second click, and does not reach the step again", async () => {
    const { path, pairId } = await newLink("confirm");
    expect((await post(path, { tookPlace: "yes", satisfaction: "5" })).status).toBe(200);
    const again = await post(path, { tookPlace: "no" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Votre réponse est déjà enregistrée");
    const reopened = await get(path);
    expect(reopened.status).toBe(200);
    expect(await reopened.text()).toContain("Votre réponse est déjà enregistrée");
    expect(delivered).toHaveLength(1);
    expect((await getMeeting(pairId, "session-2"))?.status).toBe("held");
    expect(await getPair(pairId)).toMatchObject({ sessionsDone: 2, feedbackScores: [5] });
  });

  it("lets only one of two simultaneous clicks change anything", async () => {
    const { path, pairId } = await newLink("confirm");
    const responses = await Promise.all([
      post(path, { tookPlace: "yes", satisfaction: "4" }),
      post(path, { tookPlace: "yes", satisfaction: "4" }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(delivered).toHaveLength(1);
    expect(await getPair(pairId)).toMatchObject({ sessionsDone: 2, feedbackScores: [4] });
  });

  it("takes one of two answers given at once through two links of the same wait", async () => {
    const pairId = await newPair({ waiting: { step: "session-2", purpose: "schedule" } });
    const [first, second] = [await linkOf(pairId, "schedule"), await linkOf(pairId, "schedule")];
    const responses = await Promise.all([
      post(first.path, scheduleFields()),
      post(second.path, { ...scheduleFields(), time: "16:00" }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(delivered).toHaveLength(1);
    expect((await getMeeting(pairId, "session-2"))?.version).toBe(1);
    expect((await listHistory(pairId)).map((entry) => entry.event)).toEqual([
      "session-2.scheduled",
    ]);
  });

  it("refuses an expired link with the French page and changes nothing", async () => {
    const { path, pairId, token } = await newLink("confirm", { expiresInDays: 1 });
    clock.advanceBy(2 * day);
    const response = await post(path, { tookPlace: "yes", satisfaction: "5" });
    expect(response.status).toBe(410);
    const html = await response.text();
    expect(html).toContain("Ce lien a expiré");
    expect(html).toContain("Rien n&#39;a été modifié");
    expect(delivered).toHaveLength(0);
    expect((await getWait(pairId))?.resolvedAt).toBeUndefined();
    expect(await readLink(token)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses an altered link with the French page and changes nothing", async () => {
    const { path, pairId, token } = await newLink("objectives", { step: "preparation" });
    const [id, signature] = token.split(".") as [string, string];
    const altered = `/lien/${id}.${signature.startsWith("A") ? "B" : "A"}${signature.slice(1)}`;
    const response = await post(altered, { objectives: "LinkedIn", sessions: "4" });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Ce lien n&#39;est pas valide");
    expect(delivered).toHaveLength(0);
    expect((await getPair(pairId))?.objectives).toBeUndefined();
    expect(await isUsed(token)).toBe(false);
    expect(path).not.toBe(altered);
  });

  it("shows French errors next to the fields, keeps the answers, and uses nothing", async () => {
    const { path, pairId, token } = await newLink("schedule");
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
    expect(delivered).toHaveLength(0);
    expect(await getMeeting(pairId, "session-2")).toBeUndefined();
    expect(await isUsed(token)).toBe(false);
  });

  it("refuses a form posted from another site", async () => {
    const { path, token } = await newLink("cancel-session");
    const response = await app.request(path, {
      method: "POST",
      headers: {
        Origin: "https://evil.example",
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "reason=x",
    });
    expect(response.status).toBe(403);
    expect(delivered).toHaveLength(0);
    expect(await isUsed(token)).toBe(false);
  });

  it("says so when the step no longer waits, and leaves the link usable", async () => {
    const pairId = await newPair({ waiting: { step: "session-3", purpose: "schedule" } });
    const { path, token } = await linkOf(pairId, "cancel-session");
    const response = await post(path, { reason: "Empêchement" });
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Cette étape n&#39;attend plus de réponse");
    expect(await isUsed(token)).toBe(false);
    expect(delivered).toHaveLength(0);
  });

  it("says already recorded when the step had the answer from the other link", async () => {
    const pairId = await newPair({ waiting: { step: "closure", purpose: "self-evaluation" } });
    const links = [
      await linkOf(pairId, "self-evaluation", { recipient: "mentee", step: "closure" }),
      await linkOf(pairId, "self-evaluation", { recipient: "mentee", step: "closure" }),
    ];
    const comfort = Object.fromEntries(
      [
        "social-networks",
        "collaborative-tools",
        "artificial-intelligence",
        "data-business-models",
        "digital-identity-security",
      ].map((theme) => [`comfort.${theme}`, "3"]),
    );
    expect((await post(links[0]?.path ?? "", comfort)).status).toBe(200);
    const response = await post(links[1]?.path ?? "", comfort);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("Votre réponse est déjà enregistrée");
    // The mentor has not answered yet: the wait goes on.
    expect(delivered).toHaveLength(0);
    expect((await getWait(pairId))?.answeredBy).toEqual(["mentee"]);
  });

  it("keeps an answer whose hand-over failed, and hands it over at the next click", async () => {
    const { path, pairId } = await newLink("objectives", { step: "preparation" });
    failNextHandOver = true;
    const first = await post(path, { objectives: "LinkedIn", sessions: "4" });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("Merci, les objectifs sont enregistrés");
    expect(delivered).toHaveLength(0);
    expect((await getPair(pairId))?.sessionsPlanned).toBe(4);
    const again = await post(path, { objectives: "LinkedIn", sessions: "4" });
    expect(again.status).toBe(409);
    expect(delivered.map((entry) => entry.token)).toEqual([`token-${pairId}`]);
    expect(delivered[0]?.output).toMatchObject({ sessions: 4 });
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

describe("answering a pair that waits for its objectives", () => {
  async function pairWaitingForObjectives() {
    const pairId = await newPair({ waiting: { step: "preparation", purpose: "objectives" } });
    return linkOf(pairId, "objectives", { step: "preparation" });
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
