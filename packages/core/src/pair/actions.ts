import { clock } from "../clock";
import {
  automaticStop,
  cancellationNotice,
  pausedByTeam,
  reassignmentToMentee,
  reassignmentToNewMentor,
  reassignmentToPreviousMentor,
  resumedByTeam,
} from "../email/pair-messages";
import { partnerDataErased } from "../email/privacy-messages";
import { workflowEngine } from "../workflow/engine";
import { workflowErrors } from "../workflow/payload";
import type { Pair, StopCause } from "./model";
import { sendToRole } from "./notify";
import { loadMentor, loadPeople, type PairPeople } from "./people";
import { expireEndedPair, holdForms } from "./retention";
import { appendHistory, getWait, markStopped, requirePair, updatePair } from "./store";

/**
 * What the programme team does to a running pair. Each verb records the change, tells the people
 * concerned, and, where the execution must react at once, fails its waiting token with a named
 * error the state machine catches (cancelled: the execution ends cleanly; reassigned: the waiting
 * step starts again, addressed to the new mentor).
 */
export type TeamActionResult = "done" | "unchanged";

const isOver = (pair: Pair) => pair.status === "cancelled" || pair.status === "closed";

/** On hold: the workflow keeps its place but sends no nudge and counts no silence. */
export async function pausePair(pairId: string): Promise<TeamActionResult> {
  const pair = await requirePair(pairId);
  if (pair.status !== "active" && pair.status !== "failed") return "unchanged";
  await updatePair(pairId, { status: "paused" });
  await appendHistory(pairId, "team", "pair.paused");
  await tellBoth(pair, `team#paused#${clock.now().toISOString()}`, (people, role) =>
    pausedByTeam(toOne(people, role)),
  );
  return "done";
}

export async function resumePair(pairId: string): Promise<TeamActionResult> {
  const pair = await requirePair(pairId);
  if (pair.status !== "paused") return "unchanged";
  await updatePair(pairId, { status: "active" });
  await appendHistory(pairId, "team", "pair.resumed");
  await tellBoth(pair, `team#resumed#${clock.now().toISOString()}`, (people, role) =>
    resumedByTeam(toOne(people, role)),
  );
  return "done";
}

export async function cancelPair(pairId: string, reason: string): Promise<TeamActionResult> {
  const pair = await requirePair(pairId);
  if (isOver(pair)) {
    // A first attempt may have stopped before its retention pass; running it again changes nothing.
    await expireEndedPair(pair);
    return "unchanged";
  }
  await updatePair(
    pairId,
    {
      status: "cancelled",
      outcome: "cancelled",
      cancelReason: reason,
      closedAt: clock.now().toISOString(),
    },
    { remove: ["waitingOn"] },
  );
  await appendHistory(pairId, "team", "pair.cancelled", { reason });
  await notifyCancellation(pair, reason);
  // A waiting step ends now; a running one ends at its next step (it finds the pair cancelled).
  const wait = await getWait(pairId);
  if (wait && !wait.resolvedAt) {
    const engine = await workflowEngine();
    await engine.sendTaskFailure(wait.token, workflowErrors.cancelled, "Cancelled by the team");
  }
  // Last, so that what the cancellation wrote expires with the rest of the pair.
  await expireEndedPair(await requirePair(pairId));
  return "done";
}

/**
 * Stops a pair because one participant's data is to be erased: like a cancellation, but only the
 * other participant is told, in words that say why. `done` when it was running.
 */
