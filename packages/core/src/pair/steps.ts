import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { calendarInvitation } from "../calendar";
import { clock } from "../clock";
import {
  closing,
  escalation,
  failureAlert,
  followUpRequest,
  introduction,
  type Meeting,
  meetingCancelled,
  meetingInvitation,
  meetingOfStep,
  meetingReminder,
  meetingTitle,
  noShowEscalation,
  nudge,
  objectivesRequest,
  pauseNotice,
  schedulingRequest,
  selfEvaluationRequest,
  stopReasonText,
  theMeeting,
  tookPlaceRequest,
} from "../email/pair-messages";
import { issueLink, type LinkPurpose, type LinkRecipient } from "../links";
import { logger, metrics } from "../observability";
import { programme } from "../programme";
import { listResources, resourcesFor, withResources } from "../resources";
import { de } from "../words";
import type { MeetingTimer, NoShowOutcome, StepPayload, WaitPurpose } from "../workflow/payload";
import { MeetingCalledOff, MeetingMoved, PairCancelled, TransientStepError } from "./errors";
import { handOver } from "./hand-over";
import type { Pair, PairPhase, StopCause } from "./model";
import { sendToRole } from "./notify";
import { contactOf, fullName, loadPeople, type PairPeople } from "./people";
import { expireEndedPair } from "./retention";
import {
  decideAfterNoShow,
  decideAfterSilence,
  executionName,
  isReminderDue,
  nextWait,
  noShowRule,
  pauseEnd,
  planEndTimer,
  planPause as planPauseRule,
  planReminderTimer,
  type SilenceDecision,
  silence,
} from "./rules";
import {
  appendHistory,
  countTimeout,
  getMeeting,
  getWait,
  historyLine,
  listMeetings,
  type MeetingRecord,
  markReminded,
  markStopped,
  replaceWait,
  requirePair,
  updatePair,
} from "./store";

/**
 * What each task of the pair workflow does. The steps Lambda parses its payload and calls one of
 * these; they read the pair, send what is due (at most once), record it and say what comes next.
 */

const linkLifetimeMs = 60 * 24 * 60 * 60 * 1000;

/** A new link of a step, for one recipient (the programme team's resend uses it too). */
export const link = (
  pairId: string,
  step: string,
  purpose: LinkPurpose,
  recipient: LinkRecipient,
) =>
  issueLink({
    pairId,
    step,
    purpose,
    recipient,
    expiresAt: new Date(clock.now().getTime() + linkLifetimeMs),
  });

async function activePair(pairId: string): Promise<Pair> {
  const pair = await requirePair(pairId);
  if (pair.status === "cancelled") {
    // The execution ends here. Whatever ended the pair may have stopped before its retention pass
    // (or a step in flight wrote after it): the pass is idempotent, so it runs once more.
    await expireEndedPair(pair);
    throw new PairCancelled(`Pair ${pairId} was cancelled`);
  }
  return pair;
}

const meetingOf = (step: string): Meeting => meetingOfStep(step) ?? { kind: "preparation" };

export const toMentor = (people: PairPeople) => ({
  recipientFirstName: people.mentor.firstName,
  otherFirstName: people.mentee.firstName,
  other: contactOf(people.mentee),
});
export const toMentee = (people: PairPeople) => ({
  recipientFirstName: people.mentee.firstName,
  otherFirstName: people.mentor.firstName,
  other: contactOf(people.mentor),
});

function phaseOf(step: string): PairPhase {
  if (step === "preparation") return "preparation";
  if (step === "follow-up") return "follow-up";
  if (step === "closure") return "closure";
  if (step === "pause") return "pause";
  return "sessions";
}

// ---------------------------------------------------------------------------------------------
// Introduction
// ---------------------------------------------------------------------------------------------

