import { createHash } from "node:crypto";
import { getItem } from "../clients/dynamodb";
import { clock } from "../clock";
import { listCohorts } from "../cohort";
import type { Bilingual } from "../email/layout";
import { ownPageLinkEmail, participantRequest } from "../email/pair-messages";
import { keys } from "../keys";
import { issueLink, type LinkPurpose, type LinkRecipient } from "../links";
import { logger } from "../observability";
import { readAddressLink, sendAddressLink } from "../signed-links";
import { waitsFor } from "./link-state";
import type { Pair } from "./model";
import { sendToRole } from "./notify";
import { parseOwnPageToken } from "./own-page-link";
import { contactOf, fullName, loadPeople } from "./people";
import { isRunning, sessionStep } from "./rules";
import {
  appendHistory,
  getPair,
  getWait,
  listMeetings,
  listPairs,
  type MeetingRecord,
  updatePair,
} from "./store";

/**
 * A participant's own page (`/mon-binome`): their pair, the other's name and address, the
 * meetings done and to come, the objectives, what waits on them and the actions open to them,
 * reached from every email of the pair (see own-page-link.ts) or, for a lost link, from a link
 * sent again to the registered address.
 */

export { ownPageLink } from "./own-page-link";

export type OwnPageReading =
  | { ok: true; pair: Pair; role: LinkRecipient }
  | { ok: false; reason: "malformed" | "tampered" | "unknown" };

/** Checks a page token and reads the pair it names. */
export async function readOwnPage(token: string): Promise<OwnPageReading> {
  const parsed = parseOwnPageToken(token);
  if (!parsed.ok) return parsed;
  const pair = await getPair(parsed.pairId);
  // A mentor's link opens the pair only while they are its mentor.
  if (!pair || (parsed.role === "mentor" && pair.mentorId !== parsed.mentorId)) {
    return { ok: false, reason: "unknown" };
  }
  return { ok: true, pair, role: parsed.role };
}

// ---------------------------------------------------------------------------------------------
// What the page shows
// ---------------------------------------------------------------------------------------------

export type MeetingLine = {
  step: string;
  status: "held" | "scheduled" | "no-show" | "cancelled" | "to-plan";
  startsAt?: string;
  durationMinutes?: number;
  format?: string;
  location?: string;
};

export type OpenAction = { purpose: LinkPurpose; step: string; url: string };

export type OwnPageView = {
  role: LinkRecipient;
  pair: Pick<
    Pair,
    | "status"
    | "phase"
    | "outcome"
    | "sessionsPlanned"
    | "sessionsDone"
    | "objectives"
    | "pauseEndsAt"
  >;
  me: { firstName: string };
  other: { fullName: string; email: string; firstName: string };
  meetings: MeetingLine[];
  /** What the pair waits on from this person now, each with the link page that answers it. */
  actions: OpenAction[];
  /** What the pair waits on from the other (so the page can say "nothing from you for now"). */
  waitingOnOther: LinkPurpose[];
};

/** Who may answer which link (the mentor proposes dates and records the objectives). */
const mentorOnly: LinkPurpose[] = ["schedule", "objectives"];
const answersOf: Record<string, LinkPurpose[]> = {
  schedule: ["schedule"],
  "session-time": ["reschedule", "cancel-session"],
  confirm: ["confirm"],
  objectives: ["objectives"],
  "self-evaluation": ["self-evaluation"],
};

/** Pure: the pair's meetings in order, planned or not. */
export function meetingLines(pair: Pick<Pair, "sessionsPlanned">, records: MeetingRecord[]) {
  const steps = [
    "preparation",
    ...Array.from({ length: pair.sessionsPlanned }, (_, index) => sessionStep(index + 1)),
    "follow-up",
  ];
  return steps.map((step): MeetingLine => {
    const record = records.find((meeting) => meeting.step === step);
    if (!record) return { step, status: "to-plan" };
    return {
      step,
      status: record.status,
      startsAt: record.startsAt,
      durationMinutes: record.durationMinutes,
      ...(record.format ? { format: record.format } : {}),
      ...(record.location ? { location: record.location } : {}),
    };
  });
}

/** Pure: what the pair's current wait asks of `role`. */
export function openPurposes(
  wait: Parameters<typeof waitsFor>[0],
  role: LinkRecipient,
): LinkPurpose[] {
  if (!wait) return [];
  return (answersOf[wait.purpose] ?? []).filter(
    (purpose) =>
      !(mentorOnly.includes(purpose) && role !== "mentor") &&
      waitsFor(wait, { step: wait.step, purpose, recipient: role }),
  );
}

/** How long a link issued from the page works: long enough for a week of silence and nudges. */
const linkLifetimeMs = 30 * 24 * 60 * 60 * 1000;

/**
 * Everything the page shows. Opening the page changes nothing about the pair; it issues the
 * links of the actions open now (a link is single-purpose and dies unused at no cost), so the
 * page always offers a working link even when the one in an old email expired.
 */
