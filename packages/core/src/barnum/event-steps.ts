import { TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { documents, transact } from "../clients/dynamodb";
import { clock } from "../clock";
import { emailTo } from "../email/invitation";
import type { Bilingual } from "../email/layout";
import { queueEmail } from "../email/outbox";
import { env } from "../env";
import type { EventKindSteps, EventState } from "../events/kinds";
import type { EventConfirmation } from "../events/payload";
import {
  confirmationUpdate,
  deliverConfirmation,
  recordedConfirmation,
  startEvent,
  tellEvent,
} from "../events/run";
import { movedOn, stillOnCheck } from "../events/still-on";
import { keys } from "../keys";
import { getMentor } from "../mentor";
import { mentorLink } from "../mentor-space";
import { logger } from "../observability";
import { programme } from "../programme";
import {
  barnumCancelled,
  barnumClosed,
  barnumMoved,
  barnumReminder,
  confirmationRequest,
  teamAlert,
} from "./event-messages";
import { type Barnum, type BarnumMove, sequenceOf } from "./model";
import {
  addressHash,
  type ChangeOutcome,
  cancelBarnum,
  figuresOf,
  getBarnum,
  listRegistrations,
  listStaff,
  moveBarnum,
  registrationCalendar,
  registrationExpiry,
  type StaffMember,
  staffCalendar,
} from "./store";

/**
 * A BarNum' on the event workflow (stacks/workflow/EventWorkflow.ts): one execution per BarNum',
 * started when it is published. Its invitations are the staffing requests and the registration
 * confirmations, each sent (with its calendar file) when it happens; the workflow sends the
 * reminder the day before to the mentors who staff it and to the agents registered, asks the
 * mentors after the end whether it took place (a nudge, then the programme team, then a clean
 * end), and closes it with its figures. A move tells everyone the new date (the same calendar
 * events at the next SEQUENCE); a cancellation tells them with the calendar's CANCEL.
 */

const reminderLeadMs = 24 * 3600_000;

async function barnumOf(id: string): Promise<Barnum> {
  const barnum = await getBarnum(id);
  if (!barnum) throw new Error("The BarNum' of this execution is not in the table");
  return barnum;
}

const confirmedStaff = async (id: string) =>
  (await listStaff(id)).filter((member) => member.status === "confirmed");

type Mentor = { id: string; firstName: string; name: string; email: string };
type Calendar = Parameters<typeof emailTo>[2];
/** Who staffs it has it in their diary: their notice carries the calendar file; the others' not. */
const staffing = (member: StaffMember) => member.status === "confirmed";

/**
 * Each mentor of `members` (the confirmed ones unless told) with a fresh link to their page, for
 * one email each, at most once per purpose.
 */
async function toStaff(
  id: string,
  purpose: string,
  message: (mentor: Mentor, pageLink: string, member: StaffMember) => Bilingual,
  options: {
    members?: StaffMember[];
    calendar?: (mentor: Mentor, member: StaffMember) => Promise<Calendar> | undefined;
    /** Each email only while the BarNum' is still on at this date version. */
    whileOnAt?: number;
  } = {},
): Promise<"done" | "moved-on"> {
  const { members, calendar, whileOnAt } = options;
  for (const member of members ?? (await confirmedStaff(id))) {
    const mentor = await getMentor(member.mentorId);
    if (!mentor) continue;
    const link = mentorLink(member.mentorId);
    await documents.send(new TransactWriteCommand({ TransactItems: [{ Put: link.put }] }));
    const who = {
      id: mentor.id,
      firstName: mentor.answers.firstName,
      name: `${mentor.answers.firstName} ${mentor.answers.lastName}`,
      email: mentor.answers.email,
    };
    try {
      await queueEmail(
        `barnum#${id}#${purpose}#${member.mentorId}`,
        emailTo(
          mentor.answers.email,
          message(who, link.url, member),
          await calendar?.(who, member),
        ),
        whileOnAt === undefined ? {} : { alongside: [stillOnCheck("barnum", id, whileOnAt)] },
      );
    } catch (error) {
      if (whileOnAt === undefined || !movedOn(error, 1)) throw error;
      return "moved-on";
    }
  }
  return "done";
}

/** The mentors a change concerns: who staffs it, and who was asked and has not answered yet. */
const concernedStaff = async (id: string, sequence?: number) =>
  (await listStaff(id)).filter(
    (member) =>
      member.status !== "declined" &&
      // A move's notice skips who was asked, or answered, at the new date already.
      (sequence === undefined ||
        Math.max(member.askedSequence ?? 0, member.answeredSequence ?? 0) < sequence),
  );

/** A purpose keyed by date version (the first one keeps the key it always had). */
const versioned = (purpose: string, sequence: number) =>
  sequence === 0 ? purpose : `${purpose}#s${sequence}`;

const toTeam = (id: string, purpose: string, barnum: Barnum, what: "silence" | "failure") =>
  queueEmail(
    `barnum#${id}#${purpose}#team`,
    emailTo(programme.contactEmail, teamAlert({ barnum, what })),
  );

export const barnumSteps: EventKindSteps = {
  async load(id): Promise<EventState> {
    const barnum = await barnumOf(id);
    return {
      start: new Date(barnum.startsAt),
      end: new Date(barnum.endsAt),
      sequence: sequenceOf(barnum),
      cancelled: barnum.status === "cancelled",
      reminderLeadMs,
    };
  },
  // Sent as they happen (staffing, registration), each with its calendar file. After a move: the
  // new date to each person concerned, once per date version.
  async sendInvitations(id, sequence) {
    if (sequence === 0) return;
    const barnum = await barnumOf(id);
    // Each notice only while the BarNum' is still at this date version: moved again or cancelled
    // meanwhile, the next step tells the newer change instead.
    const told = await toStaff(
      id,
      `moved#s${sequence}`,
      ({ firstName }, pageLink, member) =>
        barnumMoved({ firstName, barnum, pageLink, withCalendar: staffing(member) }),
      {
        members: await concernedStaff(id, sequence),
        calendar: (mentor, member) =>
          staffing(member) ? staffCalendar(barnum, mentor, "REQUEST") : undefined,
        whileOnAt: sequence,
      },
    );
    if (told === "moved-on") return;
    const check = stillOnCheck("barnum", id, sequence);
    for (const registration of await listRegistrations(id)) {
      // Registered, or changed, at this date already: their confirmation said it.
      if ((registration.barnumSequence ?? 0) >= sequence) continue;
      const slot = barnum.slots.find((item) => item.id === registration.slotId);
      try {
        await queueEmail(
          `barnum#${id}#moved#s${sequence}#${addressHash(registration.email)}`,
          emailTo(
            registration.email,
            barnumMoved({ firstName: registration.firstName, barnum, slot, withCalendar: true }),
            await registrationCalendar(barnum, registration),
          ),
          { expiresAt: registrationExpiry(barnum), alongside: [check] },
        );
      } catch (error) {
        if (!movedOn(error, 1)) throw error;
        return;
      }
    }
  },
  async sendCancellations(id) {
    const barnum = await barnumOf(id);
    await toStaff(
      id,
      "cancelled",
      ({ firstName }, _pageLink, member) =>
        barnumCancelled({ firstName, barnum, withCalendar: staffing(member) }),
      {
        members: await concernedStaff(id),
        calendar: (mentor, member) =>
          staffing(member) ? staffCalendar(barnum, mentor, "CANCEL") : undefined,
      },
    );
    for (const registration of await listRegistrations(id)) {
      await queueEmail(
        `barnum#${id}#cancelled#${addressHash(registration.email)}`,
        emailTo(
          registration.email,
          barnumCancelled({ firstName: registration.firstName, barnum, withCalendar: true }),
          await registrationCalendar(barnum, registration, "CANCEL"),
        ),
        { expiresAt: registrationExpiry(barnum) },
      );
    }
  },
  // The reminder of the date version the runner read, each only while the BarNum' is still on at
  // it: a move or a cancellation made meanwhile stops them (the wait that follows sees it).
  async sendReminders(id, sequence) {
    const barnum = await barnumOf(id);
    const purpose = versioned("reminder", sequence);
    const staffed = await toStaff(
      id,
      purpose,
      ({ firstName }, pageLink) => barnumReminder({ firstName, barnum, pageLink }),
      { whileOnAt: sequence },
    );
    if (staffed === "moved-on") return;
    const check = stillOnCheck("barnum", id, sequence);
    for (const registration of await listRegistrations(id)) {
      const slot = barnum.slots.find((item) => item.id === registration.slotId);
      try {
        await queueEmail(
          `barnum#${id}#${purpose}#${addressHash(registration.email)}`,
          emailTo(
            registration.email,
            barnumReminder({ firstName: registration.firstName, barnum, slot }),
          ),
          { expiresAt: registrationExpiry(barnum), alongside: [check] },
        );
      } catch (error) {
        if (!movedOn(error, 1)) throw error;
        return;
      }
    }
  },
  async askConfirmation(id) {
    const barnum = await barnumOf(id);
    if ((await confirmedStaff(id)).length === 0)
      return void (await toTeam(id, "no-staff", barnum, "silence"));
    await toStaff(id, "confirm", ({ firstName }, pageLink) =>
      confirmationRequest({ firstName, barnum, pageLink, nudge: false }),
    );
  },
  async nudgeOrganisers(id) {
    const barnum = await barnumOf(id);
    await toStaff(id, "nudge", ({ firstName }, pageLink) =>
      confirmationRequest({ firstName, barnum, pageLink, nudge: true }),
    );
  },
  async escalate(id) {
    await toTeam(id, "escalation", await barnumOf(id), "silence");
  },
  // A BarNum' asks nothing of its visitors afterwards: they came with a question, not to a course.
  async requestFeedback() {},
  async close(id, outcome) {
    const barnum = await barnumOf(id);
    await documents.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: keys.barnum(id),
        UpdateExpression: "SET closedAt = :now, tookPlace = :tookPlace",
        ExpressionAttributeValues: {
          ":now": clock.now().toISOString(),
          // Unconfirmed counts as held: the visits recorded on the day say so better than silence.
          ":tookPlace": outcome?.tookPlace ?? true,
        },
      }),
    );
    if (outcome?.tookPlace === false) return;
    const figures = await figuresOf(id);
    await toStaff(id, "closed", ({ firstName }) => barnumClosed({ firstName, barnum, figures }));
  },
  async recordFailure(id, error) {
    logger.error("A BarNum' step failed after its retries", { barnumId: id, error });
    await toTeam(id, "failure", await barnumOf(id), "failure");
  },
};

