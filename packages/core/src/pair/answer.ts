import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { conditionally } from "../clients/dynamodb";
import { env } from "../env";
import { keys } from "../keys";
import { workflowEngine } from "../workflow/engine";
import type { Pair } from "./model";
import { maxReschedules, nextChapter, silence } from "./rules";
import {
  appendHistory,
  claimAnswer,
  claimDelivery,
  dropClaim,
  getMeeting,
  getPair,
  getWait,
  type MeetingRecord,
  putMeeting,
  recordOneOfBoth,
  releaseDelivery,
  resolveClaim,
  updatePair,
  type WaitRecord,
} from "./store";

/**
 * A person's answer, given through a link, reaching the step of the pair's execution that waits
 * for it. The link routes call this one verb; it records the answer, applies it to the pair and
 * resolves the waiting task token at once (the token never leaves the server).
 */
export type AnswerOutcome = "recorded" | "already-recorded" | "not-waiting";

export type AnswerInput = {
  pairId: string;
  step: string;
  purpose: string;
  by: "mentor" | "mentee";
  answer: Record<string, unknown>;
};

/** Which answers each kind of wait accepts. */
const accepted: Record<string, string[]> = {
  schedule: ["schedule"],
  "session-time": ["reschedule", "cancel-session"],
  confirm: ["confirm"],
  objectives: ["objectives"],
  "self-evaluation": ["self-evaluation"],
};

export async function answerStep(input: AnswerInput): Promise<AnswerOutcome> {
  const pair = await getPair(input.pairId);
  if (!pair || pair.status === "cancelled" || pair.status === "closed") return "not-waiting";
  // The mentee's one-minute feedback is welcome whenever it comes; it resolves nothing.
  if (input.purpose === "confirm" && input.by === "mentee") return recordMenteeFeedback(input);
  const wait = await getWait(input.pairId);
  const waiting =
    wait?.step === input.step && (accepted[wait.purpose] ?? []).includes(input.purpose);
  if (!wait || !waiting) return "not-waiting";
  if (wait.resolvedAt || wait.answeredBy.includes(input.by)) return "already-recorded";
  if (wait.purpose === "self-evaluation") return answerOneOfBoth(pair, wait, input);

  // Claimed first, applied next, resolved last: of two answers only one changes anything, and
  // a wait that times out meanwhile keeps the answer for its next token.
  const claim = await claimAnswer(input.pairId, wait, input.by, silence.giveUpAt);
  if (!claim) return whyNotClaimed(input);
  let applied: Applied;
  try {
    applied = await apply(pair, wait, input);
  } catch (error) {
    await dropClaim(input.pairId, claim);
    throw error;
  }
  if (applied === "not-waiting" || applied === "already-recorded") {
    await dropClaim(input.pairId, claim);
    return applied;
  }
  if (!(await resolveClaim(input.pairId, claim, applied.output))) {
    throw new Error(`The answer to ${input.step} of pair ${input.pairId} lost its claim`);
  }
  await deliver(input.pairId);
  return "recorded";
}

/** Someone else's answer came first, or the step stopped taking answers (the pair is ending). */
async function whyNotClaimed(input: AnswerInput): Promise<AnswerOutcome> {
  const latest = await getWait(input.pairId);
  const stillThisStep =
    latest?.step === input.step && (accepted[latest.purpose] ?? []).includes(input.purpose);
  if (stillThisStep && (latest.resolvedAt || latest.answering)) return "already-recorded";
  return "not-waiting";
}

/** The self-evaluations: each person's answer is kept; the second one resolves the wait. */
async function answerOneOfBoth(
  pair: Pair,
  wait: WaitRecord,
  input: AnswerInput,
): Promise<AnswerOutcome> {
  const applied = await apply(pair, wait, input);
  if (applied === "not-waiting" || applied === "already-recorded") return applied;
  const recorded = await recordOneOfBoth(
    input.pairId,
    wait,
    input.by,
    ["mentor", "mentee"],
    applied.output,
  );
  if (!recorded) return "already-recorded";
  if (recorded.complete) await deliver(input.pairId);
  return "recorded";
}

/**
 * Hands the resolved answer to the token that waits now. A token that stopped waiting a moment
 * ago (its step timed out) says "gone": the answer stays resolved, and the step's next wait —
 * which the execution always reaches — takes it over (see `nextWait`).
 */
async function deliver(pairId: string) {
  const gone = new Set<string>();
  for (let round = 0; round < 3; round++) {
    const wait = await getWait(pairId);
    if (!wait?.resolvedAt || wait.deliveredTo === wait.token || gone.has(wait.token)) return;
    if (!(await claimDelivery(pairId, wait.token))) continue;
    const engine = await workflowEngine();
    if ((await engine.sendTaskSuccess(wait.token, wait.output ?? {})) === "delivered") return;
    gone.add(wait.token);
    await releaseDelivery(pairId, wait.token);
  }
}

type Applied =
  | { output: Record<string, unknown>; complete: boolean }
  | "not-waiting"
  | "already-recorded";

