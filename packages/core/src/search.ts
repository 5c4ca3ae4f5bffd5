import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { documents, type ListKey, queryListPage } from "./clients/dynamodb";
import { env } from "./env";
import { keys, normaliseEmail } from "./keys";

/**
 * Finding people by name or address: each form (questionnaire, mentor application) is stored with
 * one small item per search term — both orders of the full name, each word of it and the address,
 * folded (« Hélène » is « helene »), less any term that starts another (« helene » is found
 * through « helene durand ») — written in the transaction that writes the form. A search is then
 * one Query on the start of a term, never a Scan. The terms expire with their form
 * (pair/retention.ts) and are deleted when the person is erased.
 */

export type SearchKind = "questionnaire" | "mentor";

/** Lower case, without accents or ligatures, spaces squeezed: how terms and searches compare. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/[’']/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** The longest a term (or a search) can be: a key stays short, and nobody types more. */
const maxTermLength = 120;

type Named = { firstName?: unknown; lastName?: unknown; email?: unknown };

/**
 * Every folded term of a person, as forms were given them until terms that start another were
 * left out: what a change of name deletes, since a form written before may hold any of them (an
 * erasure deletes the form's whole partition, terms included).
 */
export function allTermsOf(answers: Named): string[] {
  const text = (value: unknown) => (typeof value === "string" ? fold(value) : "");
  const first = text(answers.firstName);
  const last = text(answers.lastName);
  const words = `${first} ${last}`.split(/[\s'-]+/).filter((word) => word.length > 0);
  const email = typeof answers.email === "string" ? normaliseEmail(answers.email) : "";
  const terms = [first, last, ...words, `${first} ${last}`, `${last} ${first}`, email]
    .map((term) => term.trim().slice(0, maxTermLength))
    .filter((term) => term.length > 0);
  return [...new Set(terms)];
}

/**
 * The folded terms a person is found by (none for an erased form, whose names are gone): a term
 * that starts another is left out, since whatever starts it starts the longer one too. « Claire
 * Dubois » has three: « claire dubois », « dubois claire » and the address.
 */
export function termsOf(answers: Named): string[] {
  const terms = allTermsOf(answers);
  return terms.filter((term) => !terms.some((other) => other !== term && other.startsWith(term)));
}

export type SearchableForm = {
  id: string;
  cohortId: string;
  answers: Named;
  expiresAt?: number;
};

/** The items of a form's terms, to be put in the transaction that writes the form. */
export function searchItems(kind: SearchKind, form: SearchableForm): Record<string, unknown>[] {
  return termsOf(form.answers).map((term) => ({
    ...keys.searchTerm(kind, form.cohortId, form.id, term),
    kind: "search-key",
    formKind: kind,
    formId: form.id,
    ...(form.expiresAt !== undefined ? { expiresAt: form.expiresAt } : {}),
  }));
}

/** The keys of a form's term items for these answers (to expire or delete them). */
export const searchKeysOf = (kind: SearchKind, form: SearchableForm) =>
  termsOf(form.answers).map((term) => {
    const { pk, sk } = keys.searchTerm(kind, form.cohortId, form.id, term);
    return { pk, sk };
  });

type TransactionItem =
  | { Put: { TableName: string; Item: Record<string, unknown> } }
  | { Delete: { TableName: string; Key: { pk: string; sk: string } } };

/**
 * What changing a form's answers does to its terms: the terms it loses are deleted, the new ones
 * put, for the transaction that writes the change (nothing when the names and address stay).
 */
export function searchChanges(
  kind: SearchKind,
  before: SearchableForm,
  after: SearchableForm,
): TransactionItem[] {
  const kept = new Set(termsOf(after.answers));
  const old = new Set(termsOf(before.answers));
  // A form written before may still hold a term that starts another: deleted too, if it is gone.
  const deletes = allTermsOf(before.answers)
    .filter((term) => !kept.has(term))
    .map((term) => {
      const { pk, sk } = keys.searchTerm(kind, before.cohortId, before.id, term);
      return { Delete: { TableName: env.tableName, Key: { pk, sk } } };
    });
  const puts = searchItems(kind, after)
    .filter((item) => !old.has(String(item.sk).slice("SEARCH#".length)))
    .map((Item) => ({ Put: { TableName: env.tableName, Item } }));
  return [...deletes, ...puts];
}

/** Applies `searchChanges` on its own (a correction of a name or an address, after the form). */
export async function changeSearchTerms(
  kind: SearchKind,
  before: SearchableForm,
  after: SearchableForm,
): Promise<void> {
  const changes = searchChanges(kind, before, after);
  for (let at = 0; at < changes.length; at += 100) {
    await documents.send(new TransactWriteCommand({ TransactItems: changes.slice(at, at + 100) }));
  }
}

/**
 * The ids of a cohort's forms of one kind that a term starting with `text` names, first found
 * first (a person found by two terms counts once), at most `limit`; `more` when there are others.
 */
export async function findForms(
  kind: SearchKind,
  cohortId: string,
  text: string,
  limit: number,
): Promise<{ ids: string[]; more: boolean }> {
  const prefix = fold(text).slice(0, maxTermLength);
  if (!prefix) return { ids: [], more: false };
  const ids = new Set<string>();
  let start: ListKey | undefined;
  // A person has a handful of terms, a few of which start alike: a few short reads give `limit`
  // people, or the end.
  for (let read = 0; read < 5; read++) {
    const page = await queryListPage<{ formId: string }>(keys.searchTerms(kind, cohortId, prefix), {
      limit: limit * 3,
      start,
    });
    for (const item of page.items) {
      if (ids.size === limit && !ids.has(item.formId)) return { ids: [...ids], more: true };
      ids.add(item.formId);
    }
    start = page.next;
    if (!start) break;
  }
  return { ids: [...ids], more: start !== undefined };
}