export async function ownPageView(pair: Pair, role: LinkRecipient): Promise<OwnPageView> {
  const [people, records, wait] = await Promise.all([
    loadPeople(pair),
    listMeetings(pair.id),
    getWait(pair.id),
  ]);
  const me = role === "mentor" ? people.mentor : people.mentee;
  const other = role === "mentor" ? people.mentee : people.mentor;
  const running = isRunning(pair) && pair.status !== "paused";
  const mine = running ? openPurposes(wait, role) : [];
  const expiresAt = new Date(clock.now().getTime() + linkLifetimeMs);
  const actions = await Promise.all(
    mine.map(async (purpose) => {
      const step = wait?.step as string;
      const url = await issueLink({ pairId: pair.id, step, purpose, recipient: role, expiresAt });
      return { purpose, step, url };
    }),
  );
  const otherRole: LinkRecipient = role === "mentor" ? "mentee" : "mentor";
  return {
    role,
    pair: {
      status: pair.status,
      phase: pair.phase,
      outcome: pair.outcome,
      sessionsPlanned: pair.sessionsPlanned,
      sessionsDone: pair.sessionsDone,
      objectives: pair.objectives,
      pauseEndsAt: pair.pauseEndsAt,
    },
    me: { firstName: me.firstName },
    other: { ...contactOf(other), firstName: other.firstName },
    meetings: meetingLines(pair, records),
    actions,
    waitingOnOther: running ? openPurposes(wait, otherRole) : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Asking the programme team
// ---------------------------------------------------------------------------------------------

export const requestKinds = ["help", "pause"] as const;
export type RequestKind = (typeof requestKinds)[number];

/**
 * A participant asks the team for help or for a pause. It is recorded on the pair (its history
 * line, and the pair flagged for the team) and the team is told by email through the outbox,
 * with the participant as Reply-To. Posting the same request again records and sends nothing new.
 */
export async function askTheTeam(input: {
  pair: Pair;
  role: LinkRecipient;
  kind: RequestKind;
  message?: string;
}): Promise<void> {
  const { pair, role, kind } = input;
  const once = createHash("sha256")
    .update(`${pair.id}\u0000${role}\u0000${kind}\u0000${input.message ?? ""}`)
    .digest("base64url")
    .slice(0, 16);
  await appendHistory(
    pair.id,
    role,
    `participant.asked-${kind}`,
    input.message ? { message: input.message } : undefined,
    `participant.asked-${kind}.${once}`,
  );
  await updatePair(pair.id, { needsAttention: true });
  const people = await loadPeople(pair);
  const from = role === "mentor" ? people.mentor : people.mentee;
  const message: Bilingual = {
    ...participantRequest({
      pairId: pair.id,
      kind,
      role,
      fromName: fullName(from),
      fromEmail: from.email,
      menteeName: fullName(people.mentee),
      mentorName: fullName(people.mentor),
      message: input.message,
    }),
    // The team answers the person directly.
    replyTo: from.email,
  };
  await sendToRole({
    pair,
    people,
    role: "team",
    purpose: `own-page#${kind}#${role}#${once}`,
    message,
  });
  logger.info("Participant asked the team", { pairId: pair.id, kind, role });
}

// ---------------------------------------------------------------------------------------------
// A lost link, sent again to the registered address
// ---------------------------------------------------------------------------------------------

const accessLifetimeMs = 7 * 24 * 60 * 60 * 1000;
const accessThrottleMs = 10 * 60 * 1000;

/** Sends the address a link to its pairs' pages: the same work whether it is known or not. */
export async function sendOwnPageAccess(email: string, lang: "fr" | "en"): Promise<void> {
  await sendAddressLink(
    {
      kind: "own-page-access",
      path: "/mon-binome/acces",
      lifetimeMs: accessLifetimeMs,
      throttleMs: accessThrottleMs,
      message: (url) => ownPageLinkEmail(lang === "en" ? `${url}?lang=en` : url, lang),
    },
    email,
  );
}

export type ParticipantPair = {
  pairId: string;
  mentorId: string;
  role: LinkRecipient;
  otherName: string;
};

/**
 * The pairs an address takes part in, found through its forms: one claim per cohort and kind
 * names the form, and the cohort's pairs name the forms they were formed from (a mentor's pairs
 * are those they currently lead).
 */
export async function pairsOfAddress(email: string): Promise<ParticipantPair[]> {
  const found: { pair: Pair; role: LinkRecipient }[] = [];
  for (const cohort of await listCohorts()) {
    const [asMentee, asMentor] = await Promise.all([
      getItem<{ id: string }>(keys.submissionClaim("questionnaire", cohort.id, email)),
      getItem<{ id: string }>(keys.submissionClaim("mentor", cohort.id, email)),
    ]);
    if (!asMentee?.id && !asMentor?.id) continue;
    for (const pair of await listPairs({ cohortId: cohort.id })) {
      if (asMentee?.id && pair.menteeId === asMentee.id) found.push({ pair, role: "mentee" });
      if (asMentor?.id && pair.mentorId === asMentor.id) found.push({ pair, role: "mentor" });
    }
  }
  return Promise.all(
    found.map(async ({ pair, role }) => {
      const people = await loadPeople(pair);
      return {
        pairId: pair.id,
        mentorId: pair.mentorId,
        role,
        otherName: fullName(role === "mentor" ? people.mentee : people.mentor),
      };
    }),
  );
}

export const readOwnPageAccess = (token: string) => readAddressLink("own-page-access", token);
