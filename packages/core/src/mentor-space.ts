import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { documents, getItem } from "./clients/dynamodb";
import { clock } from "./clock";
import { emailTo } from "./email/invitation";
import { outboxPut } from "./email/outbox";
import { env } from "./env";
import { keys } from "./keys";
import { getMentor, type MentorRecord } from "./mentor";
import { programme } from "./programme";
import { readAddressLink, sendAddressLink } from "./signed-links";
import { newTokenId, signToken, verifyToken } from "./signed-token";

/**
 * A mentor's own page, reached from a signed link in the emails Binôme sends them (a BarNum' to
 * staff, a network meeting, their page on request): their record of work and attestation, the
 * modules of their themes, the events they are asked to staff. No account, no password.
 */

const scope = "mentor.v1";
/** A mentor's link works for a season of the programme. */
const lifetimeMs = 180 * 24 * 60 * 60 * 1000;

export type MentorLink = { url: string; put: { TableName: string; Item: Record<string, unknown> } };

/**
 * A new link to the mentor's page, and the Put that stores its binding: written in the same
 * transaction as the email that carries it, so a link is never sent unstored.
 */
export function mentorLink(mentorId: string): MentorLink {
  const linkId = newTokenId();
  const validUntil = clock.now().getTime() + lifetimeMs;
  return {
    url: `${env.appUrl}/espace-mentor/${signToken(scope, linkId)}`,
    put: {
      TableName: env.tableName,
      Item: {
        ...keys.mentorLink(linkId),
        kind: "mentor-link",
        mentorId,
        validUntil: new Date(validUntil).toISOString(),
        expiresAt: Math.ceil(validUntil / 1000),
      },
    },
  };
}

export type MentorReading =
  | { ok: true; mentor: MentorRecord }
  | { ok: false; reason: "malformed" | "tampered" | "expired" };

/** The mentor a token opens the page of, if it is signed, known, in date and the mentor exists. */
export async function readMentorLink(token: string): Promise<MentorReading> {
  const verified = verifyToken(scope, token);
  if (!verified.ok) return verified;
  const item = await getItem<{ mentorId: string; validUntil: string }>(
    keys.mentorLink(verified.id),
  );
  if (!item || clock.now().getTime() >= Date.parse(item.validUntil)) {
    return { ok: false, reason: "expired" };
  }
  const mentor = await getMentor(item.mentorId);
  return mentor ? { ok: true, mentor } : { ok: false, reason: "expired" };
}

/**
 * Sends the mentor a link to their page (the team's button): the link and its email are one
 * transaction, at most one a day (a second click the same day sends nothing more).
 */
export async function sendMentorLink(
  mentorId: string,
): Promise<"queued" | "already-queued" | "not-found"> {
  const mentor = await getMentor(mentorId);
  if (!mentor) return "not-found";
  const link = mentorLink(mentorId);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(clock.now());
  const message = {
    subject: `${programme.name} : votre page de mentor`,
    fr: [
      `Bonjour ${mentor.answers.firstName},`,
      "Voici le lien de votre page de mentor : les BarNum' et les rencontres du réseau qui vous sont proposés, ce que vous avez fait et votre attestation, les trames de vos thèmes. Gardez ce message : le lien reste valable six mois.",
      { link: link.url, label: "Ma page de mentor" },
    ],
    en: [
      `Hello ${mentor.answers.firstName},`,
      "Here is the link to your mentor page: the BarNum' and network meetings proposed to you, what you did and your attestation, the modules of your themes. Keep this message: the link works for six months.",
      { link: `${link.url}?lang=en`, label: "My mentor page" },
    ],
  };
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: link.put },
          {
            Put: outboxPut(
              `mentor-space#${mentorId}#${today}`,
              emailTo(mentor.answers.email, message),
            ),
          },
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) return "already-queued";
    throw error;
  }
  return "queued";
}

// ---------------------------------------------------------------------------------------------
// A lost link, asked for again at /espace-mentor with the mentor's address
// ---------------------------------------------------------------------------------------------

const accessLifetimeMs = 7 * 24 * 60 * 60 * 1000;
const accessThrottleMs = 10 * 60 * 1000;

/**
 * Sends the address a link that opens the page of the mentor it belongs to, as /mon-binome does
 * for participants: the same work whether the address is a mentor's or not (nothing is looked up
 * until the link is opened), one link at most every ten minutes per address.
 */
export async function sendMentorAccess(email: string, lang: "fr" | "en"): Promise<void> {
  await sendAddressLink(
    {
      kind: "mentor-access",
      path: "/espace-mentor/acces",
      lifetimeMs: accessLifetimeMs,
      throttleMs: accessThrottleMs,
      message: (url) => {
        const link = lang === "en" ? `${url}?lang=en` : url;
        return {
          subject: `${programme.name} : votre page de mentor`,
          fr: [
            "Bonjour,",
            "Vous avez demandé le lien de votre page de mentor : le voici, valable sept jours. Il ouvre votre page (les BarNum' et les rencontres du réseau, ce que vous avez fait, votre attestation).",
            { link, label: "Ouvrir ma page de mentor" },
            "Vous n'avez rien demandé ? Ignorez ce message : rien ne change.",
          ],
          en: [
            "Hello,",
            "You asked for the link to your mentor page: here it is, valid for seven days. It opens your page (BarNum' and network meetings, what you did, your attestation).",
            { link, label: "Open my mentor page" },
            "You did not ask? Ignore this message: nothing changes.",
          ],
        };
      },
    },
    email,
  );
}

/**
 * The address an access link was sent to, if it is signed, known and in date (the caller finds
 * the mentor of that address, and gives them a fresh link to their page).
 */
export const readMentorAccess = (token: string) => readAddressLink("mentor-access", token);