/** Starts the BarNum's execution; publishing again finds it running. */
export const startBarnum = (id: string) => startEvent("barnum", id);

/**
 * The team moves it, or cancels it: the record first, then the execution is told (started if a
 * process died after publishing). Told even when unchanged — a retry after a failure between the
 * two — since telling a move it knows already changes nothing.
 */
export async function changeBarnum(
  id: string,
  change: { move: BarnumMove } | "cancel",
): Promise<ChangeOutcome> {
  const outcome = change === "cancel" ? await cancelBarnum(id) : await moveBarnum(id, change.move);
  if (outcome === "too-late" || outcome === "not-found") return outcome;
  await startBarnum(id);
  await tellEvent("barnum", id, change === "cancel" ? "cancelled" : "moved");
  return outcome;
}

/**
 * A mentor who staffed it says whether it took place: the first answer is recorded (and handed
 * to the waiting execution); the same answer again (a double click, a retry) is "unchanged" and
 * hands it again, in case the first post stopped before; a different one, from them or another
 * mentor, changes nothing.
 */
export async function confirmBarnum(
  barnum: Barnum,
  tookPlace: boolean,
): Promise<"recorded" | "unchanged" | "already-recorded"> {
  const outcome: EventConfirmation = {
    tookPlace,
    attendees: (await figuresOf(barnum.id)).visits,
  };
  if (await transact([confirmationUpdate("barnum", barnum.id, outcome)])) {
    const recorded = await recordedConfirmation("barnum", barnum.id);
    if (recorded?.tookPlace !== tookPlace) return "already-recorded";
    await deliverConfirmation("barnum", barnum.id);
    return "unchanged";
  }
  await deliverConfirmation("barnum", barnum.id);
  return "recorded";
}
