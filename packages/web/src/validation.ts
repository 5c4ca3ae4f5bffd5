import * as v from "valibot";

/**
 * Valibot issues as a map from field path (`comfort.social-networks`) to the first French message.
 * An unknown field (strict objects) is named and refused rather than silently dropped.
 */
export function issuesByField(
  schema: v.GenericSchema,
  issues: readonly v.BaseIssue<unknown>[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const name = v.getDotPath(issue) || "body";
    errors[name] ??= messageFor(schema, issue);
  }
  return errors;
}

/**
 * The same for a JSON body, which may not be an object at all: `null`, a number, a string or a
 * list gets one message in French (valibot's own is English, and a list would otherwise be told
 * that its every field is missing).
 */
export function jsonIssuesByField(
  schema: v.GenericSchema,
  issues: readonly v.BaseIssue<unknown>[],
  body: unknown,
): Record<string, string> {
  const expectsObject = "entries" in schema;
  if (expectsObject && (typeof body !== "object" || body === null || Array.isArray(body))) {
    return { body: notAnObject };
  }
  return issuesByField(schema, issues);
}

const notAnObject = "Le corps de la requête doit être un objet JSON (entre accolades).";

function messageFor(schema: v.GenericSchema, issue: v.BaseIssue<unknown>): string {
  const isObjectIssue = issue.type === "strict_object" || issue.type === "object";
  if (isObjectIssue && issue.expected === "never") return "Ce champ n'est pas attendu.";
  if (isObjectIssue && issue.received === "undefined" && issue.path?.length) {
    // A missing key: the field's own schema knows what to tell the person.
    const field = fieldSchema(
      schema,
      issue.path.map((item) => String(item.key)),
    );
    const missing = field ? v.safeParse(field, undefined) : undefined;
    if (missing && !missing.success && missing.issues[0]) return missing.issues[0].message;
    return "Ce champ est obligatoire.";
  }
  return issue.message;
}

function fieldSchema(schema: v.GenericSchema, path: string[]): v.GenericSchema | undefined {
  let current: unknown = schema;
  for (const key of path) {
    const entries = (current as { entries?: Record<string, v.GenericSchema> }).entries;
    current = entries?.[key];
    if (!current) return undefined;
  }
  return current as v.GenericSchema;
}
