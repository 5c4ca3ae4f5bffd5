import * as v from "valibot";
import type { DeliveryProblem } from "#core/reachability";

/**
 * The part of SES's EventBridge events ("Email Bounced", "Email Complaint Received") that the
 * handler needs; anything else in the event is ignored. See the SES event publishing reference.
 */
const recipients = v.array(v.object({ emailAddress: v.string() }));

export const SesEventSchema = v.object({
  time: v.string(),
  detail: v.variant("eventType", [
    v.object({
      eventType: v.literal("Bounce"),
      bounce: v.object({
        feedbackId: v.string(),
        bounceType: v.string(),
        bouncedRecipients: recipients,
      }),
    }),
    v.object({
      eventType: v.literal("Complaint"),
      complaint: v.object({
        feedbackId: v.string(),
        complainedRecipients: recipients,
      }),
    }),
  ]),
});

export type SesEvent = v.InferOutput<typeof SesEventSchema>;

export function toDeliveryProblem(event: SesEvent): DeliveryProblem {
  const { detail } = event;
  if (detail.eventType === "Bounce") {
    return {
      feedbackId: detail.bounce.feedbackId,
      kind: "bounce",
      bounceType: detail.bounce.bounceType,
      recipients: detail.bounce.bouncedRecipients.map((recipient) => recipient.emailAddress),
      reportedAt: event.time,
    };
  }
  return {
    feedbackId: detail.complaint.feedbackId,
    kind: "complaint",
    recipients: detail.complaint.complainedRecipients.map((recipient) => recipient.emailAddress),
    reportedAt: event.time,
  };
}
