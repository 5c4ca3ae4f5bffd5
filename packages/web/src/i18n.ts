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
    fr: "Accessibilité : partiellement conforme",
    en: "Accessibility: partially compliant",
  },
  contact: { fr: "Contact", en: "Contact" },
  switchLanguage: { fr: "English", en: "Français" },
  footerAbout: {
    fr: "Programme de mentorat inversé. Ce site n'utilise ni cookie de mesure d'audience ni service tiers.",
    en: "Reverse-mentoring programme. This site uses no audience-measurement cookie and no third-party service.",
  },
  required: {
    fr: "Les champs marqués d'un astérisque (*) sont obligatoires.",
    en: "Fields marked with an asterisk (*) are required.",
  },
  errorSummary: { fr: "Le formulaire contient des erreurs", en: "The form has errors" },
  errorCount: {
    fr: "Corrigez les champs suivants puis envoyez à nouveau :",
    en: "Correct the following fields and send again:",
  },
  errorTitle: { fr: "Erreur", en: "Error" },
  send: { fr: "Envoyer", en: "Send" },
  optional: { fr: "(facultatif)", en: "(optional)" },
  mainNav: { fr: "Menu principal", en: "Main menu" },
  footerNav: { fr: "Informations", en: "Information" },
  backHome: { fr: "Retour à l'accueil", en: "Back to home" },
  readPrivacy: { fr: "Lire la politique de confidentialité", en: "Read the privacy notice" },
} satisfies Record<string, Localised>;

/**
 * A page title that starts with "Erreur" when the form came back with errors: without JavaScript,
 * the title is the first thing a screen reader announces after a post.
 */
export const pageTitle = (lang: Lang, title: string, hasErrors: boolean) =>
  hasErrors ? `${t(lang, ui.errorTitle)} — ${title}` : title;

/**
 * The validation messages are written in French by the schemas (the same schema serves the API);
 * an English page shows them in English. Unknown messages stay in French rather than disappear.
 */
const englishMessages: Record<string, string> = {
  "Indiquez votre prénom.": "Enter your first name.",
  "Indiquez votre nom.": "Enter your last name.",
  "Indiquez votre adresse électronique professionnelle.": "Enter your work email address.",
  "Cette adresse est trop longue.": "This address is too long.",
  "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.gouv.fr.":
    "Enter a valid email address, for example firstname.lastname@example.gouv.fr.",
  "Indiquez votre direction ou votre service.": "Enter your directorate or department.",
  "Indiquez votre fonction.": "Enter your role.",
  "Saisissez l'adresse de votre assistant ou assistante.": "Enter your assistant's address.",
  "Saisissez l'adresse de votre responsable.": "Enter your line manager's address.",
  "Indiquez votre aisance pour ce thème.": "Say how at ease you feel with this theme.",
  "Indiquez votre aisance pour chaque thème.": "Say how at ease you feel with each theme.",
  "Choisissez au moins un thème à travailler.": "Choose at least one theme to work on.",
  "Décrivez en une phrase votre objectif concret.": "Describe your concrete goal in one sentence.",
  "Choisissez au moins une façon de vous rencontrer.": "Choose at least one way to meet.",
  "Indiquez au moins un moment où vous êtes habituellement disponible.":
    "Choose at least one time when you are usually available.",
  "Vous devez accepter la politique de confidentialité pour envoyer le formulaire.":
    "You must accept the privacy notice to send the form.",
  "Choisissez votre catégorie.": "Choose your grade.",
  "Ce thème n'existe pas.": "This theme does not exist.",
  "Indiquez votre niveau pour ce thème.": "Give your level in this theme.",
  "Choisissez au moins un thème que vous pouvez transmettre.":
    "Choose at least one theme you can teach.",
  "Chaque thème ne compte qu'une fois.": "Each theme counts only once.",
  "Dites-nous en quelques mots pourquoi vous souhaitez être mentor.":
    "Tell us in a few words why you want to be a mentor.",
  "Choisissez au moins une façon de rencontrer votre mentoré.":
    "Choose at least one way to meet your mentee.",
  "Indiquez combien de cadres vous pouvez accompagner.": "Say how many managers you can coach.",
  "Vous pouvez accompagner entre 1 et 3 cadres à la fois.":
    "You can coach between 1 and 3 managers at once.",
  "Chaque choix ne compte qu'une fois.": "Each choice counts only once.",
  "Ce champ n'est pas attendu.": "This field is not expected.",
  "Ce champ est obligatoire.": "This field is required.",
};

const englishPatterns: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^(\d+) caractères au plus\.$/, (m) => `${m[1]} characters at most.`],
  [/^Choisissez (\d+) réponses au plus\.$/, (m) => `Choose ${m[1]} answers at most.`],
  [/^Votre (.+) doit faire (\d+) caractères au plus\.$/, (m) => `${m[2]} characters at most.`],
];

export function localiseMessage(lang: Lang, message: string): string {
  if (lang === "fr") return message;
  const known = englishMessages[message];
  if (known) return known;
  for (const [pattern, english] of englishPatterns) {
    const match = message.match(pattern);
    if (match) return english(match);
  }
  return message;
}