export async function introduce(pairId: string): Promise<void> {
  const pair = await activePair(pairId);
  const people = await loadPeople(pair);
  const scheduleLink = await link(pairId, "preparation", "schedule", "mentor");
  const library = await listResources();
  const themesOf = people.mentee.themes ?? [];
  const common = {
    mentorFirstName: people.mentor.firstName,
    menteeFirstName: people.mentee.firstName,
    sessions: pair.sessionsPlanned,
    menteeThemeIds: people.mentee.themes,
  };
  await sendToRole({
    pair,
    people,
    role: "mentor",
    purpose: "introduction",
    message: withResources(
      introduction({
        ...common,
        recipient: "mentor",
        other: contactOf(people.mentee),
        scheduleLink,
      }),
      resourcesFor(library, themesOf, "mentor"),
    ),
  });
  // The mentee's copy has no scheduling link: the mentor proposes the preparation call. The
  // history line goes in its transaction; a retry that finds the email queued writes it (once).
  const sent = await sendToRole({
    pair,
    people,
    role: "mentee",
    purpose: "introduction",
    copyAssistant: true,
    message: withResources(
      introduction({ ...common, recipient: "mentee", other: contactOf(people.mentor) }),
      resourcesFor(library, themesOf, "mentee"),
    ),
    alongside: [
      { Put: historyLine(pairId, "system", "introduction.sent", undefined, "introduction") },
    ],
  });
  if (sent === "already-queued") {
    await appendHistory(pairId, "system", "introduction.sent", undefined, "introduction");
  }
}

// ---------------------------------------------------------------------------------------------
// Waiting for a person (or a time): store the token, ask, return
// ---------------------------------------------------------------------------------------------

export async function awaitStep(payload: StepPayload): Promise<void> {
  const { pairId, step, purpose, taskToken } = payload as Required<
    Pick<StepPayload, "pairId" | "step" | "purpose" | "taskToken">
  >;
  const pair = await activePair(pairId);
  let since = clock.now().toISOString();
  for (let attempt = 1; ; attempt++) {
    const previous = await getWait(pairId);
    const next = nextWait(previous, {
      token: taskToken,
      step,
      purpose,
      now: clock.now(),
    });
    if (next.kind === "meeting-changed") {
      if (next.change === "cancel-session") throw new MeetingCalledOff(step);
      throw new MeetingMoved(step);
    }
    if (!(await replaceWait(pairId, next.wait, previous))) {
      // An answer was written between the read and the write: read again.
      if (attempt < 5) continue;
      throw new TransientStepError("The wait kept changing");
    }
    if (next.deliver) {
      // An answer recorded while no token waited (its step had just timed out) goes on now.
      await handOver(pairId);
      return;
    }
    since = next.wait.since;
    break;
  }
  await updatePair(
    pairId,
    { phase: phaseOf(step), waitingOn: { step, purpose, since } },
    { read: pair },
  );
  await ask(pair, step, purpose);
}

/** The email that asks for the answer; keyed by mentor, so a new mentor is asked again. */
async function ask(pair: Pair, step: string, purpose: WaitPurpose) {
  if (purpose === "session-time") return;
  const meeting = meetingOf(step);
  const attempt = `${step}#${purpose}#ask#${pair.mentorId}`;
  if (purpose === "schedule") {
    const current = await getMeeting(pair.id, step);
    // The preparation call's link is in the introduction, unless a new mentor took over.
    if (!current && step === "preparation" && pair.mentorId === pair.firstMentorId) return;
    const people = await loadPeople(pair);
    const scheduleLink = await link(pair.id, step, "schedule", "mentor");
    if (current?.status === "cancelled") {
      await sendCancellation(pair, people, current, scheduleLink);
      return;
    }
    const message =
      step === "follow-up"
        ? followUpRequest({ ...toMentor(people), scheduleLink })
        : schedulingRequest({ ...toMentor(people), meeting, scheduleLink });
    await sendToRole({
      pair,
      people,
      role: "mentor",
      purpose: `${attempt}#v${current?.version ?? 0}`,
      message,
    });
    return;
  }
  const people = await loadPeople(pair);
  if (purpose === "confirm") {
    const current = await getMeeting(pair.id, step);
    const start = new Date(current?.startsAt ?? clock.now());
    for (const role of ["mentor", "mentee"] as const) {
      const confirmLink = await link(pair.id, step, "confirm", role);
      await sendToRole({
        pair,
        people,
        role,
        purpose: `${attempt}#v${current?.version ?? 0}`,
        message: tookPlaceRequest({
          ...(role === "mentor" ? toMentor(people) : toMentee(people)),
          meeting,
          start,
          confirmLink,
        }),
      });
    }
    return;
  }
  if (purpose === "objectives") {
    const objectivesLink = await link(pair.id, step, "objectives", "mentor");
    await sendToRole({
      pair,
      people,
      role: "mentor",
      purpose: attempt,
      message: objectivesRequest({ ...toMentor(people), objectivesLink }),
    });
    return;
  }
  if (purpose === "self-evaluation") {
    for (const role of ["mentor", "mentee"] as const) {
      const evaluationLink = await link(pair.id, step, "self-evaluation", role);
      await sendToRole({
        pair,
        people,
        role,
        purpose: `${step}#${purpose}#ask`,
        message: selfEvaluationRequest({
          ...(role === "mentor" ? toMentor(people) : toMentee(people)),
          recipient: role,
          link: evaluationLink,
        }),
      });
    }
  }
}

