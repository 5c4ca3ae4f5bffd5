import { Hono } from "hono";
import { clock } from "#core/clock";
import { app } from "../api/app";
import { problem } from "../api/problem";
import { parseDuration, runningLocalEngine } from "./engine";

/**
 * The deployed app plus what exists only on this machine. Nothing here is reachable on AWS:
 * the Lambda handler imports `../api/app`, never this file.
 *
 * `POST /api/dev/clock` with `{"advance":"P30D"}` (an ISO 8601 duration) moves the local clock and
 * the local engine's clock forward together: waits that end in between fire in order.
 */
export const localApp = new Hono()
  .post("/api/dev/clock", async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { advance?: unknown } | undefined;
    const ms = typeof body?.advance === "string" ? parseDuration(body.advance) : undefined;
    if (ms === undefined) {
      return problem(c, 400, 'Indiquez une durée ISO 8601, par exemple {"advance":"P30D"}.');
    }
    const engine = runningLocalEngine();
    if (engine) await engine.advance(ms);
    else clock.advanceBy(ms);
    return c.json({ now: clock.now().toISOString() });
  })
  .route("/", app);
