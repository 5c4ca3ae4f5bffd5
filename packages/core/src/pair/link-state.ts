import type { LinkBinding, LinkPurpose, ObjectivesReached } from "../links";
import type { Pair } from "./model";
import { getMeeting, getPair, getWait, type MeetingRecord, type WaitRecord } from "./store";

/**
 * What a link's page needs before anyone answers (GET): whether its step still waits for this
 * person, what the pair holds for it (the meeting to move, the objectives to recall), and, when
 * the step is done, what was recorded, so the page can say so instead of showing a form that
 * would only refuse after the post.
 */
export type MeetingFacts = Pick<
  MeetingRecord,
  "startsAt" | "durationMinutes" | "format" | "location"
>;

export type Recorded =
  | {
      purpose: "schedule" | "reschedule" | "cancel-session";
      meeting: MeetingFacts;
      status: MeetingRecord["status"];
    }
  | { purpose: "confirm"; tookPlace?: boolean; satisfaction?: number; comment?: string }
  | { purpose: "objectives"; objectives: string; sessions: number }
  | { purpose: "self-evaluation"; objectivesReached?: ObjectivesReached; comment?: string };

export type LinkState =
  | { kind: "open"; objectives?: string; meeting?: MeetingFacts }
  | { kind: "recorded"; recorded: Recorded }
  | { kind: "over" };

/** Which answers each kind of wait accepts (the same rule as `answerStep`). */
const accepts: Record<string, LinkPurpose[]> = {
  schedule: ["schedule"],
  "session-time": ["reschedule", "cancel-session"],
  confirm: ["confirm"],
  objectives: ["objectives"],
  "self-evaluation": ["self-evaluation"],
};

const facts = (meeting: MeetingRecord): MeetingFacts => ({
  startsAt: meeting.startsAt,
  durationMinutes: meeting.durationMinutes,
  ...(meeting.format ? { format: meeting.format } : {}),
  ...(meeting.location ? { location: meeting.location } : {}),
});

/** Pure: does this wait still take this link's answer? */
export function waitsFor(
  wait: WaitRecord | undefined,
  link: Pick<LinkBinding, "step" | "purpose" | "recipient">,
) {
  return (
    wait !== undefined &&
    wait.step === link.step &&
    !wait.resolvedAt &&
    !wait.answeredBy.includes(link.recipient) &&
    (accepts[wait.purpose] ?? []).includes(link.purpose)
  );
}

/** Pure: what the records hold for this link's step, if anything was answered. */
export function recordedFor(
  link: Pick<LinkBinding, "purpose" | "recipient">,
  pair: Pair,
  meeting: MeetingRecord | undefined,
): Recorded | undefined {
  switch (link.purpose) {
    case "schedule":
    case "reschedule":
    case "cancel-session":
      return meeting
        ? { purpose: link.purpose, meeting: facts(meeting), status: meeting.status }
        : undefined;
    case "confirm": {
      const feedback =
        link.recipient === "mentee" ? meeting?.menteeFeedback : meeting?.mentorFeedback;
      if (!meeting || !feedback) return undefined;
      const tookPlace =
        link.recipient === "mentee"
          ? meeting.menteeFeedback?.tookPlace
          : meeting.status === "held"
            ? true
            : meeting.status === "no-show"
              ? false
              : undefined;
      return { purpose: "confirm", tookPlace, ...feedback };
    }
    case "objectives":
      return pair.objectives
        ? { purpose: "objectives", objectives: pair.objectives, sessions: pair.sessionsPlanned }
        : undefined;
    case "self-evaluation": {
      const evaluation = link.recipient === "mentee" ? pair.selfEvaluation : pair.mentorEvaluation;
      const answered =
        link.recipient === "mentee" ? pair.selfEvaluation?.after : pair.mentorEvaluation;
      if (!answered) return undefined;
      return {
        purpose: "self-evaluation",
        ...(evaluation?.objectivesReached
          ? { objectivesReached: evaluation.objectivesReached }
          : {}),
        ...(evaluation?.comment ? { comment: evaluation.comment } : {}),
      };
    }
  }
}

export async function linkState(link: LinkBinding): Promise<LinkState> {
  const pair = await getPair(link.pairId);
  // No pair to read (its records expired): the form is shown and the post says what it can.
  if (!pair) return { kind: "open" };
  const [wait, meeting] = await Promise.all([
    getWait(link.pairId),
    getMeeting(link.pairId, link.step),
  ]);
  const recorded = recordedFor(link, pair, meeting);
  const over = pair.status === "cancelled" || pair.status === "closed";
  // The mentee's one-minute feedback is welcome whenever it comes, until it is given.
  const open =
    !over &&
    (link.purpose === "confirm" && link.recipient === "mentee"
      ? meeting !== undefined && !meeting.menteeFeedback
      : waitsFor(wait, link));
  if (open) {
    return {
      kind: "open",
      ...(pair.objectives ? { objectives: pair.objectives } : {}),
      ...(meeting && meeting.status === "scheduled" ? { meeting: facts(meeting) } : {}),
    };
  }
  if (recorded) return { kind: "recorded", recorded };
  return { kind: "over" };
}
