import { programme } from "../programme";
import type { Bilingual } from "./layout";
import { formatDay } from "./pair-messages";

/** The emails of a person's data rights: the link to their data, and a request received. */

export function privacyLinkEmail(url: string, lang: "fr" | "en"): Bilingual {
  const subject =
    lang === "en"
      ? `${programme.name}: your link to your personal data`
      : `${programme.name} : votre lien pour consulter vos données`;
  return {
    subject,
    fr: [
      "Bonjour,",
      "Vous avez demandé à consulter les données que le programme de mentorat inversé détient à votre sujet. Ce lien, valable sept jours, vous permet de les voir et de les télécharger, de demander une correction ou leur effacement :",
      { link: url, label: "Voir mes données" },
      "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : personne d'autre que vous ne reçoit ce lien.",
    ],
    en: [
      "Hello,",
      "You asked to see the personal data the reverse-mentoring programme holds about you. This link, valid for seven days, lets you see and download it, and ask for a correction or for its erasure:",
      { link: url, label: "See my data" },
      "If you did not ask for this, ignore this message: nobody but you receives this link.",
    ],
  };
}

const requestNames = {
  rectification: { fr: "de correction", en: "for correction" },
  erasure: { fr: "d'effacement", en: "for erasure" },
} as const;

export function privacyRequestReceived(
  type: "rectification" | "erasure",
  deadline: Date,
  lang: "fr" | "en",
): Bilingual {
  const day = formatDay(deadline);
  return {
    subject:
      lang === "en"
        ? `${programme.name}: we received your request ${requestNames[type].en}`
        : `${programme.name} : nous avons bien reçu votre demande ${requestNames[type].fr}`,
    fr: [
      "Bonjour,",
      `Nous avons bien reçu votre demande ${requestNames[type].fr} de vos données. L'équipe d'animation y répondra au plus tard le ${day.fr}, comme le prévoit le RGPD.`,
      `Pour toute question, écrivez à ${programme.contactEmail}.`,
    ],
    en: [
      "Hello,",
      `We received your request ${requestNames[type].en} of your data. The programme team will answer by ${day.en} at the latest, as the GDPR requires.`,
      `For any question, write to ${programme.contactEmail}.`,
    ],
  };
}

/** To the other participant of a pair stopped because a participant's data was erased. */
export function partnerDataErased(input: { recipientFirstName: string }): Bilingual {
  return {
    subject: `${programme.name} : votre binôme prend fin`,
    fr: [
      `Bonjour ${input.recipientFirstName},`,
      "Votre binôme prend fin : la personne avec qui vous le formiez a demandé l'effacement de ses données personnelles, comme le RGPD le lui permet. Vous ne recevrez plus de message à propos de ce binôme.",
      "Merci pour le temps que vous y avez consacré. Si vous souhaitez poursuivre le programme avec une autre personne, répondez à ce message : l'équipe d'animation vous proposera un nouveau binôme.",
    ],
    en: [
      `Hello ${input.recipientFirstName},`,
      "Your pair comes to an end: the person you were paired with asked for their personal data to be erased, as the GDPR allows. You will receive no more messages about this pair.",
      "Thank you for the time you gave to it. If you would like to go on with someone else, reply to this message: the programme team will offer you a new pair.",
    ],
  };
}
