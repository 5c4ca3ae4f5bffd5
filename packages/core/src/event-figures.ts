import * as v from "valibot";
import { type Barnum, type BarnumFigures, otherTopic } from "./barnum/model";
import { figuresOf, listBarnums, listStaff } from "./barnum/store";
import { type Cell, toCsv } from "./export";
import { listMentors } from "./mentor";
import { meetingKindLabel, type NetworkMeeting } from "./network/model";
import { listInvitations, listMeetings } from "./network/store";
import { themes } from "./programme";
import { loadRecordOfWork, type MentorRecordOfWork } from "./recognition";
import { formatDay } from "./words";

/**
 * The figures of what happens beside the pairs, per period (events by their date) and per cohort
 * (mentors' hours): BarNum' visits by theme, network attendance, mentors' hours, with their CSV.
 */

const day = v.optional(
  v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez une date au format 2026-12-01.")),
);
export const PeriodSchema = v.object({ from: day, to: day });
export type Period = v.InferOutput<typeof PeriodSchema>;

/** Pure: whether an instant falls in the period (Paris calendar days, both ends included). */
export function inPeriod(at: string, period: Period): boolean {
  const date = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(at));
  return (!period.from || date >= period.from) && (!period.to || date <= period.to);
}

const themeName = (id: string) =>
  themes.find((theme) => theme.id === id)?.label.fr ?? otherTopic.fr;

export type BarnumRow = { barnum: Barnum; figures: BarnumFigures; mentors: number };

export async function barnumRows(period: Period): Promise<BarnumRow[]> {
  const barnums = (await listBarnums()).filter((barnum) => inPeriod(barnum.startsAt, period));
  return Promise.all(
    barnums.map(async (barnum) => ({
      barnum,
      figures: await figuresOf(barnum.id),
      mentors: (await listStaff(barnum.id)).filter((member) => member.status === "confirmed")
        .length,
    })),
  );
}

/** Pure: one line per BarNum' and theme visited. */
export function barnumVisitsCsv(rows: readonly BarnumRow[]): string {
  const lines: Cell[][] = rows.flatMap(({ barnum, figures, mentors }) =>
    (figures.byTheme.length ? figures.byTheme : [{ theme: "", visits: 0, resolved: 0 }]).map(
      (row) => [
        barnum.event,
        formatDay(new Date(barnum.startsAt)).fr,
        barnum.place,
        mentors,
        row.theme ? themeName(row.theme) : "",
        row.visits,
        row.resolved,
        row.theme,
      ],
    ),
  );
  return toCsv(
    [
      "BarNum'",
      "Date",
      "Lieu",
      "Mentors",
      "Thème",
      "Visites",
      "Questions résolues",
      "Code du thème",
    ],
    lines,
  );
}

export type MeetingRow = { meeting: NetworkMeeting; invited: number; attended: number };

export async function meetingRows(period: Period): Promise<MeetingRow[]> {
  const meetings = (await listMeetings()).filter((meeting) => inPeriod(meeting.startsAt, period));
  return Promise.all(
    meetings.map(async (meeting) => {
      const invitations = await listInvitations(meeting.id);
      return {
        meeting,
        invited: invitations.length,
        attended: invitations.filter((invitation) => invitation.attended).length,
      };
    }),
  );
}

export function networkAttendanceCsv(rows: readonly MeetingRow[]): string {
  return toCsv(
    ["Rencontre", "Date", "Lieu", "Durée (heures)", "Invités", "Présents", "Code"],
    rows.map(({ meeting, invited, attended }) => [
      meetingKindLabel[meeting.kind].fr,
      formatDay(new Date(meeting.startsAt)).fr,
      meeting.place,
      meeting.durationMinutes / 60,
      invited,
      meeting.attendanceRecorded ? attended : null,
      meeting.kind,
    ]),
  );
}

export async function mentorHours(cohortId: string): Promise<MentorRecordOfWork[]> {
  const mentors = (await listMentors(cohortId)).filter((mentor) => mentor.status === "selected");
  const records = await Promise.all(mentors.map((mentor) => loadRecordOfWork(mentor.id)));
  return records.filter((record) => record !== undefined);
}

export function mentorHoursCsv(records: readonly MentorRecordOfWork[]): string {
  return toCsv(
    [
      "Mentor",
      "Binômes",
      "Séances tenues",
      "Heures en binôme",
      "Ateliers animés",
      "Heures d'ateliers",
      "BarNum' tenus",
      "Heures de BarNum'",
      "Rencontres du réseau",
      "Heures de réseau",
      "Heures au total",
    ],
    records.map((record) => [
      record.name,
      record.pairs,
      record.sessionsHeld,
      record.hoursByKind.pairs,
      record.workshopsLed,
      record.hoursByKind.workshops,
      record.barnumsStaffed,
      record.hoursByKind.barnums,
      record.networkMeetings,
      record.hoursByKind.network,
      record.hours,
    ]),
  );
}
