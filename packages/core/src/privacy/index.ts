import * as v from "valibot";
import { clock } from "../clock";
import { keys, normaliseEmail } from "../keys";
import { MentorApplicationSchema } from "../mentor";
import { logger } from "../observability";
import { stopForErasure } from "../pair/actions";
import { appendHistory } from "../pair/store";
import { QuestionnaireSchema } from "../questionnaire";
import { changeSearchTerms } from "../search";
import { fingerprint } from "../submission";
import {
  concerns,
  eraseStep,
  type FormKind,
  forExport,
  type Identity,
  type Item,
  identify,
  personPattern,
} from "./holdings";
import { logOnRequest } from "./requests";
import {
  deleteItem,
  getItem,
  putItem,
  putNew,
  readWholeTable,
  replaceEmailUnchanged,
} from "./store";

/**
 * A person's data rights, as the programme team (or the person, through their link) exercises
 * them: see everything held about them, correct a field, erase them. Every action is logged on the
 * history of each pair concerned and on the request, never with the data itself.
 */

export { legalDeadline } from "./holdings";
export * from "./requests";

export type Holdings = { identity: Identity; items: Record<string, unknown>[] };

async function gather(email: string): Promise<{ identity: Identity; items: Item[] }> {
  const all = await readWholeTable();
  const identity = identify(email, all);
  return { identity, items: all.filter((item) => concerns(item, identity)) };
}

async function logOnPairs(identity: Identity, event: string) {
  for (const pair of identity.pairs) {
    await appendHistory(pair.id, "team", event, { role: pair.role });
  }
}

/** Everything held about the address (nothing, for an address Binôme does not know). */
export async function exportPerson(
  email: string,
  options: { requestId?: string; log?: boolean } = {},
): Promise<Holdings> {
  const { identity, items } = await gather(email);
  if (options.log !== false) {
    await logOnPairs(identity, "privacy.exported");
    if (options.requestId) await logOnRequest(options.requestId, "exported");
  }
  return { identity, items: items.map(forExport) };
}

/** The fields the team may correct, per form, each checked by the form's own rule. */
export const correctableFields = {
  questionnaire: [
    "firstName",
    "lastName",
    "email",
    "directorate",
    "role",
    "site",
    "assistantEmail",
    "goal",
  ],
  mentor: [
    "firstName",
    "lastName",
    "email",
    "directorate",
    "role",
    "site",
    "managerEmail",
    "motivation",
  ],
} as const satisfies Record<FormKind, readonly string[]>;

const formSchemas = { questionnaire: QuestionnaireSchema, mentor: MentorApplicationSchema };

export type Correction = { kind: FormKind; formId: string; field: string; value: string };

export type CorrectionOutcome =
  | { status: "corrected" }
  | { status: "invalid"; message: string }
  | { status: "not-found" }
  | { status: "address-taken" };

