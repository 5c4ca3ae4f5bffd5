import { env } from "../env";
import type { LinkPurpose, LinkRecipient } from "../links";
import { type Format, formats, type Localised, programme, themes } from "../programme";
import type { Bilingual, Paragraph } from "./layout";

/**
 * Every email of the pair workflow, French first then English. Each function takes plain data
 * (first names, dates, links) and returns the message; the caller chooses the recipients (and the
 * assistant in copy), attaches the calendar invitation and sends it with `sendOnce`.
 */

// ---------------------------------------------------------------------------------------------
// Meetings and dates
// ---------------------------------------------------------------------------------------------

export type Meeting =
  | { kind: "preparation" }
  | { kind: "session"; number: number }
  | { kind: "follow-up" };

/**
 * Reads the meeting a workflow step is about. Step names follow `preparation`, `session-<n>` and
 * `follow-up`, optionally with a suffix (`session-2-confirm`); anything else is not a meeting.
 */
export function meetingOfStep(step: string): Meeting | undefined {
  const session = /session[-#_:]?(\d+)/i.exec(step);
  if (/follow-?up/i.test(step)) return { kind: "follow-up" };
  if (session) return { kind: "session", number: Number(session[1]) };
  if (/prep/i.test(step)) return { kind: "preparation" };
  return undefined;
}

/** The meeting's name without article, as a title: "Séance n° 2" / "Session 2". */
export function meetingTitle(meeting: Meeting): Localised {
  switch (meeting.kind) {
    case "preparation":
      return { fr: "Rendez-vous de préparation", en: "Preparation call" };
    case "session":
      return { fr: `Séance n° ${meeting.number}`, en: `Session ${meeting.number}` };
    case "follow-up":
      return { fr: "Séance de suivi", en: "Follow-up session" };
  }
}

/** The meeting's name inside a sentence, with its article: "la séance n° 2" / "session 2". */
export function theMeeting(meeting: Meeting): Localised {
  switch (meeting.kind) {
    case "preparation":
      return { fr: "le rendez-vous de préparation", en: "the preparation call" };
    case "session":
      return { fr: `la séance n° ${meeting.number}`, en: `session ${meeting.number}` };
    case "follow-up":
      return { fr: "la séance de suivi", en: "the follow-up session" };
  }
}

/** A step of the workflow inside a sentence: its meeting, or the closure (which has none). */
export function theStep(step: string): Localised {
  const meeting = meetingOfStep(step);
  return meeting ? theMeeting(meeting) : { fr: "la clôture", en: "the closure" };
}

const parisTime = {
  fr: new Intl.DateTimeFormat("fr-FR", {
    timeZone: "Europe/Paris",
    dateStyle: "full",
    timeStyle: "short",
  }),
  en: new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Paris",
    dateStyle: "full",
    timeStyle: "short",
  }),
};

const parisDay = {
  fr: new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "long" }),
  en: new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", dateStyle: "long" }),
};

const parisMonth = {
  fr: new Intl.DateTimeFormat("fr-FR", {
    timeZone: "Europe/Paris",
    month: "long",
    year: "numeric",
  }),
  en: new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Paris",
    month: "long",
    year: "numeric",
  }),
};

/** "mardi 17 mars 2026 à 14:30 (heure de Paris)" / "Tuesday 17 March 2026 at 14:30 (Paris time)". */
export function formatWhen(date: Date): Localised {
  return {
    fr: `${parisTime.fr.format(date)} (heure de Paris)`,
    en: `${parisTime.en.format(date)} (Paris time)`,
  };
}

export const formatDay = (date: Date): Localised => ({
  fr: parisDay.fr.format(date),
  en: parisDay.en.format(date),
});

const formatHours = (hours: number): Localised => ({
  fr: `${new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 }).format(hours)} h`,
  en: `${new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }).format(hours)} h`,
});

const formatLabel = (format: Format): Localised =>
  formats.find((candidate) => candidate.id === format)?.label ?? { fr: format, en: format };

const subject = (text: string) => `${programme.name} : ${text}`;