export async function stopForErasure(
  pairId: string,
  erasedRole: "mentor" | "mentee",
): Promise<TeamActionResult> {
  const pair = await requirePair(pairId);
  if (isOver(pair)) return "unchanged";
  await updatePair(
    pairId,
    {
      status: "cancelled",
      cancelReason: "Effacement des données d'un participant, à sa demande",
      closedAt: clock.now().toISOString(),
    },
    { remove: ["waitingOn"] },
  );
  await appendHistory(pairId, "team", "pair.stopped-for-erasure", { role: erasedRole });
  const other = erasedRole === "mentor" ? "mentee" : "mentor";
  const people = await loadPeople(pair);
  await sendToRole({
    pair,
    people,
    role: other,
    purpose: "stopped-for-erasure",
    message: partnerDataErased({ recipientFirstName: people[other].firstName }),
  });
  const wait = await getWait(pairId);
  if (wait && !wait.resolvedAt) {
    const engine = await workflowEngine();
    await engine.sendTaskFailure(wait.token, workflowErrors.cancelled, "Erasure requested");
  }
  await expireEndedPair(await requirePair(pairId));
  return "done";
}

export async function notifyCancellation(pair: Pair, reason: string) {
  await tellBoth(pair, "cancelled", (people, role) =>
    cancellationNotice({ ...toOne(people, role), reason }),
  );
}

/** The workflow stopped the pair by itself: both are told it was automatic, and why. */
export async function notifyAutomaticStop(pair: Pair, cause: StopCause) {
  await tellBoth(pair, "cancelled", (people, role) =>
    automaticStop({ ...toOne(people, role), reason: cause }),
  );
}

export async function reassignMentor(pairId: string, mentorId: string): Promise<TeamActionResult> {
  const pair = await requirePair(pairId);
  if (isOver(pair) || pair.mentorId === mentorId) return "unchanged";
  const [people, newMentor] = await Promise.all([loadPeople(pair), loadMentor(mentorId)]);
  await updatePair(pairId, { mentorId });
  // The new mentor is now in a running pair: their application no longer expires unpaired.
  await holdForms([{ kind: "mentor", id: mentorId }]);
  await appendHistory(pairId, "team", "mentor.reassigned", {
    from: pair.mentorId,
    to: mentorId,
  });
  const moved = { ...pair, mentorId };
  const peopleAfter: PairPeople = { mentee: people.mentee, mentor: newMentor };
  const purpose = `team#reassigned#${mentorId}`;
  await sendToRole({
    pair,
    people,
    role: "mentor",
    purpose: `${purpose}#previous`,
    message: reassignmentToPreviousMentor({
      previousMentorFirstName: people.mentor.firstName,
      menteeFirstName: people.mentee.firstName,
    }),
  });
  await sendToRole({
    pair: moved,
    people: peopleAfter,
    role: "mentor",
    purpose,
    message: reassignmentToNewMentor({
      newMentorFirstName: newMentor.firstName,
      menteeFirstName: people.mentee.firstName,
      sessionsHeld: pair.sessionsDone,
      objectives: pair.objectives,
    }),
  });
  await sendToRole({
    pair: moved,
    people: peopleAfter,
    role: "mentee",
    purpose,
    message: reassignmentToMentee({
      menteeFirstName: people.mentee.firstName,
      newMentorFirstName: newMentor.firstName,
    }),
  });
  // The step waiting on the mentor starts again: its request goes to the new mentor.
  const wait = await getWait(pairId);
  if (wait && !wait.resolvedAt && wait.purpose !== "session-time") {
    // That token stops without an answer: one given at this very instant goes to the next wait.
    await markStopped(pairId, wait);
    const engine = await workflowEngine();
    await engine.sendTaskFailure(wait.token, workflowErrors.reassigned, "New mentor");
  }
  return "done";
}

type Role = "mentor" | "mentee";

const toOne = (people: PairPeople, role: Role) =>
  role === "mentor"
    ? { recipientFirstName: people.mentor.firstName, otherFirstName: people.mentee.firstName }
    : { recipientFirstName: people.mentee.firstName, otherFirstName: people.mentor.firstName };

async function tellBoth(
  pair: Pair,
  purpose: string,
  message: (people: PairPeople, role: Role) => import("../email/layout").Bilingual,
) {
  const people = await loadPeople(pair);
  for (const role of ["mentor", "mentee"] as const) {
    await sendToRole({ pair, people, role, purpose, message: message(people, role) });
  }
}
