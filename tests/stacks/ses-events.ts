/**
 * SES events as EventBridge delivers them for a configuration set with an EventBridge destination
 * (detail-types "Email Bounced" and "Email Complaint Received"), trimmed to realistic fields.
 */
const mail = (recipient: string) => ({
  timestamp: "2026-03-02T09:00:00.000Z",
  source: "mentorat-inverse@binome.example.gouv.fr",
  messageId: "0102018e-0000-0000-0000-000000000000-000000",
  destination: [recipient],
  tags: { "ses:configuration-set": ["binome-configuration-set"] },
});

export function sesBounceEvent(recipient: string, feedbackId: string, bounceType = "Permanent") {
  return {
    version: "0",
    id: `event-${feedbackId}`,
    "detail-type": "Email Bounced",
    source: "aws.ses",
    account: "123456789012",
    time: "2026-03-02T09:00:05Z",
    region: "eu-west-3",
    resources: ["arn:aws:ses:eu-west-3:123456789012:configuration-set/binome-configuration-set"],
    detail: {
      eventType: "Bounce",
      bounce: {
        feedbackId,
        bounceType,
        bounceSubType: bounceType === "Permanent" ? "General" : "MailboxFull",
        bouncedRecipients: [
          {
            emailAddress: recipient,
            action: "failed",
            status: "5.1.1",
            diagnosticCode: "smtp; 550 5.1.1 user unknown",
          },
        ],
        timestamp: "2026-03-02T09:00:04.000Z",
        reportingMTA: "dns; mx.example.gouv.fr",
      },
      mail: mail(recipient),
    },
  };
}

export function sesComplaintEvent(recipient: string, feedbackId: string) {
  return {
    version: "0",
    id: `event-${feedbackId}`,
    "detail-type": "Email Complaint Received",
    source: "aws.ses",
    account: "123456789012",
    time: "2026-03-02T10:00:00Z",
    region: "eu-west-3",
    resources: ["arn:aws:ses:eu-west-3:123456789012:configuration-set/binome-configuration-set"],
    detail: {
      eventType: "Complaint",
      complaint: {
        feedbackId,
        complainedRecipients: [{ emailAddress: recipient }],
        complaintFeedbackType: "abuse",
        timestamp: "2026-03-02T09:59:00.000Z",
      },
      mail: mail(recipient),
    },
  };
}
