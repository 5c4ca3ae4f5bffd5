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