async function sendCancellation(
  pair: Pair,
  people: PairPeople,
  meeting: MeetingRecord,
  scheduleLink: string,
) {
  const ics = await invitationFile(pair, people, meeting, "CANCEL");
  for (const role of ["mentor", "mentee"] as const) {
    await sendToRole({
      pair,
      people,
      role,
      purpose: `${meeting.step}#cancelled#v${meeting.version}`,
      copyAssistant: true,
      calendar: { ics, method: "CANCEL" },
      message: meetingCancelled({
        ...(role === "mentor" ? toMentor(people) : toMentee(people)),
        meeting: meetingOf(meeting.step),
        start: new Date(meeting.startsAt),
        ...(role === "mentor" ? { scheduleLink } : {}),
      }),
    });
  }
}

// ---------------------------------------------------------------------------------------------
// A scheduled meeting: invitation, timer, reminder
// ---------------------------------------------------------------------------------------------

async function invitationFile(
  _pair: Pair,
  people: PairPeople,
  meeting: MeetingRecord,
  method: "REQUEST" | "CANCEL",
): Promise<string> {
  const title = meetingTitle(meetingOf(meeting.step));
  return calendarInvitation({
    uid: meeting.uid,
    sequence: meeting.version,
    method,
    start: new Date(meeting.startsAt),
    durationMinutes: meeting.durationMinutes,
    title: `${programme.name} — ${title.fr} / ${title.en}`,
    description: `${programme.name} : ${theMeeting(meetingOf(meeting.step)).fr} ${de(fullName(people.mentee))} et ${fullName(people.mentor)}`,
    // The mentor proposes the meetings: they organise, the manager is the attendee, so that the
    // manager's accept or decline goes to the mentor, never to the programme mailbox.
    organizer: { name: fullName(people.mentor), email: people.mentor.email },
    attendees: [{ name: fullName(people.mentee), email: people.mentee.email }],
    location: meeting.location,
  });
}

async function meetingLinks(pairId: string, step: string, role: LinkRecipient) {
  return {
    rescheduleLink: await link(pairId, step, "reschedule", role),
    cancelLink: await link(pairId, step, "cancel-session", role),
  };
}

async function scheduledMeeting(pairId: string, step: string): Promise<MeetingRecord> {
  const meeting = await getMeeting(pairId, step);
  if (meeting?.status !== "scheduled") {
    throw new Error(`Meeting ${step} of pair ${pairId} is not scheduled`);
  }
  return meeting;
}

/**
 * Sends the invitation of the meeting's current version (once), then sets the timer until its
 * reminder. A meeting handed over to a fresh execution starts here too: nothing is sent again.
 */
export async function invite(payload: StepPayload): Promise<MeetingTimer> {
  const { pairId } = payload;
  const step = payload.step as string;
  const pair = await activePair(pairId);
  const meeting = await scheduledMeeting(pairId, step);
  const people = await loadPeople(pair);
  const ics = await invitationFile(pair, people, meeting, "REQUEST");
  const library = await listResources();
  for (const role of ["mentor", "mentee"] as const) {
    await sendToRole({
      pair,
      people,
      role,
      purpose: `${step}#invitation#v${meeting.version}`,
      copyAssistant: true,
      calendar: { ics, method: "REQUEST" },
      message: withResources(
        meetingInvitation({
          ...(role === "mentor" ? toMentor(people) : toMentee(people)),
          meeting: meetingOf(step),
          start: new Date(meeting.startsAt),
          durationMinutes: meeting.durationMinutes,
          format: meeting.format as never,
          location: meeting.location,
          update: meeting.version > 1 && meeting.reschedules > 0,
          ...(await meetingLinks(pairId, step, role)),
        }),
        // Sessions only: the preparation call's invitation follows the introduction's resources.
        step.startsWith("session") ? resourcesFor(library, people.mentee.themes ?? [], role) : [],
      ),
    });
  }
  return planReminderTimer({
    session: meeting,
    now: clock.now(),
    reminderHoursBefore: pair.settings.reminderHoursBefore,
    executionStartedAt: payload.executionStartedAt,
  });
}

