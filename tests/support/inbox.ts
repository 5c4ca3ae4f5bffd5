import { backlogSize } from "#core/email/outbox";

/**
 * Resolves once this file's outbox is empty: every email queued so far has reached SES (or was
 * refused for good). Emails leave through the outbox's sender, a moment after the action.
 */
export async function outboxDrained(timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await backlogSize(1)) > 0) {
    if (Date.now() > deadline)
      throw new Error(`The outbox still holds emails after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads what the SES v2 local server received: the email is really found in its store. */
export type StoredEmail = {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  replyTo?: string[];
  subject: string;
  body: { html?: string; text?: string };
  attachments?: { filename?: string; content: string; contentType?: string }[];
  at: number;
};

/**
 * When this file began (epoch seconds, as the server stamps each email's `at`, a second early):
 * its addresses are its own, so nothing before is asked for. The whole store of a run ends in
 * the thousands of emails, and its reply was read and parsed at each look.
 */
const fileStartedAt = Math.floor(Date.now() / 1000) - 1;

export async function emailsTo(address: string): Promise<StoredEmail[]> {
  await outboxDrained();
  const response = await fetch(
    `${process.env.AWS_ENDPOINT_URL_SESV2}/store?since=${fileStartedAt}`,
  );
  const store = (await response.json()) as { emails: StoredEmail[] };
  const wanted = address.toLowerCase();
  return store.emails.filter(
    (email) =>
      email.destination.to.some((to) => to.toLowerCase() === wanted) ||
      email.destination.cc.some((cc) => cc.toLowerCase() === wanted),
  );
}

export const uniqueEmail = (prefix = "agent") =>
  `${prefix}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@finances.gouv.fr`;