/** The practical lines of a scheduled meeting: when, how long, how and where. */
function practicalLines(input: MeetingDetails, lang: "fr" | "en"): string[] {
  const lines = [
    lang === "fr"
      ? `Quand : ${formatWhen(input.start).fr}, pendant ${input.durationMinutes} minutes environ.`
      : `When: ${formatWhen(input.start).en}, for about ${input.durationMinutes} minutes.`,
  ];
  if (input.format || input.location) {
    const how = [input.format ? formatLabel(input.format)[lang] : "", input.location ?? ""]
      .filter(Boolean)
      .join(" — ");
    lines.push(lang === "fr" ? `Comment : ${how}` : `How: ${how}`);
  }
  return lines;
}

function changeLinks(input: MeetingDetails, lang: "fr" | "en"): Paragraph[] {
  const links: Paragraph[] = [];
  if (input.rescheduleLink) {
    links.push({
      link: input.rescheduleLink,
      label: lang === "fr" ? "Changer la date" : "Change the date",
    });
  }
  if (input.cancelLink) {
    links.push({
      link: input.cancelLink,
      label: lang === "fr" ? "Annuler ce rendez-vous" : "Call off this meeting",
    });
  }
  return links;
}

// ---------------------------------------------------------------------------------------------
// Shared inputs
// ---------------------------------------------------------------------------------------------

/** The person the email is written to, and their partner in the pair. */
export type ToOne = { recipientFirstName: string; otherFirstName: string };

export type MeetingDetails = {
  meeting: Meeting;
  start: Date;
  durationMinutes: number;
  format?: Format;
  location?: string;
  rescheduleLink?: string;
  cancelLink?: string;
};

// ---------------------------------------------------------------------------------------------
// Introduction and charter
// ---------------------------------------------------------------------------------------------

/** The programme charter, as a short list of commitments both participants share. */
export function charter(sessions: number): Localised[] {
  return [
    {
      fr: "Confidentialité : ce qui se dit dans le binôme reste dans le binôme.",
      en: "Confidentiality: what is said in the pair stays in the pair.",
    },
    {
      fr: "Bienveillance : il n'y a pas de question naïve, dans un sens comme dans l'autre.",
      en: "Kindness: there is no naive question, either way.",
    },
    {
      fr: `Régularité : un rendez-vous de préparation, ${sessions} séances d'environ une heure, puis une séance de suivi quelques mois plus tard.`,
      en: `Regularity: a preparation call, ${sessions} sessions of about one hour, then a follow-up session a few months later.`,
    },
    {
      fr: "Respect du temps de chacun : prévenir l'autre au plus tôt en cas d'empêchement.",
      en: "Respect for each other's time: tell the other as early as possible if you cannot make it.",
    },
    {
      fr: "Réciprocité : le mentor partage ses usages, le mentoré partage son regard de manager.",
      en: "Reciprocity: the mentor shares their digital practice, the mentee their view as a manager.",
    },
  ];
}

const bullet = (text: string) => `• ${text}`;

/**
 * Sent once to both participants (the mentee's assistant in copy when given). The scheduling link
 * is for the mentor, who proposes the preparation call.
 */
