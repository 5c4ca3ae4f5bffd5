import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { parisTimeToUtc } from "../../calendar";
import { documents } from "../../clients/dynamodb";
import { clock } from "../../clock";
import { getCohortSettings } from "../../cohort";
import { inParallel } from "../../email/outbox";
import { env } from "../../env";
import { keys } from "../../keys";
import { getMentor, listMentors } from "../../mentor";
import { logger } from "../../observability";
import { takesMentorTime } from "../../pair/rules";
import { listPairs } from "../../pair/store";
import { programme } from "../../programme";
import { listResources } from "../../resources";
import { fingerprint } from "../../submission";
import { type EventLinkBinding, eventLinkUse, issueEventLink } from "../links";
import { confirmationUpdate, deliverConfirmation, startEvent, tellEvent } from "../run";
import { stillOnCheck, stillOnCondition } from "../still-on";
import { requestAcknowledgement } from "./messages";
import {
  type Feedback,
  inServiceLine,
  type MentorCandidate,
  participantKey,
  proposeMentorPairs,
  type Schedule,
  type WorkshopRecord,
  type WorkshopRequest,
} from "./model";
import {
  addressRef,
  everyoneOf,
  headOf,
  mentorsOf,
  participantsOf,
  queueWorkshopEmail,
  type Recipient,
  workshopEmailPut,
} from "./people";
import { cancellationOf, invitationOf, invitationPurpose } from "./steps";
import {
  getParticipant,
  getWorkshop,
  listFeedback,
  listParticipants,
  listWorkshops,
  requireWorkshop,
  updateWorkshop,
  workshopUpdate,
} from "./store";

/**
 * The verbs of collective workshops, called by the pages and the JSON API: a head of service asks
 * for one, the programme team assigns its mentors, sets its date (which starts its execution on the
 * event workflow) and its participants, moves or cancels it; mentors confirm it took place and
 * participants give their feedback through their links. Every email is queued in the transaction
 * of the record that causes it, or by the workflow's steps, each once per purpose and recipient.
 */
export * from "./model";
export { getWorkshop, listFeedback, listParticipants, listWorkshops } from "./store";

export type Problem = { ok: false; problem: string };
export type Done = { ok: true };

const isConflict = (error: unknown) =>
  error instanceof TransactionCanceledException ||
  (error as Error).name === "ConditionalCheckFailedException";

/** The request's id is its answers' fingerprint: the same form posted twice is stored once. */
export async function requestWorkshop(
  request: WorkshopRequest,
): Promise<{ id: string; status: "created" | "already" }> {
  const id = fingerprint({ kind: "workshop-request", ...request }).slice(0, 32);
  const now = clock.now().toISOString();
  const workshop: WorkshopRecord = {
    id,
    request,
    status: "requested",
    createdAt: now,
    sequence: 0,
  };
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: env.tableName,
              Item: {
                ...keys.workshop(id),
                ...keys.workshopList(now, id),
                kind: "workshop",
                ...workshop,
              },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          {
            Put: workshopEmailPut(
              id,
              "ack",
              headOf(workshop),
              requestAcknowledgement(request.firstName, request.theme),
            ),
          },
        ],
      }),
    );
  } catch (error) {
    if (isConflict(error)) return { id, status: "already" };
    throw error;
  }
  logger.info("Workshop requested", { workshopId: id });
  return { id, status: "created" };
}

/**
 * The selected mentors, with their load: the workshops each leads that are not over yet (this one
 * aside: its own mentors are not busier for it) and the pairs each coaches that are under way.
 */
async function mentorCandidates(workshopId: string): Promise<MentorCandidate[]> {
  const [mentors, workshops, pairs] = await Promise.all([
    listMentors(programme.openCohortId),
    listWorkshops(),
    listPairs({ cohortId: programme.openCohortId }),
  ]);
  const led = new Map<string, number>();
  for (const workshop of workshops) {
    if (workshop.id === workshopId) continue;
    if (workshop.status !== "requested" && workshop.status !== "scheduled") continue;
    for (const mentorId of workshop.mentorIds ?? [])
      led.set(mentorId, (led.get(mentorId) ?? 0) + 1);
  }
  const coaching = new Map<string, number>();
  for (const pair of pairs.filter(takesMentorTime))
    coaching.set(pair.mentorId, (coaching.get(pair.mentorId) ?? 0) + 1);
  return mentors
    .filter((mentor) => mentor.status === "selected")
    .map((mentor) => ({
      id: mentor.id,
      name: `${mentor.answers.firstName} ${mentor.answers.lastName}`,
      email: mentor.answers.email,
      managerEmail: mentor.answers.managerEmail,
      themes: mentor.answers.themes,
      availability: mentor.answers.availability,
      workshopsLed: led.get(mentor.id) ?? 0,
      activePairs: coaching.get(mentor.id) ?? 0,
    }));
}

