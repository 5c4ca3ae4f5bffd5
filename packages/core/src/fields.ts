import * as v from "valibot";

/** Field schemas shared by the forms, with messages written for the person who fills them. */

/**
 * Characters nobody types on purpose, refused rather than stored: control characters (NUL, BEL,
 * ESC…), bidirectional overrides and isolates (which make a name read differently from what it
 * is) and lone surrogates (not text at all). A name takes no line break either, so none can reach
 * an email header; free text keeps its line breaks and tabs.
 */
const invisible = /[\p{Cs}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const controlInName = /\p{Cc}/u;
const controlInText = /(?![\t\n\r])\p{Cc}/u;
export const invisibleCharacterMessage =
  "Ce champ contient un caractère invisible non autorisé : retirez-le, par exemple en saisissant le texte à nouveau.";

const singleLine = () =>
  v.check(
    (value: string) => !invisible.test(value) && !controlInName.test(value),
    invisibleCharacterMessage,
  );
const multiLine = () =>
  v.check(
    (value: string) => !invisible.test(value) && !controlInText.test(value),
    invisibleCharacterMessage,
  );

export const personName = (label: string) =>
  v.pipe(
    v.string(`Indiquez votre ${label}.`),
    v.trim(),
    v.nonEmpty(`Indiquez votre ${label}.`),
    v.maxLength(100, `Votre ${label} doit faire 100 caractères au plus.`),
    singleLine(),
  );

const invalidEmail =
  "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.gouv.fr.";

/**
 * Pure: the lengths mail (and a calendar invitation) allows, which valibot's `email` does not
 * check: 64 characters before the « @ » (RFC 5321), 63 per part of the domain (RFC 1035).
 */
export const withinMailLimits = (value: string) => {
  const at = value.lastIndexOf("@");
  return (
    at <= 64 &&
    value
      .slice(at + 1)
      .split(".")
      .every((label) => label.length <= 63)
  );
};

export const email = (message: string) =>
  v.pipe(
    v.string(message),
    v.trim(),
    v.nonEmpty(message),
    v.maxLength(254, "Cette adresse est trop longue."),
    v.check((value) => isEmail(value), invalidEmail),
    v.toLowerCase(),
  );

/** valibot's `email` (no `<script>` in a local part) within mail's lengths: one check, one message. */
const isEmail = (value: string) =>
  v.is(v.pipe(v.string(), v.email()), value) && withinMailLimits(value);

export const optionalEmail = (message: string) =>
  v.optional(
    v.pipe(
      v.string(message),
      v.trim(),
      v.toLowerCase(),
      v.maxLength(254, "Cette adresse est trop longue."),
      v.check((value) => value === "" || isEmail(value), invalidEmail),
      v.transform((value) => (value === "" ? undefined : value)),
    ),
  );

export const shortText = (message: string, max = 200) =>
  v.pipe(
    v.string(message),
    v.trim(),
    v.nonEmpty(message),
    v.maxLength(max, `${max} caractères au plus.`),
    multiLine(),
  );

export const optionalText = (max: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(max, `${max} caractères au plus.`),
      multiLine(),
      v.transform((value) => (value === "" ? undefined : value)),
    ),
  );

export const consent = v.literal(
  true,
  "Vous devez accepter la politique de confidentialité pour envoyer le formulaire.",
);

export const choices = <T extends string>(
  allowed: readonly [T, ...T[]],
  message: string,
  min = 1,
  max = allowed.length,
) =>
  v.pipe(
    v.array(v.picklist(allowed, message), message),
    v.minLength(min, message),
    v.maxLength(max, `Choisissez ${max} réponses au plus.`),
    v.check((items) => new Set(items).size === items.length, "Chaque choix ne compte qu'une fois."),
  );

/** A person's name as the programme team reads it. */
export const fullName = (answers: { firstName: string; lastName: string }) =>
  `${answers.firstName} ${answers.lastName}`;