export function introduction(input: {
  mentorFirstName: string;
  menteeFirstName: string;
  scheduleLink: string;
  sessions: number;
  /** The themes the mentee chose in the questionnaire (ids of the programme's themes). */
  menteeThemeIds?: string[];
}): Bilingual {
  const { mentorFirstName: mentor, menteeFirstName: mentee } = input;
  const chosen = themes.filter((theme) => input.menteeThemeIds?.includes(theme.id));
  const commitments = charter(input.sessions);
  return {
    subject: subject(`${mentee} et ${mentor}, voici votre binôme`),
    fr: [
      `Bonjour ${mentee}, bonjour ${mentor},`,
      `Nous avons le plaisir de vous présenter l'un à l'autre : ${mentor} sera votre mentor, ${mentee}, dans le programme de mentorat inversé ${programme.name}.`,
      ...(chosen.length
        ? [
            `Les thèmes ${que(mentee)} souhaite travailler en priorité : ${chosen.map((theme) => theme.label.fr).join(", ")}.`,
          ]
        : []),
      "Notre charte tient en quelques engagements :",
      ...commitments.map((line) => bullet(line.fr)),
      `Première étape : un rendez-vous de préparation, par téléphone, pour convenir ensemble des objectifs. ${mentor}, c'est à vous de proposer une date :`,
      { link: input.scheduleLink, label: `Pour ${mentor} : proposer une date de rendez-vous` },
      "Vous pouvez vous écrire directement en répondant à tous à ce message.",
    ],
    en: [
      `Hello ${mentee}, hello ${mentor},`,
      `We are happy to introduce you to each other: ${mentor} will be your mentor, ${mentee}, in the ${programme.name} reverse-mentoring programme.`,
      ...(chosen.length
        ? [
            `The themes ${mentee} wants to work on first: ${chosen.map((theme) => theme.label.en).join(", ")}.`,
          ]
        : []),
      "Our charter comes down to a few commitments:",
      ...commitments.map((line) => bullet(line.en)),
      `First step: a preparation call, by phone, to agree on your goals. ${mentor}, please propose a date:`,
      { link: input.scheduleLink, label: `For ${mentor}: propose a date for the call` },
      "You can write to each other directly by replying to all.",
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Scheduling, invitation, reminder, confirmation
// ---------------------------------------------------------------------------------------------

/** Asks the recipient (usually the mentor) to propose a date for the next meeting. */
export function schedulingRequest(
  input: ToOne & { meeting: Meeting; scheduleLink: string },
): Bilingual {
  const what = theMeeting(input.meeting);
  return {
    subject: subject(`proposez une date pour ${what.fr}`),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `Il est temps de fixer ${what.fr} avec ${input.otherFirstName}. Convenez d'un moment ensemble, puis indiquez-le ici : vous recevrez tous deux une invitation pour votre agenda.`,
      { link: input.scheduleLink, label: "Proposer une date" },
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `It is time to set ${what.en} with ${input.otherFirstName}. Agree on a time together, then enter it here: you will both receive a calendar invitation.`,
      { link: input.scheduleLink, label: "Propose a date" },
    ],
  };
}

/**
 * The invitation to a scheduled meeting, sent to each participant with the ICS attached; `update`
 * when the date moved (same calendar event, new time).
 */
export function meetingInvitation(input: ToOne & MeetingDetails & { update?: boolean }): Bilingual {
  const title = meetingTitle(input.meeting);
  const what = theMeeting(input.meeting);
  const when = formatWhen(input.start);
  return {
    subject: subject(
      input.update
        ? `${title.fr.toLowerCase()} déplacé${grammar(input.meeting).e} au ${when.fr}`
        : `${title.fr.toLowerCase()} le ${when.fr}`,
    ),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      input.update
        ? `${capitalise(what.fr)} avec ${input.otherFirstName} change de date. La nouvelle invitation est jointe : elle remplace la précédente dans votre agenda.`
        : `${capitalise(what.fr)} avec ${input.otherFirstName} est fixé${grammar(input.meeting).e}. L'invitation pour votre agenda est jointe.`,
      ...practicalLines(input, "fr"),
      ...changeLinks(input, "fr"),
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      input.update
        ? `${capitalise(what.en)} with ${input.otherFirstName} has moved. The new invitation is attached: it replaces the previous one in your calendar.`
        : `${capitalise(what.en)} with ${input.otherFirstName} is scheduled. The calendar invitation is attached.`,
      ...practicalLines(input, "en"),
      ...changeLinks(input, "en"),
    ],
  };
}

/** The reminder, the day before by default. */
export function meetingReminder(input: ToOne & MeetingDetails): Bilingual {
  const what = theMeeting(input.meeting);
  return {
    subject: subject(`rappel, ${what.fr} approche`),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `Petit rappel : ${what.fr} avec ${input.otherFirstName} approche.`,
      ...practicalLines(input, "fr"),
      "Un empêchement ? Changez la date plutôt que de laisser passer le rendez-vous.",
      ...changeLinks(input, "fr"),
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `A quick reminder: ${what.en} with ${input.otherFirstName} is coming up.`,
      ...practicalLines(input, "en"),
      "Something came up? Change the date rather than miss the meeting.",
      ...changeLinks(input, "en"),
    ],
  };
}

