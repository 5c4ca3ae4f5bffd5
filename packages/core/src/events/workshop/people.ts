import { createHash } from "node:crypto";
import { type CalendarPerson, calendarContentType, calendarInvitation } from "../../calendar";
import { type Bilingual, render } from "../../email/layout";
import { outboxPut, type QueueOptions, queueEmail } from "../../email/outbox";
import { getMentor } from "../../mentor";
import { programme } from "../../programme";
import { themeLabel } from "./messages";
import type { WorkshopRecord } from "./model";
import { listParticipants } from "./store";

/** Who a workshop's emails go to, and how each is queued once (per purpose and recipient). */

export type Recipient = {
  /** In dedupe keys and links: a mentor's id, or a short hash of an address (no address in keys). */
  ref: string;
  email: string;
  firstName?: string;
  lastName?: string;
  role: "head-of-service" | "mentor" | "participant";
};

export const addressRef = (address: string) =>
  `a-${createHash("sha256").update(address.trim().toLowerCase()).digest("base64url").slice(0, 22)}`;

export async function mentorsOf(workshop: WorkshopRecord): Promise<Recipient[]> {
  const mentors = await Promise.all((workshop.mentorIds ?? []).map((id) => getMentor(id)));
  return mentors.flatMap((mentor) =>
    mentor
      ? [
          {
            ref: mentor.id,
            email: mentor.answers.email,
            firstName: mentor.answers.firstName,
            lastName: mentor.answers.lastName,
            role: "mentor" as const,
          },
        ]
      : [],
  );
}

export const headOf = (workshop: WorkshopRecord): Recipient => ({
  ref: addressRef(workshop.request.email),
  email: workshop.request.email,
  firstName: workshop.request.firstName,
  lastName: workshop.request.lastName,
  role: "head-of-service",
});

export async function participantsOf(workshop: Pick<WorkshopRecord, "id">): Promise<Recipient[]> {
  return (await listParticipants(workshop.id)).map((participant) => ({
    ref: addressRef(participant.email),
    email: participant.email,
    firstName: participant.firstName,
    lastName: participant.lastName,
    role: "participant" as const,
  }));
}

/** Everyone the workshop concerns, each once: the head of service, the mentors, the participants. */
export async function everyoneOf(workshop: WorkshopRecord): Promise<Recipient[]> {
  const all = [
    headOf(workshop),
    ...(await mentorsOf(workshop)),
    ...(await participantsOf(workshop)),
  ];
  const seen = new Set<string>();
  return all.filter((person) => {
    const address = person.email.toLowerCase();
    if (seen.has(address)) return false;
    seen.add(address);
    return true;
  });
}

export const workshopDedupeKey = (id: string, purpose: string, recipient: Recipient) =>
  `workshop#${id}#${purpose}#${recipient.ref}`;

const personOf = (recipient: Recipient): CalendarPerson => ({
  name: [recipient.firstName, recipient.lastName].filter(Boolean).join(" ") || recipient.email,
  email: recipient.email,
});

/** The calendar file of the workshop's current date (REQUEST), or of its cancellation. */
export async function workshopCalendar(
  workshop: WorkshopRecord,
  recipient: Recipient,
  method: "REQUEST" | "CANCEL",
  sequence = workshop.sequence,
) {
  const schedule = workshop.schedule;
  if (!schedule) throw new Error(`Workshop ${workshop.id} has no date`);
  const label = themeLabel(workshop.request.theme);
  const ics = await calendarInvitation({
    uid: `atelier-${workshop.id}@binome`,
    sequence,
    method,
    start: new Date(schedule.start),
    durationMinutes: schedule.durationMinutes,
    title: `${programme.name} — atelier « ${label.fr} » / workshop “${label.en}”`,
    description: schedule.videoLink ? `Visio / video: ${schedule.videoLink}` : label.fr,
    location: schedule.place ?? schedule.videoLink,
    organizer: { name: programme.name, email: programme.contactEmail },
    attendees: [personOf(recipient)],
  });
  return {
    fileName: method === "CANCEL" ? "annulation.ics" : "invitation.ics",
    contentType: calendarContentType(method),
    content: ics,
  };
}

function outgoing(
  recipient: Recipient,
  message: Bilingual,
  attachment?: Awaited<ReturnType<typeof workshopCalendar>>,
) {
  return {
    to: [recipient.email],
    cc: [],
    ...render(message),
    attachments: attachment ? [attachment] : undefined,
  };
}

/** Queues one email of the workshop, at most once for its purpose and recipient. */
export const queueWorkshopEmail = (
  id: string,
  purpose: string,
  recipient: Recipient,
  message: Bilingual,
  attachment?: Awaited<ReturnType<typeof workshopCalendar>>,
  options: QueueOptions = {},
) =>
  queueEmail(
    workshopDedupeKey(id, purpose, recipient),
    outgoing(recipient, message, attachment),
    options,
  );

/** The same email as one write of a transaction (the record that causes it is another). */
export const workshopEmailPut = (
  id: string,
  purpose: string,
  recipient: Recipient,
  message: Bilingual,
  attachment?: Awaited<ReturnType<typeof workshopCalendar>>,
) => outboxPut(workshopDedupeKey(id, purpose, recipient), outgoing(recipient, message, attachment));

/** The team's address, as a recipient of alerts. */
export const team: Recipient = { ref: "team", email: programme.contactEmail, role: "participant" };
