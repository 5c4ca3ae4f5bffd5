import { env } from "../env";
import type { LinkPurpose, LinkRecipient } from "../links";
import { type Format, formats, type Localised, programme, themes } from "../programme";
import { agreed, capitalise, de, formatDay, formatHours, formatWhen, plural, que } from "../words";
import { workflowErrors } from "../workflow/payload";
import type { Bilingual, Paragraph } from "./layout";

/**
 * Every email of the pair workflow, French first then English. Each function takes plain data
 * (first names, dates, links) and returns the message; the caller chooses the recipients (and the
 * assistant in copy), attaches the calendar invitation and queues it in the outbox.
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

/** The meeting's name without article, as a title: "Séance n° 2" (a no-break space after « n° ») / "Session 2". */
export function meetingTitle(meeting: Meeting): Localised {
  switch (meeting.kind) {
    case "preparation":
      return { fr: "Rendez-vous de préparation", en: "Preparation call" };
    case "session":
      return { fr: `Séance n°\u00a0${meeting.number}`, en: `Session ${meeting.number}` };
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
      return { fr: `la séance n°\u00a0${meeting.number}`, en: `session ${meeting.number}` };
    case "follow-up":
      return { fr: "la séance de suivi", en: "the follow-up session" };
  }
}

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

export { formatDay, formatWhen };

const formatLabel = (format: Format): Localised =>
  formats.find((candidate) => candidate.id === format)?.label ?? { fr: format, en: format };

const subject = (text: string) => `${programme.name} : ${text}`;

