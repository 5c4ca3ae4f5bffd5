import { GetAccountCommand } from "@aws-sdk/client-sesv2";
import { ListStateMachinesCommand } from "@aws-sdk/client-sfn";
import { Hono } from "hono";
import { csrf } from "hono/csrf";
import { ses } from "#core/clients/ses";
import { stepFunctions } from "#core/clients/sfn";
import { clock } from "#core/clock";
import { type HealthCheck, tableCheck } from "#core/health";
import { app, healthAnswer, requireJson } from "../api/app";
import { problem } from "../api/problem";
import { advanceLocalClock, parseDuration } from "./engine";

/** Locally `/health` also asks the email stand-in and the workflow engine. */
const localChecks: HealthCheck[] = [
  tableCheck,
  { part: "email", probe: () => ses.send(new GetAccountCommand({})) },
  // The Step Functions service, asked through the SDK as the app asks it.
  { part: "workflow", probe: () => stepFunctions.send(new ListStateMachinesCommand({})) },
];

/**
 * The deployed app plus what exists only on this machine. Nothing here is reachable on AWS:
 * the Lambda handler imports `../api/app`, never this file.
 *
 * `POST /api/dev/clock` with `{"advance":"P30D"}` (an ISO 8601 duration; months and years are
 * calendar ones) moves the local clock and the local Step Functions service's clock forward
 * together: waits that end in between fire in order.
 * `GET /health` also checks the email stand-in and the workflow engine.
 */
export const localApp = new Hono()
  .get("/health", (c) => healthAnswer(c, localChecks))
  // JSON only and same origin: a page elsewhere cannot move this machine's clock with a form.
  .use("/api/dev/*", requireJson, csrf())
  .post("/api/dev/clock", async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { advance?: unknown } | undefined;
    const duration = typeof body?.advance === "string" ? body.advance : undefined;
    const ms = duration ? parseDuration(duration, clock.now()) : undefined;
    if (!duration || ms === undefined) {
      return problem(c, 400, 'Indiquez une durée ISO 8601, par exemple {"advance":"P30D"}.');
    }
    if (process.env.AWS_ENDPOINT_URL_SFN) await advanceLocalClock(duration);
    else clock.advanceBy(ms);
    return c.json({ now: clock.now().toISOString() });
  })
  .route("/", app);
