import { calendarContentType } from "../calendar";
import { clock } from "../clock";
import { type Bilingual, render } from "../email/layout";
import { type QueueOptions, queueEmail } from "../email/outbox";
import { programme } from "../programme";
import type { Pair } from "./model";
import { ownPageLink } from "./own-page-link";
import type { PairPeople } from "./people";
import { pairEmailItem } from "./store";

export type Role = "mentor" | "mentee" | "team";

/** The purpose under which the outbox queues a pair's email (the retention pass finds it so). */
export const pairEmailDedupeKey = (pairId: string, purpose: string, role: string) =>
  `pair#${pairId}#${purpose}#${role}`;

/** A link's id is the first part of its token (`…/lien/<linkId>.<signature>`, see links.ts). */
const linkIdPattern = /\/lien\/([A-Za-z0-9_-]{22})\./;

/** The ids of the links an email carries, in either language. */
export function linkIdsOf(message: Bilingual): string[] {
  const ids = [...message.fr, ...message.en].flatMap((paragraph) => {
    if (typeof paragraph === "string") return [];
    const id = linkIdPattern.exec(paragraph.link)?.[1];
    return id ? [id] : [];
  });
  return [...new Set(ids)];
}

/**
 * Queues one workflow email to one role of a pair in the outbox, at most once per `purpose` (the
 * dedupe key names the pair, the step, the attempt and the role: a retried or redriven task queues
 * nothing new). The step succeeds once the email is queued, so an SES outage delays the email
 * without failing the pair. It is logged under the pair for the programme team (subject, date,
 * roles, whether it left yet; no address) in the same transaction.
 */
export async function sendToRole(input: {
  pair: Pair;
  people?: PairPeople;
  role: Role;
  purpose: string;
  message: Bilingual;
  calendar?: { ics: string; method: "REQUEST" | "CANCEL" };
  /** The mentee's assistant is copied on what goes into the diary: introduction, invitations. */
  copyAssistant?: boolean;
  /** Writes queued with the email in its transaction (the history line of a team's action). */
  alongside?: QueueOptions["alongside"];
}): Promise<"queued" | "already-queued"> {
  const { pair, people, role } = input;
  const to =
    role === "team"
      ? programme.contactEmail
      : role === "mentor"
        ? people?.mentor.email
        : people?.mentee.email;
  if (!to) throw new Error(`No address for the ${role} of pair ${pair.id}`);
  const cc =
    role === "mentee" && input.copyAssistant && people?.mentee.assistantEmail
      ? [people.mentee.assistantEmail]
      : [];
  // Every email to a participant leads to their own page (not the team's alerts).
  const rendered = render(
    role === "team" ? input.message : { ...input.message, ownPage: ownPageLink(pair, role) },
  );
  const email = {
    to: [to],
    cc,
    // A participant's reply reaches the other participant; the team's reply to a participant's
    // request reaches that participant.
    replyTo: input.message.replyTo ? [input.message.replyTo] : undefined,
    ...rendered,
    attachments: input.calendar
      ? [
          {
            fileName: input.calendar.method === "CANCEL" ? "annulation.ics" : "invitation.ics",
            contentType: calendarContentType(input.calendar.method),
            content: input.calendar.ics,
          },
        ]
      : undefined,
  };
  const log = pairEmailItem(
    pair.id,
    {
      at: clock.now().toISOString(),
      subject: rendered.subject,
      to: cc.length ? [role, "assistant"] : [role],
      purpose: input.purpose,
    },
    linkIdsOf(input.message),
  );
  return queueEmail(pairEmailDedupeKey(pair.id, input.purpose, role), email, {
    log,
    alongside: input.alongside,
  });
}
