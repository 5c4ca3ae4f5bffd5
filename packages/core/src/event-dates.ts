import * as v from "valibot";
import { parisTimeToUtc } from "./calendar";
import { clock } from "./clock";

/**
 * The date of an event the programme team sets (a workshop, a BarNum', a network meeting): a real
 * calendar day, not already past. A browser's date picker sends 2027-03-17; one without sends what
 * was typed, often 17/03/2027: both are read. The rules are pure (they take `now`); the schema
 * pieces read the domain's clock.
 */

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const frenchPattern = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

export type ReadDate =
  | { kind: "date"; iso: string }
  | { kind: "impossible"; day: number; month: number }
  | { kind: "unreadable" };

/** Pure: what a typed date is: a calendar day (as ISO), a day that does not exist, or not a date. */
export function readDate(value: string): ReadDate {
  const trimmed = value.trim();
  const iso = isoPattern.exec(trimmed);
  const french = iso ? undefined : frenchPattern.exec(trimmed);
  const parts = iso
    ? [iso[1], iso[2], iso[3]]
    : french
      ? [french[3], french[2], french[1]]
      : undefined;
  if (!parts) return { kind: "unreadable" };
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const at = new Date(Date.UTC(year, month - 1, day));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) {
    return { kind: "impossible", day, month };
  }
  return { kind: "date", iso: at.toISOString().slice(0, 10) };
}

/** Pure: the date in Paris at an instant, as ISO (YYYY-MM-DD). */
export const parisToday = (now: Date | number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(now);

/** Pure: whether a Paris day is over at `now` (today is not). */
export const isPastDay = (iso: string, now: Date) => iso < parisToday(now);

/**
 * Pure: whether a Paris date and time is already reached at `now`, on a day not over yet (a past
 * day is the date's mistake, told once, at the date).
 */
export const isPastTime = (iso: string, time: string, now: Date) =>
  !isPastDay(iso, now) && parisTimeToUtc(iso, time).getTime() <= now.getTime();

/** Pure: whether an event that starts at `startsAt` (ISO instant) has begun at `now`. */
export const hasBegun = (startsAt: string, now: Date) => Date.parse(startsAt) <= now.getTime();

const months = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

export const unreadableDate = "Saisissez la date au format jj/mm/aaaa, par exemple 17/03/2027.";
export const pastDate = "Cette date est passée : choisissez une date à venir.";
export const pastTime = "Cette heure est passée : choisissez une heure à venir.";

/** « Le 31 février n'existe pas », or for a month past 12, that the date does not exist. */
export function impossibleDate(day: number, month: number): string {
  const name = months[month - 1];
  if (!name || day < 1) return "Cette date n'existe pas : vérifiez le jour et le mois.";
  return `Le ${day === 1 ? "1er" : day} ${name} n'existe pas : vérifiez le jour.`;
}

const impossibleOf = (value: string) => {
  const read = readDate(value);
  return read.kind === "impossible" ? impossibleDate(read.day, read.month) : "";
};

/**
 * The date field of an event form: said missing with the form's own words, then unreadable,
 * impossible (« Le 31 février n'existe pas ») or past, each in its own words; its output is ISO.
 */
export const eventDate = (missing: string) =>
  v.pipe(
    v.string(missing),
    v.trim(),
    v.nonEmpty(missing),
    v.check((value) => readDate(value).kind !== "unreadable", unreadableDate),
    v.check(
      (value) => readDate(value).kind !== "impossible",
      (issue) => impossibleOf(String(issue.input)),
    ),
    v.transform((value) => {
      const read = readDate(value);
      return read.kind === "date" ? read.iso : value;
    }),
    v.check((iso) => !isPastDay(iso, clock.now()), pastDate),
  );