/** After the meeting: did it take place? With the one-minute feedback. */
export function tookPlaceRequest(
  input: ToOne & { meeting: Meeting; start: Date; confirmLink: string },
): Bilingual {
  const what = theMeeting(input.meeting);
  const when = formatWhen(input.start);
  const { e, pronoun } = grammar(input.meeting);
  return {
    subject: subject(`${what.fr} a-t-${pronoun} eu lieu ? (1 minute)`),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `${capitalise(what.fr)} avec ${input.otherFirstName} était prévu${e} le ${when.fr}. Dites-nous en une minute ${pronoun === "il" ? "s'il" : "si elle"} a bien eu lieu et comment ${pronoun} s'est passé${e}.`,
      { link: input.confirmLink, label: "Répondre (1 minute)" },
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `${capitalise(what.en)} with ${input.otherFirstName} was planned for ${when.en}. Tell us in one minute whether it took place and how it went.`,
      { link: input.confirmLink, label: "Answer (1 minute)" },
    ],
  };
}

/** After the preparation call: the mentor records the goals agreed and the number of sessions. */
export function objectivesRequest(input: ToOne & { objectivesLink: string }): Bilingual {
  const { recipientFirstName: mentor, otherFirstName: mentee } = input;
  return {
    subject: subject(`notez les objectifs convenus avec ${mentee}`),
    fr: [
      `Bonjour ${mentor},`,
      `Merci pour le rendez-vous de préparation avec ${mentee}. Notez en deux minutes les objectifs convenus et le nombre de séances prévues :`,
      { link: input.objectivesLink, label: "Noter les objectifs" },
    ],
    en: [
      `Hello ${mentor},`,
      `Thank you for the preparation call with ${mentee}. Take two minutes to record the goals you agreed on and the number of sessions planned:`,
      { link: input.objectivesLink, label: "Record the goals" },
    ],
  };
}

