import { GetExecutionHistoryCommand, type HistoryEvent } from "@aws-sdk/client-sfn";
import { stepFunctions } from "#core/clients/sfn";
import { clock } from "#core/clock";
import { apply } from "#core/mentor";
import { type AnswerInput, answerStep } from "#core/pair/answer";
import { startPair } from "#core/pair/start";
import { getPair, listPairEmails } from "#core/pair/store";
import { submit } from "#core/questionnaire";
import { advanceLocalClock, localStats, settleLocal } from "../../functions/local/engine";
import { localStateMachineArn } from "../../stacks/workflow/render";
import { emailsTo, uniqueEmail } from "../support/inbox";

/**
 * Drives pairs on the local Step Functions service (the rendered ASL, the real steps handler,
 * DynamoDB Local and the SES local server) with its clock, answering through `answerStep`: the
 * verb the link routes call.
 */
export const hour = 60 * 60 * 1000;
export const day = 24 * hour;

/** The local-only routes of the Step Functions service at AWS_ENDPOINT_URL_SFN. */
export const localEngineControl = {
  advance: async (ms: number) => {
    await advanceLocalClock(ms);
  },
  settle: settleLocal,
  stats: localStats,
};
export type LocalEngine = typeof localEngineControl;

const comfort = {
  "social-networks": 1,
  "collaborative-tools": 2,
  "artificial-intelligence": 1,
  "data-business-models": 2,
  "digital-identity-security": 3,
};

export async function newPair(options: { assistant?: boolean; beforeStart?: () => void } = {}) {
  const menteeEmail = uniqueEmail("cadre");
  const mentorEmail = uniqueEmail("mentor");
  const assistantEmail = options.assistant ? uniqueEmail("assistant") : undefined;
  const mentee = await submit(
    {
      firstName: "Claire",
      lastName: "Dubois",
      email: menteeEmail,
      directorate: "DGE",
      role: "Sous-directrice",
      ...(assistantEmail ? { assistantEmail } : {}),
      comfort,
      priorityThemes: ["social-networks", "artificial-intelligence"],
      goal: "Créer mon compte LinkedIn",
      formats: ["video"],
      availability: ["morning"],
      consent: true,
    } as never,
    "vague-test",
  );
  const mentor = await apply(
    {
      firstName: "Yanis",
      lastName: "Martin",
      email: mentorEmail,
      directorate: "DGFiP",
      role: "Chargé de mission",
      grade: "B",
      themes: [{ theme: "social-networks", level: 4 }],
      motivation: "Transmettre",
      formats: ["video"],
      availability: ["morning"],
      capacity: 2,
      consent: true,
    } as never,
    "vague-test",
  );
  const pairId = `pair-${Math.random().toString(36).slice(2, 10)}`;
  options.beforeStart?.();
  const started = await startPair({
    pairId,
    cohortId: "vague-test",
    menteeId: mentee.id,
    mentorId: mentor.id,
  });
  return { pairId, menteeEmail, mentorEmail, assistantEmail, mentorId: mentor.id, started };
}

export const answer = (
  pairId: string,
  step: string,
  purpose: string,
  by: "mentor" | "mentee",
  values: Record<string, unknown>,
) => answerStep({ pairId, step, purpose, by, answer: values } as AnswerInput);

/** The mentor proposes a date `inDays` from now at 10:00 UTC, for an hour, by video. */
export function schedule(pairId: string, step: string, inDays: number, purpose = "schedule") {
  const at = new Date(clock.now().getTime() + inDays * day);
  at.setUTCHours(10, 0, 0, 0);
  return answer(pairId, step, purpose, "mentor", {
    startsAt: at.toISOString(),
    durationMinutes: 60,
    format: "video",
  });
}

export const held = (pairId: string, step: string, satisfaction = 5) =>
  answer(pairId, step, "confirm", "mentor", { tookPlace: true, satisfaction });

/** What a role received, from the pair's log, as the purposes of the emails in order. */
export async function purposesFor(pairId: string, role: "mentor" | "mentee" | "team") {
  return (await listPairEmails(pairId))
    .filter((email) => email.to.includes(role))
    .map((email) => email.purpose.replace(/#ask#[^#]+/, "#ask"));
}

export async function subjectsTo(address: string) {
  return (await emailsTo(address)).map((email) => email.subject);
}

export const pairOf = async (pairId: string) => {
  const pair = await getPair(pairId);
  if (!pair) throw new Error("pair not found");
  return pair;
};

/** The calendar files an address received (the SES local server keeps them in base64). */
export async function calendarsTo(address: string): Promise<string[]> {
  return (await emailsTo(address)).flatMap((email) =>
    (email.attachments ?? [])
      .map((file) => Buffer.from(file.content, "base64").toString("utf8"))
      .filter((content) => content.includes("BEGIN:VCALENDAR")),
  );
}

/** One meeting from scheduling to confirmation: scheduled in 5 days, reminded, held. */
export async function runMeeting(engine: LocalEngine, pairId: string, step: string) {
  const outcomes = [await schedule(pairId, step, 5)];
  await engine.advance(6 * day);
  outcomes.push(await held(pairId, step));
  return outcomes;
}

const after = {
  "social-networks": 3,
  "collaborative-tools": 3,
  "artificial-intelligence": 2,
  "data-business-models": 2,
  "digital-identity-security": 4,
};

/** A default pair (3 sessions, 3-month pause) from introduction to closure; returns the answers' outcomes. */
export const runDefaultPair = (engine: LocalEngine, pairId: string) =>
  runDefaultPairs(engine, [pairId]);

/**
 * Default pairs run side by side to closure: each answer is given for every pair at once, and the
 * clock moves once for all of them, as a cohort's pairs share one calendar.
 */
export async function runDefaultPairs(engine: LocalEngine, pairIds: string[]) {
  const outcomes: string[] = [];
  const each = async (give: (pairId: string) => Promise<string>) => {
    outcomes.push(...(await Promise.all(pairIds.map(give))));
  };
  const meeting = async (step: string) => {
    await each((pairId) => schedule(pairId, step, 5));
    await engine.advance(6 * day);
    await each((pairId) => held(pairId, step));
  };
  await engine.settle();
  await meeting("preparation");
  await each((pairId) =>
    answer(pairId, "preparation", "objectives", "mentor", {
      objectives: "Créer un compte LinkedIn et publier",
      sessions: 3,
    }),
  );
  for (const step of ["session-1", "session-2", "session-3"]) await meeting(step);
  await engine.advance(95 * day);
  await meeting("follow-up");
  await each((pairId) =>
    answer(pairId, "closure", "self-evaluation", "mentee", { comfort: after }),
  );
  await each((pairId) =>
    answer(pairId, "closure", "self-evaluation", "mentor", { comfort: after, experience: 5 }),
  );
  return outcomes;
}

/** The ARN of the execution named `name` on the local state machine. */
export const executionArnOf = (name: string) =>
  `${localStateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;

/** An execution's whole history, through the SDK. */
export async function historyOf(name: string): Promise<HistoryEvent[]> {
  const { events = [] } = await stepFunctions.send(
    new GetExecutionHistoryCommand({ executionArn: executionArnOf(name), maxResults: 1000 }),
  );
  return events;
}