const allowSameLine = async () =>
  (await getCohortSettings(programme.openCohortId)).allowSameManagementLine;

/** The pairs of mentors the team's page proposes for this workshop, best first. */
export async function proposalsFor(id: string) {
  const workshop = await requireWorkshop(id);
  const participants = (await listParticipants(id)).map((participant) => participant.email);
  const candidates = await mentorCandidates(id);
  return {
    candidates,
    proposals: proposeMentorPairs(workshop, participants, candidates, {
      allowSameManagementLine: await allowSameLine(),
    }),
  };
}

export async function assignMentors(
  id: string,
  mentorIds: [string, string],
): Promise<Done | Problem> {
  const workshop = await getWorkshop(id);
  if (!workshop) return { ok: false, problem: "Cet atelier n'existe pas." };
  if (workshop.status !== "requested") {
    return { ok: false, problem: "Les mentors ne changent plus une fois l'atelier fixé." };
  }
  const candidates = await mentorCandidates(id);
  const chosen = mentorIds.map((mentorId) => candidates.find((mentor) => mentor.id === mentorId));
  if (chosen.some((mentor) => !mentor)) {
    return { ok: false, problem: "Choisissez deux mentors sélectionnés." };
  }
  const participants = (await listParticipants(id)).map((participant) => participant.email);
  if (
    !(await allowSameLine()) &&
    chosen.some((mentor) => inServiceLine(workshop, participants, mentor as MentorCandidate))
  ) {
    return {
      ok: false,
      problem:
        "Un de ces mentors fait partie de la ligne hiérarchique du service : le programme ne le permet pas.",
    };
  }
  await updateWorkshop(id, { mentorIds });
  return { ok: true };
}

/**
 * Sets the date, place or video link. The first time, the workshop is scheduled and its execution
 * starts (it sends the invitations); after that it is a move: the next date version, told to the
 * execution, which sends everyone the new invitation (same calendar event, next SEQUENCE).
 */
const sameWhen = (
  stored: WorkshopRecord["schedule"],
  when: { start: string; durationMinutes: number; place?: string; videoLink?: string },
) =>
  stored !== undefined &&
  stored.start === when.start &&
  stored.durationMinutes === when.durationMinutes &&
  (stored.place ?? "") === (when.place ?? "") &&
  (stored.videoLink ?? "") === (when.videoLink ?? "");

export async function scheduleWorkshop(id: string, schedule: Schedule): Promise<Done | Problem> {
  const workshop = await getWorkshop(id);
  if (!workshop) return { ok: false, problem: "Cet atelier n'existe pas." };
  if (!workshop.mentorIds) return { ok: false, problem: "Choisissez d'abord les deux mentors." };
  if (workshop.status !== "requested" && workshop.status !== "scheduled") {
    return { ok: false, problem: "Cet atelier est terminé ou annulé : sa date ne change plus." };
  }
  const start = parisTimeToUtc(schedule.date, schedule.time);
  if (start.getTime() <= clock.now().getTime()) {
    return { ok: false, problem: "Choisissez une date à venir." };
  }
  const when = {
    start: start.toISOString(),
    durationMinutes: schedule.durationMinutes,
    place: schedule.place || undefined,
    videoLink: schedule.videoLink || undefined,
  };
  if (workshop.status === "requested") {
    const registrationToken = await issueEventLink({
      kind: "workshop",
      eventId: id,
      purpose: "register",
      recipient: "",
      expiresAt: new Date(start.getTime() + 24 * 60 * 60 * 1000),
    });
    try {
      await updateWorkshop(
        id,
        { status: "scheduled", schedule: when, sequence: 0, registrationToken },
        { expression: "#status = :requested", values: { ":requested": "requested" } },
      );
    } catch (error) {
      if (!isConflict(error)) throw error;
      // Scheduled a moment ago by another click: this one is a move.
      return scheduleWorkshop(id, schedule);
    }
    await startEvent("workshop", id);
    return { ok: true };
  }
  // Started if a process died between the first date and the start: it invites for this date.
  if (sameWhen(workshop.schedule, when)) {
    // The same date posted again (a double click, a form sent twice): no move, nobody told.
    await startEvent("workshop", id);
    return { ok: true };
  }
  try {
    await updateWorkshop(
      id,
      { schedule: when, sequence: workshop.sequence + 1 },
      stillOnCondition("workshop", workshop.sequence),
    );
  } catch (error) {
    if (!isConflict(error)) throw error;
    // Moved or cancelled by another click meanwhile: decide again on what is stored now.
    return scheduleWorkshop(id, schedule);
  }
  await startEvent("workshop", id);
  await tellEvent("workshop", id, "moved");
  return { ok: true };
}

