import * as v from "valibot";
import { requestKey } from "../admin/request-key";
import { outboxItem } from "../email/outbox";
import { linkLabel, meetingOfStep, nudge } from "../email/pair-messages";
import { teamReminder } from "../email/team-messages";
import { shortText } from "../fields";
import type { LinkPurpose, LinkRecipient } from "../links";
import type { Pair } from "./model";
import { pairEmailDedupeKey, sendToRole } from "./notify";
import { loadPeople, type PairPeople } from "./people";
import { isRunning } from "./rules";
import { awaitedRoles, link, toMentee, toMentor } from "./steps";
import { getPair, getWait, historyLine, type WaitRecord } from "./store";

/**
 * The programme team reminds a pair by hand: the waiting link sent again to whoever the pair
 * waits on, or a reminder the team writes itself to one participant. Both go through the outbox,
 * each email in one transaction with its line in the pair's history, keyed by the team's click:
 * the same click posted twice sends nothing more.
 */

export const ResendSchema = v.strictObject({ requestKey });

export const ReminderSchema = v.strictObject({
  role: v.picklist(["mentor", "mentee"], "Choisissez à qui écrire."),
  message: shortText("Écrivez votre message.", 2000),
  requestKey,
});

export type ReminderInput = v.InferOutput<typeof ReminderSchema>;

export type ReminderOutcome =
  | { ok: true; sent: "queued" | "already-queued"; to: LinkRecipient[] }
  | { ok: false; status: 404 | 409; message: string };

/** What a pair waits on from a person now: the step, the link's purpose and who must answer. */
export type PersonWait = { step: string; purpose: LinkPurpose; roles: LinkRecipient[] };

/** Pure: the wait a person can be reminded of (a meeting's timer waits on nobody). */
export function personWaitOf(
  pair: Pick<Pair, "status" | "waitingOn">,
  wait: WaitRecord | undefined,
): PersonWait | undefined {
  if (!isRunning(pair) || !pair.waitingOn || !wait || wait.resolvedAt) return undefined;
  if (wait.purpose === "session-time" || wait.step !== pair.waitingOn.step) return undefined;
  const roles = awaitedRoles(wait.purpose, wait.answeredBy ?? []);
  return roles.length
    ? { step: wait.step, purpose: wait.purpose as LinkPurpose, roles }
    : undefined;
}

export async function loadPersonWait(pair: Pair): Promise<PersonWait | undefined> {
  return personWaitOf(pair, await getWait(pair.id));
}

const unknownPair = { ok: false, status: 404, message: "Ce binôme n'existe pas." } as const;
const ended = {
  ok: false,
  status: 409,
  message: "Ce binôme est terminé ou annulé : il n'y a plus personne à relancer.",
} as const;

const toRole = (people: PairPeople, role: LinkRecipient) =>
  role === "mentor" ? toMentor(people) : toMentee(people);

/** Sends the link the pair waits on, anew, to each person it waits on. */
export async function resendWaitingLink(pairId: string, key: string): Promise<ReminderOutcome> {
  const pair = await getPair(pairId);
  if (!pair) return unknownPair;
  if (!isRunning(pair)) return ended;
  const wait = await loadPersonWait(pair);
  if (!wait) {
    return {
      ok: false,
      status: 409,
      message: "Le binôme n'attend la réponse de personne pour l'instant : aucun lien à renvoyer.",
    };
  }
  const people = await loadPeople(pair);
  const results: ("queued" | "already-queued")[] = [];
  for (const role of wait.roles) {
    // Posted again: nothing new, not even a link.
    if (await alreadyQueued(pair, `team#resend#${key}`, role)) {
      results.push("already-queued");
      continue;
    }
    results.push(
      await sendToRole({
        pair,
        people,
        role,
        purpose: `team#resend#${key}`,
        message: nudge({
          ...toRole(people, role),
          waitingFor: wait.purpose,
          link: await link(pairId, wait.step, wait.purpose, role),
          meeting: meetingOfStep(wait.step),
        }),
        alongside: [
          {
            Put: historyLine(
              pairId,
              "team",
              "team.link-resent",
              { step: wait.step, to: role },
              `team.link-resent.${key}.${role}`,
            ),
          },
        ],
      }),
    );
  }
  return { ok: true, sent: summary(results), to: wait.roles };
}

/** A reminder the team wrote, to one participant, with their waiting link when there is one. */
export async function sendTeamReminder(
  pairId: string,
  input: ReminderInput,
): Promise<ReminderOutcome> {
  const pair = await getPair(pairId);
  if (!pair) return unknownPair;
  if (!isRunning(pair)) return ended;
  const purpose = `team#reminder#${input.requestKey}`;
  if (await alreadyQueued(pair, purpose, input.role)) {
    return { ok: true, sent: "already-queued", to: [input.role] };
  }
  const [people, wait] = await Promise.all([loadPeople(pair), loadPersonWait(pair)]);
  const awaited = wait?.roles.includes(input.role) ? wait : undefined;
  const recipient = toRole(people, input.role);
  const sent = await sendToRole({
    pair,
    people,
    role: input.role,
    purpose,
    message: teamReminder({
      recipientFirstName: recipient.recipientFirstName,
      otherFirstName: recipient.otherFirstName,
      text: input.message,
      link: awaited
        ? {
            url: await link(pairId, awaited.step, awaited.purpose, input.role),
            label: linkLabel[awaited.purpose],
          }
        : undefined,
    }),
    alongside: [
      {
        // The team's words stay in the email: the history says a reminder left, not what it said.
        Put: historyLine(
          pairId,
          "team",
          "team.reminder-sent",
          { to: input.role },
          `team.reminder-sent.${input.requestKey}`,
        ),
      },
    ],
  });
  return { ok: true, sent, to: [input.role] };
}

const alreadyQueued = async (pair: Pair, purpose: string, role: LinkRecipient) =>
  (await outboxItem(pairEmailDedupeKey(pair.id, purpose, role))) !== undefined;

const summary = (results: ("queued" | "already-queued")[]) =>
  results.includes("queued") ? "queued" : "already-queued";
