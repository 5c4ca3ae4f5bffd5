import { calendarInvitation } from "../calendar";
import { clock } from "../clock";
import type { Bilingual } from "../email/layout";
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
  nudge,
  pauseNotice,
  schedulingRequest,
  selfEvaluationRequest,
  theMeeting,
  tookPlaceRequest,
} from "../email/pair-messages";
import { issueLink, type LinkPurpose, type LinkRecipient } from "../links";
import { logger } from "../observability";
import { programme } from "../programme";
import { workflowEngine } from "../workflow/engine";
import type { SessionTimer, StepPayload, WaitPurpose } from "../workflow/payload";
import { PairCancelled } from "./errors";
import type { Pair, PairPhase } from "./model";
import { sendToRole } from "./notify";
import { loadPeople, type PairPeople } from "./people";
import {
  decideAfterSilence,
  executionName,
  pauseEnd,
  planPause as planPauseRule,
  planSessionTimer,
  type SilenceDecision,
  silence,
} from "./rules";
import {
  appendHistory,
  countTimeout,
  getMeeting,
  getWait,
  listMeetings,
  type MeetingRecord,
  markReminded,
  putWait,
  requirePair,
  updatePair,
} from "./store";

/**
 * What each task of the pair workflow does. The steps Lambda parses its payload and calls one of
 * these; they read the pair, send what is due (at most once), record it and say what comes next.
 */

const linkLifetimeMs = 60 * 24 * 60 * 60 * 1000;

const link = (pairId: string, step: string, purpose: LinkPurpose, recipient: LinkRecipient) =>
  issueLink({
    pairId,
    step,
    purpose,
    recipient,
    expiresAt: new Date(clock.now().getTime() + linkLifetimeMs),
  });

async function activePair(pairId: string): Promise<Pair> {
  const pair = await requirePair(pairId);
  if (pair.status === "cancelled") throw new PairCancelled(`Pair ${pairId} was cancelled`);
  return pair;
}

const meetingOf = (step: string): Meeting => meetingOfStep(step) ?? { kind: "preparation" };

const toMentor = (people: PairPeople) => ({
  recipientFirstName: people.mentor.firstName,
  otherFirstName: people.mentee.firstName,
});
const toMentee = (people: PairPeople) => ({
  recipientFirstName: people.mentee.firstName,
  otherFirstName: people.mentor.firstName,
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
    message: introduction({ ...common, scheduleLink }),
  });
  // The mentee's copy has no scheduling link: the mentor proposes the preparation call.
  const menteeCopy = introduction({ ...common, scheduleLink });
  await sendToRole({
    pair,
    people,
    role: "mentee",
    purpose: "introduction",
    copyAssistant: true,
    message: withoutLinks(menteeCopy),
  });
  await appendHistory(pairId, "system", "introduction.sent", undefined, "introduction");
}

const withoutLinks = (message: Bilingual): Bilingual => ({
  ...message,
  fr: message.fr.filter((paragraph) => typeof paragraph === "string"),
  en: message.en.filter((paragraph) => typeof paragraph === "string"),
});

// ---------------------------------------------------------------------------------------------
// Waiting for a person (or a time): store the token, ask, return
// ---------------------------------------------------------------------------------------------

export async function awaitStep(payload: StepPayload): Promise<void> {
  const { pairId, step, purpose, taskToken } = payload as Required<
    Pick<StepPayload, "pairId" | "step" | "purpose" | "taskToken">
  >;
  const pair = await activePair(pairId);
  const previous = await getWait(pairId);
  const sameStep = previous?.step === step && previous.purpose === purpose;
  // An answer that arrived while no token waited (between a timeout and this new wait) is
  // handed over at once instead of asking again.
  if (sameStep && previous.resolvedAt && previous.output && !previous.delivered) {
    await putWait(pairId, { ...previous, token: taskToken, delivered: true });
    const engine = await workflowEngine();
    await engine.sendTaskSuccess(taskToken, previous.output);
    return;
  }
  const since = sameStep ? previous.since : clock.now().toISOString();
  await putWait(pairId, {
    token: taskToken,
    step,
    purpose,
    since,
    timeouts: sameStep ? previous.timeouts : 0,
    ...(sameStep && previous.lastTimedOutToken
      ? { lastTimedOutToken: previous.lastTimedOutToken }
      : {}),
    answeredBy: sameStep && !previous.resolvedAt ? previous.answeredBy : [],
  });
  await updatePair(pairId, {
    phase: phaseOf(step),
    waitingOn: { step, purpose, since },
  });
  await ask(pair, step, purpose);
}

