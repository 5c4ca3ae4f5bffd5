import type { Localised } from "#core/programme";

/** Pages are French first; `?lang=en` (remembered in a cookie) switches to English. */
export type Lang = "fr" | "en";

export const t = (lang: Lang, text: Localised) => text[lang];

export const ui = {
  skip: { fr: "Aller au contenu", en: "Skip to content" },
  home: { fr: "Accueil", en: "Home" },
  questionnaire: { fr: "Questionnaire cadre", en: "Manager questionnaire" },
  application: { fr: "Devenir mentor", en: "Become a mentor" },
  privacy: { fr: "Confidentialité", en: "Privacy" },
  accessibility: {
    fr: "Accessibilité : partiellement conforme",
    en: "Accessibility: partially compliant",
  },
  switchLanguage: { fr: "English", en: "Français" },
  required: {
    fr: "Les champs marqués d'un astérisque (*) sont obligatoires.",
    en: "Fields marked with an asterisk (*) are required.",
  },
  errorSummary: { fr: "Le formulaire contient des erreurs", en: "The form has errors" },
  errorCount: {
    fr: "Corrigez les champs suivants puis envoyez à nouveau :",
    en: "Correct the following fields and send again:",
  },
  send: { fr: "Envoyer", en: "Send" },
  optional: { fr: "(facultatif)", en: "(optional)" },
  mainNav: { fr: "Menu principal", en: "Main menu" },
} satisfies Record<string, Localised>;
