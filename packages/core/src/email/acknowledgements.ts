import { programme } from "../programme";
import type { Bilingual } from "./layout";

/** The acknowledgement sent once to whoever submits a questionnaire or a mentor application. */
export function questionnaireAcknowledgement(firstName: string): Bilingual {
  return {
    subject: `${programme.name} : nous avons bien reçu votre questionnaire`,
    fr: [
      `Bonjour ${firstName},`,
      "Merci d'avoir rempli le questionnaire de besoins du programme de mentorat inversé.",
      "L'équipe d'animation va vous proposer un binôme : un agent qui vous accompagnera sur les thèmes que vous avez choisis. Vous recevrez un message de présentation dès que votre binôme sera formé.",
      "Pour modifier vos réponses, remplissez à nouveau le questionnaire avec la même adresse : nous mettrons à jour votre dossier.",
    ],
    en: [
      `Hello ${firstName},`,
      "Thank you for filling in the needs questionnaire of the reverse-mentoring programme.",
      "The programme team will pair you with an agent who will coach you on the themes you chose. You will receive an introduction as soon as your pair is formed.",
      "To change your answers, fill in the questionnaire again with the same address: we will update your record.",
    ],
  };
}

export function mentorApplicationAcknowledgement(firstName: string): Bilingual {
  return {
    subject: `${programme.name} : nous avons bien reçu votre candidature de mentor`,
    fr: [
      `Bonjour ${firstName},`,
      "Merci de vous porter volontaire comme mentor du programme de mentorat inversé.",
      "L'équipe d'animation vous proposera un court entretien pour faire connaissance : maturité numérique, goût pour la transmission, aisance pour accompagner des cadres dirigeants.",
      "Pour modifier votre candidature, remplissez à nouveau le formulaire avec la même adresse.",
    ],
    en: [
      `Hello ${firstName},`,
      "Thank you for volunteering as a mentor in the reverse-mentoring programme.",
      "The programme team will invite you to a short interview: digital maturity, teaching aptitude, ability to coach senior managers.",
      "To change your application, fill in the form again with the same address.",
    ],
  };
}
