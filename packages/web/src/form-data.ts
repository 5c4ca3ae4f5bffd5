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
