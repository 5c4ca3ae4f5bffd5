import * as v from "valibot";
import { type Barnum, type BarnumFigures, otherTopic } from "./barnum/model";
import { figuresOf, listBarnums, listStaff } from "./barnum/store";
import { clock } from "./clock";
import { inParallel } from "./email/outbox";
import { listWorkshops } from "./events/workshop/store";
import { type Cell, frenchDay, roundedHours, toCsv } from "./export";
import { listMentors } from "./mentor";
import { meetingKindLabel, type NetworkMeeting } from "./network/model";
import { listInvitations, listMeetings } from "./network/store";
import { listPairs } from "./pair/store";
import { type Localised, themes } from "./programme";
import { eventsOfMentor, type MentorRecordOfWork, recordOfWork } from "./recognition";

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
  // A cancelled BarNum' did not take place: it is in no figure and no export.
  const barnums = (await listBarnums()).filter(
    (barnum) => barnum.status !== "cancelled" && inPeriod(barnum.startsAt, period),
  );
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
        frenchDay(barnum.startsAt),
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
  const meetings = (await listMeetings()).filter(
    (meeting) => meeting.status !== "cancelled" && inPeriod(meeting.startsAt, period),
  );
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
      frenchDay(meeting.startsAt),
      meeting.place,
      roundedHours(meeting.durationMinutes / 60),
      invited,
      meeting.attendanceRecorded ? attended : null,
      meeting.kind,
    ]),
  );
}

/** How many mentors' events are read at once for the hours export. */
const mentorsAtOnce = 16;

/**
 * Each selected mentor's record of work in a cohort: the cohort's pairs are read once for all
 * of them (not once per mentor), and each mentor's events a few mentors at a time.
 */
export async function mentorHours(cohortId: string): Promise<MentorRecordOfWork[]> {
  const [mentors, pairs] = await Promise.all([
    listMentors(cohortId).then((all) => all.filter((mentor) => mentor.status === "selected")),
    listPairs({ cohortId }),
  ]);
  const records: MentorRecordOfWork[] = new Array(mentors.length);
  await inParallel(mentors, mentorsAtOnce, async (mentor, index) => {
    records[index] = recordOfWork(
      { id: mentor.id, ...mentor.answers },
      pairs,
      await eventsOfMentor(mentor.id),
    );
  });
  return records;
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
      roundedHours(record.hoursByKind.pairs),
      record.workshopsLed,
      roundedHours(record.hoursByKind.workshops),
      record.barnumsStaffed,
      roundedHours(record.hoursByKind.barnums),
      record.networkMeetings,
      roundedHours(record.hoursByKind.network),
      roundedHours(record.hours),
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// The figures page's summary of the other formats over a period
// ---------------------------------------------------------------------------------------------

export type EventFigures = {
  /** Collective workshops its mentors confirmed took place, and the people who came. */
  workshops: { held: number; reached: number; mentorHours: number };
  /** BarNum' that took place: visits by theme (programme's order, then other topics). */
  barnums: {
    held: number;
    visits: number;
    resolved: number;
    byTheme: { theme: string; label: Localised; visits: number; resolved: number }[];
    mentorHours: number;
  };
  /** Network meetings whose attendance was recorded. */
  network: { meetings: number; invited: number; attended: number; mentorHours: number };
};

export type WorkshopHeld = {
  outcome?: { tookPlace: boolean; attendees?: number };
  mentorIds?: readonly string[];
  schedule?: { start: string; durationMinutes: number };
};

const hoursOf = (startsAt: string, endsAt: string) =>
  (Date.parse(endsAt) - Date.parse(startsAt)) / 3_600_000;

/**
 * Pure: what the workshops, BarNum' and network meetings given (already those of the period)
 * add up to, with the mentors' hours counted as their records of work count them: a workshop's
 * length for each of its mentors, a BarNum's for each mentor who confirmed, a meeting's for each
 * mentor present.
 */
export function summariseEvents(input: {
  workshops: readonly WorkshopHeld[];
  barnums: readonly BarnumRow[];
  meetings: readonly MeetingRow[];
  now: Date;
}): EventFigures {
  const held = input.workshops.filter(
    (workshop) => workshop.outcome?.tookPlace === true && workshop.schedule,
  );
  const barnums = input.barnums.filter(
    ({ barnum }) =>
      barnum.status === "published" &&
      barnum.tookPlace !== false &&
      Date.parse(barnum.endsAt) <= input.now.getTime(),
  );
  const byTheme = new Map<string, { visits: number; resolved: number }>();
  for (const { figures } of barnums) {
    for (const row of figures.byTheme) {
      const sum = byTheme.get(row.theme) ?? { visits: 0, resolved: 0 };
      byTheme.set(row.theme, {
        visits: sum.visits + row.visits,
        resolved: sum.resolved + row.resolved,
      });
    }
  }
  const recorded = input.meetings.filter(({ meeting }) => meeting.attendanceRecorded);
  return {
    workshops: {
      held: held.length,
      reached: held.reduce((total, workshop) => total + (workshop.outcome?.attendees ?? 0), 0),
      mentorHours: held.reduce(
        (total, workshop) =>
          total +
          ((workshop.schedule?.durationMinutes ?? 0) / 60) * (workshop.mentorIds?.length ?? 0),
        0,
      ),
    },
    barnums: {
      held: barnums.length,
      visits: barnums.reduce((total, row) => total + row.figures.visits, 0),
      resolved: barnums.reduce((total, row) => total + row.figures.resolved, 0),
      byTheme: [...themes.map((theme) => theme.id), "other"]
        .filter((theme) => byTheme.has(theme))
        .map((theme) => ({
          theme,
          label: themes.find((known) => known.id === theme)?.label ?? otherTopic,
          ...(byTheme.get(theme) as { visits: number; resolved: number }),
        })),
      mentorHours: barnums.reduce(
        (total, row) => total + hoursOf(row.barnum.startsAt, row.barnum.endsAt) * row.mentors,
        0,
      ),
    },
    network: {
      meetings: recorded.length,
      invited: recorded.reduce((total, row) => total + row.invited, 0),
      attended: recorded.reduce((total, row) => total + row.attended, 0),
      mentorHours: recorded.reduce(
        (total, row) => total + (row.meeting.durationMinutes / 60) * row.attended,
        0,
      ),
    },
  };
}

/** The other formats' figures over a period (the events are few: each is read). */
export async function loadEventFigures(period: Period): Promise<EventFigures> {
  const [workshops, barnums, meetings] = await Promise.all([
    listWorkshops(),
    barnumRows(period),
    meetingRows(period),
  ]);
  return summariseEvents({
    workshops: workshops.filter(
      (workshop) => workshop.schedule && inPeriod(workshop.schedule.start, period),
    ),
    barnums,
    meetings,
    now: clock.now(),
  });
}
