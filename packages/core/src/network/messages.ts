import type { Bilingual } from "../email/layout";
import { formatWhen } from "../words";
import { meetingKindLabel, type NetworkMeeting } from "./model";

/** The emails of the mentor network: the invitation (with its ICS) and the reminder. */

export function meetingInvitation(input: {
  firstName: string;
  meeting: NetworkMeeting;
  pageLink: string;
}): Bilingual {
  const { meeting } = input;
  const kind = meetingKindLabel[meeting.kind];
  const when = formatWhen(new Date(meeting.startsAt));
  const why =
    meeting.kind === "preparation"
      ? {
          fr: "Avant votre premier binôme, cette séance vous prépare : les objectifs du programme, votre rôle, et une mise en situation.",
          en: "Before your first pair, this session prepares you: the programme's objectives, your role, and a role play.",
        }
      : {
          fr: "Tous les deux mois, les mentors du programme se retrouvent pour partager ce qu'ils ont appris et ce qui marche.",
          en: "Every two months, the programme's mentors meet to share what they learnt and what works.",
        };
  return {
    subject: `${kind.fr} : ${when.fr}`,
    fr: [
      `Bonjour ${input.firstName},`,
      `Vous êtes invité(e) : ${kind.fr.toLowerCase()}, ${when.fr}, ${meeting.place}. L'invitation est jointe pour votre agenda.`,
      why.fr,
      `Ordre du jour : ${meeting.agenda}`,
      "Dites-nous si vous venez, en un clic sur votre page de mentor :",
      { link: `${input.pageLink}#rencontre-${meeting.id}`, label: "Je dis si je viens" },
    ],
    en: [
      `Hello ${input.firstName},`,
      `You are invited: ${kind.en.toLowerCase()}, ${when.en}, ${meeting.place}. The invitation is attached for your diary.`,
      why.en,
      `Agenda: ${meeting.agenda}`,
      "Tell us whether you are coming, in one click on your mentor page:",
      { link: `${input.pageLink}?lang=en#rencontre-${meeting.id}`, label: "I say whether I come" },
    ],
  };
}

export function meetingReminder(input: { firstName: string; meeting: NetworkMeeting }): Bilingual {
  const { meeting } = input;
  const kind = meetingKindLabel[meeting.kind];
  const when = formatWhen(new Date(meeting.startsAt));
  return {
    subject: `Rappel : ${kind.fr.toLowerCase()} demain`,
    fr: [
      `Bonjour ${input.firstName},`,
      `Pour rappel : ${kind.fr.toLowerCase()}, ${when.fr}, ${meeting.place}.`,
      `Ordre du jour : ${meeting.agenda}`,
    ],
    en: [
      `Hello ${input.firstName},`,
      `A reminder: ${kind.en.toLowerCase()}, ${when.en}, ${meeting.place}.`,
      `Agenda: ${meeting.agenda}`,
    ],
  };
}

/** The meeting was moved: the new date, the calendar event at the next SEQUENCE, a new answer. */
export function meetingMoved(input: {
  firstName: string;
  meeting: NetworkMeeting;
  pageLink: string;
}): Bilingual {
  const { meeting } = input;
  const kind = meetingKindLabel[meeting.kind];
  const when = formatWhen(new Date(meeting.startsAt));
  return {
    subject: `${kind.fr} : nouvelle date, ${when.fr}`,
    fr: [
      `Bonjour ${input.firstName},`,
      `La ${kind.fr.toLowerCase()} change de date : elle aura lieu le ${when.fr}, ${meeting.place}. L'invitation jointe remplace la précédente dans votre agenda.`,
      "Dites-nous si vous venez à cette nouvelle date :",
      { link: `${input.pageLink}#rencontre-${meeting.id}`, label: "Je dis si je viens" },
    ],
    en: [
      `Hello ${input.firstName},`,
      `The ${kind.en.toLowerCase()} has a new date: ${when.en}, ${meeting.place}. The attached invitation replaces the previous one in your diary.`,
      "Tell us whether you are coming at this new date:",
      { link: `${input.pageLink}?lang=en#rencontre-${meeting.id}`, label: "I say whether I come" },
    ],
  };
}

/** The meeting was cancelled: the calendar's CANCEL removes it from the diary. */
export function meetingCancelled(input: { firstName: string; meeting: NetworkMeeting }): Bilingual {
  const { meeting } = input;
  const kind = meetingKindLabel[meeting.kind];
  const when = formatWhen(new Date(meeting.startsAt));
  return {
    subject: `${kind.fr} du ${when.fr.replace(/ à .*/, "")} : annulée`,
    fr: [
      `Bonjour ${input.firstName},`,
      `La ${kind.fr.toLowerCase()} prévue le ${when.fr}, ${meeting.place}, est annulée. Le fichier joint la retire de votre agenda.`,
    ],
    en: [
      `Hello ${input.firstName},`,
      `The ${kind.en.toLowerCase()} planned ${when.en}, ${meeting.place}, is cancelled. The attached file removes it from your diary.`,
    ],
  };
}
