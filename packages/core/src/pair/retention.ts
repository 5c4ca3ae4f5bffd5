import { keys } from "../keys";
import { getMentor } from "../mentor";
import { getQuestionnaire } from "../questionnaire";
import { closedPairExpiry } from "../retention";
import { type SearchableForm, searchKeysOf } from "../search";
import type { Pair } from "./model";
import { pairEmailDedupeKey } from "./notify";
import { isRunning, pairMentorIds } from "./rules";
import { expireNoEarlierThan, getPair, listPairItems, listPairs, removeExpiry } from "./store";

/**
 * The privacy notice's promise for pairs, kept with DynamoDB's TTL (`expiresAt`, epoch seconds):
 * while a pair runs, its participants' forms carry no expiry (the unpaired one would delete a
 * person in the middle of their pair); when it ends, everything that belongs to it — the pair, its
 * history, meetings, wait, emails log, the emails' dedupe records and its links — and the forms of
 * its participants expire 12 months after the closure.
 *
 * Every write is conditional on the item existing (an update never creates a stray item) and only
 * ever moves an expiry later, so a retried step writes the same values and changes nothing.
 * DynamoDB has no batched update; the updates run in bounded parallel chunks.
 */

type Key = { pk: string; sk: string };
type FormRef = { kind: "questionnaire" | "mentor"; id: string };

/** How many updates run at once: keeps a pass well under a table's write capacity. */
const chunkSize = 25;

async function inChunks<T>(items: T[], write: (item: T) => Promise<void>) {
  for (let start = 0; start < items.length; start += chunkSize) {
    await Promise.all(items.slice(start, start + chunkSize).map(write));
  }
}

type Form = SearchableForm & { answers: { email?: string } };

/** A form's record, its uniqueness claim (whose key needs the cohort and the address), its terms. */
function keysOfForm(kind: FormRef["kind"], form: Form): Key[] {
  const key = kind === "questionnaire" ? keys.questionnaire(form.id) : keys.mentor(form.id);
  const email = form.answers?.email;
  // The terms a person is found by expire with their form.
  const terms = searchKeysOf(kind, form);
  return email
    ? [key, keys.submissionClaim(kind, form.cohortId, email), ...terms]
    : [key, ...terms];
}

async function formKeys({ kind, id }: FormRef): Promise<Key[]> {
  const form = await (kind === "questionnaire" ? getQuestionnaire(id) : getMentor(id));
  return form ? keysOfForm(kind, form) : [];
}

/**
 * The forms of people now in a running pair keep no expiry (at the start, and for a new mentor
 * taking over): the pair's closure sets it. The record goes last, so a record without expiry
 * says its claim and terms have none either.
 */
export async function holdForms(forms: FormRef[]): Promise<void> {
  const formKeyLists = await Promise.all(forms.map(formKeys));
  await inChunks(
    formKeyLists.flatMap((list) => list.slice(1)),
    removeExpiry,
  );
  await inChunks(
    formKeyLists.flatMap((list) => list.slice(0, 1)),
    removeExpiry,
  );
}

/**
 * What a new pair's creation holds in its own transaction (`createPair`'s `hold`): the keys of
 * the forms as read, none for a form already held (its record has no expiry, see `holdForms`).
 */
export function keysToHold(forms: { kind: FormRef["kind"]; form: Form | undefined }[]): Key[] {
  return forms.flatMap(({ kind, form }) =>
    form?.expiresAt !== undefined ? keysOfForm(kind, form) : [],
  );
}

/** Is this person in another pair that is still running? (Read consistently, pair by pair.) */
async function inAnotherRunningPair(pair: Pair, theirs: (other: Pair) => boolean) {
  const candidates = (await listPairs({ cohortId: pair.cohortId })).filter(
    (other) => other.id !== pair.id && theirs(other),
  );
  for (const candidate of candidates) {
    // The list index is eventually consistent: a pair that closed a moment ago is read again.
    const current = await getPair(candidate.id);
    if (current && theirs(current) && isRunning(current)) return true;
  }
  return false;
}

const leadsAnotherRunningPair = (pair: Pair, mentorId: string) =>
  inAnotherRunningPair(pair, (other) => other.mentorId === mentorId);

/**
 * Gives everything of an ended (closed or cancelled) pair, and its participants' forms, the
 * expiry `closedAt` + 12 months. A mentor who still leads another running pair keeps no expiry:
 * the last of their pairs to end sets it. Safe to run again.
 */
export async function expireEndedPair(pair: Pair): Promise<void> {
  if (isRunning(pair)) return;
  const expiresAt = closedPairExpiry(new Date(pair.closedAt ?? pair.updatedAt));
  const items = await listPairItems(pair.id);
  const ownKeys: Key[] = items.map(({ pk, sk }) => ({ pk, sk }) as Key);
  const sentLog = items.filter((item) => item.kind === "pair-email");
  const emailKeys = sentLog.map((email) =>
    keys.emailSent(
      pairEmailDedupeKey(pair.id, email.purpose as string, (email.to as string[])[0] ?? ""),
    ),
  );
  const linkIds = new Set(
    sentLog.flatMap((email) => (email.linkIds as string[] | undefined) ?? []),
  );
  const linkKeys = [...linkIds].map((linkId) => keys.link(linkId));
  const history = items
    .filter((item) => item.kind === "pair-history")
    .map((item) => item as { event: string; detail?: Record<string, unknown> });
  const mentorIds = pairMentorIds(pair, history);
  const releasedMentors: string[] = [];
  for (const mentorId of mentorIds) {
    if (!(await leadsAnotherRunningPair(pair, mentorId))) releasedMentors.push(mentorId);
  }
  // A manager paired again after this pair stopped keeps their questionnaire while the new runs.
  const menteeReleased = !(await inAnotherRunningPair(
    pair,
    (other) => other.menteeId === pair.menteeId,
  ));
  const formKeyLists = await Promise.all(
    [
      ...(menteeReleased ? [{ kind: "questionnaire" as const, id: pair.menteeId }] : []),
      ...releasedMentors.map((id) => ({ kind: "mentor" as const, id })),
    ].map(formKeys),
  );
  // Links already carry their own (earlier) expiry: "no earlier than" keeps the later of the two.
  const all = [...ownKeys, ...emailKeys, ...linkKeys, ...formKeyLists.flat()];
  await inChunks(all, (key) => expireNoEarlierThan(key, expiresAt));
}
