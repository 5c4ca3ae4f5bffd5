import { createHash } from "node:crypto";
import { calendarInvitation } from "../calendar";
import { getItem, queryAll, queryList, type TransactItem, transact } from "../clients/dynamodb";
import { clock } from "../clock";
import { emailTo } from "../email/invitation";
import { outboxPut } from "../email/outbox";
import { env } from "../env";
import { movedOn, stillOnCheck, stillOnCondition } from "../events/still-on";
import { keys, normaliseEmail } from "../keys";
import { getMentor } from "../mentor";
import { mentorLink } from "../mentor-space";
import { logger } from "../observability";
import { programme } from "../programme";
import { fingerprint } from "../submission";
import { registrationConfirmed, staffingConfirmed, staffingRequest } from "./messages";
import {
  type Barnum,
  type BarnumInput,
  type BarnumMove,
  barnumFigures,
  canChange,
  isComing,
  moved,
  type Registration,
  type Slot,
  sequenceOf,
  slotsOf,
  type Visit,
  type VisitInput,
} from "./model";

/** The verbs of a BarNum': publish, staff, answer the staffing, register, record a visit. */

const epochSeconds = (ms: number) => Math.ceil(ms / 1000);
/** An agent's registration (their name and address) is kept a month after the BarNum'. */
const keepRegistrationMs = 30 * 24 * 3600_000;

const fromItem = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, kind: _k, ...rest } = item;
  return rest as T;
};

/** A Put of a new item only: a second one (a double post, a retry) is refused by its condition. */
const putNew = (item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: env.tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" },
});

/** The condition that the BarNum' is still published at the date version `barnum` was read at. */
const stillAt = (barnum: Barnum) => stillOnCondition("barnum", sequenceOf(barnum));

/** The calendar file of one person's place at the BarNum' (their slot, or the whole of it). */
async function barnumCalendar(
  barnum: Barnum,
  who: { uid: string; name: string; email: string; slot?: Slot },
  method: "REQUEST" | "CANCEL",
  sequence: number,
) {
  const start = who.slot?.startsAt ?? barnum.startsAt;
  const end = who.slot?.endsAt ?? barnum.endsAt;
  return {
    method,
    ics: await calendarInvitation({
      uid: `barnum-${barnum.id}-${who.uid}@binome`,
      sequence,
      method,
      start: new Date(start),
      durationMinutes: Math.round((Date.parse(end) - Date.parse(start)) / 60_000),
      title: `BarNum' — ${barnum.event}`,
      description: `${programme.name} : BarNum' (${barnum.event})`,
      organizer: { name: programme.name, email: programme.contactEmail },
      attendees: [{ name: who.name, email: who.email }],
      location: barnum.place,
    }),
  };
}

/**
 * Publishes a BarNum'. Its id comes from the key of the form shown (`requestKey`), so the same
 * form posted twice (a double click, browser back and submit, a retry) publishes one BarNum' and
 * answers with it, even if it was moved or cancelled meanwhile; its content could not say so (a
 * move changes the date and place, and a new BarNum' may take the date of one moved away).
 */
export async function publishBarnum(
  input: BarnumInput,
): Promise<{ status: "created" | "exists"; barnum: Barnum }> {
  const slots = slotsOf(input);
  const startsAt = slots[0]?.startsAt ?? new Date().toISOString();
  const id = createHash("sha256").update(`barnum.${input.requestKey}`).digest("hex").slice(0, 20);
  const barnum: Barnum = {
    id,
    event: input.event,
    place: input.place,
    startsAt,
    endsAt: slots.at(-1)?.endsAt ?? startsAt,
    slotMinutes: input.slotMinutes,
    placesPerSlot: input.placesPerSlot,
    slots,
    taken: Object.fromEntries(slots.map((slot) => [slot.id, 0])),
    status: "published",
    sequence: 0,
    createdAt: clock.now().toISOString(),
  };
  const refused = await transact([
    putNew({ ...keys.barnum(id), ...keys.barnumList(startsAt, id), kind: "barnum", ...barnum }),
  ]);
  if (refused) return { status: "exists", barnum: (await getBarnum(id)) ?? barnum };
  logger.info("BarNum' published", { barnumId: id, slots: slots.length });
  return { status: "created", barnum };
}

export async function getBarnum(id: string): Promise<Barnum | undefined> {
  const item = await getItem<Record<string, unknown>>(keys.barnum(id));
  return item ? fromItem<Barnum>(item) : undefined;
}

