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
      { link: input.pageLink, label: "Ma page de mentor" },
    ],
    en: [
      `Hello ${input.firstName},`,
      `You are invited: ${kind.en.toLowerCase()}, ${when.en}, ${meeting.place}. The invitation is attached for your diary.`,
      why.en,
      `Agenda: ${meeting.agenda}`,
      { link: `${input.pageLink}?lang=en`, label: "My mentor page" },
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