/** The email that asks for the answer; keyed by mentor, so a new mentor is asked again. */
async function ask(pair: Pair, step: string, purpose: WaitPurpose) {
  if (purpose === "session-time") return;
  const people = await loadPeople(pair);
  const meeting = meetingOf(step);
  const attempt = `${step}#${purpose}#ask#${pair.mentorId}`;
  if (purpose === "schedule") {
    const current = await getMeeting(pair.id, step);
    // The preparation call's link is in the introduction, unless a new mentor took over.
    if (!current && step === "preparation" && pair.mentorId === pair.firstMentorId) return;
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
      message: objectivesRequest(people.mentor.firstName, people.mentee.firstName, objectivesLink),
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

function objectivesRequest(mentor: string, mentee: string, objectivesLink: string): Bilingual {
  return {
    subject: `${programme.name} : notez les objectifs convenus avec ${mentee}`,
    fr: [
      `Bonjour ${mentor},`,
      `Merci pour le rendez-vous de préparation avec ${mentee}. Notez en deux minutes les objectifs convenus et le nombre de séances prévues :`,
      { link: objectivesLink, label: "Noter les objectifs" },
    ],
    en: [
      `Hello ${mentor},`,
      `Thank you for the preparation call with ${mentee}. Take two minutes to record the goals you agreed on and the number of sessions planned:`,
      { link: objectivesLink, label: "Record the goals" },
    ],
  };
}

async function sendCancellation(
  pair: Pair,
  people: PairPeople,
  meeting: MeetingRecord,
  scheduleLink: string,
) {
  const ics = invitationFile(pair, people, meeting, "CANCEL");
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

function invitationFile(
  pair: Pair,
  people: PairPeople,
  meeting: MeetingRecord,
  method: "REQUEST" | "CANCEL",
): string {
  const title = meetingTitle(meetingOf(meeting.step));
  return calendarInvitation({
    uid: meeting.uid,
    sequence: meeting.version,
    method,
    start: new Date(meeting.startsAt),
    durationMinutes: meeting.durationMinutes,
    title: `${programme.name} — ${title.fr} / ${title.en}`,
    description: `${programme.name} : ${theMeeting(meetingOf(meeting.step)).fr} (${pair.id})`,
    organizer: { name: programme.name, email: programme.contactEmail },
    attendees: [
      { name: `${people.mentor.firstName} ${people.mentor.lastName}`, email: people.mentor.email },
      { name: `${people.mentee.firstName} ${people.mentee.lastName}`, email: people.mentee.email },
    ],
    location: meeting.location,
  });
}

async function meetingLinks(pairId: string, step: string, role: LinkRecipient) {
  return {
    rescheduleLink: await link(pairId, step, "reschedule", role),
    cancelLink: await link(pairId, step, "cancel-session", role),
  };
}

/** Sends the invitation of the meeting's current version (once), then plans its timer. */
export async function inviteAndPlan(payload: StepPayload): Promise<SessionTimer> {
  const { pairId } = payload;
  const step = payload.step as string;
  const pair = await activePair(pairId);
  const meeting = await getMeeting(pairId, step);
  if (meeting?.status !== "scheduled") {
    throw new Error(`Meeting ${step} of pair ${pairId} is not scheduled`);
  }
  const people = await loadPeople(pair);
  const ics = invitationFile(pair, people, meeting, "REQUEST");
  for (const role of ["mentor", "mentee"] as const) {
    await sendToRole({
      pair,
      people,
      role,
      purpose: `${step}#invitation#v${meeting.version}`,
      copyAssistant: true,
      calendar: { ics, method: "REQUEST" },
      message: meetingInvitation({
        ...(role === "mentor" ? toMentor(people) : toMentee(people)),
        meeting: meetingOf(step),
        start: new Date(meeting.startsAt),
        durationMinutes: meeting.durationMinutes,
        format: meeting.format as never,
        location: meeting.location,
        update: meeting.version > 1 && meeting.reschedules > 0,
        ...(await meetingLinks(pairId, step, role)),
      }),
    });
  }
  return timerFor(pair, meeting, payload);
}

function timerFor(pair: Pair, meeting: MeetingRecord, payload: StepPayload): SessionTimer {
  const timer = planSessionTimer({
    session: meeting,
    now: clock.now(),
    reminderHoursBefore: pair.settings.reminderHoursBefore,
    executionStartedAt: payload.executionStartedAt,
  });
  if (timer.due !== "continue") return timer;
  return {
    ...timer,
    next: {
      chapter: meeting.step,
      resume: "timer",
      executionName: executionName(pair.id, meeting.step, handoverPart(payload.executionName) + 1),
    },
  };
}

/** "…--session-2--3" is the third part of session 2's chapter; a plain chapter name is part 1. */
const handoverPart = (name: string | undefined) => Number(/--(\d+)$/.exec(name ?? "")?.[1] ?? 1);

/** Sends the reminder of the current version if it is still due; then plans what comes next. */
export async function remind(payload: StepPayload): Promise<SessionTimer> {
  const { pairId } = payload;
  const step = payload.step as string;
  const pair = await activePair(pairId);
  const meeting = await getMeeting(pairId, step);
  if (meeting?.status !== "scheduled") {
    throw new Error(`Meeting ${step} of pair ${pairId} is not scheduled`);
  }
  const due =
    meeting.remindedVersion !== meeting.version &&
    clock.now().getTime() < new Date(meeting.startsAt).getTime();
  if (due) {
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
    meeting.remindedVersion = meeting.version;
  }
  return timerFor(pair, meeting, payload);
}

export async function recordNoShow(pairId: string, step: string): Promise<void> {
  await activePair(pairId);
  await appendHistory(pairId, "system", `${step}.no-show`);
}

// ---------------------------------------------------------------------------------------------
// Silence: nudge, escalate, give up
// ---------------------------------------------------------------------------------------------

const awaitedRoles = (purpose: string, answeredBy: string[]): LinkRecipient[] =>
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
  if (pair.status === "paused") return { decision: "wait", timeouts: wait.timeouts };
  const timeouts = await countTimeout(pairId, wait);
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
        mentorFirstName: people.mentor.firstName,
        menteeFirstName: people.mentee.firstName,
        waitingSince: new Date(wait.since),
        nudgesSent: silence.nudges,
      }),
    });
    await updatePair(pairId, { needsAttention: true });
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