/** Corrects one field of one of the person's forms, under the form's own validation rule. */
export async function correctField(
  email: string,
  correction: Correction,
  options: { requestId?: string } = {},
): Promise<CorrectionOutcome> {
  const allowed = correctableFields[correction.kind] as readonly string[];
  if (!allowed.includes(correction.field))
    return { status: "invalid", message: "Ce champ ne peut pas être corrigé." };
  const key =
    correction.kind === "questionnaire"
      ? keys.questionnaire(correction.formId)
      : keys.mentor(correction.formId);
  const form = await getItem<Item & { answers: Record<string, unknown>; cohortId: string }>(key);
  if (!form || normaliseEmail(String(form.answers?.email)) !== normaliseEmail(email)) {
    return { status: "not-found" };
  }
  const schema = formSchemas[correction.kind].entries[
    correction.field as keyof (typeof formSchemas)[typeof correction.kind]["entries"]
  ] as v.GenericSchema | undefined;
  if (!schema) return { status: "invalid", message: "Ce champ ne peut pas être corrigé." };
  const parsed = v.safeParse(schema, correction.value);
  if (!parsed.success)
    return { status: "invalid", message: parsed.issues[0]?.message ?? "Valeur refusée." };
  const answers = { ...form.answers, [correction.field]: parsed.output };
  if (correction.field === "email") {
    // The address names the person's one form per cohort: the claim moves with it.
    const newAddress = String(parsed.output);
    const oldClaim = keys.submissionClaim(correction.kind, form.cohortId, email);
    const claim = await getItem<Item>(oldClaim);
    const moved = await putNew({
      ...(claim ?? { kind: "claim", id: correction.formId }),
      ...keys.submissionClaim(correction.kind, form.cohortId, newAddress),
    } as Item);
    if (!moved) return { status: "address-taken" };
    await deleteItem(oldClaim);
  }
  await putItem({
    ...form,
    answers,
    contentHash: fingerprint(answers),
    updatedAt: clock.now().toISOString(),
  });
  const id = correction.formId;
  await changeSearchTerms(correction.kind, { ...form, id }, { ...form, id, answers });
  const { identity } = await gather(correction.field === "email" ? String(parsed.output) : email);
  await logOnPairs(identity, "privacy.rectified");
  if (options.requestId) await logOnRequest(options.requestId, `rectified.${correction.field}`);
  logger.info("Personal data corrected", { kind: correction.kind, field: correction.field });
  return { status: "corrected" };
}

export type ErasureOutcome = { status: "erased" | "nothing-held"; pairsStopped: number };

/**
 * Erases a person: their running pairs stop first (the other participant is told, the execution
 * ends cleanly), then every item about them is deleted or anonymised (see `eraseStep`). Doing it
 * again finds nothing and changes nothing.
 */
export async function erasePerson(
  email: string,
  options: { requestId?: string } = {},
): Promise<ErasureOutcome> {
  const before = await gather(email);
  if (before.items.length === 0) {
    if (options.requestId)
      await logOnRequest(options.requestId, "erased", { done: true, forget: true });
    return { status: "nothing-held", pairsStopped: 0 };
  }
  let pairsStopped = 0;
  for (const pair of before.identity.pairs) {
    if ((await stopForErasure(pair.id, pair.role)) === "done") pairsStopped++;
  }
  // Read again: stopping wrote history and emails that must be erased too.
  const { identity, items } = await gather(email);
  const merged: Identity = {
    ...identity,
    names: [...new Set([...before.identity.names, ...identity.names])],
    forms: before.identity.forms,
    pairs: before.identity.pairs,
  };
  const erasedAt = clock.now().toISOString();
  const targets = items.filter(
    (item) => !(options.requestId && item.pk === keys.privacyRequest(options.requestId).pk),
  );
  for (const item of targets) await eraseItem(item, merged, erasedAt);
  await logOnPairs(merged, "privacy.erased");
  if (options.requestId)
    await logOnRequest(options.requestId, "erased", { done: true, forget: true });
  logger.info("Person erased", { items: targets.length, pairsStopped });
  return { status: "erased", pairsStopped };
}

/**
 * Deletes or anonymises one item. An outbox email may be claimed or sent by the sender between the
 * scan and the write, so it is rewritten only if unchanged, from a fresh read otherwise.
 */
async function eraseItem(read: Item, identity: Identity, erasedAt: string): Promise<void> {
  let item: Item | undefined = read;
  for (let attempt = 0; item && attempt < 20; attempt++) {
    const step = eraseStep(item, identity, erasedAt);
    if (step.action === "delete") return deleteItem(step.key);
    if (item.kind !== "email") return putItem(step.item);
    if (await replaceEmailUnchanged(step.item, item)) return;
    item = await getItem<Item>({ pk: item.pk, sk: item.sk }, { consistent: true });
  }
  if (item) throw new Error("An outbox email kept changing while it was being anonymised");
}

/** For tests and checks: whether anything in the table still names the person. */
export async function stillMentioned(identity: Pick<Identity, "email" | "names">): Promise<Item[]> {
  const pattern = personPattern(identity);
  return (await readWholeTable()).filter((item) => {
    pattern.lastIndex = 0;
    return pattern.test(JSON.stringify(item));
  });
}