/**
 * After the first timer: that token stopped waiting without an answer (a change sent a moment ago
 * goes to the next timer). Sends the reminder of the current version if it is due, then sets the
 * timer until the meeting's end, or hands the meeting over when it ends after this execution's time.
 */
export async function remind(payload: StepPayload): Promise<MeetingTimer> {
  const { pairId } = payload;
  const step = payload.step as string;
  await markStopped(pairId, { step, purpose: "session-time" });
  const pair = await activePair(pairId);
  const meeting = await scheduledMeeting(pairId, step);
  const now = clock.now();
  if (
    isReminderDue({ session: meeting, now, reminderHoursBefore: pair.settings.reminderHoursBefore })
  ) {
    const people = await loadPeople(pair);
    for (const role of ["mentor", "mentee"] as const) {
      await sendToRole({
        pair,
        people,
        role,
        purpose: `${step}#reminder#v${meeting.version}`,
        message: meetingReminder({
          ...(role === "mentor" ? toMentor(people) : toMentee(people)),
          meeting: meetingOf(step),
          start: new Date(meeting.startsAt),
          durationMinutes: meeting.durationMinutes,
          format: meeting.format as never,
          location: meeting.location,
          ...(await meetingLinks(pairId, step, role)),
        }),
      });
    }
    await markReminded(pairId, step, meeting.version);
    await appendHistory(
      pairId,
      "system",
      `${step}.reminded`,
      { version: meeting.version },
      `${step}.reminded.v${meeting.version}`,
    );
  }
  return planEndTimer({
    session: meeting,
    now,
    execution: {
      pairId,
      step,
      startedAt: payload.executionStartedAt,
      name: payload.executionName ?? executionName(pairId, step),
    },
  });
}

/**
 * A meeting that did not take place: asked for again, the programme team alerted the second time,
 * the pair ended the third (see `noShowRule`).
 */
export async function recordNoShow(pairId: string, step: string): Promise<NoShowOutcome> {
  const pair = await activePair(pairId);
  const meeting = await getMeeting(pairId, step);
  const noShows = meeting?.noShows ?? 1;
  // The mentor's answer already wrote the no-show into the history.
  const decision = decideAfterNoShow(noShows);
  if (decision === "escalate") {
    const people = await loadPeople(pair);
    await sendToRole({
      pair,
      people,
      role: "team",
      purpose: `${step}#no-show#escalation`,
      message: noShowEscalation({
        pairId,
        meeting: meetingOf(step),
        noShows,
        endAt: noShowRule.endAt,
        menteeName: fullName(people.mentee),
        mentorName: fullName(people.mentor),
      }),
    });
    await updatePair(pairId, { needsAttention: true });
    await appendHistory(
      pairId,
      "system",
      "escalated",
      { step, reason: "no-show" },
      `${step}.no-show.escalated`,
    );
    metrics.addMetric("Escalations", MetricUnit.Count, 1);
  }
  if (decision === "end") {
    await endPair(pair, {
      cause: { kind: "no-shows", step, attempts: noShows },
      event: "pair.ended-after-no-shows",
      detail: { step, noShows },
    });
    return { noShows, decision: "end" };
  }
  return { noShows, decision: "ask-again" };
}

// ---------------------------------------------------------------------------------------------
// Silence: nudge, escalate, give up
// ---------------------------------------------------------------------------------------------

/** Who a wait is waiting on: both for the self-evaluation (until each answers), else the mentor. */
export const awaitedRoles = (purpose: string, answeredBy: string[]): LinkRecipient[] =>
  purpose === "self-evaluation"
    ? (["mentor", "mentee"] as const).filter((role) => !answeredBy.includes(role))
    : ["mentor"];

