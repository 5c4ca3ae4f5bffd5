import * as v from "valibot";
import { email } from "#core/fields";
import type { FormValues } from "./form-kit";

/**
 * The programme team's event forms (workshops, BarNum', network) as the schemas read them: the
 * participants' addresses typed one per line, the two mentors of a workshop, the mentors asked
 * to staff a BarNum', who attended a network meeting. Pure.
 */

const text = (values: FormValues, name: string) => {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
};
const list = (values: FormValues, name: string) => ([] as string[]).concat(values[name] ?? []);

/** The two mentors: chosen in the two selects (`mentorIds.0`, `mentorIds.1`) or a proposal's. */
export function mentorIdsFromForm(values: FormValues) {
  const chosen = [text(values, "mentorIds.0"), text(values, "mentorIds.1")];
  if (chosen.some((id) => id !== undefined)) return { mentorIds: chosen.map((id) => id ?? "") };
  return { mentorIds: list(values, "mentorIds") };
}

/** What assignMentors refuses about the choice itself: said at the field, like any mistake. */
export const mentorProblems = [
  "Choisissez deux mentors sélectionnés.",
  "Un de ces mentors fait partie de la ligne hiérarchique du service : le programme ne le permet pas.",
];

const address = email("Indiquez au moins une adresse, une par ligne.");

export type TypedAddress = { line: number; typed: string };

/**
 * The addresses typed in the participants field, each with its line: one per line, or several on
 * a line separated by commas or semicolons; a line pasted from a mail client (« Hélène Durand
 * <helene.durand@exemple.gouv.fr> ») gives the address between its angle brackets.
 */
export function typedAddresses(field: string): TypedAddress[] {
  const found: TypedAddress[] = [];
  field.split(/\r?\n/).forEach((content, index) => {
    for (const part of content.split(/[,;]/)) {
      const bracketed = [...part.matchAll(/<([^<>]*)>/g)].map((match) => match[1] ?? "");
      const words = bracketed.length ? bracketed : part.split(/\s+/);
      for (const typed of words.map((word) => word.trim()).filter(Boolean)) {
        found.push({ line: index + 1, typed });
      }
    }
  });
  return found;
}

const shown = (typed: string) => (typed.length > 60 ? `${typed.slice(0, 57)}…` : typed);

/** Every bad address in one sentence, by line, so that all of them are fixed in one go. */
export function badAddressesMessage(bad: readonly TypedAddress[]): string | undefined {
  const [first] = bad;
  if (!first) return undefined;
  if (bad.length === 1) {
    return `L'adresse de la ligne ${first.line} n'est pas valide : « ${shown(first.typed)} ».`;
  }
  const each = bad.map((item) => `ligne ${item.line} « ${shown(item.typed)} »`).join(", ");
  return `${bad.length} adresses ne sont pas valides : ${each}.`;
}

/**
 * The participants field read whole: the valid addresses (for the schema's other rules: at least
 * one, 90 at most) and the message naming every invalid one.
 */
export function participantsFromForm(values: FormValues): { emails: string[]; invalid?: string } {
  const typed = typedAddresses(text(values, "emails") ?? "");
  const bad = typed.filter((item) => !v.is(address, item.typed));
  return {
    emails: typed.filter((item) => !bad.includes(item)).map((item) => item.typed),
    invalid: badAddressesMessage(bad),
  };
}

// ---------------------------------------------------------------------------------------------
// The mentors asked to staff a BarNum', and who attended a network meeting
// ---------------------------------------------------------------------------------------------

const mentorId = (message: string) =>
  v.pipe(v.string(message), v.regex(/^[0-9a-f-]{36}$/, message));

const notSelected = "Ce mentor n'est pas parmi les mentors retenus : rechargez la page.";
const notInvited = "Ce mentor n'est pas invité à cette rencontre : rechargez la page.";

/** The mentors the team asks to staff a BarNum' (each answers from their page). */
export const StaffingSchema = v.strictObject({
  mentorIds: v.pipe(
    v.array(mentorId(notSelected), "Cochez au moins un mentor à solliciter."),
    v.minLength(1, "Cochez au moins un mentor à solliciter."),
    v.maxLength(200, "200 mentors au plus à la fois."),
  ),
});

/**
 * Who attended a network meeting. An empty list says nobody came: the page asks for it with its
 * own box, so that a form sent with nothing ticked is not read as « nobody ».
 */
export const AttendanceSchema = v.strictObject({
  present: v.pipe(
    v.array(
      mentorId(notInvited),
      "Donnez la liste des mentors présents (vide si personne n'est venu).",
    ),
    v.maxLength(500, "500 mentors au plus."),
  ),
});

/**
 * Pure: the ids of a list that are not among those known, keyed as the schemas key a list's items
 * (`mentorIds.1`), so a JSON answer points at each and a page says it at the group.
 */
export function unknownIds(
  field: string,
  ids: readonly string[],
  known: ReadonlySet<string>,
  message: "not-selected" | "not-invited",
): Record<string, string> {
  const errors: Record<string, string> = {};
  ids.forEach((id, index) => {
    if (!known.has(id))
      errors[`${field}.${index}`] = message === "not-selected" ? notSelected : notInvited;
  });
  return errors;
}

/** Pure: a list's errors said once at the list itself (the page's group of boxes). */
export const atTheGroup = (field: string, errors: Record<string, string>) => {
  const first = Object.values(errors)[0];
  return first ? { [field]: first } : {};
};

export function staffingFromForm(values: FormValues) {
  return { mentorIds: list(values, "mentorIds") };
}

export const nobodyMessage =
  "Vous avez coché des mentors et « Personne n'est venu » : choisissez l'un ou l'autre.";
export const nothingTicked = "Cochez les mentors présents, ou « Personne n'est venu ».";

/** The attendance form's box that says nobody came, among the mentors' boxes. */
export const nobodyCame = "personne";

/**
 * The attendance form: the mentors ticked, or the box saying nobody came. Nothing ticked at all
 * is a mistake (a forgotten form), not « nobody »; both at once too.
 */
export function attendanceFromForm(values: FormValues): { present: string[]; error?: string } {
  const ticked = list(values, "present");
  const present = ticked.filter((id) => id !== nobodyCame);
  const nobody = ticked.includes(nobodyCame);
  if (nobody && present.length > 0) return { present, error: nobodyMessage };
  if (!nobody && present.length === 0) return { present, error: nothingTicked };
  return { present };
}
