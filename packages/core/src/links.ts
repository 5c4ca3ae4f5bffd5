import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { parisTimeToUtc } from "./calendar";
import { documents, getItem } from "./clients/dynamodb";
import { clock } from "./clock";
import { env } from "./env";
import { optionalText, shortText } from "./fields";
import { keys } from "./keys";
import { formatIds, programme, themeIds } from "./programme";

/**
 * The links of the workflow's emails. A person answers a step by following a link, never with a
 * Step Functions task token: the link names a random id whose binding (pair, step, purpose,
 * recipient, expiry) is stored server-side, so nothing about the pair can be read in the URL.
 *
 * Token = `<linkId>.<HMAC-SHA256(key, linkId)>`. The random id alone is unguessable; the signature
 * adds that a forged or altered token is refused before any read, and that ids seen in the table
 * (a backup, a console) cannot be turned into working links without the key.
 */

export const linkPurposes = [
  /** Propose a date for the preparation call or a session. */
  "schedule",
  /** Say it took place (or not), with the one-minute feedback. */
  "confirm",
  /** Move a scheduled call or session to another date. */
  "reschedule",
  /** Call off a scheduled call or session (the pair goes on). */
  "cancel-session",
  /** The closing self-evaluation. */
  "self-evaluation",
  /** After the preparation call, the mentor records the objectives and the number of sessions. */
  "objectives",
] as const;

export type LinkPurpose = (typeof linkPurposes)[number];
export type LinkRecipient = "mentor" | "mentee";

export type LinkBinding = {
  linkId: string;
  pairId: string;
  step: string;
  purpose: LinkPurpose;
  recipient: LinkRecipient;
  expiresAt: Date;
  /** Set once the link has been used to answer; a used link never acts again. */
  usedAt?: Date;
};

export type LinkReading =
  | { ok: true; link: LinkBinding }
  | { ok: false; reason: "malformed" | "tampered" | "expired" | "unknown" };

/** How long the item of an expired link is kept, so that it still says "expired", not "unknown". */
const keepAfterExpiryMs = 90 * 24 * 60 * 60 * 1000;

const tokenPattern = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

const signature = (linkId: string) =>
  createHmac("sha256", env.linkSigningKey).update(`link.v1.${linkId}`).digest();

