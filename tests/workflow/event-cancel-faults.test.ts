import { randomUUID } from "node:crypto";
import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { answerStaffing, askMentors, getBarnum, register } from "#core/barnum/store";
import { stepFunctions } from "#core/clients/sfn";
import { clock } from "#core/clock";
import { createCohort } from "#core/cohort";
import { type EventKindSteps, type EventState, useEventKindSteps } from "#core/events/kinds";
import type { EventKind } from "#core/events/payload";
import { currentEventExecution, startEvent, tellEvent } from "#core/events/run";
import {
  addParticipants,
  assignMentors,
  requestWorkshop,
  scheduleWorkshop,
} from "#core/events/workshop";
import { programme } from "#core/programme";
import { isInsideTask } from "../../functions/local/engine/host";
import { localEventStateMachineArn } from "../../stacks/workflow/render";
import { adminJson, freshCohortId, submitMentor } from "../api/admin-support";
import { emailsTo, type StoredEmail, uniqueEmail } from "../support/inbox";
import { advanceTo, day, useEngine } from "./support";

/**
 * Cancelling (or moving) an event when its execution cannot hear it: stopped or failed before,
 * or the process answering the team dying between the cancellation's record and telling the
 * execution. Everyone concerned still gets the cancellation once, with the calendar's CANCEL;
 * the team's second post finishes what the first began. Through the team's JSON API, on the
 * local Step Functions engine, read in the local SES inbox.
 */
const { engine } = useEngine();

afterEach(() => {
  vi.restoreAllMocks();
});

const parisDate = (at: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(at));

/** The event's current execution, as the pages find it (a fresh one after a move, if any). */
const executionArn = async (kind: EventKind, id: string) =>
  `${localEventStateMachineArn.replace(":stateMachine:", ":execution:")}:${await currentEventExecution(kind, id)}`;

const statusOf = async (kind: EventKind, id: string) =>
  (
    await stepFunctions.send(
      new DescribeExecutionCommand({ executionArn: await executionArn(kind, id) }),
    )
  ).status;

async function stop(kind: EventKind, id: string) {
  await stepFunctions.send(
    new StopExecutionCommand({ executionArn: await executionArn(kind, id), cause: "test" }),
  );
  expect(await statusOf(kind, id)).toBe("ABORTED");
}

const calendarOf = (email: StoredEmail | undefined) =>
  (email?.attachments ?? [])
    .map((file) => Buffer.from(file.content, "base64").toString("utf8"))
    .find((content) => content.includes("BEGIN:VCALENDAR"));

const withSubject = async (address: string, pattern: RegExp) =>
  (await emailsTo(address)).filter((email) => pattern.test(email.subject));

/** Each address got exactly one email of `pattern`, carrying the calendar's `method`. */
async function expectOneEach(addresses: string[], pattern: RegExp, method: "CANCEL" | "REQUEST") {
  for (const address of addresses) {
    const found = await withSubject(address, pattern);
    expect(found, address).toHaveLength(1);
    expect(calendarOf(found[0]), address).toContain(`METHOD:${method}`);
  }
}

/**
 * Step Functions unreachable for the team's request only: a SendTaskFailure made outside a
 * workflow task fails as a refused connection; the engine's own tasks still reach the service.
 */
