import type { Localised } from "./programme";

/**
 * The small rules of written French (and their English counterparts) that every message
 * interpolating a name, a number, a date or a duration follows: elision before a vowel or a mute
 * h ("d'Hélène", "qu'Élodie"), plurals (French keeps 0 and 1 singular), "1er décembre",
 * "14 h 30", "4 h 45". Pure functions, shared by emails, pages and the export.
 */

/** Names that start with a vowel or an h elide the article before them. */
const elides = (word: string) => /^[aeiouyàâäéèêëîïôöùûüœæh]/i.test(word.trim());

/** "de Marc", "d'Hélène", "d'Yves". */
export const de = (name: string) => (elides(name) ? `d'${name}` : `de ${name}`);

/** "que Marc", "qu'Élodie". */
export const que = (name: string) => (elides(name) ? `qu'${name}` : `que ${name}`);

/** A pair named by its participants: "Hélène Durand et Yanis Martin". */
export const pairName = (mentee: string, mentor: string): Localised => ({
  fr: `${mentee} et ${mentor}`,
  en: `${mentee} and ${mentor}`,
});

/**
 * A count with its noun: French is singular for 0 and 1 ("0 séance", "1 séance", "2 séances"),
 * English for 1 only ("0 sessions", "1 session").
 */
export function plural(lang: "fr" | "en", count: number, one: string, many: string): string {
  const singular = lang === "fr" ? Math.abs(count) < 2 : count === 1;
  return `${count} ${singular ? one : many}`;
}

/** The noun alone, agreed with a count (for sentences that place the number elsewhere). */
export const agreed = (lang: "fr" | "en", count: number, one: string, many: string) =>
  (lang === "fr" ? Math.abs(count) < 2 : count === 1) ? one : many;

const zone = "Europe/Paris";

const dayFormat = {
  fr: new Intl.DateTimeFormat("fr-FR", { timeZone: zone, dateStyle: "long" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: zone, dateStyle: "long" }),
};
const weekdayFormat = {
  fr: new Intl.DateTimeFormat("fr-FR", { timeZone: zone, weekday: "long" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "long" }),
};
const timeParts = new Intl.DateTimeFormat("fr-FR", {
  timeZone: zone,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** "1er décembre 2026" (the first of the month is an ordinal in French) / "1 December 2026". */
export function formatDay(date: Date): Localised {
  return {
    fr: dayFormat.fr.format(date).replace(/^1 /, "1er "),
    en: dayFormat.en.format(date),
  };
}

/** "14 h 30", "9 h" (French); "14:30", "09:00" (English, 24-hour as in the UK civil service). */
export function formatTime(date: Date): Localised {
  const parts = timeParts.formatToParts(date);
  const hour = Number(parts.find((part) => part.type === "hour")?.value ?? 0);
  const minute = parts.find((part) => part.type === "minute")?.value ?? "00";
  return {
    fr: minute === "00" ? `${hour}\u00a0h` : `${hour}\u00a0h\u00a0${minute}`,
    en: `${String(hour).padStart(2, "0")}:${minute}`,
  };
}

/** "mardi 1er décembre 2026 à 14 h 30 (heure de Paris)" / "Tuesday 1 December 2026 at 14:30 (Paris time)". */
export function formatWhen(date: Date): Localised {
  const day = formatDay(date);
  const time = formatTime(date);
  return {
    fr: `${weekdayFormat.fr.format(date)} ${day.fr} à ${time.fr} (heure de Paris)`,
    en: `${weekdayFormat.en.format(date)} ${day.en} at ${time.en} (Paris time)`,
  };
}

/** "4 h 45", "3 h", "45 min" / "4 h 45 min", "3 h", "45 min": hours as people write them. */
export function formatHours(hours: number): Localised {
  const minutes = Math.round(hours * 60);
  const whole = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const pad = String(rest).padStart(2, "0");
  if (whole === 0) return { fr: `${rest}\u00a0min`, en: `${rest}\u00a0min` };
  if (rest === 0) return { fr: `${whole}\u00a0h`, en: `${whole}\u00a0h` };
  return { fr: `${whole}\u00a0h\u00a0${pad}`, en: `${whole}\u00a0h\u00a0${pad}\u00a0min` };
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * French spacing: a no-break space (U+00A0) before « : ; ? ! » and inside « guillemets », so that
 * a line never starts with the sign. Applied to the French text of messages written with plain
 * spaces; a space already right is kept.
 */
export const frenchSpacing = (text: string) =>
  text
    .replace(/ ([:;?!»])/g, "\u00a0$1")
    .replace(/« /g, "«\u00a0")
    .replace(/([^\s\u00a0])»/g, "$1\u00a0»")
    .replace(/«([^\s\u00a0])/g, "«\u00a0$1");