async function apply(pair: Pair, wait: WaitRecord, input: AnswerInput): Promise<Applied> {
  const { pairId, step, answer } = input;
  switch (input.purpose) {
    case "schedule":
    case "reschedule":
    case "cancel-session":
      return changeMeeting(pair, input);
    case "confirm":
      return confirmMeeting(pair, input);
    case "objectives": {
      const sessions = Number(answer.sessions);
      await updatePair(pairId, {
        objectives: String(answer.objectives ?? ""),
        sessionsPlanned: sessions,
      });
      await appendHistory(pairId, "mentor", "objectives.recorded", { sessions }, "objectives");
      return {
        output: { sessions, next: nextChapter(pairId, "preparation", sessions) },
        complete: true,
      };
    }
    case "self-evaluation": {
      const comfort = (answer.comfort ?? {}) as Record<string, number>;
      if (input.by === "mentee") {
        await updatePair(pairId, {
          selfEvaluation: { before: pair.selfEvaluation?.before ?? {}, after: comfort },
        });
      } else {
        await updatePair(pairId, {
          mentorEvaluation: {
            comfort,
            ...(answer.experience !== undefined ? { experience: Number(answer.experience) } : {}),
            ...(answer.comment ? { comment: String(answer.comment) } : {}),
          },
        });
      }
      await appendHistory(
        pairId,
        input.by,
        "self-evaluation.recorded",
        undefined,
        `self-evaluation.${input.by}`,
      );
      const other = input.by === "mentee" ? "mentor" : "mentee";
      return { output: {}, complete: wait.answeredBy.includes(other) };
    }
    default:
      void step;
      return "not-waiting";
  }
}

async function changeMeeting(pair: Pair, input: AnswerInput): Promise<Applied> {
  const { pairId, step, answer } = input;
  const current = await getMeeting(pairId, step);
  const version = (current?.version ?? 0) + 1;
  let next: MeetingRecord;
  if (input.purpose === "schedule") {
    next = {
      step,
      status: "scheduled",
      startsAt: String(answer.startsAt),
      durationMinutes: Number(answer.durationMinutes ?? 60),
      ...(answer.format ? { format: String(answer.format) } : {}),
      ...(answer.location ? { location: String(answer.location) } : {}),
      version,
      reschedules: current?.reschedules ?? 0,
      ...(current?.noShows ? { noShows: current.noShows } : {}),
      uid: current?.uid ?? `${pairId}-${step}@binome`,
    };
  } else {
    if (current?.status !== "scheduled") return "not-waiting";
    if (input.purpose === "reschedule") {
      if (current.reschedules >= maxReschedules) return "not-waiting";
      next = {
        ...current,
        startsAt: String(answer.startsAt),
        durationMinutes: Number(answer.durationMinutes ?? current.durationMinutes),
        ...(answer.format ? { format: String(answer.format) } : {}),
        ...(answer.location ? { location: String(answer.location) } : {}),
        version,
        reschedules: current.reschedules + 1,
      };
    } else {
      next = { ...current, status: "cancelled", version };
    }
  }
  if (!(await putMeeting(pairId, next, current?.version))) return "already-recorded";
  const event = {
    schedule: "scheduled",
    reschedule: "rescheduled",
    "cancel-session": "cancelled",
  }[input.purpose as "schedule"];
  await appendHistory(pairId, input.by, `${step}.${event}`, {
    startsAt: next.startsAt,
    version,
  });
  void pair;
  return { output: { purpose: input.purpose }, complete: true };
}

async function confirmMeeting(pair: Pair, input: AnswerInput): Promise<Applied> {
  const { pairId, step, answer } = input;
  const current = await getMeeting(pairId, step);
  if (!current) return "not-waiting";
  const tookPlace = answer.tookPlace === true;
  const satisfaction = answer.satisfaction === undefined ? undefined : Number(answer.satisfaction);
  const updated: MeetingRecord = {
    ...current,
    status: tookPlace ? "held" : "no-show",
    ...(tookPlace ? {} : { noShows: (current.noShows ?? 0) + 1 }),
    mentorFeedback: {
      ...(satisfaction !== undefined ? { satisfaction } : {}),
      ...(answer.comment ? { comment: String(answer.comment) } : {}),
    },
  };
  if (!(await putMeeting(pairId, updated, current.version))) return "already-recorded";
  if (tookPlace) {
    await updatePair(
      pairId,
      {
        ...(satisfaction !== undefined
          ? { feedbackScores: [...(pair.feedbackScores ?? []), satisfaction] }
          : {}),
      },
      {
        add: {
          mentorHours: current.durationMinutes / 60,
          ...(step.startsWith("session-") ? { sessionsDone: 1 } : {}),
        },
      },
    );
  }
  await appendHistory(pairId, "mentor", `${step}.${tookPlace ? "held" : "no-show"}`, {
    version: current.version,
  });
  return {
    output: {
      tookPlace,
      ...(tookPlace ? { next: nextChapter(pairId, step, pair.sessionsPlanned) } : {}),
    },
    complete: true,
  };
}

async function recordMenteeFeedback(input: AnswerInput): Promise<AnswerOutcome> {
  const { pairId, step, answer } = input;
  const recorded = await conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.pairMeeting(pairId, step),
      UpdateExpression: "SET menteeFeedback = :feedback",
      ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(menteeFeedback)",
      ExpressionAttributeValues: {
        ":feedback": {
          tookPlace: answer.tookPlace === true,
          ...(answer.satisfaction !== undefined
            ? { satisfaction: Number(answer.satisfaction) }
            : {}),
          ...(answer.comment ? { comment: String(answer.comment) } : {}),
        },
      },
    }),
  );
  if (!recorded) return "already-recorded";
  await appendHistory(pairId, "mentee", `${step}.feedback`, undefined, `${step}.mentee-feedback`);
  return "recorded";
}