/** The meeting was called off (the calendar cancellation is attached); the pair goes on. */
export function meetingCancelled(
  input: ToOne & {
    meeting: Meeting;
    start: Date;
    reason?: string;
    scheduleLink?: string;
  },
): Bilingual {
  const what = theMeeting(input.meeting);
  const when = formatWhen(input.start);
  const { e } = grammar(input.meeting);
  return {
    subject: subject(`${what.fr} du ${formatDay(input.start).fr} est annulé${e}`),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `${capitalise(what.fr)} avec ${input.otherFirstName}, prévu${e} le ${when.fr}, est annulé${e}. L'annulation pour votre agenda est jointe.`,
      ...(input.reason ? [`Motif indiqué : ${input.reason}`] : []),
      ...(input.scheduleLink
        ? [
            "Convenez d'un nouveau moment ensemble, puis indiquez-le ici :",
            { link: input.scheduleLink, label: "Proposer une nouvelle date" },
          ]
        : []),
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `${capitalise(what.en)} with ${input.otherFirstName}, planned for ${when.en}, is called off. The calendar cancellation is attached.`,
      ...(input.reason ? [`Reason given: ${input.reason}`] : []),
      ...(input.scheduleLink
        ? [
            "Agree on a new time together, then enter it here:",
            { link: input.scheduleLink, label: "Propose a new date" },
          ]
        : []),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Silence: nudge and escalation
// ---------------------------------------------------------------------------------------------

const waitingForText: Record<LinkPurpose, (what: Localised) => Localised> = {
  schedule: (what) => ({
    fr: `${capitalise(what.fr)} n'a pas encore de date.`,
    en: `${capitalise(what.en)} has no date yet.`,
  }),
  reschedule: (what) => ({
    fr: `${capitalise(what.fr)} attend toujours sa nouvelle date.`,
    en: `${capitalise(what.en)} is still waiting for its new date.`,
  }),
  confirm: (what) => ({
    fr: `Nous ne savons pas encore si ${what.fr} a eu lieu.`,
    en: `We do not know yet whether ${what.en} took place.`,
  }),
  "cancel-session": (what) => ({
    fr: `${capitalise(what.fr)} attend votre réponse.`,
    en: `${capitalise(what.en)} is waiting for your answer.`,
  }),
  objectives: () => ({
    fr: "Les objectifs convenus lors du rendez-vous de préparation ne sont pas encore notés.",
    en: "The goals agreed at the preparation call are not recorded yet.",
  }),
  "self-evaluation": () => ({
    fr: "Votre auto-évaluation de fin de parcours nous manque encore.",
    en: "We are still missing your closing self-evaluation.",
  }),
};

const linkLabel: Record<LinkPurpose, Localised> = {
  schedule: { fr: "Proposer une date", en: "Propose a date" },
  reschedule: { fr: "Proposer une nouvelle date", en: "Propose a new date" },
  confirm: { fr: "Répondre (1 minute)", en: "Answer (1 minute)" },
  "cancel-session": { fr: "Répondre", en: "Answer" },
  objectives: { fr: "Noter les objectifs", en: "Record the goals" },
  "self-evaluation": { fr: "Faire mon auto-évaluation", en: "Fill in my self-evaluation" },
};

/** A friendly reminder when a step has waited too long for the recipient. */
export function nudge(
  input: ToOne & { waitingFor: LinkPurpose; link: string; meeting?: Meeting },
): Bilingual {
  const what = input.meeting
    ? theMeeting(input.meeting)
    : { fr: "la prochaine étape", en: "the next step" };
  const situation = waitingForText[input.waitingFor](what);
  return {
    subject: subject("une petite relance"),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `${situation.fr} Votre binôme avec ${input.otherFirstName} n'attend qu'un clic de votre part pour continuer.`,
      { link: input.link, label: linkLabel[input.waitingFor].fr },
      `Un souci, une question ? Écrivez-nous à ${programme.contactEmail}.`,
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `${situation.en} Your pair with ${input.otherFirstName} only needs one click from you to go on.`,
      { link: input.link, label: linkLabel[input.waitingFor].en },
      `A problem, a question? Write to us at ${programme.contactEmail}.`,
    ],
  };
}

export const pairAdminLink = (pairId: string) =>
  `${env.appUrl}/admin/binomes/${encodeURIComponent(pairId)}`;

/** To the programme team: a pair has stayed silent past its nudges. Ids and first names only. */
export function escalation(input: {
  pairId: string;
  step: string;
  waitingFor: LinkPurpose;
  waitingOn: LinkRecipient;
  mentorFirstName: string;
  menteeFirstName: string;
  waitingSince: Date;
  nudgesSent: number;
}): Bilingual {
  const who = {
    fr: input.waitingOn === "mentor" ? "du mentor" : "du mentoré",
    en: input.waitingOn === "mentor" ? "the mentor" : "the mentee",
  };
  const since = formatDay(input.waitingSince);
  return {
    subject: subject(`binôme ${input.pairId} sans réponse (${input.step})`),
    fr: [
      "Bonjour,",
      `Le binôme ${input.pairId} (${input.mentorFirstName} et ${input.menteeFirstName}) attend une réponse ${who.fr} depuis le ${since.fr}, malgré ${input.nudgesSent} relance${input.nudgesSent > 1 ? "s" : ""}.`,
      `Étape : ${input.step} — action attendue : ${expectedAction[input.waitingFor].fr}.`,
      "Un échange avec eux permettra sans doute de débloquer la situation.",
      { link: pairAdminLink(input.pairId), label: "Voir le binôme" },
    ],
    en: [
      "Hello,",
      `Pair ${input.pairId} (${input.mentorFirstName} and ${input.menteeFirstName}) has been waiting for ${who.en} since ${since.en}, despite ${input.nudgesSent} reminder${input.nudgesSent > 1 ? "s" : ""}.`,
      `Step: ${input.step} — expected action: ${expectedAction[input.waitingFor].en}.`,
      "A word with them will probably get things moving.",
      { link: pairAdminLink(input.pairId), label: "Open the pair" },
    ],
  };
}

/** To the programme team: a meeting did not take place again (see `noShowRule`). */
export function noShowEscalation(input: {
  pairId: string;
  meeting: Meeting;
  noShows: number;
  endAt: number;
  mentorFirstName: string;
  menteeFirstName: string;
}): Bilingual {
  const label = theMeeting(input.meeting);
  const { pairId, noShows } = input;
  const names = { mentor: input.mentorFirstName, mentee: input.menteeFirstName };
  return {
    subject: subject(`binôme ${pairId}, ${label.fr} n'a pas eu lieu (${noShows} fois)`),
    fr: [
      "Bonjour,",
      `Le binôme ${pairId} (${names.mentor} et ${names.mentee}) n'a pas pu tenir ${label.fr} : c'est la ${noShows}e fois.`,
      `Le mentor est invité à proposer une nouvelle date. Si ${label.fr} n'a toujours pas lieu, le binôme prendra fin automatiquement (au bout de ${input.endAt} tentatives).`,
      "Un échange avec eux permettra sans doute de débloquer la situation.",
    ],
    en: [
      "Hello,",
      `Pair ${pairId} (${names.mentor} and ${names.mentee}) could not hold ${label.en}: this is attempt ${noShows}.`,
      `The mentor is asked to propose a new date. If ${label.en} still does not take place, the pair will end automatically (after ${input.endAt} attempts).`,
      "A word with them will probably get things moving.",
    ],
  };
}

/**
 * Why the workflow ended a pair on its own: `reason` is kept on the pair (the team's pages show
 * it), `notice` goes into the cancellation email to both participants.
 */
export const workflowEnding = {
  afterNoShows: (meeting: Meeting, noShows: number) => ({
    reason: "Rendez-vous manqué à plusieurs reprises / meeting missed several times",
    notice: `${capitalise(theMeeting(meeting).fr)} n'a pas pu avoir lieu après ${noShows} tentatives.`,
  }),
  afterSilence: {
    reason: "Sans réponse malgré les relances / no answer despite reminders",
    notice: "Sans réponse malgré plusieurs relances.",
  },
};

/** To the programme team: a step failed after its retries. Ids and a short error name only. */
export function failureAlert(input: {
  pairId: string;
  step: string;
  error: string;
  at: Date;
  executionName?: string;
}): Bilingual {
  const when = formatWhen(input.at);
  return {
    subject: subject(`incident sur le binôme ${input.pairId} (${input.step})`),
    fr: [
      "Bonjour,",
      `Une étape du binôme ${input.pairId} a échoué le ${when.fr}, malgré les nouvelles tentatives automatiques.`,
      `Étape : ${input.step} — erreur : ${input.error}${input.executionName ? ` — exécution : ${input.executionName}` : ""}.`,
      "Le binôme est marqué « à traiter ». L'équipe technique peut relancer l'exécution depuis la console AWS une fois la cause corrigée.",
      { link: pairAdminLink(input.pairId), label: "Voir le binôme" },
    ],
    en: [
      "Hello,",
      `A step of pair ${input.pairId} failed on ${when.en}, despite the automatic retries.`,
      `Step: ${input.step} — error: ${input.error}${input.executionName ? ` — execution: ${input.executionName}` : ""}.`,
      "The pair is flagged “needs attention”. The technical team can redrive the execution from the AWS console once the cause is fixed.",
      { link: pairAdminLink(input.pairId), label: "Open the pair" },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Pause, follow-up, closure
// ---------------------------------------------------------------------------------------------

/** After the last session: the pause before the follow-up session. */
export function pauseNotice(
  input: ToOne & { sessionsHeld: number; followUpAround: Date },
): Bilingual {
  const month = {
    fr: parisMonth.fr.format(input.followUpAround),
    en: parisMonth.en.format(input.followUpAround),
  };
  return {
    subject: subject("bravo, place à la mise en pratique"),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `Avec ${input.otherFirstName}, vous avez tenu ${input.sessionsHeld} séance${input.sessionsHeld > 1 ? "s" : ""} : bravo ! Vient maintenant une pause de quelques mois pour mettre en pratique ce que vous avez vu ensemble.`,
      `Nous reviendrons vers vous en ${month.fr} pour organiser la séance de suivi : ce qui a été appris, ce qui a été mis en œuvre, ce qui reste à faire.`,
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `You and ${input.otherFirstName} have held ${input.sessionsHeld} session${input.sessionsHeld > 1 ? "s" : ""}: well done! Now comes a pause of a few months to put into practice what you saw together.`,
      `We will get back to you in ${month.en} to arrange the follow-up session: what was learnt, what was put into practice, what is left to do.`,
    ],
  };
}

/** The pause is over: time to schedule the follow-up session. */
export function followUpRequest(input: ToOne & { scheduleLink: string }): Bilingual {
  return {
    subject: subject("c'est le moment de la séance de suivi"),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `Quelques mois ont passé depuis votre dernière séance avec ${input.otherFirstName}. C'est le moment de la séance de suivi, pour faire le point sur ce que vous avez mis en pratique.`,
      "Convenez d'un moment ensemble, puis indiquez-le ici :",
      { link: input.scheduleLink, label: "Proposer une date" },
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `A few months have passed since your last session with ${input.otherFirstName}. It is time for the follow-up session, to review what you have put into practice.`,
      "Agree on a time together, then enter it here:",
      { link: input.scheduleLink, label: "Propose a date" },
    ],
  };
}

/** At closure: the self-evaluation (the mentee rates the questionnaire's themes again). */
export function selfEvaluationRequest(
  input: ToOne & { recipient: LinkRecipient; link: string },
): Bilingual {
  const mentee = input.recipient === "mentee";
  return {
    subject: subject("votre auto-évaluation de fin de parcours (3 minutes)"),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `Votre parcours avec ${input.otherFirstName} touche à sa fin. Prenez trois minutes pour faire le point :`,
      mentee
        ? "vous retrouverez les thèmes du questionnaire du début, pour mesurer le chemin parcouru."
        : `dites-nous ce ${que(input.otherFirstName)} a acquis selon vous, et comment vous avez vécu ce mentorat.`,
      { link: input.link, label: "Faire mon auto-évaluation" },
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `Your time with ${input.otherFirstName} is coming to an end. Take three minutes to look back:`,
      mentee
        ? "you will find the themes of the first questionnaire, to measure how far you have come."
        : `tell us what you think ${input.otherFirstName} has acquired, and how you found this mentoring.`,
      { link: input.link, label: "Fill in my self-evaluation" },
    ],
  };
}

/** The thank-you email that closes the pair, with its summary. */
export function closing(
  input: ToOne & { sessionsHeld: number; hours: number; objectives?: string },
): Bilingual {
  const hours = formatHours(input.hours);
  return {
    subject: subject("merci, votre binôme se termine"),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `Votre binôme avec ${input.otherFirstName} se termine ici. Merci pour le temps et l'énergie que vous y avez mis.`,
      "En résumé :",
      bullet(`séances tenues : ${input.sessionsHeld}`),
      bullet(`temps passé ensemble : ${hours.fr}`),
      ...(input.objectives ? [bullet(`objectifs convenus : ${input.objectives}`)] : []),
      `Envie de continuer ? Les ateliers collectifs, les BarNum' et le réseau des mentors vous attendent. Écrivez-nous à ${programme.contactEmail}.`,
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `Your pair with ${input.otherFirstName} ends here. Thank you for the time and energy you put into it.`,
      "In short:",
      bullet(`sessions held: ${input.sessionsHeld}`),
      bullet(`time spent together: ${hours.en}`),
      ...(input.objectives ? [bullet(`agreed goals: ${input.objectives}`)] : []),
      `Want to keep going? Collective workshops, BarNum' drop-ins and the mentor network are open to you. Write to us at ${programme.contactEmail}.`,
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Programme team actions
// ---------------------------------------------------------------------------------------------

/** The programme team ended the pair. */
export function cancellationNotice(input: ToOne & { reason: string }): Bilingual {
  return {
    subject: subject("votre binôme s'arrête"),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `L'équipe d'animation a mis fin à votre binôme avec ${input.otherFirstName}.`,
      `Motif : ${input.reason}`,
      "Les rendez-vous prévus sont annulés et vous ne recevrez plus de messages pour ce binôme. Merci pour votre participation.",
      `Une question ? Écrivez-nous à ${programme.contactEmail}.`,
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `The programme team has ended your pair with ${input.otherFirstName}.`,
      `Reason: ${input.reason}`,
      "Planned meetings are cancelled and you will receive no more messages about this pair. Thank you for taking part.",
      `A question? Write to us at ${programme.contactEmail}.`,
    ],
  };
}

/** The programme team paused the pair; nothing is sent until it resumes. */
export function pausedByTeam(input: ToOne): Bilingual {
  return {
    subject: subject("votre binôme est mis en pause"),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `L'équipe d'animation a mis en pause votre binôme avec ${input.otherFirstName}. Vous ne recevrez pas de relance pendant cette pause ; nous vous écrirons à la reprise.`,
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `The programme team has paused your pair with ${input.otherFirstName}. You will receive no reminders during the pause; we will write when it resumes.`,
    ],
  };
}

export function resumedByTeam(input: ToOne): Bilingual {
  return {
    subject: subject("votre binôme reprend"),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `Votre binôme avec ${input.otherFirstName} reprend là où il s'était arrêté. Vous recevrez le prochain message en temps utile.`,
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `Your pair with ${input.otherFirstName} resumes where it stopped. You will receive the next message in due course.`,
    ],
  };
}

