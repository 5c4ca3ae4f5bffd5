import type { Context } from "hono";
import type { JSX } from "hono/jsx/jsx-runtime";
import { isUnavailability, retryAfterSeconds, writtenSoFar } from "#core/dependency";
import type { WriteOutcome } from "#web/pages/problems";

/**
 * Stores a form; when a service is away (503), shows the person's form again, filled in with
 * what they typed, under a notice saying whether it was stored: nothing they wrote is lost.
 * Every HTML form that stores something answers an outage this way (see README, "How a form is
 * handled").
 */
export async function storeOrShowAgain(
  c: Context,
  store: () => Promise<Response>,
  showAgain: (unavailable: WriteOutcome) => JSX.Element,
) {
  try {
    return await store();
  } catch (error) {
    if (!isUnavailability(error)) throw error;
    c.header("Retry-After", String(retryAfterSeconds));
    return c.html(showAgain(writtenSoFar()), 503);
  }
}
