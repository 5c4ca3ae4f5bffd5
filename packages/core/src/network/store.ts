import { createHash } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { PutCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { calendarInvitation, parisTimeToUtc } from "../calendar";
import { conditionally, documents, getItem, queryAll, queryList } from "../clients/dynamodb";
import { clock } from "../clock";
import { listCohorts } from "../cohort";
import { emailTo } from "../email/invitation";
import { outboxPut, queueEmail } from "../email/outbox";
import { env } from "../env";
import { keys, normaliseEmail } from "../keys";
import { getMentor, listMentors, type MentorRecord } from "../mentor";
import { mentorLink } from "../mentor-space";
import { logger } from "../observability";
import { listPairs } from "../pair/store";
import { programme } from "../programme";
import { meetingInvitation, meetingReminder } from "./messages";
import {
  endOf,
  type Invitation,
  type MeetingInput,
  meetingKindLabel,
  type NetworkMeeting,
} from "./model";

/** The verbs of the mentor network: schedule, invite, remind, record attendance. */

const fromItem = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, kind: _k, ...rest } = item;
  return rest as T;
};

/** Schedules a meeting; the same form posted twice schedules one (its id is what it is). */
export async function scheduleMeeting(
  input: MeetingInput,
): Promise<{ status: "created" | "exists"; meeting: NetworkMeeting }> {
  const startsAt = parisTimeToUtc(input.date, input.time).toISOString();
  const id = createHash("sha256")
    .update(`network.${input.kind}.${startsAt}.${input.place}`)
    .digest("hex")
    .slice(0, 20);
  const meeting: NetworkMeeting = {
    id,
    kind: input.kind,
    startsAt,
    durationMinutes: input.durationMinutes,
    place: input.place,
    agenda: input.agenda,
    createdAt: clock.now().toISOString(),
  };
  const { kind, ...rest } = meeting;
  const created = await conditionally(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...keys.networkMeeting(id),
        ...keys.networkMeetingList(startsAt, id),
        kind: "network-meeting",
        meetingKind: kind,
        ...rest,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  if (!created) return { status: "exists", meeting: (await getMeeting(id)) ?? meeting };
  logger.info("Network meeting scheduled", { meetingId: id, kind: input.kind });
  return { status: "created", meeting };
}

const meetingOf = (item: Record<string, unknown>): NetworkMeeting => {
  const { meetingKind, ...rest } = fromItem<Record<string, unknown>>(item);
  return { ...(rest as Omit<NetworkMeeting, "kind">), kind: meetingKind as NetworkMeeting["kind"] };
};

export async function getMeeting(id: string): Promise<NetworkMeeting | undefined> {
  const item = await getItem<Record<string, unknown>>(keys.networkMeeting(id));
  return item ? meetingOf(item) : undefined;
}

/** Every meeting, soonest first. */
export async function listMeetings(): Promise<NetworkMeeting[]> {
  const items = await queryList<Record<string, unknown>>(keys.networkMeetings());
  return items.map(meetingOf);
}

export async function listInvitations(meetingId: string): Promise<Invitation[]> {
  const { pk, skPrefix } = keys.networkInvitations(meetingId);
  const items = await queryAll<Record<string, unknown>>({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
    ConsistentRead: true,
  });
  return items.map(fromItem<Invitation>);
}

/**
 * The programme's active mentors: selected at interview, in any cohort; a person selected in two
 * cohorts counts once (their latest application).
 */
export async function activeMentors(): Promise<MentorRecord[]> {
  const cohorts = await listCohorts();
  const all = (await Promise.all(cohorts.map((cohort) => listMentors(cohort.id)))).flat();
  const latest = new Map<string, MentorRecord>();
  for (const mentor of all.filter((record) => record.status === "selected")) {
    const address = normaliseEmail(mentor.answers.email);
    const known = latest.get(address);
    if (!known || known.createdAt < mentor.createdAt) latest.set(address, mentor);
  }
  return [...latest.values()];
}

/** Mentor ids who attended a preparation session. */
async function preparedMentorIds(meetings: readonly NetworkMeeting[]): Promise<Set<string>> {
  const preparations = meetings.filter((meeting) => meeting.kind === "preparation");
  const invitations = (
    await Promise.all(preparations.map((meeting) => listInvitations(meeting.id)))
  ).flat();
  return new Set(
    invitations
      .filter((invitation) => invitation.attended)
      .map((invitation) => invitation.mentorId),
  );
}

export type Unprepared = { mentor: MentorRecord; hasPair: boolean; invited: boolean };

/**
 * The active mentors who have not attended a preparation session: whether one is already paired
 * (confirmed before being prepared) and whether they are invited to a coming session.
 */
export async function unpreparedMentors(now = clock.now()): Promise<Unprepared[]> {
  const [meetings, mentors] = await Promise.all([listMeetings(), activeMentors()]);
  const prepared = await preparedMentorIds(meetings);
  const coming = meetings.filter(
    (meeting) => meeting.kind === "preparation" && Date.parse(meeting.startsAt) > now.getTime(),
  );
  const invitedToComing = new Set(
    (await Promise.all(coming.map((meeting) => listInvitations(meeting.id))))
      .flat()
      .map((invitation) => invitation.mentorId),
  );
  const cohortIds = [...new Set(mentors.map((mentor) => mentor.cohortId))];
  const pairs = (await Promise.all(cohortIds.map((cohortId) => listPairs({ cohortId })))).flat();
  return mentors
    .filter((mentor) => !prepared.has(mentor.id))
    .map((mentor) => ({
      mentor,
      hasPair: pairs.some(
        (pair) => pair.mentorId === mentor.id || pair.firstMentorId === mentor.id,
      ),
      invited: invitedToComing.has(mentor.id),
    }));
}

function invitationFile(meeting: NetworkMeeting, mentor: MentorRecord) {
  const kind = meetingKindLabel[meeting.kind];
  return calendarInvitation({
    uid: `network-${meeting.id}-${mentor.id}@binome`,
    sequence: 0,
    method: "REQUEST",
    start: new Date(meeting.startsAt),
    durationMinutes: meeting.durationMinutes,
    title: `${programme.name} — ${kind.fr} / ${kind.en}`,
    description: meeting.agenda,
    organizer: { name: programme.name, email: programme.contactEmail },
    attendees: [
      {
        name: `${mentor.answers.firstName} ${mentor.answers.lastName}`,
        email: mentor.answers.email,
      },
    ],
    location: meeting.place,
  });
}

/**
 * Invites who the meeting is for: every active mentor to a network meeting; those not prepared
 * yet to a preparation session. Each invitation, the link to the mentor's page and the email
 * (with its ICS) are one transaction: inviting again invites only those not invited yet (a
 * mentor selected since, or the rest after a failure midway), and nobody twice.
 */
export async function inviteMentors(
  meeting: NetworkMeeting,
): Promise<{ invited: number; already: number }> {
  const mentors = await activeMentors();
  const prepared =
    meeting.kind === "preparation"
      ? await preparedMentorIds(await listMeetings())
      : new Set<string>();
  let invited = 0;
  let already = 0;
  for (const mentor of mentors.filter((record) => !prepared.has(record.id))) {
    const link = mentorLink(mentor.id);
    try {
      await documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: env.tableName,
                Item: {
                  ...keys.networkInvitation(meeting.id, mentor.id),
                  kind: "network-invitation",
                  meetingId: meeting.id,
                  mentorId: mentor.id,
                  name: `${mentor.answers.firstName} ${mentor.answers.lastName}`,
                  invitedAt: clock.now().toISOString(),
                },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            { Put: link.put },
            {
              Put: outboxPut(
                `network#${meeting.id}#invitation#${mentor.id}`,
                emailTo(
                  mentor.answers.email,
                  meetingInvitation({
                    firstName: mentor.answers.firstName,
                    meeting,
                    pageLink: link.url,
                  }),
                  { ics: invitationFile(meeting, mentor), method: "REQUEST" },
                ),
              ),
            },
          ],
        }),
      );
      invited += 1;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      already += 1;
    }
  }
  logger.info("Network meeting invitations", { meetingId: meeting.id, invited, already });
  return { invited, already };
}

