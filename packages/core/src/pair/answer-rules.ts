import type { LinkAnswer, LinkRecipient } from "../links";
import type { Pair } from "./model";
import { maxReschedules, nextChapter, silence } from "./rules";
import type { AnswerWrites, MeetingRecord, WaitRecord } from "./store";

/**
 * What a person's answer changes, decided from what was read (the pair, the wait, the meeting):
 * the answer is refused, or it comes with every write it causes. Pure: the caller writes the
 * result in one transaction conditioned on what was read, and decides again if anything moved.
 */
export type AnswerInput = { pairId: string; step: string; by: LinkRecipient } & LinkAnswer;

export type AnswerOutcome = "recorded" | "already-recorded" | "not-waiting";

export type AnswerDecision =
  | { kind: "refused"; outcome: Exclude<AnswerOutcome, "recorded"> }
  | { kind: "write"; writes: AnswerWrites; resolves: boolean };

export type AnswerState = {
  pair: Pair | undefined;
  wait: WaitRecord | undefined;
  meeting: MeetingRecord | undefined;
};

/** Which answers each kind of wait accepts. */
const accepted: Record<string, LinkAnswer["purpose"][]> = {
  schedule: ["schedule"],
  "session-time": ["reschedule", "cancel-session"],
  confirm: ["confirm"],
  objectives: ["objectives"],
  "self-evaluation": ["self-evaluation"],
};

const refused = (outcome: "already-recorded" | "not-waiting"): AnswerDecision => ({
  kind: "refused",
  outcome,
});

export function decideAnswer(state: AnswerState, input: AnswerInput): AnswerDecision {
  const { pair, wait, meeting } = state;
  if (!pair || pair.status === "cancelled" || pair.status === "closed")
    return refused("not-waiting");
  // The mentee's one-minute feedback is welcome whenever it comes; it resolves nothing.
  if (input.purpose === "confirm" && input.by === "mentee") {
    if (!meeting) return refused("not-waiting");
    if (meeting.menteeFeedback) return refused("already-recorded");
    const { tookPlace, satisfaction, comment } = input.answer;
    return {
      kind: "write",
      resolves: false,
      writes: {
        // The rating also goes on the pair (what the figures read), in the same transaction.
        pair:
          satisfaction === undefined
            ? {}
            : {
                fields: {
                  menteeFeedbackScores: [...(pair.menteeFeedbackScores ?? []), satisfaction],
                },
              },
        meeting: {
          kind: "mentee-feedback",
          step: input.step,
          feedback: { tookPlace, ...optional({ satisfaction, comment }) },
        },
        history: { actor: "mentee", event: `${input.step}.feedback` },
      },
    };
  }
  const waiting =
    wait?.step === input.step && (accepted[wait.purpose] ?? []).includes(input.purpose);
  if (!wait || !waiting) return refused("not-waiting");
  if (wait.resolvedAt || wait.answeredBy.includes(input.by)) return refused("already-recorded");
  if (input.purpose === "self-evaluation") return selfEvaluation(pair, wait, input);
  // After the last timeout the pair is about to end: no answer is taken.
  if (wait.timeouts >= silence.giveUpAt) return refused("not-waiting");
  const effect = effectOf(pair, meeting, input);
  if (effect === "not-waiting") return refused(effect);
  return {
    kind: "write",
    resolves: true,
    writes: {
      ...effect.writes,
      wait: { read: wait, answeredBy: [...wait.answeredBy, input.by], resolve: effect.output },
    },
  };
}

type Effect = { writes: Omit<AnswerWrites, "wait">; output: Record<string, unknown> };

