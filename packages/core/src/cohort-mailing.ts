import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { requestKey } from "./admin/request-key";
import { conditionally, getItem } from "./clients/dynamodb";
import { clock } from "./clock";
import { render } from "./email/layout";
import { queueEmail } from "./email/outbox";
import { cohortMessage } from "./email/team-messages";
import { env } from "./env";
import { shortText } from "./fields";
import { keys } from "./keys";
import { runInBackground } from "./matching/background";
import { listMentors } from "./mentor";
import type { Pair } from "./pair/model";
import { pairEmailDedupeKey } from "./pair/notify";
import { isRunning } from "./pair/rules";
import { awaitedRoles } from "./pair/steps";
import { getWait, historyLine, listPairs, pairEmailItem } from "./pair/store";
import { listQuestionnaires } from "./questionnaire";

/**
 * The programme team writes to a cohort: everyone in its running pairs, the managers, the
 * mentors, or those the pairs wait on. One email per person (a mentor of two pairs gets one),
 * each queued in the outbox in one transaction with its log line and history line on each of the
 * person's pairs and the mailing's progress count. The mailing is keyed by the team's form, so
 * posting it twice sends once; queueing the emails runs again from the start after a crash and
 * skips those already queued (their transaction fails on the outbox item's condition).
 */

export const audiences = ["all", "mentees", "mentors", "waiting"] as const;
export type Audience = (typeof audiences)[number];

export const AudienceSchema = v.picklist(audiences, "Choisissez à qui écrire.");

export const PreviewSchema = v.strictObject({ audience: AudienceSchema });

export const MailingSchema = v.strictObject({
  audience: AudienceSchema,
  subject: shortText("Indiquez l'objet du courriel.", 150),
  text: shortText("Écrivez le texte du courriel.", 5000),
  requestKey,
});

export type MailingInput = v.InferOutput<typeof MailingSchema>;

export type Recipient = {
  role: "mentor" | "mentee";
  personId: string;
  /** The person's running pairs in the cohort: the email is logged on each. */
  pairIds: string[];
};

/** Pure: who an audience reaches among running pairs, once per person. */
export function recipientsOf(
  pairs: Pair[],
  audience: Audience,
  /** For "waiting": the roles each pair waits on now. */
  awaited: Map<string, ("mentor" | "mentee")[]> = new Map(),
): Recipient[] {
  const byPerson = new Map<string, Recipient>();
  const add = (role: Recipient["role"], personId: string, pairId: string) => {
    const key = `${role}#${personId}`;
    const recipient = byPerson.get(key) ?? { role, personId, pairIds: [] };
    if (!recipient.pairIds.includes(pairId)) recipient.pairIds.push(pairId);
    byPerson.set(key, recipient);
  };
  for (const pair of pairs.filter(isRunning)) {
    const roles =
      audience === "all"
        ? (["mentee", "mentor"] as const)
        : audience === "mentees"
          ? (["mentee"] as const)
          : audience === "mentors"
            ? (["mentor"] as const)
            : (awaited.get(pair.id) ?? []);
    for (const role of roles) add(role, role === "mentor" ? pair.mentorId : pair.menteeId, pair.id);
  }
  return [...byPerson.values()];
}

/** The roles each running pair waits on now (a meeting's timer waits on nobody). */
async function awaitedByPair(pairs: Pair[]) {
  const awaited = new Map<string, ("mentor" | "mentee")[]>();
  for (const pair of pairs.filter((one) => isRunning(one) && one.waitingOn)) {
    const wait = await getWait(pair.id);
    if (!wait || wait.resolvedAt || wait.purpose === "session-time") continue;
    awaited.set(pair.id, awaitedRoles(wait.purpose, wait.answeredBy ?? []));
  }
  return awaited;
}

export async function loadRecipients(cohortId: string, audience: Audience) {
  const pairs = await listPairs({ cohortId });
  const awaited = audience === "waiting" ? await awaitedByPair(pairs) : undefined;
  return recipientsOf(pairs, audience, awaited);
}

export type Mailing = {
  cohortId: string;
  requestKey: string;
  audience: Audience;
  subject: string;
  total: number;
  queued: number;
  status: "queueing" | "queued";
  createdAt: string;
  /** When it was recorded, in real time (the programme's clock may be advanced locally). */
  recordedAtMs: number;
  /** Set while a run queues the emails; a run silent for long is taken over by the next. */
  runningSince?: number;
};

export async function getMailing(cohortId: string, key: string): Promise<Mailing | undefined> {
  const item = await getItem<Mailing & { text?: string }>(keys.cohortMailing(cohortId, key));
  if (!item) return undefined;
  const { text: _text, ...mailing } = item;
  return mailing;
}

/** Still queueing, but no run has reported for a while: it died, and may be resumed. */
export const isStalled = (mailing: Mailing, now = Date.now()) =>
  mailing.status === "queueing" &&
  now - (mailing.runningSince ?? mailing.recordedAtMs) > staleRunMs;

