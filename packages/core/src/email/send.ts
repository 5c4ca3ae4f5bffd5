import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { conditionally, documents } from "../clients/dynamodb";
import { ses } from "../clients/ses";
import { clock } from "../clock";
import { env } from "../env";
import { keys } from "../keys";
import { logger, metrics } from "../observability";

export type Attachment = { fileName: string; contentType: string; content: string };

export type OutgoingEmail = {
  to: string[];
  cc?: string[];
  /** Where replies go (the other participant of a pair), instead of the sending address. */
  replyTo?: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: Attachment[];
};

export type SendResult = "sent" | "already-sent";

/**
 * Sends an email at most once for a purpose (`dedupeKey`, e.g. `ack#questionnaire#<id>`): the
 * purpose is claimed by a conditional write before SES is called, so a retried task or a redriven
 * execution finds the claim and sends nothing. When SES refuses, the claim is released so that a
 * retry can send it.
 */
export async function sendOnce(
  dedupeKey: string,
  email: OutgoingEmail,
  /** The claim's TTL (epoch seconds); a pair's claims get theirs when the pair ends. */
  options: { expiresAt?: number } = {},
): Promise<SendResult> {
  const claimKey = keys.emailSent(dedupeKey);
  const claimed = await conditionally(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...claimKey,
        kind: "email",
        dedupeKey,
        subject: email.subject,
        at: clock.now().toISOString(),
        expiresAt: options.expiresAt,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  if (!claimed) {
    logger.info("Email already sent for this purpose", { dedupeKey: redactKey(dedupeKey) });
    return "already-sent";
  }
  try {
    await ses.send(toSendEmailCommand(email));
  } catch (error) {
    await documents.send(new DeleteCommand({ TableName: env.tableName, Key: claimKey }));
    throw error;
  }
  metrics.addMetric("EmailsSent", MetricUnit.Count, 1);
  return "sent";
}

function toSendEmailCommand(email: OutgoingEmail) {
  return new SendEmailCommand({
    FromEmailAddress: env.senderAddress,
    Destination: { ToAddresses: email.to, CcAddresses: email.cc?.length ? email.cc : undefined },
    ReplyToAddresses: email.replyTo?.length ? email.replyTo : undefined,
    ConfigurationSetName: env.sesConfigurationSet,
    Content: {
      Simple: {
        Subject: { Data: email.subject, Charset: "UTF-8" },
        Body: {
          Text: { Data: email.text, Charset: "UTF-8" },
          Html: { Data: email.html, Charset: "UTF-8" },
        },
        Attachments: email.attachments?.map((attachment) => ({
          FileName: attachment.fileName,
          ContentType: attachment.contentType,
          RawContent: new TextEncoder().encode(attachment.content),
          ContentDisposition: "ATTACHMENT",
        })),
      },
    },
  });
}

/** Dedupe keys contain ids only, but keep just their kind in logs to be safe. */
const redactKey = (dedupeKey: string) => dedupeKey.split("#")[0];