/** The reminder, once per invited mentor (a retried step queues nothing new). */
export async function remindInvited(meeting: NetworkMeeting): Promise<number> {
  let queued = 0;
  for (const invitation of await listInvitations(meeting.id)) {
    const mentor = await getMentor(invitation.mentorId);
    if (!mentor) continue;
    const outcome = await queueEmail(
      `network#${meeting.id}#reminder#${invitation.mentorId}`,
      emailTo(
        mentor.answers.email,
        meetingReminder({ firstName: mentor.answers.firstName, meeting }),
      ),
    );
    if (outcome === "queued") queued += 1;
  }
  return queued;
}

/** Records who came: every invitation says attended or not; recording again replaces it. */
export async function recordAttendance(
  meeting: NetworkMeeting,
  present: readonly string[],
): Promise<void> {
  const invitations = await listInvitations(meeting.id);
  for (const invitation of invitations) {
    await documents.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: keys.networkInvitation(meeting.id, invitation.mentorId),
        UpdateExpression: "SET attended = :attended",
        ExpressionAttributeValues: { ":attended": present.includes(invitation.mentorId) },
      }),
    );
  }
  await documents.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.networkMeeting(meeting.id),
      UpdateExpression: "SET attendanceRecorded = :yes",
      ExpressionAttributeValues: { ":yes": true },
    }),
  );
  logger.info("Network attendance recorded", { meetingId: meeting.id, present: present.length });
}

/** The meetings a mentor is invited to, with whether they attended. */
export async function meetingsOfMentor(mentorId: string) {
  const meetings = await listMeetings();
  const found = await Promise.all(
    meetings.map(async (meeting) => {
      const item = await getItem<Record<string, unknown>>(
        keys.networkInvitation(meeting.id, mentorId),
      );
      return item ? { meeting, invitation: fromItem<Invitation>(item) } : undefined;
    }),
  );
  return found.filter((entry) => entry !== undefined);
}

/** The hours of each meeting a mentor attended (for their record of work). */
export async function attendedHours(mentorId: string): Promise<number[]> {
  return (await meetingsOfMentor(mentorId))
    .filter(({ invitation }) => invitation.attended === true)
    .map(({ meeting }) => meeting.durationMinutes / 60);
}

export const hasEnded = (meeting: NetworkMeeting, now = clock.now()) =>
  endOf(meeting) <= now.getTime();
