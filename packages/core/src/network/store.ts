import { createHash } from "node:crypto";
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { calendarInvitation, parisTimeToUtc } from "../calendar";
import {
  conditionally,
  documents,
  getItem,
  queryAll,
  queryList,
  transact,
} from "../clients/dynamodb";
import { clock } from "../clock";
import { listCohorts } from "../cohort";
import { emailTo } from "../email/invitation";
import { outboxPut, queueEmail } from "../email/outbox";
import { env } from "../env";
import { movedOn, stillOnCheck, stillOnCondition } from "../events/still-on";
import { keys, normaliseEmail } from "../keys";
import { getMentor, listMentors, type MentorRecord } from "../mentor";
import { mentorLink } from "../mentor-space";
import { logger } from "../observability";
import { listPairs } from "../pair/store";
import { programme } from "../programme";
import { meetingCancelled, meetingInvitation, meetingMoved, meetingReminder } from "./messages";
import {
  currentReply,
  endOf,
  type Invitation,
  isAhead,
  type MeetingInput,
  type MeetingMove,
  meetingKindLabel,
  meetingSequence,
  type NetworkMeeting,
  type Reply,
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
    sequence: 0,
    status: "scheduled",
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

/** The active mentor of an address (a lost link asked for again), if there is one. */
export async function mentorOfAddress(email: string): Promise<MentorRecord | undefined> {
  const address = normaliseEmail(email);
  return (await activeMentors()).find((mentor) => normaliseEmail(mentor.answers.email) === address);
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

/** A mentor's calendar file of the meeting at its current date (REQUEST), or its CANCEL. */
async function invitationFile(
  meeting: NetworkMeeting,
  mentor: MentorRecord,
  method: "REQUEST" | "CANCEL" = "REQUEST",
) {
  const kind = meetingKindLabel[meeting.kind];
  return calendarInvitation({
    uid: `network-${meeting.id}-${mentor.id}@binome`,
    sequence: meetingSequence(meeting) + (method === "CANCEL" ? 1 : 0),
    method,
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
    const outcome = await inviteOne(meeting, mentor);
    if (outcome === "moved") break;
    if (outcome === "already") already += 1;
    else invited += 1;
  }
  logger.info("Network meeting invitations", { meetingId: meeting.id, invited, already });
  return { invited, already };
}

/**
 * A mentor just selected is not prepared yet: they are invited at once to each coming
 * preparation session, so that they are before their first pair is confirmed. With none coming,
 * the team's network page lists them as not invited yet.
 */
export async function inviteToComingPreparation(
  mentor: MentorRecord,
  now = clock.now(),
): Promise<number> {
  const meetings = await listMeetings();
  if ((await preparedMentorIds(meetings)).has(mentor.id)) return 0;
  const coming = meetings.filter(
    (meeting) =>
      meeting.kind === "preparation" &&
      meeting.status !== "cancelled" &&
      Date.parse(meeting.startsAt) > now.getTime(),
  );
  let invited = 0;
  for (const meeting of coming) {
    if ((await inviteOne(meeting, mentor)) === "invited") invited += 1;
  }
  return invited;
}

/** One mentor's invitation, link and email, in one transaction; nobody is invited twice. */
async function inviteOne(
  meeting: NetworkMeeting,
  mentor: MentorRecord,
): Promise<"invited" | "already" | "moved"> {
  const link = mentorLink(mentor.id);
  const refused = await transact([
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
          invitedSequence: meetingSequence(meeting),
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
          meetingInvitation({ firstName: mentor.answers.firstName, meeting, pageLink: link.url }),
          { ics: await invitationFile(meeting, mentor), method: "REQUEST" },
        ),
      ),
    },
    // Invited to the date it is at: an invitation crossing a move or a cancellation waits.
    stillOnCheck("network", meeting.id, meetingSequence(meeting)),
  ]);
  if (movedOn(refused, 3)) return "moved";
  return refused ? "already" : "invited";
}

/**
 * The reminder of date version `sequence` (the one the workflow's runner read), once per invited
 * mentor, each only while the meeting is still on at it: a move or a cancellation made meanwhile
 * stops them. A retried step queues nothing new; a mentor who said they do not come to this date
 * is not reminded of it.
 */