/** Every BarNum', soonest first. */
export async function listBarnums(): Promise<Barnum[]> {
  return (await queryList<Record<string, unknown>>(keys.barnums())).map(fromItem<Barnum>);
}

export async function comingBarnums(now = clock.now()): Promise<Barnum[]> {
  return (await listBarnums()).filter((barnum) => isComing(barnum, now));
}

async function itemsUnder<T>(id: string, kind: Parameters<typeof keys.barnumItems>[1]) {
  const { pk, skPrefix } = keys.barnumItems(id, kind);
  const items = await queryAll<Record<string, unknown>>({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
    ConsistentRead: true,
  });
  return items.map(fromItem<T>);
}

// ---------------------------------------------------------------------------------------------
// Staffing: the team asks mentors; each answers on their own page (a signed link).
// ---------------------------------------------------------------------------------------------

export type StaffMember = {
  barnumId: string;
  mentorId: string;
  name: string;
  status: "asked" | "confirmed" | "declined";
  askedAt: string;
  answeredAt?: string;
  /** The BarNum's date version when they were asked, and when they answered. */
  askedSequence?: number;
  answeredSequence?: number;
};

export const listStaff = (id: string) => itemsUnder<StaffMember>(id, "staff");

/**
 * Asks each mentor to staff the BarNum': the request, the link to their page and the email are
 * one transaction per mentor, so asking again (a double post, a retry after a failure midway)
 * asks only those not asked yet, and nobody twice.
 */
export async function askMentors(
  barnum: Barnum,
  mentorIds: readonly string[],
): Promise<{ asked: number; already: number }> {
  let asked = 0;
  let already = 0;
  for (const mentorId of new Set(mentorIds)) {
    const mentor = await getMentor(mentorId);
    if (mentor?.status !== "selected") continue;
    const link = mentorLink(mentorId);
    const message = staffingRequest({
      firstName: mentor.answers.firstName,
      barnum,
      pageLink: link.url,
    });
    const refused = await transact([
      putNew({
        ...keys.barnumStaff(barnum.id, mentorId),
        kind: "barnum-staff",
        barnumId: barnum.id,
        mentorId,
        name: `${mentor.answers.firstName} ${mentor.answers.lastName}`,
        status: "asked",
        askedAt: clock.now().toISOString(),
        askedSequence: sequenceOf(barnum),
      }),
      { Put: link.put },
      {
        Put: outboxPut(
          `barnum#${barnum.id}#staffing#${mentorId}`,
          emailTo(mentor.answers.email, message),
        ),
      },
      // Asked about the date it is at: a request crossing a move or a cancellation is refused.
      stillOnCheck("barnum", barnum.id, sequenceOf(barnum)),
    ]);
    if (movedOn(refused, 3)) break;
    if (refused) already += 1;
    else asked += 1;
  }
  logger.info("BarNum' staffing asked", { barnumId: barnum.id, asked, already });
  return { asked, already };
}

/**
 * A mentor's answer, from their page: yes sends the invitation for their diary, once. The answer
 * is recorded with the date version it was given at, so a move's notice skips who answered since.
 */
export async function answerStaffing(
  barnum: Barnum,
  mentorId: string,
  answer: "yes" | "no",
  pageLink: string,
): Promise<"recorded" | "unchanged" | "not-asked" | "closed"> {
  if (barnum.status !== "published" || Date.parse(barnum.endsAt) <= clock.now().getTime()) {
    return "closed";
  }
  const staff = (await listStaff(barnum.id)).find((member) => member.mentorId === mentorId);
  if (!staff) return "not-asked";
  const status = answer === "yes" ? "confirmed" : "declined";
  if (staff.status === status) return "unchanged";
  const mentor = await getMentor(mentorId);
  if (!mentor) return "not-asked";
  const update: TransactItem = {
    Update: {
      TableName: env.tableName,
      Key: keys.barnumStaff(barnum.id, mentorId),
      UpdateExpression: "SET #status = :status, answeredAt = :now, answeredSequence = :sequence",
      ConditionExpression: "#status = :was",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":status": status,
        ":now": clock.now().toISOString(),
        ":was": staff.status,
        ":sequence": sequenceOf(barnum),
      },
    },
  };
  const onThisDate = stillOnCheck("barnum", barnum.id, sequenceOf(barnum));
  const name = `${mentor.answers.firstName} ${mentor.answers.lastName}`;
  const confirmation: TransactItem[] =
    answer === "yes"
      ? [
          {
            Put: outboxPut(
              `barnum#${barnum.id}#staff-confirmed#${mentorId}`,
              emailTo(
                mentor.answers.email,
                staffingConfirmed({ firstName: mentor.answers.firstName, barnum, pageLink }),
                await barnumCalendar(
                  barnum,
                  { uid: mentorId, name, email: mentor.answers.email },
                  "REQUEST",
                  sequenceOf(barnum),
                ),
              ),
            ),
          },
        ]
      : [];
  const refused = await transact([update, onThisDate, ...confirmation]);
  if (movedOn(refused, 1)) return "closed";
  // The confirmation was queued already (yes, no, then yes again): record the answer alone.
  if (refused && refused[0] === "None" && (await transact([update, onThisDate]))) {
    return "unchanged";
  }
  if (refused && refused[0] !== "None") return "unchanged";
  logger.info("BarNum' staffing answered", { barnumId: barnum.id, answer });
  return "recorded";
}

