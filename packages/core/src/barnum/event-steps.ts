import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { documents } from "../clients/dynamodb";
import { clock } from "../clock";
import { emailTo } from "../email/invitation";
import { queueEmail } from "../email/outbox";
import { env } from "../env";
import type { EventKindSteps, EventState } from "../events/kinds";
import type { EventConfirmation } from "../events/payload";
import { confirmationUpdate, deliverConfirmation, startEvent } from "../events/run";
import { keys } from "../keys";
import { getMentor } from "../mentor";
import { mentorLink } from "../mentor-space";
import { logger } from "../observability";
import { programme } from "../programme";
import { barnumClosed, barnumReminder, confirmationRequest, teamAlert } from "./event-messages";
import type { Barnum } from "./model";
import { addressHash, figuresOf, getBarnum, listRegistrations, listStaff } from "./store";

/**
 * A BarNum' on the event workflow (stacks/workflow/EventWorkflow.ts): one execution per BarNum',
 * started when it is published. Its invitations are the staffing requests and the registration
 * confirmations, each sent (with its calendar file) when it happens; the workflow sends the
 * reminder the day before to the mentors who staff it and to the agents registered, asks the
 * mentors after the end whether it took place (a nudge, then the programme team, then a clean
 * end), and closes it with its figures.
 */

const reminderLeadMs = 24 * 3600_000;

async function barnumOf(id: string): Promise<Barnum> {
  const barnum = await getBarnum(id);
  if (!barnum) throw new Error("The BarNum' of this execution is not in the table");
  return barnum;
}

const confirmedStaff = async (id: string) =>
  (await listStaff(id)).filter((member) => member.status === "confirmed");

/** Each confirmed mentor with a fresh link to their page, for one email each. */
async function toStaff(
  id: string,
  purpose: string,
  message: (firstName: string, pageLink: string) => Parameters<typeof emailTo>[1],
) {
  for (const member of await confirmedStaff(id)) {
    const mentor = await getMentor(member.mentorId);
    if (!mentor) continue;
    const link = mentorLink(member.mentorId);
    await documents.send(new TransactWriteCommand({ TransactItems: [{ Put: link.put }] }));
    await queueEmail(
      `barnum#${id}#${purpose}#${member.mentorId}`,
      emailTo(mentor.answers.email, message(mentor.answers.firstName, link.url)),
    );
  }
}

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
      sequence: 0,
      cancelled: barnum.status === "cancelled",
      reminderLeadMs,
    };
  },
  // Sent as they happen (staffing, registration), each with its calendar file: nothing to add.
  async sendInvitations() {},
  async sendReminders(id) {
    const barnum = await barnumOf(id);
    await toStaff(id, "reminder", (firstName, pageLink) =>
      barnumReminder({ firstName, barnum, pageLink }),
    );
    for (const registration of await listRegistrations(id)) {
      const slot = barnum.slots.find((item) => item.id === registration.slotId);
      await queueEmail(
        `barnum#${id}#reminder#${addressHash(registration.email)}`,
        emailTo(
          registration.email,
          barnumReminder({ firstName: registration.firstName, barnum, slot }),
        ),
        { expiresAt: Math.ceil((Date.parse(barnum.endsAt) + 30 * 24 * 3600_000) / 1000) },
      );
    }
  },
  async askConfirmation(id) {
    const barnum = await barnumOf(id);
    if ((await confirmedStaff(id)).length === 0)
      return void (await toTeam(id, "no-staff", barnum, "silence"));
    await toStaff(id, "confirm", (firstName, pageLink) =>
      confirmationRequest({ firstName, barnum, pageLink, nudge: false }),
    );
  },
  async nudgeOrganisers(id) {
    const barnum = await barnumOf(id);
    await toStaff(id, "nudge", (firstName, pageLink) =>
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
    await toStaff(id, "closed", (firstName) => barnumClosed({ firstName, barnum, figures }));
  },
  async recordFailure(id, error) {
    logger.error("A BarNum' step failed after its retries", { barnumId: id, error });
    await toTeam(id, "failure", await barnumOf(id), "failure");
  },
};

/** Starts the BarNum's execution; publishing again finds it running. */
export const startBarnum = (id: string) => startEvent("barnum", id);

/**
 * A mentor who staffed it says whether it took place: the first answer is recorded (and handed
 * to the waiting execution); a later one, from them or another mentor, changes nothing.
 */
export async function confirmBarnum(
  barnum: Barnum,
  tookPlace: boolean,
): Promise<"recorded" | "already-recorded"> {
  const outcome: EventConfirmation = {
    tookPlace,
    attendees: (await figuresOf(barnum.id)).visits,
  };
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [confirmationUpdate("barnum", barnum.id, outcome)],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) return "already-recorded";
    throw error;
  }
  await deliverConfirmation("barnum", barnum.id);
  return "recorded";
}
