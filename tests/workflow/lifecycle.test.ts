import { describe, expect, it } from "vitest";
import { listHistory, listMeetings } from "#core/pair/store";
import { describeHistoryEvent } from "#web/pages/admin/history-events";
import { emailsTo } from "../support/inbox";
import {
  answer,
  calendarsTo,
  day,
  held,
  newPair,
  pairOf,
  purposesFor,
  schedule,
  subjectsTo,
  useEngine,
} from "./support";

const { engine } = useEngine();

/** One meeting from scheduling to confirmation: scheduled in 5 days, reminded, held. */
async function runMeeting(pairId: string, step: string) {
  expect(await schedule(pairId, step, 5)).toBe("recorded");
  await engine().advance(6 * day);
  expect(await held(pairId, step)).toBe("recorded");
}

describe("a pair from introduction to closure, on the local engine", () => {
  it("sends each participant the exact sequence of emails and closes the pair with its records", async () => {
    const { pairId, menteeEmail, mentorEmail, assistantEmail } = await newPair({ assistant: true });
    await engine().settle();
    expect((await pairOf(pairId)).phase).toBe("preparation");

    await runMeeting(pairId, "preparation");
    expect(
      await answer(pairId, "preparation", "objectives", "mentor", {
        objectives: "Créer un compte LinkedIn et publier",
        sessions: 3,
      }),
    ).toBe("recorded");
    for (const step of ["session-1", "session-2", "session-3"]) await runMeeting(pairId, step);
    expect((await pairOf(pairId)).phase).toBe("pause");

    await engine().advance(95 * day);
    expect((await pairOf(pairId)).phase).toBe("follow-up");
    await runMeeting(pairId, "follow-up");
    expect(
      await answer(pairId, "closure", "self-evaluation", "mentee", {
        comfort: {
          "social-networks": 3,
          "collaborative-tools": 3,
          "artificial-intelligence": 2,
          "data-business-models": 2,
          "digital-identity-security": 4,
        },
      }),
    ).toBe("recorded");
    expect((await pairOf(pairId)).status).toBe("active");
    expect(
      await answer(pairId, "closure", "self-evaluation", "mentor", {
        comfort: {
          "social-networks": 3,
          "collaborative-tools": 3,
          "artificial-intelligence": 3,
          "data-business-models": 2,
          "digital-identity-security": 4,
        },
        experience: 5,
      }),
    ).toBe("recorded");

    const meeting = (step: string) => [
      `${step}#invitation#v1`,
      `${step}#reminder#v1`,
      `${step}#confirm#ask#v1`,
    ];
    expect(await purposesFor(pairId, "mentor")).toEqual([
      "introduction",
      ...meeting("preparation"),
      "preparation#objectives#ask",
      "session-1#schedule#ask#v0",
      ...meeting("session-1"),
      "session-2#schedule#ask#v0",
      ...meeting("session-2"),
      "session-3#schedule#ask#v0",
      ...meeting("session-3"),
      "pause#notice",
      "follow-up#schedule#ask#v0",
      ...meeting("follow-up"),
      "closure#self-evaluation#ask",
      "closure#closing",
    ]);
    expect(await purposesFor(pairId, "mentee")).toEqual([
      "introduction",
      ...["preparation", "session-1", "session-2", "session-3"].flatMap(meeting),
      "pause#notice",
      ...meeting("follow-up"),
      "closure#self-evaluation#ask",
      "closure#closing",
    ]);
    // What SES really received: the workflow's emails plus the acknowledgement of the form.
    expect((await emailsTo(mentorEmail)).length).toBe(24 + 1);
    expect((await emailsTo(menteeEmail)).length).toBe(19 + 1);
    const toAssistant = await subjectsTo(assistantEmail as string);
    expect(toAssistant.length).toBe(6); // introduction and the five invitations
    const calendars = await calendarsTo(menteeEmail);
    expect(calendars).toHaveLength(5);
    expect(calendars.every((ics) => ics.includes("METHOD:REQUEST"))).toBe(true);

    const pair = await pairOf(pairId);
    expect(pair).toMatchObject({
      status: "closed",
      phase: "closed",
      sessionsPlanned: 3,
      sessionsDone: 3,
      mentorHours: 5,
      objectives: "Créer un compte LinkedIn et publier",
      needsAttention: false,
      feedbackScores: [5, 5, 5, 5, 5],
    });
    expect(pair.selfEvaluation?.before["social-networks"]).toBe(1);
    expect(pair.selfEvaluation?.after?.["social-networks"]).toBe(3);
    expect((await listMeetings(pairId)).every((meeting) => meeting.status === "held")).toBe(true);
    const events = (await listHistory(pairId)).map((entry) => entry.event);
    expect(events[0]).toBe("pair.started");
    expect(events.at(-1)).toBe("pair.closed");
    expect(events).toContain("session-3.held");
    // Every event the team will read on the pair's page has a French description.
    expect(events.filter((event) => describeHistoryEvent(event) === event)).toEqual([]);

    const stats = await engine().stats();
    const executions = Object.entries(stats.executions).filter(([name]) => name.startsWith(pairId));
    expect(executions.map(([name]) => name)).toEqual([
      pairId,
      `${pairId}--session-1`,
      `${pairId}--session-2`,
      `${pairId}--session-3`,
      `${pairId}--pause`,
      `${pairId}--follow-up`,
    ]);
    expect(executions.every(([, execution]) => execution.status === "SUCCEEDED")).toBe(true);
  });
});