/** To the mentee: a new mentor takes over. */
export function reassignmentToMentee(input: {
  menteeFirstName: string;
  newMentorFirstName: string;
}): Bilingual {
  return {
    subject: subject(`${input.newMentorFirstName} devient votre mentor`),
    fr: [
      `Bonjour ${input.menteeFirstName},`,
      `L'équipe d'animation a confié votre binôme à un nouveau mentor : ${input.newMentorFirstName}. Votre parcours continue là où il en était ; ${input.newMentorFirstName} vous proposera la prochaine date.`,
    ],
    en: [
      `Hello ${input.menteeFirstName},`,
      `The programme team has given your pair a new mentor: ${input.newMentorFirstName}. Your journey goes on where it was; ${input.newMentorFirstName} will propose the next date.`,
    ],
  };
}

/** To the mentor who takes over a pair in progress. */
export function reassignmentToNewMentor(input: {
  newMentorFirstName: string;
  menteeFirstName: string;
  sessionsHeld: number;
  objectives?: string;
}): Bilingual {
  return {
    subject: subject(`vous accompagnez désormais ${input.menteeFirstName}`),
    fr: [
      `Bonjour ${input.newMentorFirstName},`,
      `Merci de prendre le relais : vous accompagnez désormais ${input.menteeFirstName}, qui a déjà tenu ${input.sessionsHeld} séance${input.sessionsHeld > 1 ? "s" : ""}.`,
      ...(input.objectives ? [`Objectifs convenus : ${input.objectives}`] : []),
      "Vous recevrez le lien pour proposer la prochaine date dans un message séparé.",
    ],
    en: [
      `Hello ${input.newMentorFirstName},`,
      `Thank you for taking over: you now coach ${input.menteeFirstName}, who has already held ${input.sessionsHeld} session${input.sessionsHeld > 1 ? "s" : ""}.`,
      ...(input.objectives ? [`Agreed goals: ${input.objectives}`] : []),
      "You will receive the link to propose the next date in a separate message.",
    ],
  };
}

