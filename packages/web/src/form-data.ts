import { themeIds } from "#core/programme";
import type { FormValues } from "./form-kit";

/**
 * Turns a posted HTML form (flat names, repeated checkboxes) into the shape the valibot schemas
 * validate, so a form and the JSON API are checked by the very same schema.
 */
const text = (values: FormValues, name: string) => {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
};

const list = (values: FormValues, name: string) => ([] as string[]).concat(values[name] ?? []);

const level = (values: FormValues, name: string) => {
  const value = text(values, name);
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
};

export function questionnaireFromForm(values: FormValues) {
  return {
    firstName: text(values, "firstName"),
    lastName: text(values, "lastName"),
    email: text(values, "email"),
    directorate: text(values, "directorate"),
    role: text(values, "role"),
    site: text(values, "site"),
    assistantEmail: text(values, "assistantEmail"),
    comfort: Object.fromEntries(themeIds.map((id) => [id, level(values, `comfort.${id}`)])),
    priorityThemes: list(values, "priorityThemes"),
    goal: text(values, "goal"),
    formats: list(values, "formats"),
    availability: list(values, "availability"),
    availabilityNote: text(values, "availabilityNote"),
    consent: text(values, "consent") === "on",
  };
}

export function mentorFromForm(values: FormValues) {
  return {
    firstName: text(values, "firstName"),
    lastName: text(values, "lastName"),
    email: text(values, "email"),
    directorate: text(values, "directorate"),
    role: text(values, "role"),
    grade: text(values, "grade"),
    site: text(values, "site"),
    managerEmail: text(values, "managerEmail"),
    themes: themeIds
      .map((theme) => ({ theme, level: level(values, `themes.${theme}`) }))
      .filter((offer) => offer.level !== undefined && offer.level > 0),
    motivation: text(values, "motivation"),
    formats: list(values, "formats"),
    availability: list(values, "availability"),
    availabilityNote: text(values, "availabilityNote"),
    capacity: level(values, "capacity"),
    consent: text(values, "consent") === "on",
  };
}

/** A whole number typed in a field ("12"), else something the schema refuses with its message. */
const whole = (values: FormValues, name: string) => {
  const value = text(values, name)?.trim();
  if (!value) return undefined;
  return /^\d+$/.test(value) ? Number(value) : Number.NaN;
};

export function workshopRequestFromForm(values: FormValues) {
  return {
    firstName: text(values, "firstName"),
    lastName: text(values, "lastName"),
    email: text(values, "email"),
    service: text(values, "service"),
    managers: whole(values, "managers"),
    theme: text(values, "theme") || undefined,
    goal: text(values, "goal"),
    slots: list(values, "slots"),
    dates: text(values, "dates"),
    consent: text(values, "consent") === "on" ? true : undefined,
  };
}

export function workshopRegistrationFromForm(values: FormValues) {
  return {
    firstName: text(values, "firstName"),
    lastName: text(values, "lastName"),
    email: text(values, "email"),
    consent: text(values, "consent") === "on" ? true : undefined,
  };
}

export function workshopConfirmationFromForm(values: FormValues) {
  const tookPlace = text(values, "tookPlace");
  if (tookPlace === "no") return { tookPlace: false };
  return {
    tookPlace: tookPlace === "yes" ? true : undefined,
    attendees: whole(values, "attendees"),
  };
}

export function workshopFeedbackFromForm(values: FormValues) {
  return { rating: whole(values, "rating"), comment: text(values, "comment") };
}