function unreachableForTheTeam() {
  const send = stepFunctions.send.bind(stepFunctions);
  return vi.spyOn(stepFunctions, "send").mockImplementation((async (
    command: Parameters<typeof send>[0],
    ...rest: unknown[]
  ) => {
    if (command instanceof SendTaskFailureCommand && !isInsideTask()) {
      throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1"), { code: "ECONNREFUSED" });
    }
    return (send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
  }) as typeof stepFunctions.send);
}

/** A BarNum' published through the API, staffed by one mentor, one agent registered. */
async function staffedBarnum(event: string) {
  const cohortId = freshCohortId();
  await createCohort({ id: cohortId, name: `Vague ${event}` });
  const mentor = await submitMentor(cohortId, { firstName: "Inès", lastName: "Benali" });
  const published = await adminJson("POST", "/api/admin/barnum", {
    event,
    place: "Hall Bercy",
    date: parisDate(clock.now().getTime() + 5 * day),
    startTime: "12:00",
    endTime: "13:00",
    slotMinutes: 30,
    placesPerSlot: 2,
    requestKey: randomUUID(),
  });
  expect(published.status).toBe(201);
  const { barnum } = (await published.json()) as { barnum: Parameters<typeof askMentors>[0] };
  await askMentors(barnum, [mentor.id]);
  expect(await answerStaffing(barnum, mentor.id, "yes", "/espace-mentor/lien")).toBe("recorded");
  const agent = uniqueEmail("agent");
  await register(barnum, { firstName: "Léa", email: agent, slotId: "2", consent: true });
  await engine().settle();
  expect(await statusOf("barnum", barnum.id)).toBe("RUNNING");
  return { id: barnum.id, everyone: [mentor.answers.email, agent] };
}

describe("an event whose execution has ended", () => {
  it("tells everyone of a BarNum's cancellation once, with the calendar's CANCEL", async () => {
    const { id, everyone } = await staffedBarnum("Midi numérique arrêté");
    await stop("barnum", id);
    // Posted twice (a double click): told once.
    for (const expected of ["changed", "unchanged"]) {
      const response = await adminJson("POST", `/api/admin/barnum/${id}/cancel`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: expected });
    }
    await expectOneEach(
      everyone,
      /^BarNum' «\u00a0Midi numérique arrêté\u00a0»\u00a0: annulé$/,
      "CANCEL",
    );
  });

  it("tells everyone of a BarNum's new date once, on the next SEQUENCE", async () => {
    const { id, everyone } = await staffedBarnum("Midi numérique figé");
    await stop("barnum", id);
    const move = {
      date: parisDate(clock.now().getTime() + 7 * day),
      startTime: "14:00",
      place: "Salle Colbert",
    };
    for (let post = 0; post < 2; post++) {
      expect((await adminJson("POST", `/api/admin/barnum/${id}/move`, move)).status).toBe(200);
    }
    await expectOneEach(everyone, /Midi numérique figé\u00a0»\u00a0: nouvelle date/, "REQUEST");
    const notice = (await withSubject(everyone[1] as string, /nouvelle date/))[0];
    expect(calendarOf(notice)).toContain("SEQUENCE:1");
    expect(notice?.body.text).toContain("Salle Colbert");
  });

  it("runs a moved BarNum' on a fresh execution: invited once for the new date, reminded once", async () => {
    const { id, everyone } = await staffedBarnum("Midi numérique relancé");
    await stop("barnum", id);
    const move = {
      date: parisDate(clock.now().getTime() + 7 * day),
      startTime: "14:00",
      place: "Salle Colbert",
    };
    // Posted twice (a retried move): one fresh execution, one invitation each.
    for (let post = 0; post < 2; post++) {
      expect((await adminJson("POST", `/api/admin/barnum/${id}/move`, move)).status).toBe(200);
    }
    await engine().settle();
    expect(await currentEventExecution("barnum", id)).toBe(`barnum-${id}--1`);
    expect(await statusOf("barnum", id)).toBe("RUNNING");
    await expectOneEach(everyone, /Midi numérique relancé » : nouvelle date/, "REQUEST");
    for (const address of everyone) {
      const notice = (await withSubject(address, /nouvelle date/))[0];
      expect(calendarOf(notice), address).toContain("SEQUENCE:1");
    }

    // The day before the new date (past the old one's reminder and day): one reminder each.
    const barnum = await getBarnum(id);
    const reminder = /^Rappel : BarNum' « Midi numérique relancé » demain$/;
    await advanceTo(Date.parse(barnum?.startsAt ?? "") - 23 * 3600_000);
    for (const address of everyone) {
      expect(await withSubject(address, reminder), address).toHaveLength(1);
    }
    expect(await statusOf("barnum", id)).toBe("RUNNING");
    // No one says whether it took place: nudged, escalated, then it ends on its own.
    await advanceTo(Date.parse(barnum?.endsAt ?? ""));
    for (let silence = 1; silence <= 3; silence++) {
      await advanceTo(clock.now().getTime() + 3 * day);
    }
    await advanceTo(clock.now().getTime() + 8 * day);
    expect(await statusOf("barnum", id)).toBe("SUCCEEDED");
    for (const address of everyone) {
      expect(await withSubject(address, reminder), address).toHaveLength(1);
    }
    // The first execution stayed stopped throughout.
    const first = `${localEventStateMachineArn.replace(":stateMachine:", ":execution:")}:barnum-${id}`;
    expect(
      (await stepFunctions.send(new DescribeExecutionCommand({ executionArn: first }))).status,
    ).toBe("ABORTED");
  });

  it("tells each invited mentor of a network meeting's cancellation once", async () => {
    const cohortId = freshCohortId();
    await createCohort({ id: cohortId, name: "Vague réseau arrêté" });
    const mentors = [
      await submitMentor(cohortId, { firstName: "Hugo", lastName: "Roche" }),
      await submitMentor(cohortId, { firstName: "Amina", lastName: "Haddad" }),
    ];
    const scheduled = await adminJson("POST", "/api/admin/network", {
      kind: "network",
      date: parisDate(clock.now().getTime() + 6 * day),
      time: "17:00",
      durationMinutes: 90,
      place: "Salle Vauban",
      agenda: "Ce que nous avons appris ce trimestre.",
    });
    expect(scheduled.status).toBe(201);
    const { meeting } = (await scheduled.json()) as { meeting: { id: string } };
    await engine().settle();
    const addresses = mentors.map((mentor) => mentor.answers.email);
    await expectOneEach(addresses, /^Rencontre du réseau des mentors\u00a0: /, "REQUEST");
    await stop("network", meeting.id);
    for (let post = 0; post < 2; post++) {
      expect((await adminJson("POST", `/api/admin/network/${meeting.id}/cancel`)).status).toBe(200);
    }
    await expectOneEach(addresses, /annulée$/, "CANCEL");
  });
});