/**
 * Adds participants (given by the head of service). Once the workshop is scheduled, each new one's
 * invitation is queued with them; the execution's own invitations skip who already has theirs.
 */
export async function addParticipants(
  id: string,
  people: { email: string; firstName?: string; lastName?: string }[],
  source: "head-of-service" | "registration" = "head-of-service",
): Promise<{ added: number } | Problem> {
  const workshop = await getWorkshop(id);
  if (!workshop) return { ok: false, problem: "Cet atelier n'existe pas." };
  if (workshop.status !== "requested" && workshop.status !== "scheduled") {
    return { ok: false, problem: "Cet atelier est terminé ou annulé." };
  }
  // Read once for every invitation of this addition.
  const [mentors, library] =
    workshop.status === "scheduled"
      ? await Promise.all([mentorsOf(workshop), listResources()])
      : [[], []];
  // Each address once (the same one twice in a list is one person), a few at a time.
  const unique = [
    ...new Map(people.map((person) => [participantKey(person.email), person])).values(),
  ];
  let added = 0;
  await inParallel(unique, 8, async (person) => {
    const key = participantKey(person.email);
    const participant = {
      ...keys.workshopParticipant(id, key),
      kind: "workshop-participant",
      participantKey: key,
      email: key,
      firstName: person.firstName,
      lastName: person.lastName,
      source,
      addedAt: clock.now().toISOString(),
    };
    const put = {
      TableName: env.tableName,
      Item: participant,
      ConditionExpression: "attribute_not_exists(pk)",
    };
    try {
      if (workshop.status === "scheduled") {
        const recipient: Recipient = {
          ref: addressRef(key),
          email: key,
          firstName: person.firstName,
          lastName: person.lastName,
          role: "participant",
        };
        // Their first invitation, whatever the date version: nothing of theirs moved.
        const { message, attachment } = await invitationOf(workshop, recipient, mentors, {
          moved: false,
          library,
        });
        await documents.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: put },
              // The workshop must still be on at this date version, or the invitation is wrong.
              stillOnCheck("workshop", id, workshop.sequence),
              {
                Put: workshopEmailPut(
                  id,
                  invitationPurpose(workshop.sequence),
                  recipient,
                  message,
                  attachment,
                ),
              },
            ],
          }),
        );
      } else {
        await documents.send(new PutCommand(put));
      }
      added += 1;
    } catch (error) {
      if (!isConflict(error)) throw error;
      // Already a participant (or the workshop changed meanwhile: the next try sees it).
      if (!(await getParticipant(id, key))) throw error;
    }
  });
  return { added };
}

/** Registration through the link the head of service forwarded; twice is once. */
export async function register(
  link: EventLinkBinding,
  person: { email: string; firstName: string; lastName: string },
): Promise<{ status: "registered" | "already" } | Problem> {
  if (await getParticipant(link.eventId, participantKey(person.email))) {
    return { status: "already" };
  }
  const outcome = await addParticipants(link.eventId, [person], "registration");
  if ("ok" in outcome) return outcome;
  return { status: outcome.added ? "registered" : "already" };
}

/**
 * One transaction holds at most 100 writes: the cancellation's record and the first emails, then
 * the rest in batches of the same size.
 */
const cancellationBatch = 90;

const cancellationPut = async (workshop: WorkshopRecord, recipient: Recipient) => {
  const { message, attachment } = await cancellationOf(workshop, recipient);
  return { Put: workshopEmailPut(workshop.id, "cancel", recipient, message, attachment) };
};

/**
 * Cancels it: everyone gets the calendar's CANCEL, then the execution stops. The record and the
 * first 90 emails are one transaction; a larger workshop's other emails are queued after it, in
 * batches, and the record says so (`cancelEmails`) until the last is queued. A run that dies in
 * between (before the last email is queued, or before the execution is told) is finished by the
 * next click on "Annuler" or by the workflow's next step, whichever comes first; each email is
 * keyed by its recipient, so none goes twice.
 */
