import { clock } from "../../clock";
import type { Bilingual } from "../../email/layout";
import { inParallel } from "../../email/outbox";
import { env } from "../../env";
import { logger } from "../../observability";
import { listResources, type Resource, resourcesFor, withResources } from "../../resources";
import { frenchSpacing } from "../../words";
import type { EventKindSteps } from "../kinds";
import { issueEventLink } from "../links";
import { movedOn, stillOnCheck } from "../still-on";
import {
  cancellation,
  closing,
  confirmationRequest,
  escalation,
  failureAlert,
  feedbackRequest,
  headOfServiceSummary,
  invitation,
  reminder,
} from "./messages";
import type { WorkshopRecord } from "./model";
import {
  everyoneOf,
  headOf,
  mentorsOf,
  participantsOf,
  queueWorkshopEmail,
  type Recipient,
  team,
  workshopCalendar,
} from "./people";
import { listFeedback, requireWorkshop, updateWorkshop } from "./store";

/**
 * What the event workflow asks of a workshop: its state, and each step's emails. Every email is
 * keyed by its purpose, the date version where it depends on it, and its recipient, so a retried
 * or repeated step queues nothing new.
 */

const day = 24 * 60 * 60 * 1000;
const linkLifetimeMs = 60 * day;
/** A workshop's emails are queued a few at a time (a large one has 150 people or more). */
const parallelEmails = 8;

const whenOf = (workshop: WorkshopRecord) => {
  const schedule = workshop.schedule;
  if (!schedule) throw new Error(`Workshop ${workshop.id} has no date`);
  return { ...schedule, start: new Date(schedule.start) };
};

export const registrationUrl = (token: string) => `${env.appUrl}/atelier/inscription/${token}`;
export const workshopLinkUrl = (token: string) => `${env.appUrl}/atelier/lien/${token}`;

/** The invitation of one recipient for the workshop's current date (the calendar file attached). */
export async function invitationOf(
  workshop: WorkshopRecord,
  recipient: Recipient,
  mentors?: Recipient[],
  options: { moved?: boolean; library?: readonly Resource[] } = {},
) {
  const leaders = mentors ?? (await mentorsOf(workshop));
  const library = options.library ?? (await listResources());
  const names = leaders
    .filter((mentor) => mentor.ref !== recipient.ref)
    .map((mentor) => [mentor.firstName, mentor.lastName].filter(Boolean).join(" "));
  // The theme's resources for everyone; its mentors' modules in the mentors' copies only.
  const resources = resourcesFor(
    library,
    [workshop.request.theme],
    recipient.role === "mentor" ? "mentor" : "mentee",
  );
  const message = invitation({
    ...whenOf(workshop),
    firstName: recipient.firstName,
    theme: workshop.request.theme,
    mentorNames: names,
    moved: options.moved ?? workshop.sequence > 0,
    leads: recipient.role === "mentor",
    registrationLink:
      recipient.role === "head-of-service" && workshop.registrationToken
        ? registrationUrl(workshop.registrationToken)
        : undefined,
  });
  return {
    message: withResources(message, resources, {
      fr: frenchSpacing(
        "Pour préparer l'atelier ou aller plus loin sur son thème, les ressources du programme :",
      ),
      en: "To prepare for the workshop or go further on its theme, the programme's resources:",
    }),
    attachment: await workshopCalendar(workshop, recipient, "REQUEST"),
  };
}

export const invitationPurpose = (sequence: number) => `invite#${sequence}`;

/**
 * Queues one email of the date version `sequence` to each recipient, each only while the workshop
 * is still on at that version: a cancellation or a move made while they are being queued stops
 * them, so nobody gets an invitation or a reminder after the CANCEL or for the old date (the wait
 * that follows sees the change). Says whether the workshop moved on meanwhile.
 */
async function queueWhileOn(
  id: string,
  sequence: number,
  purpose: string,
  recipients: Recipient[],
  email: (
    recipient: Recipient,
  ) => Promise<{ message: Bilingual; attachment?: Awaited<ReturnType<typeof workshopCalendar>> }>,
): Promise<boolean> {
  const check = stillOnCheck("workshop", id, sequence);
  let changed = false;
  await inParallel(recipients, parallelEmails, async (recipient) => {
    if (changed) return;
    const { message, attachment } = await email(recipient);
    try {
      await queueWorkshopEmail(id, purpose, recipient, message, attachment, {
        alongside: [check],
      });
    } catch (error) {
      if (!movedOn(error, 1)) throw error;
      changed = true;
    }
  });
  if (changed) logger.info("Workshop changed while its emails were queued", { id, purpose });
  return changed;
}

async function sendInvitations(id: string, sequence: number) {
  const workshop = await requireWorkshop(id);
  const [mentors, library] = await Promise.all([mentorsOf(workshop), listResources()]);
  await queueWhileOn(id, sequence, invitationPurpose(sequence), await everyoneOf(workshop), (to) =>
    invitationOf(workshop, to, mentors, { library }),
  );
}

