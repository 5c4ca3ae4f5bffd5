import { randomUUID } from "node:crypto";
import * as v from "valibot";

/**
 * The key of one click or one form of the programme team: a page draws a new one each time it
 * shows a form, and the action keys what it writes and sends on it, so that a form posted twice
 * (a double click, a reload, a retry after a timeout) acts once.
 */
export const newRequestKey = (): string => randomUUID();

const formExpired = "Ce formulaire n'est plus valable : rechargez la page et recommencez.";

export const requestKey = v.pipe(
  v.string(formExpired),
  v.regex(/^[A-Za-z0-9_-]{16,64}$/, formExpired),
);
