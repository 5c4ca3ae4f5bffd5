import { transact } from "../clients/dynamodb";
import { emailTo } from "../email/invitation";
import { queueEmail } from "../email/outbox";
import type { EventKindSteps, EventState } from "../events/kinds";
import { confirmationUpdate, deliverConfirmation, startEvent, tellEvent } from "../events/run";
import { logger } from "../observability";
import { programme } from "../programme";
import { formatWhen } from "../words";
import {
  endOf,
  type MeetingMove,
  meetingKindLabel,
  meetingSequence,
  type NetworkMeeting,
} from "./model";
import {
  type ChangeOutcome,
  cancelMeeting,
  getMeeting,
  inviteMentors,
  moveMeeting,
  notifyCancellation,
  notifyMove,
  recordAttendance,
  remindInvited,
} from "./store";

/**
 * A network meeting (or a preparation session) on the event workflow: one execution per
 * meeting, started when it is scheduled. It invites the mentors (with their calendar file),
 * reminds them the day before, then asks the programme team — who run the meeting — to record
 * who came (a nudge, then a clean end), and closes. A move tells each invited mentor the new
 * date (their calendar event at the next SEQUENCE); a cancellation tells them with a CANCEL.
 */

async function meetingOf(id: string): Promise<NetworkMeeting> {
  const meeting = await getMeeting(id);
  if (!meeting) throw new Error("The meeting of this execution is not in the table");
  return meeting;
}

function attendanceRequest(meeting: NetworkMeeting, nudge: boolean) {
  const kind = meetingKindLabel[meeting.kind];
  const when = formatWhen(new Date(meeting.startsAt));
  return emailTo(programme.contactEmail, {
    subject: `${kind.fr} du ${when.fr.replace(/ à .*/, "")} : qui était là ?${nudge ? " (relance)" : ""}`,
    fr: [
      "Bonjour,",
      `${kind.fr} (${when.fr}) : enregistrez les présences sur sa page du réseau des mentors. Elles comptent dans l'attestation de chaque mentor.`,
    ],
    en: [
      "Hello,",
      `${kind.en} (${when.en}): record who came on its page of the mentor network. Attendance counts in each mentor's attestation.`,
    ],
  });
}

export const networkSteps: EventKindSteps = {
  async load(id): Promise<EventState> {
    const meeting = await meetingOf(id);
    return {
      start: new Date(meeting.startsAt),
      end: new Date(endOf(meeting)),
      sequence: meetingSequence(meeting),
      cancelled: meeting.status === "cancelled",
      reminderLeadMs: 24 * 3600_000,
    };
  },
  // The mentors not invited yet; after a move, the new date to those invited before it.
  async sendInvitations(id) {
    const meeting = await meetingOf(id);
    await notifyMove(meeting);
    await inviteMentors(meeting);
  },
  async sendCancellations(id) {
    await notifyCancellation(await meetingOf(id));
  },
  async sendReminders(id, sequence) {
    await remindInvited(await meetingOf(id), sequence);
  },
  async askConfirmation(id) {
    await queueEmail(
      `network#${id}#attendance#team`,
      attendanceRequest(await meetingOf(id), false),
    );
  },
  async nudgeOrganisers(id) {
    await queueEmail(
      `network#${id}#attendance-nudge#team`,
      attendanceRequest(await meetingOf(id), true),
    );
  },
  // The organisers are the programme team: the nudge already went to them.
  async escalate() {},
  async requestFeedback() {},
  async close(id) {
    logger.info("Network meeting closed", { meetingId: id });
  },
  async recordFailure(id, error) {
    logger.error("A network meeting step failed after its retries", { meetingId: id, error });
    const meeting = await meetingOf(id);
    await queueEmail(
      `network#${id}#failure#team`,
      emailTo(programme.contactEmail, {
        subject: `${meetingKindLabel[meeting.kind].fr} : une étape automatique a échoué`,
        fr: [
          "Bonjour,",
          "Une étape automatique (invitations, rappel) a échoué après plusieurs essais : vérifiez la page de la rencontre.",
        ],
        en: [
          "Hello,",
          "An automatic step (invitations, reminder) failed after several attempts: check the meeting's page.",
        ],
      }),
    );
  },
};

/** Starts the meeting's execution; scheduling again finds it running. */
export const startMeeting = (id: string) => startEvent("network", id);

/** The team moves or cancels it: the record first, then the execution is told (see barnum's). */
export async function changeMeeting(
  id: string,
  change: { move: MeetingMove } | "cancel",
): Promise<ChangeOutcome> {
  const outcome =
    change === "cancel" ? await cancelMeeting(id) : await moveMeeting(id, change.move);
  if (outcome === "too-late" || outcome === "not-found") return outcome;
  await startMeeting(id);
  await tellEvent("network", id, change === "cancel" ? "cancelled" : "moved");
  return outcome;
}

/**
 * The team records who came: the attendance is stored (recording again replaces it), and the
 * first recording after the meeting answers the execution that waits for it.
 */
export async function recordMeetingAttendance(meeting: NetworkMeeting, present: readonly string[]) {
  await recordAttendance(meeting, present);
  const update = confirmationUpdate("network", meeting.id, {
    tookPlace: true,
    attendees: present.length,
  });
  if (await transact([update])) return;
  await deliverConfirmation("network", meeting.id);
}
