import { normaliseEmail } from "../keys";

/**
 * Pure rules of a person's data rights: which items of the table hold something about a person,
 * and what erasing them leaves behind. No I/O here: the store reads the table, these decide.
 *
 * A person is known by their address. Their forms (questionnaire, mentor application) carry it;
 * from the forms come the ids of their pairs; from the pairs, everything filed under them (history,
 * meetings, the wait, the log of emails) and the links addressed to them. Any other item that
 * contains their address anywhere (a claim, a queued email, a request) is theirs too: the rule
 * looks at the content, so a new kind of item cannot slip through unnoticed. Names find nothing on
 * their own (two people may share one); they are erased inside the items found.
 */

export type Item = Record<string, unknown> & { pk: string; sk: string };

export type FormKind = "questionnaire" | "mentor";

export type Identity = {
  email: string;
  /** Names as written in their forms: erased wherever they appear. */
  names: string[];
  forms: { kind: FormKind; id: string }[];
  /** Their pairs, with the role they held (a mentor reassigned away keeps `mentor`). */
  pairs: { id: string; role: "mentee" | "mentor" }[];
};

type FormItem = Item & { kind: FormKind; id: string; answers?: Record<string, unknown> };

const isForm = (item: Item): item is FormItem =>
  (item.kind === "questionnaire" || item.kind === "mentor") &&
  typeof item.id === "string" &&
  typeof (item.answers as { email?: unknown } | undefined)?.email === "string";

const isPair = (item: Item) => item.sk === "PAIR" && item.pk.startsWith("PAIR#");

/** Who the address is in these items: their forms, names and pairs. */
export function identify(email: string, items: Item[]): Identity {
  const address = normaliseEmail(email);
  const forms = items.filter(
    (item): item is FormItem =>
      isForm(item) && normaliseEmail(String(item.answers?.email)) === address,
  );
  const names = new Set<string>();
  for (const form of forms) {
    for (const field of ["firstName", "lastName"] as const) {
      const name = form.answers?.[field];
      if (typeof name === "string" && name.trim().length > 1) names.add(name.trim());
    }
  }
  const menteeIds = new Set(forms.filter((f) => f.kind === "questionnaire").map((f) => f.id));
  const mentorIds = new Set(forms.filter((f) => f.kind === "mentor").map((f) => f.id));
  const pairs: Identity["pairs"] = [];
  for (const item of items.filter(isPair)) {
    const id = String(item.id);
    if (menteeIds.has(String(item.menteeId))) pairs.push({ id, role: "mentee" });
    else if (mentorIds.has(String(item.mentorId)) || mentorIds.has(String(item.firstMentorId))) {
      pairs.push({ id, role: "mentor" });
    }
  }
  return {
    email: address,
    names: [...names],
    forms: forms.map(({ kind, id }) => ({ kind, id })),
    pairs,
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Matches the address, or a name as a whole word (« Anne » is not in « Annecy »). */
export function personPattern(identity: Pick<Identity, "email" | "names">): RegExp {
  const words = identity.names.map(
    (name) => `(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`,
  );
  return new RegExp([escapeRegExp(identity.email), ...words].join("|"), "giu");
}

const mentions = (value: unknown, pattern: RegExp): boolean => {
  pattern.lastIndex = 0;
  return pattern.test(JSON.stringify(value));
};

/** Whether an item holds something about the person. */
export function concerns(item: Item, identity: Identity): boolean {
  const formIds = new Set(identity.forms.map((form) => form.id));
  if (isForm(item) && formIds.has(item.id)) return true;
  if (item.kind === "search-key" && formIds.has(String(item.formId))) return true;
  for (const pair of identity.pairs) {
    if (item.pk === `PAIR#${pair.id}`) return true;
    if (item.kind === "link" && item.pairId === pair.id && item.recipient === pair.role) {
      return true;
    }
  }
  if (typeof item.dedupeKey === "string") {
    const key = item.dedupeKey;
    if ([...formIds, ...identity.pairs.map((pair) => pair.id)].some((id) => key.includes(id))) {
      return true;
    }
  }
  return mentions(item, personPattern({ email: identity.email, names: [] }));
}

/** What an export or a page may show of an item: never a task token or a link's secret id. */
export function forExport(item: Item): Record<string, unknown> {
  const { taskToken, token, linkId, claim, ...rest } = item as Record<string, unknown>;
  void taskToken;
  void token;
  void linkId;
  void claim;
  return rest;
}

/** The form fields that say who a person is or are written by them: gone on erasure. */
const personalFormFields = new Set([
  "firstName",
  "lastName",
  "email",
  "assistantEmail",
  "phone",
  "directorate",
  "service",
  "role",
  "site",
  "goal",
  "motivation",
  "availabilityNote",
  "managerEmail",
  "linkedin",
  "experience",
  "comment",
]);

export const erasedMark = "[effacé]";

/** Replaces every mention of the person in a value (deeply) by the erased mark. */
export function scrub<T>(value: T, pattern: RegExp): T {
  if (typeof value === "string") return value.replace(pattern, erasedMark) as T;
  if (Array.isArray(value)) return value.map((entry) => scrub(entry, pattern)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => [key, scrub(entry, pattern)]),
    ) as T;
  }
  return value;
}

