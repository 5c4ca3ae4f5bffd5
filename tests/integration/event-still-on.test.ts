import { describe, expect, it } from "vitest";
import { barnumSteps } from "#core/barnum/event-steps";
import {
  answerStaffing,
  askMentors,
  cancelBarnum,
  moveBarnum,
  publishBarnum,
  register,
} from "#core/barnum/store";
import { clock } from "#core/clock";
import { createCohort } from "#core/cohort";
import { parisToday } from "#core/event-dates";
import { addParticipants, requestWorkshop } from "#core/events/workshop";
import { workshopSteps } from "#core/events/workshop/steps";
import { updateWorkshop } from "#core/events/workshop/store";
import { networkSteps } from "#core/network/event-steps";
import { cancelMeeting, inviteMentors, moveMeeting, scheduleMeeting } from "#core/network/store";
import { freshCohortId, submitMentor } from "../api/admin-support";
import { emailsTo, uniqueEmail } from "../support/inbox";

/**
 * A reminder step of the event workflow, run with the date version its runner read: after a move
 * or a cancellation made since, it queues nothing (the still-on condition is in each email's
 * transaction); at the current version it queues one reminder per person, however often it runs.
 * Real DynamoDB Local and the SES local server; the records are changed by the kinds' own verbs.
 */

const day = 24 * 3600_000;

const reminders = async (address: string) =>
  (await emailsTo(address)).filter((email) => /rappel/i.test(email.subject));

async function remindersOf(addresses: string[]) {
  return Promise.all(addresses.map(async (address) => (await reminders(address)).length));
}

async function scheduledWorkshop() {
  const head = uniqueEmail("helene");
  const participants = [uniqueEmail("lea"), uniqueEmail("marc")];
  const { id } = await requestWorkshop({
    firstName: "Hélène",
    lastName: "Durand",
    email: head,
    service: `Direction des achats ${head}`,
    managers: 12,
    theme: "artificial-intelligence",
    goal: "Décider ensemble de l'usage de l'IA dans nos notes",
    slots: ["morning"],
    dates: "Les mardis de janvier",
    consent: true,
  });
  await addParticipants(
    id,
    participants.map((email, index) => ({ email, firstName: ["Léa", "Marc"][index] })),
  );
  // Scheduled as `scheduleWorkshop` writes it, without starting an execution (no engine here).
  await updateWorkshop(id, {
    status: "scheduled",
    sequence: 0,
    schedule: {
      start: new Date(clock.now().getTime() + 5 * day).toISOString(),
      durationMinutes: 90,
      place: "Salle Colbert",
    },
  });
  return { id, everyone: [head, ...participants] };
}

const moveWorkshop = (id: string, sequence: number) =>
  updateWorkshop(
    id,
    {
      sequence: sequence + 1,
      schedule: {
        start: new Date(clock.now().getTime() + 8 * day).toISOString(),
        durationMinutes: 90,
        place: "Salle Turgot",
      },
    },
    { expression: "#sequence = :sequence", values: { ":sequence": sequence } },
  );

describe("a workshop's reminder step", () => {
  it("queues nothing for the old date after a move, and one each for the new one, once", async () => {
    const { id, everyone } = await scheduledWorkshop();
    await moveWorkshop(id, 0);
    await workshopSteps.sendReminders(id, 0);
    expect(await remindersOf(everyone)).toEqual([0, 0, 0]);
    await workshopSteps.sendReminders(id, 1);
    await workshopSteps.sendReminders(id, 1);
    expect(await remindersOf(everyone)).toEqual([1, 1, 1]);
    expect((await reminders(everyone[1] as string))[0]?.body.text).toContain("Salle Turgot");
  });

  it("queues nothing once it was cancelled", async () => {
    const { id, everyone } = await scheduledWorkshop();
    await updateWorkshop(id, { status: "cancelled", cancelledAt: clock.now().toISOString() });
    await workshopSteps.sendReminders(id, 0);
    expect(await remindersOf(everyone)).toEqual([0, 0, 0]);
  });
});

async function publishedBarnum(name: string) {
  const cohortId = freshCohortId();
  await createCohort({ id: cohortId, name: `Vague ${name}` });
  const mentor = await submitMentor(cohortId, { firstName: "Inès", lastName: "Benali" });
  const { barnum } = await publishBarnum({
    event: name,
    place: "Hall Bercy",
    date: parisToday(clock.now().getTime() + 5 * day),
    startTime: "12:00",
    endTime: "13:00",
    slotMinutes: 30,
    placesPerSlot: 2,
    requestKey: crypto.randomUUID(),
  });
  await askMentors(barnum, [mentor.id]);
  expect(await answerStaffing(barnum, mentor.id, "yes", "/espace-mentor/x")).toBe("recorded");
  const agent = uniqueEmail("agent");
  await register(barnum, { firstName: "Léa", email: agent, slotId: "2", consent: true });
  return { barnum, everyone: [mentor.answers.email, agent] };
}