// ---------------------------------------------------------------------------------------------
// Registration: one per address and BarNum'; the same form again changes nothing.
// ---------------------------------------------------------------------------------------------

export type StoredRegistration = {
  barnumId: string;
  firstName: string;
  email: string;
  slotId: string;
  theme?: string;
  question?: string;
  version: number;
  /** The BarNum's date version the registration's last confirmation was sent for. */
  barnumSequence?: number;
  contentHash: string;
  createdAt: string;
};

export type RegistrationOutcome =
  | { status: "created" | "unchanged" | "updated"; registration: StoredRegistration }
  | { status: "full" | "no-slot" | "over" };

export const addressHash = (email: string) =>
  createHash("sha256")
    .update(`barnum.registration.${normaliseEmail(email)}`)
    .digest("base64url");

export const listRegistrations = (id: string) => itemsUnder<StoredRegistration>(id, "registration");

/**
 * The SEQUENCE of a registration's calendar file: it grows when the agent changes their
 * registration and when the team moves the BarNum', so each update replaces the last.
 */
export const registrationSequence = (barnum: Barnum, registration: StoredRegistration) =>
  registration.version - 1 + sequenceOf(barnum);

/** The calendar file of a registration: its slot at the BarNum's current date, or its CANCEL. */
export async function registrationCalendar(
  barnum: Barnum,
  registration: StoredRegistration,
  method: "REQUEST" | "CANCEL" = "REQUEST",
) {
  const slot = barnum.slots.find((item) => item.id === registration.slotId);
  if (!slot) throw new Error("A registration names a slot its BarNum' does not have");
  const hash = addressHash(registration.email);
  return barnumCalendar(
    barnum,
    { uid: hash.slice(0, 16), name: registration.firstName, email: registration.email, slot },
    method,
    registrationSequence(barnum, registration) + (method === "CANCEL" ? 1 : 0),
  );
}

/** A staff member's calendar file (the whole BarNum'), at its current date or its CANCEL. */
export async function staffCalendar(
  barnum: Barnum,
  mentor: { id: string; name: string; email: string },
  method: "REQUEST" | "CANCEL",
) {
  return barnumCalendar(
    barnum,
    { uid: mentor.id, name: mentor.name, email: mentor.email },
    method,
    sequenceOf(barnum) + (method === "CANCEL" ? 1 : 0),
  );
}

export const registrationExpiry = (barnum: Barnum) =>
  epochSeconds(Date.parse(barnum.endsAt) + keepRegistrationMs);

async function confirmationEmail(barnum: Barnum, registration: StoredRegistration, hash: string) {
  const slot = barnum.slots.find((item) => item.id === registration.slotId);
  if (!slot) throw new Error("A registration names a slot its BarNum' does not have");
  return outboxPut(
    `barnum#${barnum.id}#registration#${hash}#v${registration.version}`,
    emailTo(
      registration.email,
      registrationConfirmed({
        firstName: registration.firstName,
        barnum,
        slot,
        question: registration.question,
        theme: registration.theme,
        updated: registration.version > 1,
      }),
      await registrationCalendar(barnum, registration),
    ),
    { expiresAt: registrationExpiry(barnum) },
  );
}

/**
 * The one write of the BarNum' a registration makes (a transaction touches an item once): a place
 * taken, a place moved between slots, or none; always on the condition that it is still published
 * at the date version read, so a registration crossing a move or a cancellation is tried again.
 */
