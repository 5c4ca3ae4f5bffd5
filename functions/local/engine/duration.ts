/**
 * ISO 8601 durations for the local clock: "P30D", "PT36H", "P1DT12H", "P3M". Years and months are
 * calendar ones, counted from the date they start from (1 March + P3M = 1 June); the day of the
 * month is kept, or becomes the month's last day when that month is shorter (31 January + P1M =
 * 28 or 29 February). Weeks, days and times are fixed lengths (the clock is UTC).
 */
const pattern =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** How many milliseconds `value` lasts from `from`; undefined when it is not a duration. */
export function parseDuration(value: string, from: Date): number | undefined {
  const match = pattern.exec(value);
  if (!match || value === "P" || value.endsWith("T")) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => Number(part ?? 0)) as [number, number, number, number, number, number, number];
  const start = from.getTime();
  const shifted = addCalendarMonths(from, years * 12 + months).getTime();
  const fixed = ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
  return shifted - start + fixed;
}

function addCalendarMonths(from: Date, months: number): Date {
  if (months === 0) return from;
  const target = new Date(from);
  const day = from.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}