export async function nudgeOrEscalate(
  pairId: string,
): Promise<{ decision: SilenceDecision; timeouts: number }> {
  const pair = await activePair(pairId);
  const wait = await getWait(pairId);
  if (!wait) return { decision: "wait", timeouts: 0 };
  // A pair on hold is left alone: its silence is expected and not counted.
  if (pair.status === "paused") {
    await markStopped(pairId, wait);
    return { decision: "wait", timeouts: wait.timeouts };
  }
  const counted = await countTimeout(pairId, wait);
  // An answer arrived as the wait ended: no nudge; the next wait hands the answer over.
  if (counted === "answered") return { decision: "wait", timeouts: wait.timeouts };
  const timeouts = counted;
  const decision = decideAfterSilence(timeouts);
  const people = await loadPeople(pair);
  const purpose = wait.purpose as LinkPurpose;
  if (decision === "nudge") {
    for (const role of awaitedRoles(wait.purpose, wait.answeredBy)) {
      await sendToRole({
        pair,
        people,
        role,
        purpose: `${wait.step}#${wait.purpose}#nudge#${timeouts}`,
        message: nudge({
          ...(role === "mentor" ? toMentor(people) : toMentee(people)),
          waitingFor: purpose,
          link: await link(pairId, wait.step, purpose, role),
          meeting: meetingOfStep(wait.step),
        }),
      });
    }
    await appendHistory(
      pairId,
      "system",
      "nudge.sent",
      { step: wait.step, purpose, count: timeouts },
      `${wait.step}.${purpose}.nudge.${timeouts}`,
    );
  }
  if (decision === "escalate") {
    await sendToRole({
      pair,
      people,
      role: "team",
      purpose: `${wait.step}#${wait.purpose}#escalation`,
      message: escalation({
        pairId,
        step: wait.step,
        waitingFor: purpose,
        waitingOn: awaitedRoles(wait.purpose, wait.answeredBy)[0] ?? "mentor",
        menteeName: fullName(people.mentee),
        mentorName: fullName(people.mentor),
        waitingSince: new Date(wait.since),
        nudgesSent: silence.nudges,
      }),
    });
    await updatePair(pairId, { needsAttention: true });
    metrics.addMetric("Escalations", MetricUnit.Count, 1);
    await appendHistory(
      pairId,
      "system",
      "escalated",
      { step: wait.step, purpose },
      `${wait.step}.${purpose}.escalated`,
    );
  }
  return { decision, timeouts };
}

/**
 * A wait that got no answer past its nudges and escalation. At closure the meetings all took
 * place: the pair is completed, the missing self-evaluations noted. Anywhere else the workflow
 * stops the pair on its own, and says so (it is not the team's cancellation).
 */
export async function giveUp(pairId: string): Promise<{ outcome: "completed" | "stopped" }> {
  const pair = await activePair(pairId);
  const wait = await getWait(pairId);
  if (wait?.purpose === "self-evaluation") {
    await closePair(pairId, { missing: awaitedRoles(wait.purpose, wait.answeredBy) });
    return { outcome: "completed" };
  }
  await endPair(pair, {
    cause: { kind: "silence", step: wait?.step ?? pair.phase },
    event: "pair.ended-after-silence",
    detail: wait ? { step: wait.step } : undefined,
  });
  return { outcome: "stopped" };
}

/** The workflow stops a pair on its own: recorded as stopped, flagged, and both are told why. */
async function endPair(
  pair: Pair,
  end: {
    cause: StopCause;
    event: string;
    detail?: Record<string, string | number>;
  },
) {
  await updatePair(
    pair.id,
    {
      status: "cancelled",
      outcome: "stopped",
      stopCause: end.cause,
      needsAttention: true,
      cancelReason: stopReasonText(end.cause).fr,
      closedAt: clock.now().toISOString(),
    },
    { remove: ["waitingOn"] },
  );
  await appendHistory(pair.id, "system", end.event, end.detail, end.event);
  const { notifyAutomaticStop } = await import("./actions");
  await notifyAutomaticStop(pair, end.cause);
  // Last, so that what the ending wrote expires with the rest (a retry: see `activePair`).
  await expireEndedPair(await requirePair(pair.id));
}

