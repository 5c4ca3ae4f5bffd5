import * as v from "valibot";
import { requestKey } from "../admin/request-key";
import { parisTimeToUtc } from "../calendar";
import { clock } from "../clock";
import { eventDate, isPastTime, pastTime } from "../event-dates";
import { consent, email, optionalText, personName, shortText } from "../fields";
import { timeField, wholeNumber } from "../links";
import { themeIds } from "../programme";

/**
 * BarNum': drop-in digital help run by a team of mentors inside an event or at lunchtime, open to
 * every agent. The team publishes one (event, place, date, time slots) and staffs it; agents may
 * register for a slot with a question, or just come; on the day a mentor records each visit.
 * This file holds the schemas and the pure rules; store.ts the verbs.
 */

/**
 * A whole number as a form sends it (text) or as the JSON API sends it (a number): the same
 * checks and the same French message either way.
 */
export const countField = (message: string, allowed: (value: number) => boolean) =>
  v.pipe(
    v.union(
      [v.pipe(v.number(message), v.integer(message), v.transform(String)), v.string(message)],
      message,
    ),
    wholeNumber(message, allowed),
  );

export const slotLengths = [15, 20, 30, 45, 60] as const;
const maxSlots = 32;

// Each rule across fields runs as soon as its own fields are valid, so a form with several mistakes
// hears of them all at once; each is told at the field to change. A past day is told at the date
// (eventDate), a time already gone today at the start.
export const BarnumFormSchema = v.pipe(
  v.strictObject({
    event: shortText("Indiquez l'événement ou l'occasion du BarNum'.", 120),
    place: shortText("Indiquez le lieu du BarNum'.", 200),
    date: eventDate("Indiquez la date."),
    startTime: timeField,
    endTime: timeField,
    slotMinutes: countField("Choisissez la durée d'un créneau.", (value) =>
      (slotLengths as readonly number[]).includes(value),
    ),
    placesPerSlot: countField(
      "Indiquez le nombre de places par créneau, de 1 à 50.",
      (value) => value >= 1 && value <= 50,
    ),
    /** The key of the form shown: posted twice, whatever happened meanwhile, it publishes once. */
    requestKey,
  }),
  v.forward(
    v.partialCheck(
      [["startTime"], ["endTime"]],
      (input) => input.endTime > input.startTime,
      "L'heure de fin doit venir après l'heure de début.",
    ),
    ["endTime"],
  ),
  v.forward(
    v.partialCheck(
      [["date"], ["startTime"]],
      (input) => !isPastTime(input.date, input.startTime, clock.now()),
      pastTime,
    ),
    ["startTime"],
  ),
  v.forward(
    v.partialCheck(
      [["startTime"], ["endTime"], ["slotMinutes"]],
      (input) =>
        minutesBetween(input.startTime, input.endTime) / input.slotMinutes <= maxSlots ||
        input.endTime <= input.startTime,
      `Un BarNum' compte ${maxSlots} créneaux au plus : allongez les créneaux.`,
    ),
    ["slotMinutes"],
  ),
);

export type BarnumInput = v.InferOutput<typeof BarnumFormSchema>;

export type Slot = { id: string; startsAt: string; endsAt: string };

export type Barnum = {
  id: string;
  event: string;
  place: string;
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
  placesPerSlot: number;
  slots: Slot[];
  /** Places taken per slot id (registrations; walk-ins take none). */
  taken: Record<string, number>;
  status: "published" | "cancelled";
  /** The date version: 0 when published, one more at each move (the calendar files' SEQUENCE). */
  sequence?: number;
  cancelledAt?: string;
  createdAt: string;
  /** Set by the event workflow's closure: whether it took place (unconfirmed counts as held). */
  closedAt?: string;
  tookPlace?: boolean;
};

export const sequenceOf = (barnum: { sequence?: number }) => barnum.sequence ?? 0;

/** The team moves a BarNum': a new date, start and place; its length and slots stay as they are. */
export const BarnumMoveSchema = v.pipe(
  v.strictObject({
    date: eventDate("Indiquez la date."),
    startTime: timeField,
    place: shortText("Indiquez le lieu du BarNum'.", 200),
  }),
  v.forward(
    v.partialCheck(
      [["date"], ["startTime"]],
      (input) => !isPastTime(input.date, input.startTime, clock.now()),
      pastTime,
    ),
    ["startTime"],
  ),
);

export type BarnumMove = v.InferOutput<typeof BarnumMoveSchema>;

/** Pure: whether the team may still move or cancel it: published, and not begun. */
export const canChange = (barnum: Barnum, now: Date) =>
  barnum.status === "published" && !barnum.closedAt && Date.parse(barnum.startsAt) > now.getTime();