function effectOf(
  pair: Pair,
  meeting: MeetingRecord | undefined,
  input: AnswerInput,
): Effect | "not-waiting" {
  const { pairId, step } = input;
  switch (input.purpose) {
    case "schedule":
    case "reschedule":
    case "cancel-session":
      return meetingChange(pairId, meeting, input);
    case "confirm": {
      if (!meeting) return "not-waiting";
      const { tookPlace, satisfaction, comment } = input.answer;
      return {
        writes: {
          meeting: {
            kind: "put",
            expectedVersion: meeting.version,
            record: {
              ...meeting,
              status: tookPlace ? "held" : "no-show",
              ...(tookPlace ? {} : { noShows: (meeting.noShows ?? 0) + 1 }),
              mentorFeedback: optional({ satisfaction, comment }),
            },
          },
          pair: tookPlace
            ? {
                fields:
                  satisfaction === undefined
                    ? {}
                    : { feedbackScores: [...(pair.feedbackScores ?? []), satisfaction] },
                add: {
                  mentorHours: meeting.durationMinutes / 60,
                  ...(step.startsWith("session-") ? { sessionsDone: 1 } : {}),
                },
              }
            : {},
          history: {
            actor: "mentor",
            event: `${step}.${tookPlace ? "held" : "no-show"}`,
            detail: { version: meeting.version },
          },
        },
        output: {
          tookPlace,
          ...(tookPlace ? { next: nextChapter(pairId, step, pair.sessionsPlanned) } : {}),
        },
      };
    }
    case "objectives": {
      const { objectives, sessions } = input.answer;
      return {
        writes: {
          pair: { fields: { objectives, sessionsPlanned: sessions } },
          history: { actor: "mentor", event: "objectives.recorded", detail: { sessions } },
        },
        output: { sessions, next: nextChapter(pairId, "preparation", sessions) },
      };
    }
    default:
      return "not-waiting";
  }
}

const changeEvent = {
  schedule: "scheduled",
  reschedule: "rescheduled",
  "cancel-session": "cancelled",
};

function meetingChange(
  pairId: string,
  current: MeetingRecord | undefined,
  input: AnswerInput & { purpose: "schedule" | "reschedule" | "cancel-session" },
): Effect | "not-waiting" {
  const { step } = input;
  const version = (current?.version ?? 0) + 1;
  let next: MeetingRecord;
  if (input.purpose === "schedule") {
    const { startsAt, durationMinutes, format, location } = input.answer;
    next = {
      step,
      status: "scheduled",
      startsAt,
      durationMinutes,
      format,
      ...optional({ location }),
      version,
      reschedules: current?.reschedules ?? 0,
      ...(current?.noShows ? { noShows: current.noShows } : {}),
      uid: current?.uid ?? `${pairId}-${step}@binome`,
    };
  } else {
    if (current?.status !== "scheduled") return "not-waiting";
    if (input.purpose === "reschedule") {
      if (current.reschedules >= maxReschedules) return "not-waiting";
      const { startsAt, durationMinutes, format, location } = input.answer;
      next = {
        ...current,
        startsAt,
        durationMinutes,
        format,
        ...optional({ location }),
        version,
        reschedules: current.reschedules + 1,
      };
    } else {
      next = { ...current, status: "cancelled", version };
    }
  }
  return {
    writes: {
      meeting: { kind: "put", record: next, expectedVersion: current?.version },
      pair: {},
      history: {
        actor: input.by,
        event: `${step}.${changeEvent[input.purpose]}`,
        detail: { startsAt: next.startsAt, version },
      },
    },
    output: { purpose: input.purpose },
  };
}

/** The self-evaluations: each person's answer is kept; the second one resolves the wait. */
function selfEvaluation(
  pair: Pair,
  wait: WaitRecord,
  input: AnswerInput & { purpose: "self-evaluation" },
): AnswerDecision {
  const { answer } = input;
  const fields: Partial<Pair> =
    input.by === "mentee"
      ? {
          // Everything the person wrote is kept: ratings, objectives reached, comment.
          selfEvaluation: {
            before: pair.selfEvaluation?.before ?? {},
            after: answer.comfort,
            ...optional({ comment: answer.comment, objectivesReached: answer.objectivesReached }),
          },
        }
      : {
          mentorEvaluation: {
            comfort: answer.comfort,
            ...optional({
              experience: "experience" in answer ? answer.experience : undefined,
              comment: answer.comment,
              objectivesReached: answer.objectivesReached,
            }),
          },
        };
  const other = input.by === "mentee" ? "mentor" : "mentee";
  const complete = wait.answeredBy.includes(other);
  return {
    kind: "write",
    resolves: complete,
    writes: {
      pair: { fields },
      history: { actor: input.by, event: "self-evaluation.recorded" },
      wait: {
        read: wait,
        answeredBy: [...wait.answeredBy, input.by],
        ...(complete ? { resolve: {} } : {}),
      },
    },
  };
}

/** Drops the fields a person left empty, so the stored records carry no empty values. */
function optional<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined && value !== ""),
  ) as Partial<T>;
}