export async function giveUp(pairId: string): Promise<void> {
  const pair = await activePair(pairId);
  const wait = await getWait(pairId);
  await updatePair(
    pairId,
    {
      status: "cancelled",
      needsAttention: true,
      cancelReason: "Sans réponse malgré les relances / no answer despite reminders",
      closedAt: clock.now().toISOString(),
    },
    { remove: ["waitingOn"] },
  );
  await appendHistory(
    pairId,
    "system",
    "pair.ended-after-silence",
    wait ? { step: wait.step } : undefined,
    "ended-after-silence",
  );
  const { notifyCancellation } = await import("./actions");
  await notifyCancellation(pair, "Sans réponse malgré plusieurs relances.");
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

export async function closePair(pairId: string): Promise<void> {
  const pair = await activePair(pairId);
  const people = await loadPeople(pair);
  const hours = pair.mentorHours ?? 0;
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
      }),
    });
  }
  await updatePair(
    pairId,
    { status: "closed", phase: "closed", closedAt: clock.now().toISOString() },
    { remove: ["waitingOn"] },
  );
  await appendHistory(pairId, "system", "pair.closed", { mentorHours: hours }, "pair.closed");
}

export async function recordFailure(payload: StepPayload): Promise<void> {
  const { pairId } = payload;
  const pair = await requirePair(pairId);
  const error = payload.failure?.Error ?? "Error";
  const step = pair.waitingOn?.step ?? pair.phase;
  await updatePair(pairId, { status: "failed", needsAttention: true });
  await appendHistory(pairId, "system", "step.failed", { step, error });
  await sendToRole({
    pair,
    role: "team",
    purpose: `failure#${step}#${error}`,
    message: failureAlert({ pairId, step, error, at: clock.now() }),
  });
  logger.error("Pair step failed", { pairId, step, error });
}