/** The practical lines of a scheduled meeting: when, how long, how and where. */
function practicalLines(input: MeetingDetails, lang: "fr" | "en"): string[] {
  const lines = [
    lang === "fr"
      ? `Quand : ${formatWhen(input.start).fr}, pendant ${formatHours(input.durationMinutes / 60).fr} environ.`
      : `When: ${formatWhen(input.start).en}, for about ${formatHours(input.durationMinutes / 60).en}.`,
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

/** The partner's name and professional address: how the recipient reaches them directly. */
export type Contact = { fullName: string; email: string };

/**
 * The person the email is written to, and their partner in the pair. `other` is given in every
 * email that asks them to agree on something: the email says how to reach the partner (and the
 * sender sets the partner as Reply-To).
 */
export type ToOne = { recipientFirstName: string; otherFirstName: string; other?: Contact };

/** "Pour joindre Yanis Martin : yanis.martin@… — ou répondez à ce message : il lui parvient." */
export function reachOther(other: Contact | undefined): Localised[] {
  if (!other) return [];
  return [
    {
      fr: `Pour joindre ${other.fullName} : ${other.email} — ou répondez simplement à ce message, votre réponse lui parviendra.`,
      en: `To reach ${other.fullName}: ${other.email} — or simply reply to this message, your reply will reach them.`,
    },
  ];
}

const reachLines = (input: ToOne, lang: "fr" | "en") =>
  reachOther(input.other).map((line) => line[lang]);

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
      fr: `Régularité : un rendez-vous de préparation, ${plural("fr", sessions, "séance", "séances")} d'environ une heure, puis une séance de suivi quelques mois plus tard.`,
      en: `Regularity: a preparation call, ${plural("en", sessions, "session", "sessions")} of about one hour, then a follow-up session a few months later.`,
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
 * Sent once to each participant (the mentee's assistant in copy when given), naming the other with
 * their professional address; the sender sets the other as Reply-To, so a reply reaches them. The
 * mentor's copy carries the link to propose the preparation call; the mentee's says who proposes it.
 */
export function introduction(input: {
  recipient: LinkRecipient;
  mentorFirstName: string;
  menteeFirstName: string;
  /** The other participant: the mentor in the mentee's copy, the mentee in the mentor's. */
  other: Contact;
  /** The mentor's copy only. */
  scheduleLink?: string;
  sessions: number;
  /** The themes the mentee chose in the questionnaire (ids of the programme's themes). */
  menteeThemeIds?: string[];
}): Bilingual {
  const { mentorFirstName: mentor, menteeFirstName: mentee } = input;
  const toMentor = input.recipient === "mentor";
  const chosen = themes.filter((theme) => input.menteeThemeIds?.includes(theme.id));
  const themeList = (lang: "fr" | "en") => chosen.map((theme) => theme.label[lang]).join(", ");
  const commitments = charter(input.sessions);
  const reach = reachOther(input.other);
  const scheduling: { fr: Paragraph[]; en: Paragraph[] } =
    toMentor && input.scheduleLink
      ? {
          fr: [
            `Première étape : un rendez-vous de préparation, par téléphone, pour convenir ensemble des objectifs. C'est à vous de le proposer : convenez d'un moment avec ${mentee}, puis indiquez-le ici, vous recevrez tous deux l'invitation pour votre agenda.`,
            { link: input.scheduleLink, label: "Proposer une date de rendez-vous" },
          ],
          en: [
            `First step: a preparation call, by phone, to agree on your goals. It is yours to propose: agree on a time with ${mentee}, then enter it here, and you will both receive the calendar invitation.`,
            { link: input.scheduleLink, label: "Propose a date for the call" },
          ],
        }
      : {
          fr: [
            `Première étape : un rendez-vous de préparation, par téléphone, pour convenir ensemble des objectifs. ${mentor} vous proposera une date ; vous recevrez l'invitation pour votre agenda.`,
          ],
          en: [
            `First step: a preparation call, by phone, to agree on your goals. ${mentor} will propose a date; you will receive the calendar invitation.`,
          ],
        };
  return {
    replyTo: input.other.email,
    subject: subject(`${mentee} et ${mentor}, voici votre binôme`),
    fr: [
      `Bonjour ${toMentor ? mentor : mentee},`,
      toMentor
        ? `Nous avons le plaisir de vous présenter ${input.other.fullName}, que vous accompagnerez comme mentor dans le programme de mentorat inversé ${programme.name}.`
        : `Nous avons le plaisir de vous présenter ${input.other.fullName}, qui sera votre mentor dans le programme de mentorat inversé ${programme.name}.`,
      ...reach.map((line) => line.fr),
      ...(chosen.length
        ? [
            toMentor
              ? `Les thèmes ${que(mentee)} souhaite travailler en priorité : ${themeList("fr")}.`
              : `Les thèmes que vous souhaitez travailler en priorité : ${themeList("fr")}.`,
          ]
        : []),
      "Notre charte tient en quelques engagements :",
      ...commitments.map((line) => bullet(line.fr)),
      ...scheduling.fr,
    ],
    en: [
      `Hello ${toMentor ? mentor : mentee},`,
      toMentor
        ? `We are happy to introduce ${input.other.fullName}, whom you will coach as a mentor in the ${programme.name} reverse-mentoring programme.`
        : `We are happy to introduce ${input.other.fullName}, who will be your mentor in the ${programme.name} reverse-mentoring programme.`,
      ...reach.map((line) => line.en),
      ...(chosen.length
        ? [
            toMentor
              ? `The themes ${mentee} wants to work on first: ${themeList("en")}.`
              : `The themes you want to work on first: ${themeList("en")}.`,
          ]
        : []),
      "Our charter comes down to a few commitments:",
      ...commitments.map((line) => bullet(line.en)),
      ...scheduling.en,
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
    replyTo: input.other?.email,
    subject: subject(`proposez une date pour ${what.fr}`),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `Il est temps de fixer ${what.fr} avec ${input.otherFirstName}. Convenez d'un moment ensemble, puis indiquez-le ici : vous recevrez tous deux une invitation pour votre agenda.`,
      ...reachLines(input, "fr"),
      { link: input.scheduleLink, label: "Proposer une date" },
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `It is time to set ${what.en} with ${input.otherFirstName}. Agree on a time together, then enter it here: you will both receive a calendar invitation.`,
      ...reachLines(input, "en"),
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
    replyTo: input.other?.email,
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
      ...reachLines(input, "fr"),
      ...changeLinks(input, "fr"),
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      input.update
        ? `${capitalise(what.en)} with ${input.otherFirstName} has moved. The new invitation is attached: it replaces the previous one in your calendar.`
        : `${capitalise(what.en)} with ${input.otherFirstName} is scheduled. The calendar invitation is attached.`,
      ...practicalLines(input, "en"),
      ...reachLines(input, "en"),
      ...changeLinks(input, "en"),
    ],
  };
}

/** The reminder, the day before by default. */
export function meetingReminder(input: ToOne & MeetingDetails): Bilingual {
  const what = theMeeting(input.meeting);
  return {
    replyTo: input.other?.email,
    subject: subject(`rappel, ${what.fr} approche`),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `Petit rappel : ${what.fr} avec ${input.otherFirstName} approche.`,
      ...practicalLines(input, "fr"),
      "Un empêchement ? Prévenez l'autre et changez la date plutôt que de laisser passer le rendez-vous.",
      ...reachLines(input, "fr"),
      ...changeLinks(input, "fr"),
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `A quick reminder: ${what.en} with ${input.otherFirstName} is coming up.`,
      ...practicalLines(input, "en"),
      "Something came up? Tell the other and change the date rather than miss the meeting.",
      ...reachLines(input, "en"),
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
    // A meeting that did not take place is set again with the other: a reply reaches them.
    replyTo: input.other?.email,
    subject: subject(`${what.fr} a-t-${pronoun} eu lieu ? (1 minute)`),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `${capitalise(what.fr)} avec ${input.otherFirstName} était prévu${e} le ${when.fr}. Dites-nous en une minute ${pronoun === "il" ? "s'il" : "si elle"} a bien eu lieu et comment ${pronoun} s'est passé${e}.`,
      { link: input.confirmLink, label: "Répondre (1 minute)" },
      ...reachLines(input, "fr"),
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `${capitalise(what.en)} with ${input.otherFirstName} was planned for ${when.en}. Tell us in one minute whether it took place and how it went.`,
      { link: input.confirmLink, label: "Answer (1 minute)" },
      ...reachLines(input, "en"),
    ],
  };
}

/** After the preparation call: the mentor records the goals agreed and the number of sessions. */
export function objectivesRequest(input: ToOne & { objectivesLink: string }): Bilingual {
  const { recipientFirstName: mentor, otherFirstName: mentee } = input;
  return {
    replyTo: input.other?.email,
    subject: subject(`notez les objectifs convenus avec ${mentee}`),
    fr: [
      `Bonjour ${mentor},`,
      `Merci pour le rendez-vous de préparation avec ${mentee}. Notez en deux minutes les objectifs convenus et le nombre de séances prévues :`,
      { link: input.objectivesLink, label: "Noter les objectifs" },
      ...reachLines(input, "fr"),
    ],
    en: [
      `Hello ${mentor},`,
      `Thank you for the preparation call with ${mentee}. Take two minutes to record the goals you agreed on and the number of sessions planned:`,
      { link: input.objectivesLink, label: "Record the goals" },
      ...reachLines(input, "en"),
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
    replyTo: input.other?.email,
    subject: subject(`${what.fr} du ${formatDay(input.start).fr} est annulé${e}`),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `${capitalise(what.fr)} avec ${input.otherFirstName}, prévu${e} le ${when.fr}, est annulé${e}. L'annulation pour votre agenda est jointe.`,
      ...(input.reason ? [`Motif indiqué : ${input.reason}`] : []),
      ...(input.scheduleLink
        ? [
            "Convenez d'un nouveau moment ensemble, puis indiquez-le ici :",
            ...reachLines(input, "fr"),
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
            ...reachLines(input, "en"),
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

export const linkLabel: Record<LinkPurpose, Localised> = {
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
  // Only a date is agreed with the other; the rest is answered to the programme.
  const agreeing = input.waitingFor === "schedule" || input.waitingFor === "reschedule";
  const reach = agreeing ? input : { ...input, other: undefined };
  return {
    ...(agreeing ? { replyTo: input.other?.email } : {}),
    subject: subject("une petite relance"),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `${situation.fr} Votre binôme avec ${input.otherFirstName} n'attend qu'un clic de votre part pour continuer.`,
      ...reachLines(reach, "fr"),
      { link: input.link, label: linkLabel[input.waitingFor].fr },
      `Un souci, une question ? Écrivez-nous à ${programme.contactEmail}.`,
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `${situation.en} Your pair with ${input.otherFirstName} only needs one click from you to go on.`,
      ...reachLines(reach, "en"),
      { link: input.link, label: linkLabel[input.waitingFor].en },
      `A problem, a question? Write to us at ${programme.contactEmail}.`,
    ],
  };
}

export const pairAdminLink = (pairId: string) =>
  `${env.appUrl}/admin/binomes/${encodeURIComponent(pairId)}`;

/**
 * A workflow step in words, with its article: "le rendez-vous de préparation", "la séance n° 2",
 * "la pause", "la clôture" / "the preparation call", "session 2", "the pause", "closure".
 */
export function theStep(step: string): Localised {
  const meeting = meetingOfStep(step);
  if (meeting) return theMeeting(meeting);
  if (/clos/i.test(step)) return { fr: "la clôture", en: "closure" };
  if (/pause/i.test(step)) return { fr: "la pause", en: "the pause" };
  if (/intro/i.test(step)) return { fr: "la présentation", en: "the introduction" };
  return { fr: "l'étape en cours", en: "the current step" };
}

/** The pair as the programme team names it: by its participants' full names. */
export type PairNames = { menteeName: string; mentorName: string };

/** To the programme team: a pair has stayed silent past its nudges. */
export function escalation(
  input: PairNames & {
    pairId: string;
    step: string;
    waitingFor: LinkPurpose;
    waitingOn: LinkRecipient;
    waitingSince: Date;
    nudgesSent: number;
  },
): Bilingual {
  const who = {
    fr: input.waitingOn === "mentor" ? input.mentorName : input.menteeName,
    en: input.waitingOn === "mentor" ? input.mentorName : input.menteeName,
  };
  const role = {
    fr: input.waitingOn === "mentor" ? "mentor" : "mentorée ou mentoré",
    en: input.waitingOn === "mentor" ? "mentor" : "mentee",
  };
  const since = formatDay(input.waitingSince);
  const step = theStep(input.step);
  return {
    subject: subject(`${input.menteeName} et ${input.mentorName} sans réponse (${step.fr})`),
    fr: [
      "Bonjour,",
      `Le binôme ${de(input.menteeName)} et ${input.mentorName} attend une réponse ${de(who.fr)} (${role.fr}) depuis le ${since.fr}, malgré ${plural("fr", input.nudgesSent, "relance", "relances")}.`,
      `Étape : ${step.fr} — action attendue : ${expectedAction[input.waitingFor].fr}.`,
      "Un échange avec eux permettra sans doute de débloquer la situation.",
      { link: pairAdminLink(input.pairId), label: "Voir le binôme" },
    ],
    en: [
      "Hello,",
      `The pair of ${input.menteeName} and ${input.mentorName} has been waiting for ${who.en} (${role.en}) since ${since.en}, despite ${plural("en", input.nudgesSent, "reminder", "reminders")}.`,
      `Step: ${step.en} — expected action: ${expectedAction[input.waitingFor].en}.`,
      "A word with them will probably get things moving.",
      { link: pairAdminLink(input.pairId), label: "Open the pair" },
    ],
  };
}

/** To the programme team: a meeting did not take place again (see `noShowRule`). */
export function noShowEscalation(
  input: PairNames & { pairId: string; meeting: Meeting; noShows: number; endAt: number },
): Bilingual {
  const label = theMeeting(input.meeting);
  const { noShows } = input;
  const pair = {
    fr: `${de(input.menteeName)} et ${input.mentorName}`,
    en: `${input.menteeName} and ${input.mentorName}`,
  };
  return {
    subject: subject(
      `${input.menteeName} et ${input.mentorName} : ${label.fr} n'a pas eu lieu (${plural("fr", noShows, "fois", "fois")})`,
    ),
    fr: [
      "Bonjour,",
      `Le binôme ${pair.fr} n'a pas pu tenir ${label.fr} : c'est la ${noShows === 1 ? "1re" : `${noShows}e`} fois.`,
      `Le mentor est invité à proposer une nouvelle date. Si ${label.fr} n'a toujours pas lieu, le binôme s'arrêtera automatiquement (au bout de ${plural("fr", input.endAt, "tentative", "tentatives")}).`,
      "Un échange avec eux permettra sans doute de débloquer la situation.",
      { link: pairAdminLink(input.pairId), label: "Voir le binôme" },
    ],
    en: [
      "Hello,",
      `The pair of ${pair.en} could not hold ${label.en}: this is attempt ${noShows}.`,
      `The mentor is asked to propose a new date. If ${label.en} still does not take place, the pair will stop automatically (after ${plural("en", input.endAt, "attempt", "attempts")}).`,
      "A word with them will probably get things moving.",
      { link: pairAdminLink(input.pairId), label: "Open the pair" },
    ],
  };
}

/**
 * The names a failed step reaches the alert with: the workflow retries what is transient, then
 * catches it under `TransientStepError` or Lambda's own names (stacks/workflow/retry.ts); a
 * step's timeout is the engine's; other errors keep their own name.
 */
const timedOut = new Set(["States.Timeout", "States.HeartbeatTimeout", "Sandbox.Timedout"]);
const refusedEmail = new Set([
  "MessageRejected",
  "MailFromDomainNotVerifiedException",
  "AccountSuspendedException",
  "SendingPausedException",
]);

/** What kind of fault an error's name points to, in words: the name itself stays in the logs. */
export function faultInWords(error: string): Localised {
  if (error === workflowErrors.transient || error.startsWith("Lambda.")) {
    return {
      fr: "un service était indisponible ou saturé, malgré plusieurs essais",
      en: "a service was unavailable or overloaded, despite several attempts",
    };
  }
  if (timedOut.has(error)) {
    return { fr: "une étape a dépassé le temps qui lui est donné", en: "a step ran out of time" };
  }
  if (refusedEmail.has(error)) {
    return {
      fr: "le service d'envoi a refusé le courriel",
      en: "the sending service refused the email",
    };
  }
  return { fr: "une erreur technique", en: "a technical error" };
}

/**
 * To the programme team: a step failed after its retries. The pair by its names when they could be
 * read; the kind of fault in words, the technical team finding the error in the execution.
 */
export function failureAlert(
  input: Partial<PairNames> & {
    pairId: string;
    step: string;
    error: string;
    at: Date;
  },
): Bilingual {
  const when = formatWhen(input.at);
  const step = theStep(input.step);
  const fault = faultInWords(input.error);
  const names =
    input.menteeName && input.mentorName
      ? {
          fr: ` ${de(input.menteeName)} et ${input.mentorName}`,
          en: ` of ${input.menteeName} and ${input.mentorName}`,
        }
      : { fr: "", en: "" };
  return {
    subject: subject(`incident sur le binôme${names.fr} (${step.fr})`),
    fr: [
      "Bonjour,",
      `Une étape du binôme${names.fr} a échoué le ${when.fr}, malgré les nouvelles tentatives automatiques : ${step.fr}.`,
      "Le binôme est marqué « à surveiller ». L'équipe technique peut relancer l'exécution depuis la console AWS une fois la cause corrigée.",
      `Cause probable : ${fault.fr}. L'équipe technique en trouvera le détail dans l'exécution du binôme, ouverte depuis sa page.`,
      { link: pairAdminLink(input.pairId), label: "Voir le binôme" },
    ],
    en: [
      "Hello,",
      `A step of the pair${names.en} failed on ${when.en}, despite the automatic retries: ${step.en}.`,
      "The pair is flagged “to watch”. The technical team can redrive the execution from the AWS console once the cause is fixed.",
      `Likely cause: ${fault.en}. The technical team will find the details in the pair's execution, opened from its page.`,
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
      `Avec ${input.otherFirstName}, vous avez tenu ${plural("fr", input.sessionsHeld, "séance", "séances")} : bravo ! Vient maintenant une pause de quelques mois pour mettre en pratique ce que vous avez vu ensemble.`,
      `Nous reviendrons vers vous en ${month.fr} pour organiser la séance de suivi : ce qui a été appris, ce qui a été mis en œuvre, ce qui reste à faire.`,
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `You and ${input.otherFirstName} have held ${plural("en", input.sessionsHeld, "session", "sessions")}: well done! Now comes a pause of a few months to put into practice what you saw together.`,
      `We will get back to you in ${month.en} to arrange the follow-up session: what was learnt, what was put into practice, what is left to do.`,
    ],
  };
}

/** The pause is over: time to schedule the follow-up session. */
export function followUpRequest(input: ToOne & { scheduleLink: string }): Bilingual {
  return {
    replyTo: input.other?.email,
    subject: subject("c'est le moment de la séance de suivi"),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `Quelques mois ont passé depuis votre dernière séance avec ${input.otherFirstName}. C'est le moment de la séance de suivi, pour faire le point sur ce que vous avez mis en pratique.`,
      "Convenez d'un moment ensemble, puis indiquez-le ici :",
      ...reachLines(input, "fr"),
      { link: input.scheduleLink, label: "Proposer une date" },
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `A few months have passed since your last session with ${input.otherFirstName}. It is time for the follow-up session, to review what you have put into practice.`,
      "Agree on a time together, then enter it here:",
      ...reachLines(input, "en"),
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

/**
 * The thank-you email that closes the pair, with its summary. A pair whose meetings took place is
 * completed even when a self-evaluation never came: the one who did not answer is told, kindly,
 * that it is still welcome.
 */
export function closing(
  input: ToOne & {
    sessionsHeld: number;
    hours: number;
    objectives?: string;
    /** The recipient's own self-evaluation never came. */
    evaluationMissing?: boolean;
  },
): Bilingual {
  const hours = formatHours(input.hours);
  return {
    subject: subject("merci, votre binôme se termine"),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `Votre binôme avec ${input.otherFirstName} se termine ici : les séances et la séance de suivi ont eu lieu. Merci pour le temps et l'énergie que vous y avez mis.`,
      "En résumé :",
      bullet(
        `${agreed("fr", input.sessionsHeld, "séance tenue", "séances tenues")} : ${input.sessionsHeld}`,
      ),
      bullet(`temps passé ensemble : ${hours.fr}`),
      ...(input.objectives ? [bullet(`objectifs convenus : ${input.objectives}`)] : []),
      ...(input.evaluationMissing
        ? [
            `Votre auto-évaluation ne nous est pas parvenue ; ce n'est pas grave. Si vous souhaitez nous dire comment ce binôme s'est passé, écrivez-nous à ${programme.contactEmail}.`,
          ]
        : []),
      `Envie de continuer ? Les ateliers collectifs, les BarNum' et le réseau des mentors vous attendent. Écrivez-nous à ${programme.contactEmail}.`,
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `Your pair with ${input.otherFirstName} ends here: the sessions and the follow-up session took place. Thank you for the time and energy you put into it.`,
      "In short:",
      bullet(
        `${agreed("en", input.sessionsHeld, "session held", "sessions held")}: ${input.sessionsHeld}`,
      ),
      bullet(`time spent together: ${hours.en}`),
      ...(input.objectives ? [bullet(`agreed goals: ${input.objectives}`)] : []),
      ...(input.evaluationMissing
        ? [
            `We did not receive your self-evaluation; no matter. If you would like to tell us how this pair went, write to us at ${programme.contactEmail}.`,
          ]
        : []),
      `Want to keep going? Collective workshops, BarNum' drop-ins and the mentor network are open to you. Write to us at ${programme.contactEmail}.`,
    ],
  };
}

/** Why the workflow stopped a pair on its own, in plain words. */
export type StopReason =
  | { kind: "silence"; step: string }
  | { kind: "no-shows"; step: string; attempts: number };

export function stopReasonText(reason: StopReason): Localised {
  const step = theStep(reason.step);
  if (reason.kind === "silence") {
    return {
      fr: `${capitalise(step.fr)} attendait une réponse qui n'est pas venue, malgré plusieurs relances.`,
      en: `${capitalise(step.en)} waited for an answer that did not come, despite several reminders.`,
    };
  }
  return {
    fr: `${capitalise(step.fr)} n'a pas pu avoir lieu après ${plural("fr", reason.attempts, "tentative", "tentatives")}.`,
    en: `${capitalise(step.en)} could not take place after ${plural("en", reason.attempts, "attempt", "attempts")}.`,
  };
}

/** The workflow stopped the pair by itself (not the programme team): said so, and why. */
export function automaticStop(input: ToOne & { reason: StopReason }): Bilingual {
  const why = stopReasonText(input.reason);
  return {
    subject: subject("votre binôme s'arrête"),
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      `Votre binôme avec ${input.otherFirstName} s'est arrêté automatiquement. ${why.fr}`,
      "Ce n'est pas une décision de l'équipe d'animation : le programme arrête de lui-même un binôme qui ne peut plus avancer. Les rendez-vous prévus sont annulés et vous ne recevrez plus de messages pour ce binôme.",
      `Vous souhaitez reprendre, ou nous dire ce qui s'est passé ? Écrivez-nous à ${programme.contactEmail}.`,
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      `Your pair with ${input.otherFirstName} stopped automatically. ${why.en}`,
      "This is not a decision of the programme team: the programme stops on its own a pair that can no longer move forward. Planned meetings are cancelled and you will receive no more messages about this pair.",
      `Would you like to start again, or tell us what happened? Write to us at ${programme.contactEmail}.`,
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
      input.sessionsHeld === 0
        ? `Merci de prendre le relais : vous accompagnez désormais ${input.menteeFirstName}, qui n'a pas encore tenu de séance.`
        : `Merci de prendre le relais : vous accompagnez désormais ${input.menteeFirstName}, qui a déjà tenu ${plural("fr", input.sessionsHeld, "séance", "séances")}.`,
      ...(input.objectives ? [`Objectifs convenus : ${input.objectives}`] : []),
      "Vous recevrez le lien pour proposer la prochaine date dans un message séparé.",
    ],
    en: [
      `Hello ${input.newMentorFirstName},`,
      input.sessionsHeld === 0
        ? `Thank you for taking over: you now coach ${input.menteeFirstName}, who has not held a session yet.`
        : `Thank you for taking over: you now coach ${input.menteeFirstName}, who has already held ${plural("en", input.sessionsHeld, "session", "sessions")}.`,
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
export function grammar(meeting: Meeting) {
  return meeting.kind === "preparation"
    ? { e: "", pronoun: "il" as const }
    : { e: "e", pronoun: "elle" as const };
}

// ---------------------------------------------------------------------------------------------
// A participant's own page
// ---------------------------------------------------------------------------------------------

/** The link a participant asked for again, to reach their pair's page. */
export function ownPageLinkEmail(url: string, lang: "fr" | "en"): Bilingual {
  return {
    subject:
      lang === "en"
        ? `${programme.name}: your link to your pair's page`
        : subject("votre lien vers la page de votre binôme"),
    fr: [
      "Bonjour,",
      "Vous avez demandé à retrouver la page de votre binôme : vos rendez-vous, vos objectifs, ce qui vous attend et les actions à votre disposition. Ce lien est valable sept jours :",
      { link: url, label: "Ouvrir la page de mon binôme" },
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : personne d'autre que vous ne reçoit ce lien.",
    ],
    en: [
      "Hello,",
      "You asked for your pair's page again: your meetings, your goals, what is waiting for you and the actions open to you. This link is valid for seven days:",
      { link: url, label: "Open my pair's page" },
      "If you did not ask for this, ignore this message: nobody but you receives this link.",
    ],
  };
}

const requestWords = {
  help: { fr: "demande de l'aide", en: "asks for help" },
  pause: { fr: "demande une pause", en: "asks for a pause" },
} as const;

/** To the programme team: a participant asked, from their page, for help or a pause. */
export function participantRequest(
  input: PairNames & {
    pairId: string;
    kind: "help" | "pause";
    role: LinkRecipient;
    fromName: string;
    fromEmail: string;
    message?: string;
  },
): Bilingual {
  const words = requestWords[input.kind];
  const role =
    input.role === "mentor" ? { fr: "mentor", en: "mentor" } : { fr: "cadre", en: "manager" };
  return {
    subject: subject(`${input.fromName} ${words.fr}`),
    fr: [
      "Bonjour,",
      `${input.fromName} (${role.fr}) ${words.fr} pour le binôme ${de(input.menteeName)} et ${input.mentorName}.`,
      input.message
        ? `Son message : « ${input.message} »`
        : "Aucun message n'accompagne la demande.",
      `Pour lui répondre : ${input.fromEmail} — ou répondez simplement à ce message.`,
      "Le binôme est marqué « à surveiller ».",
      { link: pairAdminLink(input.pairId), label: "Voir le binôme" },
    ],
    en: [
      "Hello,",
      `${input.fromName} (${role.en}) ${words.en} for the pair of ${input.menteeName} and ${input.mentorName}.`,
      input.message ? `Their message: “${input.message}”` : "No message comes with the request.",
      `To answer: ${input.fromEmail} — or simply reply to this message.`,
      "The pair is flagged “to watch”.",
      { link: pairAdminLink(input.pairId), label: "Open the pair" },
    ],
  };
}
