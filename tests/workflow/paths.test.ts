import { describe, expect, it } from "vitest";
import { ses } from "#core/clients/ses";
import { cancelPair, reassignMentor } from "#core/pair/actions";
import { startPair } from "#core/pair/start";
import { listHistory, listMeetings, listPairEmails } from "#core/pair/store";
import { emailsTo } from "../support/inbox";
import {
  answer,
  calendarsTo,
  day,
  held,
  hour,
  newPair,
  pairOf,
  purposesFor,
  schedule,
  useEngine,
} from "./support";

const { engine } = useEngine();

const executionOf = async (name: string) => (await engine().stats()).executions[name];

describe("the pair workflow's other paths", () => {
  it("reminds a moved session at its new time and never at the old one, with the same calendar UID", async () => {
    const { pairId, menteeEmail } = await newPair();
    await engine().settle();
    expect(await schedule(pairId, "preparation", 5)).toBe("recorded");
    await engine().advance(2 * day);
    expect(await schedule(pairId, "preparation", 10, "reschedule")).toBe("recorded");
    // The old reminder time (day 4) passes: nothing is sent.
    await engine().advance(4 * day);
    expect((await purposesFor(pairId, "mentee")).filter((p) => p.includes("reminder"))).toEqual([]);
    // Past the moved meeting (10:00 on day 12) whatever the time of day the test starts at.
    await engine().advance(6 * day + 12 * hour);
    expect(await purposesFor(pairId, "mentee")).toEqual([
      "introduction",
      "preparation#invitation#v1",
      "preparation#invitation#v2",
      "preparation#reminder#v2",
      "preparation#confirm#ask#v2",
    ]);
    const [first, moved] = await calendarsTo(menteeEmail);
    const uid = (ics = "") => /UID:(.+)/.exec(ics)?.[1]?.trim();
    expect(uid(moved)).toBe(uid(first));
    expect(moved).toMatch(/SEQUENCE:2/);
  });

  it("sends a calendar cancellation when a session is called off, then asks for a new date", async () => {
    const { pairId, menteeEmail } = await newPair();
    await engine().settle();
    await schedule(pairId, "preparation", 5);
    expect(await answer(pairId, "preparation", "cancel-session", "mentee", {})).toBe("recorded");
    const calendars = await calendarsTo(menteeEmail);
    expect(calendars.at(-1)).toMatch(/METHOD:CANCEL/);
    expect(await purposesFor(pairId, "mentor")).toContain("preparation#cancelled#v2");
    expect(await schedule(pairId, "preparation", 3)).toBe("recorded");
    expect(await purposesFor(pairId, "mentor")).toContain("preparation#invitation#v3");
  });

  it("records a no-show and asks the mentor to schedule the same meeting again", async () => {
    const { pairId } = await newPair();
    await engine().settle();
    await schedule(pairId, "preparation", 2);
    await engine().advance(3 * day);
    expect(await answer(pairId, "preparation", "confirm", "mentor", { tookPlace: false })).toBe(
      "recorded",
    );
    expect((await listMeetings(pairId))[0]?.status).toBe("no-show");
    expect((await listHistory(pairId)).map((entry) => entry.event)).toContain(
      "preparation.no-show",
    );
    expect(await purposesFor(pairId, "mentor")).toContain("preparation#schedule#ask#v1");
    expect((await pairOf(pairId)).sessionsDone).toBe(0);
  });

  it("nudges a silent mentor twice, then alerts the programme team, then ends the pair", async () => {
    const { pairId } = await newPair();
    await engine().settle();
    await engine().advance(7 * day + hour);
    await engine().advance(7 * day);
    expect(await purposesFor(pairId, "mentor")).toEqual([
      "introduction",
      "preparation#schedule#nudge#1",
      "preparation#schedule#nudge#2",
    ]);
    expect((await pairOf(pairId)).needsAttention).toBe(false);
    await engine().advance(7 * day);
    expect(await purposesFor(pairId, "team")).toEqual(["preparation#schedule#escalation"]);
    expect((await pairOf(pairId)).needsAttention).toBe(true);
    // The team still does nothing: the pair ends cleanly, and both are told.
    await engine().advance(14 * day);
    expect((await pairOf(pairId)).status).toBe("cancelled");
    expect(await purposesFor(pairId, "mentee")).toEqual(["introduction", "cancelled"]);
    expect((await executionOf(pairId))?.status).toBe("SUCCEEDED");
  });

  it("ends the execution at once when the programme team cancels, and tells both", async () => {
    const { pairId } = await newPair();
    await engine().settle();
    await schedule(pairId, "preparation", 5);
    expect(await cancelPair(pairId, "Départ du mentoré")).toBe("done");
    await engine().settle();
    expect((await executionOf(pairId))?.status).toBe("SUCCEEDED");
    expect(await purposesFor(pairId, "mentor")).toContain("cancelled");
    expect(await purposesFor(pairId, "mentee")).toContain("cancelled");
    expect(await pairOf(pairId)).toMatchObject({
      status: "cancelled",
      cancelReason: "Départ du mentoré",
    });
    expect(await schedule(pairId, "preparation", 6, "reschedule")).toBe("not-waiting");
    await engine().advance(10 * day);
    expect((await purposesFor(pairId, "mentor")).some((p) => p.includes("reminder"))).toBe(false);
  });

  it("records a duplicate answer once and says so the second time", async () => {
    const { pairId } = await newPair();
    await engine().settle();
    const both = await Promise.all([
      schedule(pairId, "preparation", 5),
      schedule(pairId, "preparation", 5),
    ]);
    expect(both.filter((outcome) => outcome === "recorded")).toHaveLength(1);
    expect(both.filter((outcome) => outcome !== "recorded")).toHaveLength(1);
    expect((await purposesFor(pairId, "mentor")).filter((p) => p.includes("invitation"))).toEqual([
      "preparation#invitation#v1",
    ]);
    await engine().advance(6 * day);
    expect(await held(pairId, "preparation")).toBe("recorded");
    expect(await held(pairId, "preparation")).toBe("not-waiting");
  });

  it("retries a task whose email SES refused once, and sends that email exactly once", async () => {
    let failures = 1;
    const middleware = (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
      if (failures > 0) {
        failures--;
        throw Object.assign(new Error("SES is unavailable"), {
          name: "ServiceUnavailableException",
          $metadata: { httpStatusCode: 503 },
        });
      }
      return next(args);
    };
    const failOnce = () =>
      ses.middlewareStack.add(middleware as never, { step: "initialize", name: "failOnce" });
    try {
      const { pairId, mentorEmail } = await newPair({ beforeStart: failOnce });
      await engine().settle();
      await engine().advance(40_000);
      expect(failures).toBe(0);
      expect(await purposesFor(pairId, "mentor")).toEqual(["introduction"]);
      const introductions = (await emailsTo(mentorEmail)).filter(
        (email) => !email.subject.includes("candidature"),
      );
      expect(introductions).toHaveLength(1);
      expect((await pairOf(pairId)).status).toBe("active");
    } finally {
      ses.middlewareStack.remove("failOnce");
    }
  });

  it("never starts a second execution for the same pair", async () => {
    const { pairId, started } = await newPair();
    expect(started.started).toBe(true);
    const pair = await pairOf(pairId);
    const again = await startPair({
      pairId,
      cohortId: pair.cohortId,
      menteeId: pair.menteeId,
      mentorId: pair.mentorId,
    });
    expect(again).toEqual({ pairId, executionName: pairId, started: false });
    await engine().settle();
    expect(await purposesFor(pairId, "mentor")).toEqual(["introduction"]);
  });

  it("asks the new mentor when the programme team reassigns a waiting pair", async () => {
    const { pairId } = await newPair();
    const other = await newPair();
    await engine().settle();
    expect(await reassignMentor(pairId, other.mentorId)).toBe("done");
    await engine().settle();
    const pair = await pairOf(pairId);
    expect(pair.mentorId).toBe(other.mentorId);
    const sent = (await listPairEmails(pairId)).map((email) => email.purpose);
    expect(sent).toContain(`preparation#schedule#ask#${other.mentorId}#v0`);
    expect(await schedule(pairId, "preparation", 4)).toBe("recorded");
  });
});
