/**
 * The one source of "now" for the domain. In AWS it is the system clock; the local runtime may move
 * it forward (a pair lasts months) so that its engine and its records agree on the date.
 */
let offsetMs = 0;

export const clock = {
  now(): Date {
    return new Date(Date.now() + offsetMs);
  },
  /** Local runtime and tests only. */
  advanceBy(ms: number): void {
    if (ms < 0) throw new Error("The clock only moves forward");
    offsetMs += ms;
  },
};