/** Pure: the BarNum' at its new date and place, every slot shifted by the same time. */
export function moved(barnum: Barnum, move: BarnumMove): Barnum {
  const shift = parisTimeToUtc(move.date, move.startTime).getTime() - Date.parse(barnum.startsAt);
  const at = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  return {
    ...barnum,
    place: move.place,
    startsAt: at(barnum.startsAt),
    endsAt: at(barnum.endsAt),
    slots: barnum.slots.map((slot) => ({
      ...slot,
      startsAt: at(slot.startsAt),
      endsAt: at(slot.endsAt),
    })),
    sequence: sequenceOf(barnum) + 1,
  };
}

const minutesBetween = (start: string, end: string) => {
  const [h1, m1] = start.split(":").map(Number) as [number, number];
  const [h2, m2] = end.split(":").map(Number) as [number, number];
  return h2 * 60 + m2 - (h1 * 60 + m1);
};

/** Pure: the slots of a BarNum', from its start to its end (a last short slot is dropped). */
export function slotsOf(input: BarnumInput): Slot[] {
  const start = parisTimeToUtc(input.date, input.startTime).getTime();
  const end = parisTimeToUtc(input.date, input.endTime).getTime();
  const length = input.slotMinutes * 60_000;
  const slots: Slot[] = [];
  for (let at = start; at + length <= end; at += length) {
    slots.push({
      id: String(slots.length + 1),
      startsAt: new Date(at).toISOString(),
      endsAt: new Date(at + length).toISOString(),
    });
  }
  return slots;
}

/** Pure: whether a BarNum' is still to come (or under way), so listed on the public page. */
export const isComing = (barnum: Barnum, now: Date) =>
  barnum.status === "published" && Date.parse(barnum.endsAt) > now.getTime();

export const placesLeft = (barnum: Barnum, slotId: string) =>
  Math.max(0, barnum.placesPerSlot - (barnum.taken[slotId] ?? 0));

/** A visit may be recorded from two hours before the start until the day after. */
export function canRecordVisits(barnum: Barnum, now: Date): boolean {
  const at = now.getTime();
  return (
    at >= Date.parse(barnum.startsAt) - 2 * 3600_000 && at <= Date.parse(barnum.endsAt) + 86_400_000
  );
}

// ---------------------------------------------------------------------------------------------
// An agent's registration: first name, address, a slot, an optional question and theme.
// ---------------------------------------------------------------------------------------------

export const RegistrationSchema = v.object({
  firstName: personName("prénom"),
  email: email("Indiquez votre adresse électronique professionnelle."),
  slotId: v.pipe(
    v.string("Choisissez un créneau."),
    v.trim(),
    v.nonEmpty("Choisissez un créneau."),
    v.regex(/^\d{1,2}$/, "Choisissez un créneau."),
  ),
  theme: v.optional(
    v.union(
      [v.literal(""), v.picklist(themeIds as [string, ...string[]])],
      "Ce thème n'existe pas.",
    ),
  ),
  question: optionalText(500),
  consent,
});

export type Registration = v.InferOutput<typeof RegistrationSchema>;

// ---------------------------------------------------------------------------------------------
// A visit, recorded in a few seconds on the day: a theme, resolved or not, nothing personal.
// ---------------------------------------------------------------------------------------------

const visitIdRefused =
  "Cette visite n'a pas pu être rattachée à la page : appuyez à nouveau sur « Enregistrer la visite ».";

export const VisitSchema = v.object({
  // The visit page replaces an id it refused with a fresh one: pressing again is enough.
  visitId: v.pipe(v.string(visitIdRefused), v.uuid(visitIdRefused)),
  theme: v.picklist(
    ["other", ...themeIds] as [string, ...string[]],
    "Choisissez le thème de la question.",
  ),
  resolved: v.picklist(["yes", "no"], "Indiquez si la question a été résolue."),
});

export type VisitInput = v.InferOutput<typeof VisitSchema>;
export type Visit = { visitId: string; theme: string; resolved: boolean; at: string };

export type BarnumFigures = {
  visits: number;
  resolved: number;
  byTheme: { theme: string; visits: number; resolved: number }[];
};

/** Pure: visits, their themes and the questions resolved, themes in the programme's order. */
export function barnumFigures(visits: readonly Visit[]): BarnumFigures {
  const order = [...themeIds, "other"];
  const byTheme = order
    .map((theme) => {
      const ofTheme = visits.filter((visit) => visit.theme === theme);
      return {
        theme,
        visits: ofTheme.length,
        resolved: ofTheme.filter((visit) => visit.resolved).length,
      };
    })
    .filter((row) => row.visits > 0);
  return {
    visits: visits.length,
    resolved: visits.filter((visit) => visit.resolved).length,
    byTheme,
  };
}

export const otherTopic = { fr: "Autre sujet", en: "Other topic" };
