import type { SendEmailCommandInput } from "@aws-sdk/client-sesv2";
import { env } from "../env";

export type Attachment = {
  fileName: string;
  contentType: string;
  content: string;
  /** A binary file (a PDF) travels through the outbox as base64; text files as they are. */
  encoding?: "base64";
};

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

/** How long one call to SES may take before it counts as failed (a hung connection included). */
const sesCallTimeoutMs = 10_000;

/**
 * Hands one email to SES. Only the outbox's sender calls this (see outbox.ts): everything else
 * queues its emails, so that an SES outage delays them instead of losing them.
 */
export async function sendNow(email: OutgoingEmail): Promise<string | undefined> {
  // Loaded on first use: a function that only queues emails (the web function) never loads SES.
  const [{ ses }, { SendEmailCommand }] = await Promise.all([
    import("../clients/ses"),
    import("@aws-sdk/client-sesv2"),
  ]);
  const result = await ses.send(new SendEmailCommand(toSendEmailInput(email)), {
    abortSignal: AbortSignal.timeout(sesCallTimeoutMs),
  });
  return result.MessageId;
}

/**
 * Whether SES refused this message for good (malformed, rejected): sending it again cannot
 * succeed. Anything else (unreachable, throttled, 5xx, timeout) is worth another try.
 */
export function isPermanentRefusal(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (name === "MessageRejected" || name === "BadRequestException") return true;
  const status = $metadata?.httpStatusCode;
  return status === 400 && name !== "ThrottlingException" && name !== "TooManyRequestsException";
}

function toSendEmailInput(email: OutgoingEmail): SendEmailCommandInput {
  return {
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
          RawContent:
            attachment.encoding === "base64"
              ? Buffer.from(attachment.content, "base64")
              : new TextEncoder().encode(attachment.content),
          ContentDisposition: "ATTACHMENT",
        })),
      },
    },
  };
}
