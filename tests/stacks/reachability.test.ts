import { randomBytes } from "node:crypto";
import type { Context } from "aws-lambda";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { isUnreachable, makesUnreachable, recordDeliveryProblem } from "#core/reachability";
import { SesEventSchema, toDeliveryProblem } from "../../functions/ses-events/event";
import { handler } from "../../functions/ses-events/handler";
import { emailsTo, uniqueEmail } from "../support/inbox";
import { sesBounceEvent, sesComplaintEvent } from "./ses-events";

/**
 * SES bounce and complaint reports, handled in process against DynamoDB Local and the SES local
 * server (the programme team's address is PROGRAMME_CONTACT's default, read once by programme.ts,
 * so each test tells its alerts apart by the bounced address).
 */
const feedbackId = () => `feedback-${randomBytes(6).toString("hex")}`;
const context = { functionName: "ses-events", awsRequestId: "test" } as Context;
const teamAlertsAbout = async (address: string) =>
  (await emailsTo("mentorat-inverse@example.gouv.fr")).filter((email) =>
    email.body.text?.includes(address.toLowerCase()),
  );

describe("which reports make an address unreachable", () => {
  it("treats a hard bounce and a complaint as unreachable, and a soft bounce as a passing problem", () => {
    expect(makesUnreachable({ kind: "bounce", bounceType: "Permanent" })).toBe(true);
    expect(makesUnreachable({ kind: "complaint" })).toBe(true);
    expect(makesUnreachable({ kind: "bounce", bounceType: "Transient" })).toBe(false);
    expect(makesUnreachable({ kind: "bounce", bounceType: "Undetermined" })).toBe(false);
  });

  it("reads the recipients, the report id and the bounce type from SES's EventBridge events", () => {
    const address = uniqueEmail("lecture");
    const id = feedbackId();
    expect(toDeliveryProblem(v.parse(SesEventSchema, sesBounceEvent(address, id)))).toEqual({
      feedbackId: id,
      kind: "bounce",
      bounceType: "Permanent",
      recipients: [address],
      reportedAt: "2026-03-02T09:00:05Z",
    });
    expect(
      toDeliveryProblem(v.parse(SesEventSchema, sesComplaintEvent(address, id))),
    ).toMatchObject({ kind: "complaint", recipients: [address] });
  });
});

describe("the SES events handler", () => {
  it("marks a hard-bounced address unreachable and sends the programme team one alert in French then English", async () => {
    const address = uniqueEmail("Rebond");
    const event = sesBounceEvent(address, feedbackId());
    await handler(event, context);
    await handler(event, context);
    expect(await isUnreachable(address)).toBe(true);
    const alerts = await teamAlertsAbout(address);
    expect(alerts).toHaveLength(1);
    const text = alerts[0]?.body.text ?? "";
    expect(text.indexOf("n'a pas pu être remis")).toBeGreaterThan(-1);
    expect(text.indexOf("could not be delivered")).toBeGreaterThan(
      text.indexOf("n'a pas pu être remis"),
    );
    // The address is in the body only: the subject is kept with the "sent" claim.
    expect(alerts[0]?.subject).not.toContain(address.toLowerCase());
  });

  it("marks an address whose owner complained unreachable and alerts the team", async () => {
    const address = uniqueEmail("plainte");
    await handler(sesComplaintEvent(address, feedbackId()), context);
    expect(await isUnreachable(address)).toBe(true);
    const [alert] = await teamAlertsAbout(address);
    expect(alert?.body.text).toContain("comme indésirable");
  });

  it("leaves an address reachable after a soft bounce and alerts nobody", async () => {
    const address = uniqueEmail("boite-pleine");
    await handler(sesBounceEvent(address, feedbackId(), "Transient"), context);
    expect(await isUnreachable(address)).toBe(false);
    expect(await teamAlertsAbout(address)).toHaveLength(0);
  });

  it("never alerts the programme team about its own address, which would loop", async () => {
    const outcome = await recordDeliveryProblem({
      feedbackId: feedbackId(),
      kind: "bounce",
      bounceType: "Permanent",
      recipients: ["Mentorat-Inverse@example.gouv.fr"],
      reportedAt: "2026-03-02T09:00:05Z",
    });
    expect(outcome).toEqual({
      unreachable: ["mentorat-inverse@example.gouv.fr"],
      teamAlerted: false,
    });
  });

  it("refuses an event that is not a bounce or a complaint, so EventBridge retries and then keeps it aside", async () => {
    await expect(handler({ detail: { eventType: "Delivery" } }, context)).rejects.toThrow(
      "Unreadable SES event",
    );
  });
});