/** Mailings up to this size are queued before the page answers; larger ones in the background. */
export const inlineLimit = 50;
const staleRunMs = 5 * 60_000;

/**
 * Records the mailing (once per form) and queues its emails. `created: false` when this form was
 * posted already: nothing more is sent.
 */
export async function sendMailing(
  cohortId: string,
  input: MailingInput,
): Promise<{ mailing: Mailing; created: boolean }> {
  const recipients = await loadRecipients(cohortId, input.audience);
  const mailing: Mailing = {
    cohortId,
    requestKey: input.requestKey,
    audience: input.audience,
    subject: input.subject,
    total: recipients.length,
    queued: 0,
    status: recipients.length === 0 ? "queued" : "queueing",
    createdAt: clock.now().toISOString(),
    recordedAtMs: Date.now(),
  };
  const created = await conditionally(
    new PutCommand({
      TableName: env.tableName,
      // The text stays with the mailing while it is queued (a resumed run needs it).
      Item: {
        ...keys.cohortMailing(cohortId, input.requestKey),
        kind: "cohort-mailing",
        ...mailing,
        text: input.text,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  if (!created) {
    const existing = (await getMailing(cohortId, input.requestKey)) ?? mailing;
    if (existing.status !== "queued") await resumeMailing(cohortId, input.requestKey);
    return { mailing: (await getMailing(cohortId, input.requestKey)) ?? existing, created: false };
  }
  if (recipients.length > inlineLimit) {
    runInBackground("queue a cohort mailing", () =>
      queueMailing(cohortId, input.requestKey, recipients),
    );
  } else {
    await queueMailing(cohortId, input.requestKey, recipients);
  }
  return { mailing: (await getMailing(cohortId, input.requestKey)) ?? mailing, created: true };
}

/** Queues the rest of a mailing a run left unfinished (its recipients are read again). */
export async function resumeMailing(cohortId: string, key: string): Promise<void> {
  const item = await getItem<Mailing>(keys.cohortMailing(cohortId, key));
  if (!item || item.status === "queued") return;
  const recipients = await loadRecipients(cohortId, item.audience);
  runInBackground("resume a cohort mailing", () => queueMailing(cohortId, key, recipients));
}

/** Queues one email per recipient, a few at a time; safe to run again. */
async function queueMailing(cohortId: string, key: string, recipients: Recipient[]) {
  const mailingKey = keys.cohortMailing(cohortId, key);
  const now = Date.now();
  const taken = await conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: mailingKey,
      UpdateExpression: "SET runningSince = :now",
      ConditionExpression:
        "#status = :queueing AND (attribute_not_exists(runningSince) OR runningSince < :stale)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":now": now,
        ":stale": now - staleRunMs,
        ":queueing": "queueing",
      },
    }),
  );
  if (!taken) return;
  const mailing = await getItem<Mailing & { text: string }>(mailingKey);
  if (!mailing) return;
  const [questionnaires, mentors] = await Promise.all([
    listQuestionnaires(cohortId),
    listMentors(cohortId),
  ]);
  const people = new Map<string, { firstName: string; email: string }>();
  for (const record of [...questionnaires, ...mentors]) people.set(record.id, record.answers);
  const purpose = `cohort-mail#${key}`;
  let next = 0;
  const lane = async () => {
    while (next < recipients.length) {
      const recipient = recipients[next++] as Recipient;
      const person = people.get(recipient.personId);
      if (!person) continue;
      const rendered = render(
        cohortMessage({
          recipientFirstName: person.firstName,
          subject: mailing.subject,
          text: mailing.text,
        }),
      );
      const at = clock.now().toISOString();
      const [firstPair] = recipient.pairIds as [string];
      await queueEmail(
        // Under the first pair's purpose, so that its retention pass finds the email.
        pairEmailDedupeKey(firstPair, purpose, recipient.role),
        { to: [person.email], cc: [], ...rendered },
        {
          log: recipient.pairIds.map((pairId) =>
            pairEmailItem(pairId, { at, subject: rendered.subject, to: [recipient.role], purpose }),
          ),
          alongside: [
            ...recipient.pairIds.map((pairId) => ({
              Put: historyLine(
                pairId,
                "team",
                "team.cohort-mail-sent",
                { to: recipient.role },
                `${purpose}#${recipient.role}`,
              ),
            })),
            {
              Update: {
                TableName: env.tableName,
                Key: mailingKey,
                UpdateExpression: "ADD queued :one SET runningSince = :now",
                ExpressionAttributeValues: { ":one": 1, ":now": Date.now() },
              },
            },
          ],
        },
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, recipients.length) }, lane));
  await conditionally(
    new UpdateCommand({
      TableName: env.tableName,
      Key: mailingKey,
      UpdateExpression: "SET #status = :queued REMOVE runningSince, #text",
      ExpressionAttributeNames: { "#status": "status", "#text": "text" },
      ExpressionAttributeValues: { ":queued": "queued" },
    }),
  );
}