function placeWrite(barnum: Barnum, from: string | undefined, to: string): TransactItem {
  if (from === to) return stillOnCheck("barnum", barnum.id, sequenceOf(barnum));
  const at = stillAt(barnum);
  return {
    Update: {
      TableName: env.tableName,
      Key: keys.barnum(barnum.id),
      UpdateExpression: from
        ? "SET taken.#to = taken.#to + :one, taken.#from = taken.#from - :one"
        : "SET taken.#to = taken.#to + :one",
      ConditionExpression: `taken.#to < :places AND ${at.expression}`,
      ExpressionAttributeNames: { "#to": to, ...(from ? { "#from": from } : {}), ...at.names },
      ExpressionAttributeValues: { ":one": 1, ":places": barnum.placesPerSlot, ...at.values },
    },
  };
}

/**
 * Registers an agent for a slot, with their confirmation and its calendar invitation queued in
 * the same transaction as the registration and the place it takes. The same form again is
 * "unchanged" (nothing stored, nothing sent); a changed one (another slot, a question) updates
 * the registration and sends the updated invitation (same UID, next SEQUENCE).
 */
export async function register(first: Barnum, input: Registration): Promise<RegistrationOutcome> {
  let barnum = first;
  const hash = addressHash(input.email);
  const key = keys.barnumRegistration(barnum.id, hash);
  const answers = {
    firstName: input.firstName,
    email: normaliseEmail(input.email),
    slotId: input.slotId,
    ...(input.theme ? { theme: input.theme } : {}),
    ...(input.question ? { question: input.question } : {}),
  };
  const contentHash = fingerprint(answers);
  for (let attempt = 0; attempt < 4; attempt++) {
    if (!isComing(barnum, clock.now())) return { status: "over" };
    if (!barnum.slots.some((slot) => slot.id === input.slotId)) return { status: "no-slot" };
    const existing = await getItem<Record<string, unknown>>(key);
    const stored = existing ? fromItem<StoredRegistration>(existing) : undefined;
    if (stored?.contentHash === contentHash) return { status: "unchanged", registration: stored };
    const registration: StoredRegistration = stored
      ? {
          ...stored,
          ...answers,
          ...(answers.theme ? {} : { theme: undefined }),
          ...(answers.question ? {} : { question: undefined }),
          version: stored.version + 1,
          barnumSequence: sequenceOf(barnum),
          contentHash,
        }
      : {
          barnumId: barnum.id,
          ...answers,
          version: 1,
          barnumSequence: sequenceOf(barnum),
          contentHash,
          createdAt: clock.now().toISOString(),
        };
    const item = {
      ...key,
      kind: "barnum-registration",
      ...registration,
      expiresAt: registrationExpiry(barnum),
    };
    const refused = await transact([
      stored
        ? {
            Put: {
              TableName: env.tableName,
              Item: item,
              ConditionExpression: "version = :version",
              ExpressionAttributeValues: { ":version": stored.version },
            },
          }
        : putNew(item),
      placeWrite(barnum, stored?.slotId, input.slotId),
      { Put: await confirmationEmail(barnum, registration, hash) },
    ]);
    if (!refused) {
      logger.info(stored ? "BarNum' registration changed" : "BarNum' registration recorded", {
        barnumId: barnum.id,
      });
      return { status: stored ? "updated" : "created", registration };
    }
    if (refused[1] === "ConditionalCheckFailed") {
      // Full, or moved or cancelled meanwhile: read the BarNum' again to know which.
      const fresh = await getBarnum(barnum.id);
      if (fresh?.status !== "published") return { status: "over" };
      if (sequenceOf(fresh) === sequenceOf(barnum)) return { status: "full" };
      barnum = fresh;
    }
    // Another change of the same registration passed first: read it again.
  }
  throw new Error("A BarNum' registration kept racing with another change");
}

// ---------------------------------------------------------------------------------------------
// Visits on the day: posted twice (a double tap, a retry), a visit is stored once.
// ---------------------------------------------------------------------------------------------

export async function recordVisit(
  barnum: Barnum,
  mentorId: string,
  input: VisitInput,
): Promise<"recorded" | "already-recorded"> {
  const refused = await transact([
    putNew({
      ...keys.barnumVisit(barnum.id, input.visitId),
      kind: "barnum-visit",
      visitId: input.visitId,
      barnumId: barnum.id,
      theme: input.theme,
      resolved: input.resolved === "yes",
      recordedBy: mentorId,
      at: clock.now().toISOString(),
    }),
  ]);
  return refused ? "already-recorded" : "recorded";
}