/** Stores the binding of a new link and returns its full URL (`${appUrl}/lien/<token>`). */
export async function issueLink(input: {
  pairId: string;
  step: string;
  purpose: LinkPurpose;
  recipient: LinkRecipient;
  expiresAt: Date;
}): Promise<string> {
  const linkId = randomBytes(16).toString("base64url");
  await documents.send(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...keys.link(linkId),
        kind: "link",
        linkId,
        pairId: input.pairId,
        step: input.step,
        purpose: input.purpose,
        recipient: input.recipient,
        validUntil: input.expiresAt.toISOString(),
        createdAt: clock.now().toISOString(),
        // The table's TTL attribute (epoch seconds): the item is dropped well after the link dies.
        expiresAt: Math.ceil((input.expiresAt.getTime() + keepAfterExpiryMs) / 1000),
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return `${env.appUrl}/lien/${linkId}.${signature(linkId).toString("base64url")}`;
}

/**
 * The signed token of a new random link id, for links bound elsewhere than to a pair (an event's
 * links, see events/links.ts): the same id and signature as a pair's link.
 */
export function newSignedLinkId(): { linkId: string; token: string } {
  const linkId = randomBytes(16).toString("base64url");
  return { linkId, token: `${linkId}.${signature(linkId).toString("base64url")}` };
}

/** The link id of a token whose signature holds, or why it does not. */
export function verifiedLinkId(token: string):
  | { ok: true; linkId: string }
  | {
      ok: false;
      reason: "malformed" | "tampered";
    } {
  const match = tokenPattern.exec(token);
  if (!match) return { ok: false, reason: "malformed" };
  const [, linkId, given] = match as unknown as [string, string, string];
  const expected = Buffer.from(signature(linkId).toString("base64url"));
  const givenText = Buffer.from(given);
  if (givenText.length !== expected.length || !timingSafeEqual(givenText, expected)) {
    return { ok: false, reason: "tampered" };
  }
  return { ok: true, linkId };
}

/**
 * Checks a token and returns its binding. A used link is returned as such even after its expiry,
 * so that a late second click still hears "already recorded" rather than "expired".
 */
export async function readLink(token: string): Promise<LinkReading> {
  const match = tokenPattern.exec(token);
  if (!match) return { ok: false, reason: "malformed" };
  const [, linkId, given] = match as unknown as [string, string, string];
  // Compared as text, not as decoded bytes: the 43rd character carries two unused bits, so four
  // spellings decode to the same bytes, and only the one this code wrote is the signature.
  const expected = Buffer.from(signature(linkId).toString("base64url"));
  const givenText = Buffer.from(given);
  if (givenText.length !== expected.length || !timingSafeEqual(givenText, expected)) {
    return { ok: false, reason: "tampered" };
  }
  const item = await getItem<Record<string, string>>(keys.link(linkId));
  if (!item) return { ok: false, reason: "unknown" };
  const link: LinkBinding = {
    linkId,
    pairId: item.pairId as string,
    step: item.step as string,
    purpose: item.purpose as LinkPurpose,
    recipient: item.recipient as LinkRecipient,
    expiresAt: new Date(item.validUntil as string),
    ...(item.usedAt ? { usedAt: new Date(item.usedAt) } : {}),
  };
  if (!link.usedAt && clock.now().getTime() >= link.expiresAt.getTime()) {
    return { ok: false, reason: "expired" };
  }
  return { ok: true, link };
}

/**
 * The write that uses a link, for the transaction that records its answer: of two clicks at the
 * same instant, only one transaction passes this condition.
 */
export const linkUse = (linkId: string) => ({
  Update: {
    TableName: env.tableName,
    Key: keys.link(linkId),
    UpdateExpression: "SET usedAt = :now",
    ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(usedAt)",
    ExpressionAttributeValues: { ":now": clock.now().toISOString() },
  },
});

// ---------------------------------------------------------------------------------------------
// What each kind of link accepts. The schemas read the posted form (strings) and produce the
// answer handed to the workflow, so the page and the domain check the very same rules.
// ---------------------------------------------------------------------------------------------

/** As a cohort's settings allow (1 to the programme's maximum). */
export const sessionCount = { min: 1, max: programme.defaults.maxSessions } as const;

/** Whether the agreed objectives were reached, asked of both at closure. */
export const objectivesReachedChoices = ["reached", "partly", "not-reached"] as const;
export type ObjectivesReached = (typeof objectivesReachedChoices)[number];
export const objectivesReachedLabel: Record<ObjectivesReached, { fr: string; en: string }> = {
  reached: { fr: "Oui, atteints", en: "Yes, reached" },
  partly: { fr: "En partie", en: "Partly" },
  "not-reached": { fr: "Non, pas atteints", en: "No, not reached" },
};

const objectivesReached = v.optional(
  v.picklist(objectivesReachedChoices, "Indiquez si les objectifs convenus ont été atteints."),
);
export const durationChoices = [30, 45, 60, 90, 120] as const;
/** How far ahead a date may be proposed. */
const maxDaysAhead = 365;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$|^(\d{2})\/(\d{2})\/(\d{4})$/;
const timePattern = /^(\d{1,2})[:hH](\d{2})$/;

/** Browsers without a date picker send what the person typed: accept 2026-03-17 or 17/03/2026. */
function isoDate(value: string): string | undefined {
  const match = datePattern.exec(value);
  if (!match) return undefined;
  const [year, month, day] = match[1]
    ? [match[1], match[2], match[3]]
    : [match[6], match[5], match[4]];
  const iso = `${year}-${month}-${day}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso
    ? undefined
    : iso;
}

function isoTime(value: string): string | undefined {
  const match = timePattern.exec(value);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

export const dateField = v.pipe(
  v.string("Indiquez la date."),
  v.trim(),
  v.nonEmpty("Indiquez la date."),
  v.check(
    (value) => isoDate(value) !== undefined,
    "Saisissez une date valide, par exemple 17/03/2026.",
  ),
  v.transform((value) => isoDate(value) as string),
);

export const timeField = v.pipe(
  v.string("Indiquez l'heure."),
  v.trim(),
  v.nonEmpty("Indiquez l'heure."),
  v.check(
    (value) => isoTime(value) !== undefined,
    "Saisissez une heure valide, par exemple 14:30.",
  ),
  v.transform((value) => isoTime(value) as string),
);

export const wholeNumber = (message: string, allowed: (value: number) => boolean) =>
  v.pipe(
    v.string(message),
    v.trim(),
    v.regex(/^\d+$/, message),
    v.transform(Number),
    v.check(allowed, message),
  );

const ScheduleFormSchema = v.pipe(
  v.object({
    date: dateField,
    time: timeField,
    durationMinutes: wholeNumber("Choisissez une durée.", (value) =>
      (durationChoices as readonly number[]).includes(value),
    ),
    format: v.picklist(formatIds, "Choisissez comment vous vous rencontrerez."),
    location: optionalText(300),
  }),
  v.forward(
    v.check(
      (input) => parisTimeToUtc(input.date, input.time).getTime() > clock.now().getTime(),
      "Choisissez une date et une heure à venir.",
    ),
    ["date"],
  ),
  v.forward(
    v.check(
      (input) =>
        parisTimeToUtc(input.date, input.time).getTime() <
        clock.now().getTime() + maxDaysAhead * 24 * 60 * 60 * 1000,
      "Choisissez une date dans les douze prochains mois.",
    ),
    ["date"],
  ),
  v.transform(({ date, time, ...rest }) => ({
    startsAt: parisTimeToUtc(date, time).toISOString(),
    ...rest,
  })),
);

const ConfirmFormSchema = v.pipe(
  v.object({
    tookPlace: v.picklist(["yes", "no"], "Indiquez si le rendez-vous a eu lieu."),
    satisfaction: v.optional(
      wholeNumber("Choisissez une note de 1 à 5.", (value) => value >= 1 && value <= 5),
    ),
    comment: optionalText(1000),
  }),
  v.forward(
    v.check(
      (input) => input.tookPlace === "no" || input.satisfaction !== undefined,
      "Choisissez une note de 1 à 5.",
    ),
    ["satisfaction"],
  ),
  v.transform(({ tookPlace, ...rest }) => ({ tookPlace: tookPlace === "yes", ...rest })),
);

const ObjectivesFormSchema = v.object({
  objectives: shortText("Décrivez les objectifs convenus ensemble.", 2000),
  sessions: wholeNumber(
    `Indiquez un nombre de séances entre ${sessionCount.min} et ${sessionCount.max}.`,
    (value) => value >= sessionCount.min && value <= sessionCount.max,
  ),
});

const CancelSessionFormSchema = v.object({ reason: optionalText(500) });

const comfortLevel = wholeNumber(
  "Choisissez un niveau pour ce thème.",
  (value) => value >= 1 && value <= 4,
);

const comfortByTheme = v.object(
  Object.fromEntries(themeIds.map((id) => [id, comfortLevel])) as Record<
    string,
    typeof comfortLevel
  >,
);

const MenteeSelfEvaluationFormSchema = v.object({
  comfort: comfortByTheme,
  objectivesReached,
  comment: optionalText(1000),
});

const MentorSelfEvaluationFormSchema = v.object({
  comfort: comfortByTheme,
  experience: wholeNumber(
    "Choisissez une note de 1 à 5 pour votre expérience.",
    (value) => value >= 1 && value <= 5,
  ),
  objectivesReached,
  comment: optionalText(1000),
});

export type ScheduleAnswer = v.InferOutput<typeof ScheduleFormSchema>;
export type ConfirmAnswer = v.InferOutput<typeof ConfirmFormSchema>;
export type ObjectivesAnswer = v.InferOutput<typeof ObjectivesFormSchema>;
export type CancelSessionAnswer = v.InferOutput<typeof CancelSessionFormSchema>;
export type MenteeSelfEvaluation = v.InferOutput<typeof MenteeSelfEvaluationFormSchema>;
export type MentorSelfEvaluation = v.InferOutput<typeof MentorSelfEvaluationFormSchema>;

/** A validated answer, typed by what its link is for (and, for the self-evaluation, by whom). */
export type LinkAnswer =
  | { purpose: "schedule" | "reschedule"; answer: ScheduleAnswer }
  | { purpose: "confirm"; answer: ConfirmAnswer }
  | { purpose: "objectives"; answer: ObjectivesAnswer }
  | { purpose: "cancel-session"; answer: CancelSessionAnswer }
  | { purpose: "self-evaluation"; answer: MenteeSelfEvaluation | MentorSelfEvaluation };

/** The schema of the answer a link accepts: what it is for, and who it was sent to. */
export function answerSchema(purpose: LinkPurpose, recipient: LinkRecipient): v.GenericSchema {
  switch (purpose) {
    case "schedule":
    case "reschedule":
      return ScheduleFormSchema;
    case "confirm":
      return ConfirmFormSchema;
    case "objectives":
      return ObjectivesFormSchema;
    case "cancel-session":
      return CancelSessionFormSchema;
    case "self-evaluation":
      return recipient === "mentee"
        ? MenteeSelfEvaluationFormSchema
        : MentorSelfEvaluationFormSchema;
  }
}

type Parsed =
  | { success: true; answer: LinkAnswer }
  | { success: false; issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]] };

const typed = <P extends LinkAnswer["purpose"], T>(
  purpose: P,
  result: v.SafeParseResult<v.GenericSchema<unknown, T>>,
): Parsed =>
  result.success
    ? { success: true, answer: { purpose, answer: result.output } as LinkAnswer }
    : { success: false, issues: result.issues };

/** Validates the answer posted through a link with its schema; the output keeps its type. */
export function parseAnswer(
  purpose: LinkPurpose,
  recipient: LinkRecipient,
  input: unknown,
): Parsed {
  switch (purpose) {
    case "schedule":
    case "reschedule":
      return typed(purpose, v.safeParse(ScheduleFormSchema, input));
    case "confirm":
      return typed(purpose, v.safeParse(ConfirmFormSchema, input));
    case "objectives":
      return typed(purpose, v.safeParse(ObjectivesFormSchema, input));
    case "cancel-session":
      return typed(purpose, v.safeParse(CancelSessionFormSchema, input));
    case "self-evaluation":
      return recipient === "mentee"
        ? typed(purpose, v.safeParse(MenteeSelfEvaluationFormSchema, input))
        : typed(purpose, v.safeParse(MentorSelfEvaluationFormSchema, input));
  }
}

/** A posted HTML form: flat names (`comfort.<theme>`), each a string or repeated strings. */
export type PostedForm = Record<string, unknown>;

/** Turns the posted form into the shape the link's schema validates (see `answerSchema`). */
export function answerFromForm(
  purpose: LinkPurpose,
  recipient: LinkRecipient,
  form: PostedForm,
): Record<string, unknown> {
  const text = (name: string) => {
    const value = form[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  switch (purpose) {
    case "schedule":
    case "reschedule":
      return {
        date: text("date"),
        time: text("time"),
        durationMinutes: text("durationMinutes"),
        format: text("format"),
        location: text("location"),
      };
    case "confirm":
      return {
        tookPlace: text("tookPlace"),
        satisfaction: text("satisfaction"),
        comment: text("comment"),
      };
    case "objectives":
      return { objectives: text("objectives"), sessions: text("sessions") };
    case "cancel-session":
      return { reason: text("reason") };
    case "self-evaluation":
      return {
        comfort: Object.fromEntries(themeIds.map((id) => [id, text(`comfort.${id}`)])),
        ...(recipient === "mentor" ? { experience: text("experience") } : {}),
        objectivesReached: text("objectivesReached"),
        comment: text("comment"),
      };
  }
}