describe("a cancellation interrupted before the execution was told", () => {
  it("tells a workshop's execution when the team posts it again: one CANCEL each, and it stops", async () => {
    const head = uniqueEmail("helene");
    const manager = uniqueEmail("cadre");
    const [amina, yanis] = await Promise.all([
      submitMentor(programme.openCohortId, {
        firstName: "Amina",
        lastName: "Haddad",
        themes: [{ theme: "artificial-intelligence", level: 4 }],
      }),
      submitMentor(programme.openCohortId, {
        firstName: "Yanis",
        lastName: "Benali",
        themes: [{ theme: "artificial-intelligence", level: 3 }],
      }),
    ]);
    const { id } = await requestWorkshop({
      firstName: "Hélène",
      lastName: "Durand",
      email: head,
      service: "Direction des achats",
      managers: 12,
      theme: "artificial-intelligence",
      goal: "Décider ensemble de l'usage de l'IA dans nos notes",
      slots: ["morning"],
      dates: "Les mardis de janvier",
      consent: true,
    });
    expect(await assignMentors(id, [amina.id, yanis.id])).toEqual({ ok: true });
    await addParticipants(id, [{ email: manager, firstName: "Marc" }]);
    expect(
      await scheduleWorkshop(id, {
        date: parisDate(clock.now().getTime() + 5 * day),
        time: "09:30",
        durationMinutes: 90,
        place: "Salle Colbert",
      }),
    ).toEqual({ ok: true });
    await engine().settle();
    const everyone = [head, manager, amina.answers.email, yanis.answers.email];
    await expectOneEach(everyone, /\s:\satelier\s«/, "REQUEST");

    const spy = unreachableForTheTeam();
    const interrupted = await adminJson("POST", `/api/admin/workshops/${id}/cancel`);
    expect(interrupted.status).toBe(503);
    spy.mockRestore();
    await engine().settle();
    // The record says cancelled; the execution, never told, still waits for the reminder's time.
    expect(await statusOf("workshop", id)).toBe("RUNNING");

    const again = await adminJson("POST", `/api/admin/workshops/${id}/cancel`);
    expect(again.status).toBe(200);
    await engine().settle();
    expect(await statusOf("workshop", id)).toBe("SUCCEEDED");
    await expectOneEach(everyone, /\sest\sannulé$/, "CANCEL");
  });

  it("tells a BarNum's execution when the team posts it again: it tells everyone once", async () => {
    const { id, everyone } = await staffedBarnum("Midi numérique interrompu");
    const cancelled = /^BarNum' «\u00a0Midi numérique interrompu\u00a0»\u00a0: annulé$/;
    const spy = unreachableForTheTeam();
    expect((await adminJson("POST", `/api/admin/barnum/${id}/cancel`)).status).toBe(503);
    spy.mockRestore();
    await engine().settle();
    expect(await statusOf("barnum", id)).toBe("RUNNING");
    for (const address of everyone) expect(await withSubject(address, cancelled)).toHaveLength(0);

    const again = await adminJson("POST", `/api/admin/barnum/${id}/cancel`);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: "unchanged" });
    await engine().settle();
    expect(await statusOf("barnum", id)).toBe("SUCCEEDED");
    await expectOneEach(everyone, cancelled, "CANCEL");
  });
});

describe("a cancellation made while the execution is failing", () => {
  const calls: string[] = [];
  let state: EventState | undefined;
  // A kind whose reminder always fails; the team cancels the event while its failure is recorded,
  // when the page finds the execution still running and leaves the telling to it.
  const failing: EventKindSteps = {
    load: async () => state as EventState,
    sendInvitations: async (_id, sequence) => void calls.push(`invite ${sequence}`),
    sendReminders: async () => {
      throw new Error("The reminder step is broken");
    },
    askConfirmation: async () => {},
    nudgeOrganisers: async () => {},
    escalate: async () => {},
    requestFeedback: async () => {},
    close: async () => {},
    sendCancellations: async (_id, sequence) => void calls.push(`cancel ${sequence}`),
    recordFailure: async (id, error) => {
      calls.push(`failed ${error}`);
      if (state) state.cancelled = true;
      await tellEvent("workshop", id, "cancelled");
    },
  };
  beforeAll(() => useEventKindSteps("workshop", failing));
  afterAll(() => useEventKindSteps("workshop", undefined));

  it("is told by the failing execution before it ends", async () => {
    const id = `ev${Math.random().toString(36).slice(2, 10)}`;
    const start = new Date(clock.now().getTime() + 3 * day);
    state = {
      start,
      end: new Date(start.getTime() + 2 * 3600_000),
      sequence: 0,
      cancelled: false,
      reminderLeadMs: day,
    };
    expect(await startEvent("workshop", id)).toEqual({ started: true });
    await engine().settle();
    await engine().advance(2 * day + 3600_000);
    expect(calls).toEqual(["invite 0", "failed Error", "cancel 0"]);
    expect(await statusOf("workshop", id)).toBe("FAILED");
  });
});