export async function cancelWorkshop(id: string): Promise<Done | Problem> {
  const workshop = await getWorkshop(id);
  if (!workshop) return { ok: false, problem: "Cet atelier n'existe pas." };
  if (workshop.status === "cancelled") {
    // Posted again, maybe after a run that died between the record and telling the execution:
    // this one finishes it (the emails left queued are queued, the execution told), once each.
    if (workshop.cancelEmails === "queueing") await finishCancellation(id);
    else if (workshop.cancelEmails === "queued") await tellEvent("workshop", id, "cancelled");
    return { ok: true };
  }
  if (workshop.status === "requested") {
    await updateWorkshop(id, { status: "cancelled", cancelledAt: clock.now().toISOString() });
    return { ok: true };
  }
  if (workshop.status !== "scheduled") {
    return { ok: false, problem: "Cet atelier a déjà eu lieu : il ne peut plus être annulé." };
  }
  const everyone = await everyoneOf(workshop);
  const more = everyone.length > cancellationBatch;
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: workshopUpdate(
              id,
              {
                status: "cancelled",
                cancelledAt: clock.now().toISOString(),
                cancelEmails: more ? "queueing" : "queued",
              },
              stillOnCondition("workshop", workshop.sequence),
            ),
          },
          ...(await Promise.all(
            everyone
              .slice(0, cancellationBatch)
              .map((recipient) => cancellationPut(workshop, recipient)),
          )),
        ],
      }),
    );
  } catch (error) {
    if (!isConflict(error)) throw error;
    // Moved, or cancelled, meanwhile: decide again on what is stored now.
    return cancelWorkshop(id);
  }
  if (more) await finishCancellation(id);
  else await tellEvent("workshop", id, "cancelled");
  return { ok: true };
}

/**
 * Queues the cancellations the first transaction could not hold, batch by batch, then tells the
 * execution. Safe to run again, or twice at once: a batch that finds one of its emails queued
 * already is queued email by email, each at most once.
 */
export async function finishCancellation(id: string): Promise<void> {
  const workshop = await requireWorkshop(id);
  if (workshop.status !== "cancelled" || workshop.cancelEmails !== "queueing") return;
  // No one joins a cancelled workshop: the list is the one the first transaction was cut from.
  const rest = (await everyoneOf(workshop)).slice(cancellationBatch);
  for (let start = 0; start < rest.length; start += cancellationBatch) {
    const batch = rest.slice(start, start + cancellationBatch);
    try {
      await documents.send(
        new TransactWriteCommand({
          TransactItems: await Promise.all(
            batch.map((recipient) => cancellationPut(workshop, recipient)),
          ),
        }),
      );
    } catch (error) {
      if (!isConflict(error)) throw error;
      await inParallel(batch, 8, async (recipient) => {
        const { message, attachment } = await cancellationOf(workshop, recipient);
        await queueWorkshopEmail(id, "cancel", recipient, message, attachment);
      });
    }
  }
  await updateWorkshop(id, { cancelEmails: "queued" });
  logger.info("Workshop cancellation queued", { workshopId: id, emails: rest.length });
  await tellEvent("workshop", id, "cancelled");
}

/** A mentor says it took place (and how many came), or not: the first answer counts. */
export async function confirmByLink(
  link: EventLinkBinding,
  answer: { tookPlace: boolean; attendees?: number; present?: string[] },
): Promise<"recorded" | "already"> {
  const outcome = answer.tookPlace
    ? { tookPlace: true, attendees: answer.attendees }
    : { tookPlace: false };
  // Only refs of this workshop's participants count as present.
  const invited = new Set((await participantsOf({ id: link.eventId })).map((person) => person.ref));
  const present = answer.tookPlace
    ? [...new Set(answer.present ?? [])].filter((ref) => invited.has(ref))
    : [];
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          eventLinkUse(link.linkId),
          confirmationUpdate("workshop", link.eventId, outcome),
          {
            Update: workshopUpdate(link.eventId, {
              status: answer.tookPlace ? "held" : "not-held",
              outcome,
              ...(present.length ? { present } : {}),
              confirmedBy: link.recipient,
            }),
          },
        ],
      }),
    );
  } catch (error) {
    if (isConflict(error)) return "already";
    throw error;
  }
  await deliverConfirmation("workshop", link.eventId);
  return "recorded";
}

export async function feedbackByLink(
  link: EventLinkBinding,
  feedback: Feedback,
): Promise<"recorded" | "already"> {
  try {
    await documents.send(
      new TransactWriteCommand({
        TransactItems: [
          eventLinkUse(link.linkId),
          {
            Put: {
              TableName: env.tableName,
              Item: {
                ...keys.workshopFeedback(link.eventId, link.recipient),
                kind: "workshop-feedback",
                participantKey: link.recipient,
                rating: feedback.rating,
                comment: feedback.comment || undefined,
                at: clock.now().toISOString(),
              },
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (isConflict(error)) return "already";
    throw error;
  }
  return "recorded";
}

/** Everything the team's page shows about one workshop. */
export async function workshopDetails(id: string) {
  const workshop = await getWorkshop(id);
  if (!workshop) return undefined;
  const [participants, feedback, mentors] = await Promise.all([
    listParticipants(id),
    listFeedback(id),
    Promise.all((workshop.mentorIds ?? []).map((mentorId) => getMentor(mentorId))),
  ]);
  return {
    workshop,
    participants,
    feedback,
    mentors: mentors.flatMap((mentor) =>
      mentor
        ? [{ id: mentor.id, name: `${mentor.answers.firstName} ${mentor.answers.lastName}` }]
        : [],
    ),
  };
}
