/**
 * How long Binôme keeps personal data, as the privacy notice promises it. DynamoDB's TTL
 * (`expiresAt`, epoch seconds) deletes each item on this schedule; the notice reads the same
 * numbers, so the promise and the storage cannot drift apart.
 */
export const retention = {
  /** A questionnaire or an application that led to no pair, after its last change. */
  unpairedMonths: 12,
  /** A pair's records (sessions, feedback, self-evaluations) and its participants' forms, after closure. */
  closedPairMonths: 12,
  /** Technical logs (CloudWatch), which hold no name, email address or link token. */
  logDays: 90,
} as const;

const addMonths = (date: Date, months: number) => {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
};

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** When an unpaired questionnaire or application, changed last at `updatedAt`, is deleted. */
export const unpairedRecordExpiry = (updatedAt: Date) =>
  epochSeconds(addMonths(updatedAt, retention.unpairedMonths));

/** When a closed (or cancelled) pair's data and its participants' forms are deleted. */
export const closedPairExpiry = (closedAt: Date) =>
  epochSeconds(addMonths(closedAt, retention.closedPairMonths));