export const listVisits = (id: string) => itemsUnder<Visit & { recordedBy: string }>(id, "visit");

export async function figuresOf(id: string) {
  return barnumFigures(await listVisits(id));
}

/** The BarNum' a mentor was asked to staff (past ones too), soonest first, with their answer. */
export async function barnumsOfMentor(
  mentorId: string,
): Promise<{ barnum: Barnum; staff: StaffMember }[]> {
  const all = await listBarnums();
  const found = await Promise.all(
    all.map(async (barnum) => {
      const item = await getItem<Record<string, unknown>>(keys.barnumStaff(barnum.id, mentorId));
      return item ? { barnum, staff: fromItem<StaffMember>(item) } : undefined;
    }),
  );
  return found.filter((entry) => entry !== undefined);
}

/** The hours of each BarNum' a mentor confirmed and that has ended (for their record of work). */
export async function staffedHours(mentorId: string, now = clock.now()): Promise<number[]> {
  return (await barnumsOfMentor(mentorId))
    .filter(
      ({ barnum, staff }) =>
        staff.status === "confirmed" &&
        barnum.status === "published" &&
        barnum.tookPlace !== false &&
        Date.parse(barnum.endsAt) <= now.getTime(),
    )
    .map(({ barnum }) => (Date.parse(barnum.endsAt) - Date.parse(barnum.startsAt)) / 3600_000);
}

// ---------------------------------------------------------------------------------------------
// Moving or cancelling: the record first; the execution then tells everyone (event-steps.ts).
// ---------------------------------------------------------------------------------------------

export type ChangeOutcome = "changed" | "unchanged" | "too-late" | "not-found";

/**
 * Moves the BarNum' (date, start, place; slots shifted together): one conditional write of the
 * record at the next date version. The notices (calendar files at the next SEQUENCE) are the
 * execution's to send, once each; the same move posted again changes nothing.
 */
export async function moveBarnum(id: string, move: BarnumMove): Promise<ChangeOutcome> {
  const barnum = await getBarnum(id);
  if (!barnum) return "not-found";
  if (!canChange(barnum, clock.now())) return "too-late";
  const next = moved(barnum, move);
  if (next.startsAt === barnum.startsAt && next.place === barnum.place) return "unchanged";
  const at = stillAt(barnum);
  const refused = await transact([
    {
      Update: {
        TableName: env.tableName,
        Key: keys.barnum(id),
        UpdateExpression:
          "SET #startsAt = :startsAt, #endsAt = :endsAt, #slots = :slots, #place = :place, #sequence = :next, #listed = :listed",
        ConditionExpression: at.expression,
        ExpressionAttributeNames: {
          ...at.names,
          "#startsAt": "startsAt",
          "#endsAt": "endsAt",
          "#slots": "slots",
          "#place": "place",
          "#listed": "gsi1sk",
        },
        ExpressionAttributeValues: {
          ...at.values,
          ":startsAt": next.startsAt,
          ":endsAt": next.endsAt,
          ":slots": next.slots,
          ":place": next.place,
          ":next": sequenceOf(next),
          ":listed": keys.barnumList(next.startsAt, id).gsi1sk,
        },
      },
    },
  ]);
  // Moved or cancelled by another click meanwhile: decide again on what is stored now.
  if (refused) return moveBarnum(id, move);
  logger.info("BarNum' moved", { barnumId: id, sequence: sequenceOf(next) });
  return "changed";
}

/** Cancels the BarNum' (before it begins); the execution tells everyone with a CANCEL. */
export async function cancelBarnum(id: string): Promise<ChangeOutcome> {
  const barnum = await getBarnum(id);
  if (!barnum) return "not-found";
  if (barnum.status === "cancelled") return "unchanged";
  if (!canChange(barnum, clock.now())) return "too-late";
  const refused = await transact([
    {
      Update: {
        TableName: env.tableName,
        Key: keys.barnum(id),
        UpdateExpression: "SET #status = :cancelled, cancelledAt = :now",
        ConditionExpression: "#status = :published",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":cancelled": "cancelled",
          ":published": "published",
          ":now": clock.now().toISOString(),
        },
      },
    },
  ]);
  if (refused) return "unchanged";
  logger.info("BarNum' cancelled", { barnumId: id });
  return "changed";
}
