import type { Child } from "hono/jsx";
import { type Lang, localiseMessage, t, ui } from "./i18n";

/**
 * Accessible form pieces (WCAG 2.1 AA / RGAA). A field's `name` is its valibot path
 * (e.g. `comfort.social-networks`), so a validation issue maps straight to the field that caused
 * it, and the error summary links to that field's id.
 */
export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[] | undefined>;

export const fieldId = (name: string) => `champ-${name.replaceAll(".", "-")}`;
export const errorId = (name: string) => `${fieldId(name)}-erreur`;
export const hintId = (name: string) => `${fieldId(name)}-aide`;

const describedBy = (...ids: (string | false | undefined)[]) =>
  ids.filter(Boolean).join(" ") || undefined;

/**
 * The errors in the order of the fields on the form (`order`, top to bottom), not in the order
 * validation found them: a rule across fields (a time already gone) is checked after every field,
 * so « Lieu » would come before « Début ». A name places its sub-fields too (`comfort` places
 * `comfort.ai`); an error of no listed field keeps its place after them.
 */
export function inFormOrder(errors: FieldErrors, order: readonly string[] = []) {
  const rank = (name: string) => {
    const at = order.findIndex((field) => name === field || name.startsWith(`${field}.`));
    return at === -1 ? order.length : at;
  };
  // Array.prototype.sort is stable: errors of the same field keep validation's order.
  return Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b));
}

/**
 * The list of errors, linked to their fields. It is meant to be the first thing in `main`:
 * `role="alert"` announces it and `autofocus` moves the focus to it, both without JavaScript.
 * `order` is the form's field names as the page shows them; without it, validation's order (a
 * form whose schema has no rule across fields, such as the questionnaire, already follows it).
 */
export function ErrorSummary({
  lang,
  errors,
  labels,
  order,
}: {
  lang: Lang;
  errors: FieldErrors;
  labels: Record<string, string>;
  order?: readonly string[];
}) {
  const entries = inFormOrder(errors, order);
  if (entries.length === 0) return null;
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="resume-erreurs"
      tabindex={-1}
      id="erreurs"
      autofocus
    >
      <h2 id="resume-erreurs">
        {t(lang, ui.errorSummary)} ({entries.length})
      </h2>
      <p>{t(lang, ui.errorCount)}</p>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${fieldId(name)}`}>
              {labels[name] ?? name}
              {lang === "fr" ? "\u00a0: " : ": "}
              {localiseMessage(lang, message)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The field's own error message, placed before the control so it is read before typing. */
export function FieldError({
  name,
  errors,
  lang,
}: {
  name: string;
  errors: FieldErrors;
  lang?: Lang;
}) {
  const error = errors[name];
  if (!error) return null;
  return (
    <p class="error" id={errorId(name)}>
      {localiseMessage(lang ?? "fr", error)}
    </p>
  );
}

type TextFieldProps = {
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "email" | "number" | "tel" | "date" | "time" | "datetime-local" | "password";
  required?: boolean;
  autocomplete?: string;
  multiline?: boolean;
  values: FormValues;
  errors: FieldErrors;
  lang: Lang;
  /** Extra attributes of the control, e.g. `min`/`max` of a date. */
  min?: string;
  max?: string;
  inputmode?: "text" | "numeric" | "email" | "tel";
};

export function TextField(props: TextFieldProps) {
  const { name, label, hint, type = "text", required, autocomplete, multiline } = props;
  const { values, errors, lang, min, max, inputmode } = props;
  const error = errors[name];
  const value = typeof values[name] === "string" ? (values[name] as string) : "";
  const common = {
    id: fieldId(name),
    name,
    required,
    "aria-invalid": error ? "true" : undefined,
    "aria-describedby": describedBy(hint && hintId(name), error && errorId(name)),
  };
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={fieldId(name)}>
        {label}
        {required ? " *" : ` ${t(lang, ui.optional)}`}
      </label>
      {hint ? (
        <span class="hint" id={hintId(name)}>
          {hint}
        </span>
      ) : null}
      <FieldError name={name} errors={errors} lang={lang} />
      {multiline ? (
        <textarea {...common} rows={4}>
          {value}
        </textarea>
      ) : (
        <input
          {...common}
          type={type}
          value={value}
          autocomplete={autocomplete}
          min={min}
          max={max}
          inputmode={inputmode}
        />
      )}
    </div>
  );
}

export type Option = { value: string; label: string };

export function SelectField(props: {
  name: string;
  label: string;
  hint?: string;
  options: Option[];
  required?: boolean;
  values: FormValues;
  errors: FieldErrors;
  lang: Lang;
  /** False inside a group whose legend already says what is required (no "(facultatif)"). */
  marker?: boolean;
}) {
  const { name, label, hint, options, required, values, errors, lang, marker = true } = props;
  const error = errors[name];
  const current = typeof values[name] === "string" ? values[name] : undefined;
  return (
    <div class={error ? "field invalid" : "field"}>
      <label for={fieldId(name)}>
        {label}
        {marker ? (required ? " *" : ` ${t(lang, ui.optional)}`) : null}
      </label>
      {hint ? (
        <span class="hint" id={hintId(name)}>
          {hint}
        </span>
      ) : null}
      <FieldError name={name} errors={errors} lang={lang} />
      <select
        id={fieldId(name)}
        name={name}
        required={required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(hint && hintId(name), error && errorId(name))}
      >
        {options.map((option) => (
          <option value={option.value} selected={option.value === current}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * Radio buttons or checkboxes in a fieldset whose legend is the question. The fieldset carries the
 * id the error summary links to (it takes the focus, and a screen reader reads its legend); the
 * arrow keys move between radio buttons, the space bar ticks a checkbox.
 */
export function ChoiceGroup(props: {
  name: string;
  legend: string;
  hint?: string;
  type: "checkbox" | "radio";
  options: Option[];
  values: FormValues;
  errors: FieldErrors;
  required?: boolean;
  lang?: Lang;
  /** Options side by side (wrapping on a phone): for short labels such as levels. */
  inline?: boolean;
}) {
  const { name, legend, hint, type, options, values, errors, required, lang, inline } = props;
  const error = errors[name];
  const selected = ([] as string[]).concat(values[name] ?? []);
  return (
    <fieldset
      id={fieldId(name)}
      class={error ? "invalid" : undefined}
      aria-invalid={error ? "true" : undefined}
      aria-describedby={describedBy(hint && hintId(name), error && errorId(name))}
      tabindex={-1}
    >
      <legend>
        {legend}
        {required ? " *" : ""}
      </legend>
      {hint ? (
        <span class="hint" id={hintId(name)}>
          {hint}
        </span>
      ) : null}
      <FieldError name={name} errors={errors} lang={lang} />
      <div class={inline ? "choices-inline" : "choices"}>
        {options.map((option) => {
          const id = `${fieldId(name)}-${option.value}`;
          return (
            <div class="choice">
              <input
                type={type}
                id={id}
                name={name}
                value={option.value}
                checked={selected.includes(option.value)}
                aria-invalid={error ? "true" : undefined}
              />
              <label for={id}>{option.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function Section({ title, children }: { title: string; children: Child }) {
  return (
    <section>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** The sentence that explains the asterisk, said once at the top of every form. */
export function RequiredNote({ lang }: { lang: Lang }) {
  return <p class="required">{t(lang, ui.required)}</p>;
}

/** The form's main button; forms post to the same address, keeping the chosen language. */
export function SubmitButton({ lang, label }: { lang: Lang; label?: string }) {
  return (
    <div class="actions">
      <button type="submit">{label ?? t(lang, ui.send)}</button>
    </div>
  );
}