/** To the mentor who hands the pair over. */
export function reassignmentToPreviousMentor(input: {
  previousMentorFirstName: string;
  menteeFirstName: string;
}): Bilingual {
  return {
    subject: subject(`le binôme avec ${input.menteeFirstName} passe à un autre mentor`),
    fr: [
      `Bonjour ${input.previousMentorFirstName},`,
      `L'équipe d'animation a confié votre binôme avec ${input.menteeFirstName} à un autre mentor. Les rendez-vous prévus sont annulés et vous ne recevrez plus de messages pour ce binôme.`,
      "Merci pour le chemin parcouru ensemble.",
    ],
    en: [
      `Hello ${input.previousMentorFirstName},`,
      `The programme team has given your pair with ${input.menteeFirstName} to another mentor. Planned meetings are cancelled and you will receive no more messages about this pair.`,
      "Thank you for the way you travelled together.",
    ],
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "que Marc" but "qu'Élodie": French elides before a vowel. */
const que = (firstName: string) =>
  /^[aeiouyàâäéèêëîïôöùûüh]/i.test(firstName) ? `qu'${firstName}` : `que ${firstName}`;

/** What a step waits for, in words the programme team reads. */
const expectedAction: Record<LinkPurpose, Localised> = {
  schedule: { fr: "proposer une date", en: "propose a date" },
  reschedule: { fr: "proposer une nouvelle date", en: "propose a new date" },
  confirm: { fr: "confirmer que le rendez-vous a eu lieu", en: "confirm the meeting took place" },
  "cancel-session": { fr: "confirmer une annulation", en: "confirm a cancellation" },
  objectives: { fr: "noter les objectifs", en: "record the goals" },
  "self-evaluation": { fr: "remplir l'auto-évaluation", en: "fill in the self-evaluation" },
};

/** "Le rendez-vous" is masculine, "la séance" feminine: the agreement of the French sentences. */
function grammar(meeting: Meeting) {
  return meeting.kind === "preparation"
    ? { e: "", pronoun: "il" as const }
    : { e: "e", pronoun: "elle" as const };
}
