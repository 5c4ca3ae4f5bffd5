import { createHash } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { calendarInvitation } from "../calendar";
import { documents, getItem, queryAll, queryList } from "../clients/dynamodb";
import { clock } from "../clock";
import { emailTo } from "../email/invitation";
import { outboxPut } from "../email/outbox";
import { env } from "../env";
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
  barnumFigures,
  isComing,
  type Registration,
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

const reasonsOf = (error: unknown) =>
  error instanceof TransactionCanceledException
    ? (error.CancellationReasons ?? []).map((reason) => reason.Code)
    : undefined;

/**
 * Publishes a BarNum'. Its id comes from what it is (event, place, start), so the same form
 * posted twice publishes one BarNum', not two.
 */
export async function publishBarnum(
  input: BarnumInput,
): Promise<{ status: "created" | "exists"; barnum: Barnum }> {
  const slots = slotsOf(input);
  const startsAt = slots[0]?.startsAt ?? new Date().toISOString();
  const id = createHash("sha256")
    .update(`barnum.${input.event}.${input.place}.${startsAt}`)
    .digest("hex")
    .slice(0, 20);
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
    createdAt: clock.now().toISOString(),
  };
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: env.tableName,
              Item: {
                ...keys.barnum(id),
                ...keys.barnumList(startsAt, id),
                kind: "barnum",
                ...barnum,
              },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (!reasonsOf(error)) throw error;
    return { status: "exists", barnum: (await getBarnum(id)) ?? barnum };
  }
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
    try {
      await documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: env.tableName,
                Item: {
                  ...keys.barnumStaff(barnum.id, mentorId),
                  kind: "barnum-staff",
                  barnumId: barnum.id,
                  mentorId,
                  name: `${mentor.answers.firstName} ${mentor.answers.lastName}`,
                  status: "asked",
                  askedAt: clock.now().toISOString(),
                },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            { Put: link.put },
            {
              Put: outboxPut(
                `barnum#${barnum.id}#staffing#${mentorId}`,
                emailTo(mentor.answers.email, message),
              ),
            },
          ],
        }),
      );
      asked += 1;
    } catch (error) {
      if (!reasonsOf(error)) throw error;
      already += 1;
    }
  }
  logger.info("BarNum' staffing asked", { barnumId: barnum.id, asked, already });
  return { asked, already };
}

/** A mentor's answer, from their page: yes sends the invitation for their diary, once. */
export async function answerStaffing(
  barnum: Barnum,
  mentorId: string,
  answer: "yes" | "no",
  pageLink: string,
): Promise<"recorded" | "unchanged" | "not-asked"> {
  const staff = (await listStaff(barnum.id)).find((member) => member.mentorId === mentorId);
  if (!staff) return "not-asked";
  const status = answer === "yes" ? "confirmed" : "declined";
  if (staff.status === status) return "unchanged";
  const mentor = await getMentor(mentorId);
  if (!mentor) return "not-asked";
  const now = clock.now().toISOString();
  const update = {
    Update: {
      TableName: env.tableName,
      Key: keys.barnumStaff(barnum.id, mentorId),
      UpdateExpression: "SET #status = :status, answeredAt = :now",
      ConditionExpression: "#status = :was",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":status": status, ":now": now, ":was": staff.status },
    },
  };
  const ics = calendarInvitation({
    uid: `barnum-${barnum.id}-${mentorId}@binome`,
    sequence: answer === "yes" ? 0 : 1,
    method: answer === "yes" ? "REQUEST" : "CANCEL",
    start: new Date(barnum.startsAt),
    durationMinutes: Math.round((Date.parse(barnum.endsAt) - Date.parse(barnum.startsAt)) / 60_000),
    title: `BarNum' — ${barnum.event}`,
    description: `${programme.name} : BarNum' (${barnum.event})`,
    organizer: { name: programme.name, email: programme.contactEmail },
    attendees: [
      {
        name: `${mentor.answers.firstName} ${mentor.answers.lastName}`,
        email: mentor.answers.email,
      },
    ],
    location: barnum.place,
  });
  const confirmation =
    answer === "yes"
      ? [
          {
            Put: outboxPut(
              `barnum#${barnum.id}#staff-confirmed#${mentorId}`,
              emailTo(
                mentor.answers.email,
                staffingConfirmed({ firstName: mentor.answers.firstName, barnum, pageLink }),
                { ics, method: "REQUEST" },
              ),
            ),
          },
        ]
      : [];
  try {
    await documents.send(new TransactWriteCommand({ TransactItems: [update, ...confirmation] }));
  } catch (error) {
    const reasons = reasonsOf(error);
    if (!reasons) throw error;
    // The confirmation was queued already (yes, no, then yes again): record the answer alone.
    if (reasons[0] === "None")
      await documents.send(new TransactWriteCommand({ TransactItems: [update] }));
    else return "unchanged";
  }
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