/** The reminder of the date version the runner read, to everyone, while it still holds. */
async function sendReminders(id: string, sequence: number) {
  const workshop = await requireWorkshop(id);
  await queueWhileOn(
    id,
    sequence,
    `remind#${sequence}`,
    await everyoneOf(workshop),
    async (to) => ({
      message: reminder({
        ...whenOf(workshop),
        firstName: to.firstName,
        theme: workshop.request.theme,
      }),
    }),
  );
}

async function askMentors(id: string, purpose: string, nudge: boolean) {
  const workshop = await requireWorkshop(id);
  for (const mentor of await mentorsOf(workshop)) {
    const token = await issueEventLink({
      kind: "workshop",
      eventId: id,
      purpose: "confirm",
      recipient: mentor.ref,
      expiresAt: new Date(clock.now().getTime() + linkLifetimeMs),
    });
    await queueWorkshopEmail(
      id,
      purpose,
      mentor,
      confirmationRequest({
        firstName: mentor.firstName ?? "",
        theme: workshop.request.theme,
        start: whenOf(workshop).start,
        link: workshopLinkUrl(token),
        nudge,
      }),
    );
  }
}

async function requestFeedback(id: string) {
  const workshop = await requireWorkshop(id);
  // Those the mentor ticked as present, when they did; otherwise everyone invited by email.
  const invited = await participantsOf(workshop);
  const asked = workshop.present?.length
    ? invited.filter((participant) => workshop.present?.includes(participant.ref))
    : invited;
  await inParallel(asked, parallelEmails, async (participant) => {
    const token = await issueEventLink({
      kind: "workshop",
      eventId: id,
      purpose: "feedback",
      recipient: participant.ref,
      expiresAt: new Date(clock.now().getTime() + linkLifetimeMs),
    });
    await queueWorkshopEmail(
      id,
      "feedback",
      participant,
      feedbackRequest({ theme: workshop.request.theme, link: workshopLinkUrl(token) }),
    );
  });
}

async function close(id: string, outcome: { tookPlace: boolean; attendees?: number } | undefined) {
  const workshop = await requireWorkshop(id);
  const feedback = await listFeedback(id);
  await updateWorkshop(id, { status: "closed", closedAt: clock.now().toISOString() });
  const ratings = feedback.map((item) => item.rating);
  const average = ratings.length
    ? Math.round((ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length) * 10) / 10
    : undefined;
  const [mentors, participants] = await Promise.all([
    mentorsOf(workshop),
    participantsOf(workshop),
  ]);
  const head = headOf(workshop);
  await queueWorkshopEmail(
    id,
    "closing",
    head,
    headOfServiceSummary({
      firstName: head.firstName ?? "",
      theme: workshop.request.theme,
      start: whenOf(workshop).start,
      service: workshop.request.service,
      mentorNames: mentors.map((mentor) =>
        [mentor.firstName, mentor.lastName].filter(Boolean).join(" "),
      ),
      outcome,
      invited: participants.length,
      feedbackCount: feedback.length,
      averageRating: average,
    }),
  );
  for (const mentor of mentors) {
    await queueWorkshopEmail(
      id,
      "closing",
      mentor,
      closing({
        firstName: mentor.firstName ?? "",
        theme: workshop.request.theme,
        attendees: outcome?.tookPlace ? outcome.attendees : undefined,
        feedbackCount: feedback.length,
        averageRating: average,
      }),
    );
  }
}

export const workshopSteps: EventKindSteps = {
  async load(id) {
    let workshop = await requireWorkshop(id);
    // Cancelled by a run that died before queueing every cancellation: this step finishes it.
    if (workshop.cancelEmails === "queueing") {
      const { finishCancellation } = await import("./index");
      await finishCancellation(id);
      workshop = await requireWorkshop(id);
    }
    const when = whenOf(workshop);
    return {
      start: when.start,
      end: new Date(when.start.getTime() + when.durationMinutes * 60_000),
      sequence: workshop.sequence,
      cancelled: workshop.status === "cancelled",
      reminderLeadMs: day,
    };
  },
  sendInvitations,
  sendReminders,
  askConfirmation: (id, sequence) => askMentors(id, `confirm-ask#${sequence}`, false),
  nudgeOrganisers: (id, silences) => askMentors(id, `confirm-nudge#${silences}`, true),
  async escalate(id) {
    const workshop = await requireWorkshop(id);
    await queueWorkshopEmail(
      id,
      "escalation",
      team,
      escalation({
        id,
        theme: workshop.request.theme,
        start: whenOf(workshop).start,
        service: workshop.request.service,
      }),
    );
  },
  requestFeedback,
  close,
  async recordFailure(id, error) {
    const workshop = await requireWorkshop(id);
    await queueWorkshopEmail(
      id,
      `failure#${error}`,
      team,
      failureAlert({ id, theme: workshop.request.theme, service: workshop.request.service }),
    );
    logger.error("Workshop step failed", { workshopId: id, error });
  },
};

/** The cancellation of one recipient (the calendar file's CANCEL, next SEQUENCE). */
export async function cancellationOf(workshop: WorkshopRecord, recipient: Recipient) {
  return {
    message: cancellation({
      ...whenOf(workshop),
      firstName: recipient.firstName,
      theme: workshop.request.theme,
    }),
    attachment: await workshopCalendar(workshop, recipient, "CANCEL", workshop.sequence + 1),
  };
}

export { headOf };