describe("a BarNum's reminder step", () => {
  it("queues nothing for the old date after a move, and one each for the new one, once", async () => {
    const { barnum, everyone } = await publishedBarnum("Midi numérique déplacé");
    const move = {
      date: parisToday(clock.now().getTime() + 7 * day),
      startTime: "14:00",
      place: "Salle Colbert",
    };
    expect(await moveBarnum(barnum.id, move)).toBe("changed");
    await barnumSteps.sendReminders(barnum.id, 0);
    expect(await remindersOf(everyone)).toEqual([0, 0]);
    await barnumSteps.sendReminders(barnum.id, 1);
    await barnumSteps.sendReminders(barnum.id, 1);
    expect(await remindersOf(everyone)).toEqual([1, 1]);
    expect((await reminders(everyone[1] as string))[0]?.body.text).toContain("Salle Colbert");
  });

  it("queues nothing once it was cancelled", async () => {
    const { barnum, everyone } = await publishedBarnum("Midi numérique annulé");
    expect(await cancelBarnum(barnum.id)).toBe("changed");
    await barnumSteps.sendReminders(barnum.id, 0);
    expect(await remindersOf(everyone)).toEqual([0, 0]);
  });
});

async function meetingWithInvited(place: string) {
  const cohortId = freshCohortId();
  await createCohort({ id: cohortId, name: `Vague ${place}` });
  const mentors = [
    await submitMentor(cohortId, { firstName: "Hugo", lastName: "Roche" }),
    await submitMentor(cohortId, { firstName: "Amina", lastName: "Haddad" }),
  ];
  const { meeting } = await scheduleMeeting({
    kind: "network",
    date: parisToday(clock.now().getTime() + 6 * day),
    time: "17:00",
    durationMinutes: 90,
    place,
    agenda: "Ce que nous avons appris ce trimestre.",
  });
  await inviteMentors(meeting);
  return { meeting, everyone: mentors.map((mentor) => mentor.answers.email) };
}

describe("a network meeting's reminder step", () => {
  it("queues nothing for the old date after a move, and one each for the new one, once", async () => {
    const { meeting, everyone } = await meetingWithInvited("Salle Necker");
    const move = {
      date: parisToday(clock.now().getTime() + 7 * day),
      time: "12:30",
      place: "Salle Necker",
    };
    expect(await moveMeeting(meeting.id, move)).toBe("changed");
    await networkSteps.sendReminders(meeting.id, 0);
    expect(await remindersOf(everyone)).toEqual([0, 0]);
    await networkSteps.sendReminders(meeting.id, 1);
    await networkSteps.sendReminders(meeting.id, 1);
    expect(await remindersOf(everyone)).toEqual([1, 1]);
  });

  it("queues nothing once it was cancelled", async () => {
    const { meeting, everyone } = await meetingWithInvited("Salle Sully");
    expect(await cancelMeeting(meeting.id)).toBe("changed");
    await networkSteps.sendReminders(meeting.id, 0);
    expect(await remindersOf(everyone)).toEqual([0, 0]);
  });
});

const notices = async (address: string) =>
  (await emailsTo(address)).filter((email) => /nouvelle date/.test(email.subject));

async function noticesOf(addresses: string[]) {
  return Promise.all(addresses.map(async (address) => (await notices(address)).length));
}

describe("a move's notices, run after a later change", () => {
  it("tells a BarNum's people nothing of a date moved again since, then the last one once", async () => {
    const { barnum, everyone } = await publishedBarnum("Midi numérique redéplacé");
    const moveTo = (days: number, place: string) =>
      moveBarnum(barnum.id, {
        date: parisToday(clock.now().getTime() + days * day),
        startTime: "14:00",
        place,
      });
    expect(await moveTo(7, "Salle Colbert")).toBe("changed");
    expect(await moveTo(9, "Salle Turgot")).toBe("changed");
    await barnumSteps.sendInvitations(barnum.id, 1);
    expect(await noticesOf(everyone)).toEqual([0, 0]);
    await barnumSteps.sendInvitations(barnum.id, 2);
    await barnumSteps.sendInvitations(barnum.id, 2);
    expect(await noticesOf(everyone)).toEqual([1, 1]);
    expect((await notices(everyone[1] as string))[0]?.body.text).toContain("Salle Turgot");
  });

  it("tells a network meeting's mentors nothing of a date it was cancelled at", async () => {
    const { meeting, everyone } = await meetingWithInvited("Salle Vauban");
    const move = {
      date: parisToday(clock.now().getTime() + 7 * day),
      time: "12:30",
      place: "Salle Vauban",
    };
    expect(await moveMeeting(meeting.id, move)).toBe("changed");
    expect(await cancelMeeting(meeting.id)).toBe("changed");
    await networkSteps.sendInvitations(meeting.id, 1);
    expect(await noticesOf(everyone)).toEqual([0, 0]);
  });
});