// ---------------------------------------------------------------------------------------------
// Pause, closure, failure
// ---------------------------------------------------------------------------------------------

export async function planThePause(pairId: string) {
  const pair = await activePair(pairId);
  let endsAt = pair.pauseEndsAt;
  if (!endsAt) {
    const held = (await listMeetings(pairId)).filter((meeting) => meeting.status === "held");
    const last = held
      .map((meeting) => meeting.startsAt)
      .sort()
      .at(-1);
    endsAt = pauseEnd(last ? new Date(last) : clock.now(), pair.settings.pauseMonths).toISOString();
    await updatePair(pairId, { pauseEndsAt: endsAt, phase: "pause" }, { remove: ["waitingOn"] });
    const people = await loadPeople(pair);
    for (const role of ["mentor", "mentee"] as const) {
      await sendToRole({
        pair,
        people,
        role,
        purpose: "pause#notice",
        message: pauseNotice({
          ...(role === "mentor" ? toMentor(people) : toMentee(people)),
          sessionsHeld: pair.sessionsDone,
          followUpAround: new Date(endsAt),
        }),
      });
    }
    await appendHistory(pairId, "system", "pause.started", { until: endsAt }, "pause.started");
  }
  return {
    ...planPauseRule({
      endsAt: new Date(endsAt),
      now: clock.now(),
      onHold: pair.status === "paused",
    }),
    next: { chapter: "follow-up", executionName: executionName(pairId, "follow-up") },
  };
}

/**
 * Closes a completed pair: both get the summary, whoever did not send a self-evaluation
 * (`missing`, when the closure's wait went silent) included, and the missing ones are recorded.
 */
export async function closePair(
  pairId: string,
  options: { missing?: LinkRecipient[] } = {},
): Promise<void> {
  const pair = await activePair(pairId);
  const people = await loadPeople(pair);
  const hours = pair.mentorHours ?? 0;
  const missing = options.missing ?? pair.missingEvaluations ?? [];
  for (const role of ["mentor", "mentee"] as const) {
    await sendToRole({
      pair,
      people,
      role,
      purpose: "closure#closing",
      message: closing({
        ...(role === "mentor" ? toMentor(people) : toMentee(people)),
        sessionsHeld: pair.sessionsDone,
        hours,
        objectives: pair.objectives,
        evaluationMissing: missing.includes(role),
      }),
    });
  }
  // A retried task keeps the first closure date: the retention of the pair's data derives from it.
  const closedAt =
    pair.status === "closed" && pair.closedAt ? pair.closedAt : clock.now().toISOString();
  await updatePair(
    pairId,
    {
      status: "closed",
      phase: "closed",
      outcome: "completed",
      closedAt,
      ...(missing.length ? { missingEvaluations: missing } : {}),
    },
    { remove: ["waitingOn"] },
  );
  await appendHistory(
    pairId,
    "system",
    "pair.closed",
    { mentorHours: hours, ...(missing.length ? { missing: missing.join(",") } : {}) },
    "pair.closed",
  );
  // Counted once: a retried task finds the pair already closed.
  if (pair.status !== "closed") metrics.addMetric("PairsClosed", MetricUnit.Count, 1);
  await expireEndedPair(await requirePair(pairId));
}

export async function recordFailure(payload: StepPayload): Promise<void> {
  const { pairId } = payload;
  const pair = await requirePair(pairId);
  const error = payload.failure?.Error ?? "Error";
  const step = pair.waitingOn?.step ?? pair.phase;
  await updatePair(pairId, { status: "failed", needsAttention: true });
  await appendHistory(pairId, "system", "step.failed", { step, error });
  // The alert names the pair by its people when they can be read (the failure may be theirs).
  const names = await loadPeople(pair).then(
    (people) => ({ menteeName: fullName(people.mentee), mentorName: fullName(people.mentor) }),
    () => ({}),
  );
  await sendToRole({
    pair,
    role: "team",
    purpose: `failure#${step}#${error}`,
    message: failureAlert({ pairId, step, error, at: clock.now(), ...names }),
  });
  logger.error("Pair step failed", { pairId, step, error });
}