function confirmationEmail(barnum: Barnum, registration: StoredRegistration, hash: string) {
  const slot = barnum.slots.find((item) => item.id === registration.slotId);
  if (!slot) throw new Error("A registration names a slot its BarNum' does not have");
  const ics = calendarInvitation({
    uid: `barnum-${barnum.id}-${hash.slice(0, 16)}@binome`,
    sequence: registration.version - 1,
    method: "REQUEST",
    start: new Date(slot.startsAt),
    durationMinutes: barnum.slotMinutes,
    title: `BarNum' — ${barnum.event}`,
    description: `${programme.name} : BarNum' (${barnum.event})`,
    organizer: { name: programme.name, email: programme.contactEmail },
    attendees: [{ name: registration.firstName, email: registration.email }],
    location: barnum.place,
  });
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
      { ics, method: "REQUEST" },
    ),
    { expiresAt: epochSeconds(Date.parse(barnum.endsAt) + keepRegistrationMs) },
  );
}

const takePlace = (barnum: Barnum, slotId: string) => ({
  Update: {
    TableName: env.tableName,
    Key: keys.barnum(barnum.id),
    UpdateExpression: "SET taken.#slot = taken.#slot + :one",
    ConditionExpression: "taken.#slot < :places AND #status = :published",
    ExpressionAttributeNames: { "#slot": slotId, "#status": "status" },
    ExpressionAttributeValues: {
      ":one": 1,
      ":places": barnum.placesPerSlot,
      ":published": "published",
    },
  },
});

/** One update of the BarNum' (a transaction touches an item once): a place moves between slots. */
const movePlace = (barnum: Barnum, from: string, to: string) => ({
  Update: {
    TableName: env.tableName,
    Key: keys.barnum(barnum.id),
    UpdateExpression: "SET taken.#to = taken.#to + :one, taken.#from = taken.#from - :one",
    ConditionExpression: "taken.#to < :places AND #status = :published",
    ExpressionAttributeNames: { "#to": to, "#from": from, "#status": "status" },
    ExpressionAttributeValues: {
      ":one": 1,
      ":places": barnum.placesPerSlot,
      ":published": "published",
    },
  },
});

/**
 * Registers an agent for a slot, with their confirmation and its calendar invitation queued in
 * the same transaction as the registration and the place it takes. The same form again is
 * "unchanged" (nothing stored, nothing sent); a changed one (another slot, a question) updates
 * the registration and sends the updated invitation (same UID, next SEQUENCE).
 */
export async function register(barnum: Barnum, input: Registration): Promise<RegistrationOutcome> {
  if (!isComing(barnum, clock.now())) return { status: "over" };
  if (!barnum.slots.some((slot) => slot.id === input.slotId)) return { status: "no-slot" };
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
  const expiresAt = epochSeconds(Date.parse(barnum.endsAt) + keepRegistrationMs);
  for (let attempt = 0; attempt < 4; attempt++) {
    const existing = await getItem<Record<string, unknown>>(key);
    if (!existing) {
      const registration: StoredRegistration = {
        barnumId: barnum.id,
        ...answers,
        version: 1,
        contentHash,
        createdAt: clock.now().toISOString(),
      };
      try {
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: env.tableName,
                  Item: { ...key, kind: "barnum-registration", ...registration, expiresAt },
                  ConditionExpression: "attribute_not_exists(pk)",
                },
              },
              takePlace(barnum, input.slotId),
              { Put: confirmationEmail(barnum, registration, hash) },
            ],
          }),
        );
        logger.info("BarNum' registration recorded", { barnumId: barnum.id });
        return { status: "created", registration };
      } catch (error) {
        const reasons = reasonsOf(error);
        if (!reasons) throw error;
        if (reasons[1] === "ConditionalCheckFailed") return { status: "full" };
        continue;
      }
    }
    const stored = fromItem<StoredRegistration & { expiresAt?: number }>(existing);
    if (stored.contentHash === contentHash) return { status: "unchanged", registration: stored };
    const registration: StoredRegistration = {
      ...stored,
      ...answers,
      ...(answers.theme ? {} : { theme: undefined }),
      ...(answers.question ? {} : { question: undefined }),
      version: stored.version + 1,
      contentHash,
    };
    const moves =
      stored.slotId === input.slotId ? [] : [movePlace(barnum, stored.slotId, input.slotId)];
    try {
      await documents.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: env.tableName,
                Item: { ...key, kind: "barnum-registration", ...registration, expiresAt },
                ConditionExpression: "version = :version",
                ExpressionAttributeValues: { ":version": stored.version },
              },
            },
            ...moves,
            { Put: confirmationEmail(barnum, registration, hash) },
          ],
        }),
      );
      logger.info("BarNum' registration changed", { barnumId: barnum.id });
      return { status: "updated", registration };
    } catch (error) {
      const reasons = reasonsOf(error);
      if (!reasons) throw error;
      if (reasons[1] === "ConditionalCheckFailed") return { status: "full" };
      // Another change of the same registration passed first: read it again.
    }
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
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: env.tableName,
              Item: {
                ...keys.barnumVisit(barnum.id, input.visitId),
                kind: "barnum-visit",
                visitId: input.visitId,
                barnumId: barnum.id,
                theme: input.theme,
                resolved: input.resolved === "yes",
                recordedBy: mentorId,
                at: clock.now().toISOString(),
              },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (!reasonsOf(error)) throw error;
    return "already-recorded";
  }
  return "recorded";
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