export type ErasureStep =
  | { action: "delete"; key: { pk: string; sk: string } }
  | { action: "replace"; item: Item };

/**
 * What erasure does to one item that concerns the person. Their forms stay as anonymous records
 * (the cohort's figures keep their counts and the comfort levels stay comparable) with every
 * identifying field gone; items keyed by their address, their links, queued emails to them and
 * the team's notes on their pairs are deleted; anything else (their pairs' records, history,
 * logs, the other person's words) stays, with every mention of them replaced by « [effacé] ».
 */
export function eraseStep(item: Item, identity: Identity, erasedAt: string): ErasureStep {
  const key = { pk: item.pk, sk: item.sk };
  const pattern = personPattern(identity);
  if (mentions(key, personPattern({ email: identity.email, names: [] }))) {
    return { action: "delete", key };
  }
  if (item.kind === "link" || item.kind === "privacy-link" || item.kind === "search-key") {
    return { action: "delete", key };
  }
  // The team's notes on a pair speak of its people in words no name search finds ("il part en
  // congé"): they go whole.
  if (item.kind === "pair-note") return { action: "delete", key };
  // An email still waiting in the outbox for them never leaves; one to someone else (the other
  // participant told of the stop) leaves, with every mention of them erased.
  if (item.kind === "email" && item.status === "queued") {
    const to = ((item.email as { to?: string[] } | undefined)?.to ?? []).map(normaliseEmail);
    if (to.includes(identity.email)) return { action: "delete", key };
  }
  if (isForm(item) && identity.forms.some((form) => form.id === item.id)) {
    const answers = Object.fromEntries(
      Object.entries(item.answers ?? {}).filter(([field]) => !personalFormFields.has(field)),
    );
    const { interview, ...rest } = item as FormItem & { interview?: Record<string, unknown> };
    const keptInterview = interview
      ? { decision: interview.decision, recordedAt: interview.recordedAt }
      : undefined;
    return {
      action: "replace",
      item: scrub(
        {
          ...rest,
          answers,
          ...(keptInterview ? { interview: keptInterview } : {}),
          contentHash: undefined,
          erasedAt,
        } as Item,
        pattern,
      ),
    };
  }
  return { action: "replace", item: scrub(item, pattern) };
}

/** One month to answer, as the GDPR sets it (article 12.3): the same day of the next month. */
export function legalDeadline(receivedAt: Date): Date {
  const deadline = new Date(receivedAt);
  const day = deadline.getUTCDate();
  deadline.setUTCDate(1);
  deadline.setUTCMonth(deadline.getUTCMonth() + 1);
  const lastDay = new Date(
    Date.UTC(deadline.getUTCFullYear(), deadline.getUTCMonth() + 1, 0),
  ).getUTCDate();
  deadline.setUTCDate(Math.min(day, lastDay));
  return deadline;
}
