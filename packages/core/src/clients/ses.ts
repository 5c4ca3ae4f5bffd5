import { SESv2Client, type SendEmailCommandInput } from "@aws-sdk/client-sesv2";
import { env } from "../env";
import { traced } from "../observability";
import { requestTimeouts } from "./timeouts";
import { watch } from "./watch";

/**
 * The SDK reads the endpoint itself from `AWS_ENDPOINT_URL_SESV2` (locally); unset on AWS. Traced
 * here, when first loaded (functions/bootstrap/tracing.ts traces only what every function loads).
 */
export const ses = traced(
  watch(
    new SESv2Client({ region: env.region, requestHandler: requestTimeouts }),
    "email",
    // Callers of SES read its own error names (throttling, rejection): only watched, not converted.
    { convert: false },
  ),
);

/** A header's text on one line: a line break (or any control character) becomes a space. */
export const oneLine = (text: string) => text.replace(/\p{Cc}+/gu, " ");

/**
 * What becomes an email header (the subject, attachment file names) is put on one line, whatever
 * a name or a title holds: the forms refuse line breaks in names, and this holds even for a
 * record stored before they did, or text that never went through a form.
 */
export function withOneLineHeaders(input: SendEmailCommandInput): SendEmailCommandInput {
  const simple = input.Content?.Simple;
  if (!simple) return input;
  return {
    ...input,
    Content: {
      ...input.Content,
      Simple: {
        ...simple,
        Subject: simple.Subject?.Data
          ? { ...simple.Subject, Data: oneLine(simple.Subject.Data) }
          : simple.Subject,
        Attachments: simple.Attachments?.map((attachment) =>
          attachment.FileName
            ? { ...attachment, FileName: oneLine(attachment.FileName) }
            : attachment,
        ),
      },
    },
  };
}

ses.middlewareStack.add(
  (next, context) => async (args) =>
    context.commandName === "SendEmailCommand"
      ? next({ ...args, input: withOneLineHeaders(args.input as SendEmailCommandInput) })
      : next(args),
  { step: "initialize", name: "oneLineHeaders" },
);
