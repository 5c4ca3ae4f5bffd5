import type { Child } from "hono/jsx";
import { type Lang, t, ui } from "./i18n";

/**
 * Accessible form pieces. A field's `name` is its valibot path (e.g. `comfort.social-networks`),
 * so a validation issue maps straight to the field that caused it.
 */
export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[] | undefined>;

export const fieldId = (name: string) => `champ-${name.replaceAll(".", "-")}`;
const errorId = (name: string) => `${fieldId(name)}-erreur`;

export function ErrorSummary({
  lang,
  errors,
  labels,
}: {
  lang: Lang;
  errors: FieldErrors;
  labels: Record<string, string>;
}) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="resume-erreurs"
      tabindex={-1}
      id="erreurs"
    >
      <h2 id="resume-erreurs">
        {t(lang, ui.errorSummary)} ({entries.length})
      </h2>
      <p>{t(lang, ui.errorCount)}</p>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${fieldId(name)}`}>
              {labels[name] ?? name} : {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

type TextFieldProps = {
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "email" | "number";
  required?: boolean;
  autocomplete?: string;
  multiline?: boolean;
  values: FormValues;
  errors: FieldErrors;
  lang: Lang;
};

export function TextField(props: TextFieldProps) {
  const {
    name,
    label,
    hint,
    type = "text",
    required,
    autocomplete,
    multiline,
    values,
    errors,
    lang,
  } = props;
  const error = errors[name];
  const value = typeof values[name] === "string" ? (values[name] as string) : "";
  const describedBy = [hint ? `${fieldId(name)}-aide` : "", error ? errorId(name) : ""]
    .filter(Boolean)
    .join(" ");
  const common = {
    id: fieldId(name),
    name,
    required,
    "aria-invalid": error ? "true" : undefined,
    "aria-describedby": describedBy || undefined,
  };
  return (
    <div class="field">
      <label for={fieldId(name)}>
        {label}
        {required ? " *" : ` ${t(lang, ui.optional)}`}
        {hint ? (
          <span class="hint" id={`${fieldId(name)}-aide`}>
            {hint}
          </span>
        ) : null}
      </label>
      {error ? (
        <span class="error" id={errorId(name)}>
          {error}
        </span>
      ) : null}
      {multiline ? (
        <textarea {...common}>{value}</textarea>
      ) : (
        <input {...common} type={type} value={value} autocomplete={autocomplete} />
      )}
    </div>
  );
}

type Option = { value: string; label: string };

export function ChoiceGroup(props: {
  name: string;
  legend: string;
  hint?: string;
  type: "checkbox" | "radio";
  options: Option[];
  values: FormValues;
  errors: FieldErrors;
  required?: boolean;
}) {
  const { name, legend, hint, type, options, values, errors, required } = props;
  const error = errors[name];
  const selected = ([] as string[]).concat(values[name] ?? []);
  return (
    <fieldset
      id={fieldId(name)}
      aria-invalid={error ? "true" : undefined}
      aria-describedby={error ? errorId(name) : hint ? `${fieldId(name)}-aide` : undefined}
      tabindex={-1}
    >
      <legend>
        {legend}
        {required ? " *" : ""}
        {hint ? (
          <span class="hint" id={`${fieldId(name)}-aide`}>
            {hint}
          </span>
        ) : null}
      </legend>
      {error ? (
        <span class="error" id={errorId(name)}>
          {error}
        </span>
      ) : null}
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
            />
            <label for={id}>{option.label}</label>
          </div>
        );
      })}
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
