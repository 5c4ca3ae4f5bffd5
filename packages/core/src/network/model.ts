import * as v from "valibot";
import { countField } from "../barnum/model";
import { clock } from "../clock";
import { eventDate, isPastTime, pastTime } from "../event-dates";
import { optionalText, shortText } from "../fields";
import { timeField } from "../links";

/**
 * The mentor network: the team meets the selected mentors every two months (by default) to share
 * what they learnt, and prepares the new ones before their first pair (objectives, role play).
 * Every active mentor is invited to a network meeting; a preparation session invites those not
 * prepared yet. Attendance is recorded, and counts in each mentor's record of work.
 */

export const meetingKinds = ["network", "preparation"] as const;
export type MeetingKind = (typeof meetingKinds)[number];

export const meetingKindLabel: Record<MeetingKind, { fr: string; en: string }> = {
  network: { fr: "Rencontre du réseau des mentors", en: "Mentor network meeting" },
  preparation: {
    fr: "Séance de préparation des nouveaux mentors",
    en: "Preparation session for new mentors",
  },
};

export const meetingLengths = [60, 90, 120, 180] as const;
/** The network meets every two months unless the team says otherwise. */
export const defaultIntervalMonths = 2;

export const MeetingFormSchema = v.pipe(
  v.strictObject({
    kind: v.picklist(meetingKinds, "Choisissez le type de rencontre."),
    date: eventDate("Indiquez la date."),
    time: timeField,
    durationMinutes: countField("Choisissez la durée de la rencontre.", (value) =>
      (meetingLengths as readonly number[]).includes(value),
    ),
    place: shortText("Indiquez le lieu ou le lien de la visio.", 300),
    agenda: shortText("Indiquez l'ordre du jour.", 2000),
    note: optionalText(500),
  }),
  // Told as soon as the date and time are valid, with the other fields' mistakes: a past day at
  // the date (eventDate), a time already gone today at the time.
  v.forward(
    v.partialCheck(
      [["date"], ["time"]],
      (input) => !isPastTime(input.date, input.time, clock.now()),
      pastTime,
    ),
    ["time"],
  ),
);

export type MeetingInput = v.InferOutput<typeof MeetingFormSchema>;

export type NetworkMeeting = {
  id: string;
  kind: MeetingKind;
  startsAt: string;
  durationMinutes: number;
  place: string;
  agenda: string;
  createdAt: string;
  /** Whether attendance was recorded (after the meeting). */
  attendanceRecorded?: boolean;
  /** The date version: 0 when scheduled, one more at each move (the calendar files' SEQUENCE). */
  sequence?: number;
  status?: "scheduled" | "cancelled";
  cancelledAt?: string;
};

export const meetingSequence = (meeting: { sequence?: number }) => meeting.sequence ?? 0;

/** The team moves a meeting: a new date, time and place; its length and agenda stay. */
export const MeetingMoveSchema = v.pipe(
  v.strictObject({
    date: eventDate("Indiquez la date."),
    time: timeField,
    place: shortText("Indiquez le lieu ou le lien de la visio.", 300),
  }),
  // Told as soon as the date and time are valid, with the other fields' mistakes: a past day at
  // the date (eventDate), a time already gone today at the time.
  v.forward(
    v.partialCheck(
      [["date"], ["time"]],
      (input) => !isPastTime(input.date, input.time, clock.now()),
      pastTime,
    ),
    ["time"],
  ),
);

export type MeetingMove = v.InferOutput<typeof MeetingMoveSchema>;

/** Pure: whether the team may still move or cancel it (and a mentor say whether they come). */
export const isAhead = (meeting: NetworkMeeting, now: Date) =>
  meeting.status !== "cancelled" && Date.parse(meeting.startsAt) > now.getTime();

export type Reply = "yes" | "no";

export type Invitation = {
  meetingId: string;
  mentorId: string;
  name: string;
  invitedAt: string;
  attended?: boolean;
  remindedAt?: string;
  /** The meeting's date version they were invited at (or last told of a move). */
  invitedSequence?: number;
  /** Whether they said they come, and for which date version (a move asks again). */
  reply?: Reply;
  replySequence?: number;
  repliedAt?: string;
};

/** Pure: the mentor's answer for the meeting's current date, if they gave one. */
export const currentReply = (meeting: NetworkMeeting, invitation: Invitation) =>
  invitation.replySequence === meetingSequence(meeting) ? invitation.reply : undefined;

/**
 * Pure: the date the form proposes for the next network meeting: two months after the last one
 * (or after today when none is to come), same weekday time, as a Paris calendar date.
 */
export function proposedNextDate(meetings: readonly NetworkMeeting[], now: Date): string {
  const last = meetings
    .filter((meeting) => meeting.kind === "network")
    .map((meeting) => Date.parse(meeting.startsAt))
    .sort((a, b) => b - a)[0];
  const from = new Date(Math.max(last ?? 0, now.getTime()));
  const next = new Date(from);
  next.setUTCMonth(next.getUTCMonth() + defaultIntervalMonths);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(next);
}

export const endOf = (meeting: NetworkMeeting) =>
  Date.parse(meeting.startsAt) + meeting.durationMinutes * 60_000;

/** Pure: when the reminder of a meeting goes: a day before it. */
export const reminderAt = (meeting: NetworkMeeting) =>
  new Date(Date.parse(meeting.startsAt) - 24 * 3600_000);
