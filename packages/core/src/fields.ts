import * as v from "valibot";

/** Field schemas shared by the forms, with messages written for the person who fills them. */

export const personName = (label: string) =>
  v.pipe(
    v.string(`Indiquez votre ${label}.`),
    v.trim(),
    v.nonEmpty(`Indiquez votre ${label}.`),
    v.maxLength(100, `Votre ${label} doit faire 100 caractères au plus.`),
  );

export const email = (message: string) =>
  v.pipe(
    v.string(message),
    v.trim(),
    v.nonEmpty(message),
    v.maxLength(254, "Cette adresse est trop longue."),
    v.email("Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.gouv.fr."),
    v.toLowerCase(),
  );

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const optionalEmail = (message: string) =>
  v.optional(
    v.pipe(
      v.string(message),
      v.trim(),
      v.toLowerCase(),
      v.maxLength(254, "Cette adresse est trop longue."),
      v.check(
        (value) => value === "" || emailPattern.test(value),
        "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.gouv.fr.",
      ),
      v.transform((value) => (value === "" ? undefined : value)),
    ),
  );

export const shortText = (message: string, max = 200) =>
  v.pipe(
    v.string(message),
    v.trim(),
    v.nonEmpty(message),
    v.maxLength(max, `${max} caractères au plus.`),
  );

export const optionalText = (max: number) =>
  v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(max, `${max} caractères au plus.`),
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