export async function remindInvited(meeting: NetworkMeeting, sequence: number): Promise<number> {
  const purpose = sequence === 0 ? "reminder" : `reminder#s${sequence}`;
  const check = stillOnCheck("network", meeting.id, sequence);
  let queued = 0;
  for (const invitation of await listInvitations(meeting.id)) {
    if (currentReply(meeting, invitation) === "no") continue;
    const mentor = await getMentor(invitation.mentorId);
    if (!mentor) continue;
    try {
      const outcome = await queueEmail(
        `network#${meeting.id}#${purpose}#${invitation.mentorId}`,
        emailTo(
          mentor.answers.email,
          meetingReminder({ firstName: mentor.answers.firstName, meeting }),
        ),
        { alongside: [check] },
      );
      if (outcome === "queued") queued += 1;
    } catch (error) {
      if (!movedOn(error, 1)) throw error;
      logger.info("Network meeting changed while its reminders were queued", {
        meetingId: meeting.id,
      });
      break;
    }
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

// ---------------------------------------------------------------------------------------------
// Moving or cancelling a meeting, and each mentor's answer to their invitation
// ---------------------------------------------------------------------------------------------

export type ChangeOutcome = "changed" | "unchanged" | "too-late" | "not-found";

/**
 * Moves the meeting (date, time, place): one conditional write at the next date version. The
 * execution then tells each invited mentor (their calendar event at the next SEQUENCE), once.
 */
export async function moveMeeting(id: string, move: MeetingMove): Promise<ChangeOutcome> {
  const meeting = await getMeeting(id);
  if (!meeting) return "not-found";
  if (!isAhead(meeting, clock.now())) return "too-late";
  const startsAt = parisTimeToUtc(move.date, move.time).toISOString();
  if (startsAt === meeting.startsAt && move.place === meeting.place) return "unchanged";
  const at = stillOnCondition("network", meetingSequence(meeting));
  const written = await conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.networkMeeting(id),
      UpdateExpression:
        "SET #startsAt = :startsAt, #place = :place, #sequence = :next, #listed = :listed",
      ConditionExpression: at.expression,
      ExpressionAttributeNames: {
        ...at.names,
        "#startsAt": "startsAt",
        "#place": "place",
        "#listed": "gsi1sk",
      },
      ExpressionAttributeValues: {
        ...at.values,
        ":startsAt": startsAt,
        ":place": move.place,
        ":next": meetingSequence(meeting) + 1,
        ":listed": keys.networkMeetingList(startsAt, id).gsi1sk,
      },
    }),
  );
  // Moved or cancelled by another click meanwhile: decide again on what is stored now.
  if (!written) return moveMeeting(id, move);
  logger.info("Network meeting moved", { meetingId: id });
  return "changed";
}

/** Cancels the meeting (before it begins); the execution tells each invited mentor. */
export async function cancelMeeting(id: string): Promise<ChangeOutcome> {
  const meeting = await getMeeting(id);
  if (!meeting) return "not-found";
  if (meeting.status === "cancelled") return "unchanged";
  if (!isAhead(meeting, clock.now())) return "too-late";
  const written = await conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.networkMeeting(id),
      UpdateExpression: "SET #status = :cancelled, cancelledAt = :now",
      ConditionExpression: "attribute_not_exists(#status) OR #status = :scheduled",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":cancelled": "cancelled",
        ":scheduled": "scheduled",
        ":now": clock.now().toISOString(),
      },
    }),
  );
  if (!written) return "unchanged";
  logger.info("Network meeting cancelled", { meetingId: id });
  return "changed";
}

/**
 * After a move: each mentor invited at an earlier date version is told the new one, with their
 * calendar event at the next SEQUENCE. The notice and the invitation's new version are one
 * transaction, so a retried step tells nobody twice.
 */
export async function notifyMove(meeting: NetworkMeeting): Promise<number> {
  const sequence = meetingSequence(meeting);
  let told = 0;
  for (const invitation of await listInvitations(meeting.id)) {
    if ((invitation.invitedSequence ?? 0) >= sequence) continue;
    const mentor = await getMentor(invitation.mentorId);
    if (!mentor) continue;
    const link = mentorLink(mentor.id);
    const refused = await transact([
      {
        Update: {
          TableName: env.tableName,
          Key: keys.networkInvitation(meeting.id, mentor.id),
          UpdateExpression: "SET invitedSequence = :sequence",
          ConditionExpression:
            "attribute_not_exists(invitedSequence) OR invitedSequence < :sequence",
          ExpressionAttributeValues: { ":sequence": sequence },
        },
      },
      { Put: link.put },
      {
        Put: outboxPut(
          `network#${meeting.id}#moved#s${sequence}#${mentor.id}`,
          emailTo(
            mentor.answers.email,
            meetingMoved({ firstName: mentor.answers.firstName, meeting, pageLink: link.url }),
            { ics: await invitationFile(meeting, mentor), method: "REQUEST" },
          ),
        ),
      },
      // Told the date it is at: moved again or cancelled meanwhile, the next step tells that.
      stillOnCheck("network", meeting.id, sequence),
    ]);
    if (movedOn(refused, 3)) break;
    if (!refused) told += 1;
  }
  return told;
}

/** After a cancellation: each invited mentor is told, with the calendar's CANCEL, once. */
export async function notifyCancellation(meeting: NetworkMeeting): Promise<void> {
  for (const invitation of await listInvitations(meeting.id)) {
    const mentor = await getMentor(invitation.mentorId);
    if (!mentor) continue;
    await queueEmail(
      `network#${meeting.id}#cancelled#${mentor.id}`,
      emailTo(
        mentor.answers.email,
        meetingCancelled({ firstName: mentor.answers.firstName, meeting }),
        { ics: await invitationFile(meeting, mentor, "CANCEL"), method: "CANCEL" },
      ),
    );
  }
}

/**
 * An invited mentor says whether they come, from their page: recorded with the date version
 * (a move asks again), changed as often as they like until the meeting begins.
 */
export async function replyToMeeting(
  meeting: NetworkMeeting,
  mentorId: string,
  reply: Reply,
): Promise<"recorded" | "not-invited" | "too-late"> {
  if (!isAhead(meeting, clock.now())) return "too-late";
  const written = await conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.networkInvitation(meeting.id, mentorId),
      UpdateExpression: "SET #reply = :reply, replySequence = :sequence, repliedAt = :now",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeNames: { "#reply": "reply" },
      ExpressionAttributeValues: {
        ":reply": reply,
        ":sequence": meetingSequence(meeting),
        ":now": clock.now().toISOString(),
      },
    }),
  );
  if (!written) return "not-invited";
  logger.info("Network meeting reply", { meetingId: meeting.id, reply });
  return "recorded";
}
