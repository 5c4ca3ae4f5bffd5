import type { Localised } from "#core/programme";
import { frenchSpacing } from "#core/words";

/** Pages are French first; `?lang=en` (remembered in a cookie) switches to English. */
export type Lang = "fr" | "en";

/** A catalogue entry in the page's language, French with its no-break spaces (« : ; ? ! »). */
export const t = (lang: Lang, text: Localised) =>
  lang === "fr" ? frenchSpacing(text.fr) : text.en;

export const ui = {
  skip: { fr: "Aller au contenu", en: "Skip to content" },
  home: { fr: "Accueil", en: "Home" },
  questionnaire: { fr: "Questionnaire cadre", en: "Manager questionnaire" },
  application: { fr: "Devenir mentor", en: "Become a mentor" },
  workshop: { fr: "Atelier collectif", en: "Collective workshop" },
  barnum: { fr: "BarNum'", en: "BarNum'" },
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
  // Collective workshops
  "Indiquez votre service ou votre direction.": "Enter your service or directorate.",
  "Indiquez combien de cadres participeraient, entre 2 et 200.":
    "Enter how many managers would take part, from 2 to 200.",
  "Choisissez le thème de l'atelier.": "Choose the workshop's theme.",
  "Dites en une phrase ce que vos cadres attendent de l'atelier.":
    "Say in a sentence what your managers want out of the workshop.",
  "Indiquez au moins un moment de la journée qui convient.":
    "Choose at least one time of day that suits.",
  "Indiquez les dates qui conviendraient, par exemple « les mardis de janvier ».":
    "Enter the dates that would suit, for example “Tuesdays in January”.",
  "Indiquez combien de personnes sont venues (un nombre).":
    "Enter how many people came (a number).",
  "Dites si l'atelier a eu lieu.": "Say whether the workshop took place.",
  "Vous avez coché plus de personnes que le nombre de personnes venues.":
    "You ticked more people than the number of people who came.",
  "Choisissez une note de 1 à 5.": "Choose a rating from 1 to 5.",
  "Choisissez deux mentors.": "Choose two mentors.",
  "Choisissez deux mentors différents.": "Choose two different mentors.",
  "Choisissez deux mentors sélectionnés.": "Choose two selected mentors.",
  "Choisissez un mentor sélectionné.": "Choose a selected mentor.",
  "Ce mentor n'est pas parmi les mentors retenus : rechargez la page.":
    "This mentor is not among the selected mentors: reload the page.",
  "Ce mentor n'est pas invité à cette rencontre : rechargez la page.":
    "This mentor is not invited to this meeting: reload the page.",
  "Cochez au moins un mentor à solliciter.": "Tick at least one mentor to ask.",
  "200 mentors au plus à la fois.": "At most 200 mentors at a time.",
  "Donnez la liste des mentors présents (vide si personne n'est venu).":
    "Give the list of the mentors who attended (empty if nobody came).",
  "500 mentors au plus.": "At most 500 mentors.",
  "Vous avez coché des mentors et « Personne n'est venu » : choisissez l'un ou l'autre.":
    "You ticked mentors and “Nobody came”: choose one or the other.",
  "Cochez les mentors présents, ou « Personne n'est venu ».":
    "Tick the mentors who attended, or “Nobody came”.",
  "Saisissez la date au format jj/mm/aaaa, par exemple 17/03/2027.":
    "Enter the date as dd/mm/yyyy, for example 17/03/2027.",
  "Cette date est passée : choisissez une date à venir.":
    "This date is past: choose a date to come.",
  "Cette heure est passée : choisissez une heure à venir.":
    "This time is past: choose a time to come.",
  "Cette date n'existe pas : vérifiez le jour et le mois.":
    "This date does not exist: check the day and the month.",
  "Indiquez la date de l'atelier (jj/mm/aaaa).": "Enter the workshop's date (dd/mm/yyyy).",
  "Indiquez l'heure de début (hh:mm).": "Enter the start time (hh:mm).",
  "Indiquez la durée de l'atelier, entre 30 minutes et 4 heures.":
    "Enter the workshop's length, from 30 minutes to 4 hours.",
  "Le lien de visio commence par https://.": "The video link starts with https://.",
  "Indiquez un lieu, un lien de visio, ou les deux.": "Give a place, a video link, or both.",
  "Une des adresses n'est pas valide.": "One of the addresses is not valid.",
  "Indiquez au moins une adresse, une par ligne.": "Give at least one address, one per line.",
  "90 participants au plus à la fois : ajoutez les suivants ensuite.":
    "At most 90 participants at a time: add the next ones afterwards.",
  "90 adresses au plus à la fois : ajoutez les suivantes ensuite.":
    "At most 90 addresses at a time: add the next ones afterwards.",
  "Cet atelier n'existe pas.": "This workshop does not exist.",
  "Les mentors ne changent plus une fois l'atelier fixé.":
    "The mentors no longer change once the workshop is scheduled.",
  "Un de ces mentors fait partie de la ligne hiérarchique du service : le programme ne le permet pas.":
    "One of these mentors is in the service's line of management: the programme does not allow it.",
  "Choisissez d'abord les deux mentors.": "Choose the two mentors first.",
  "Cet atelier est terminé ou annulé : sa date ne change plus.":
    "This workshop is over or cancelled: its date no longer changes.",
  "Choisissez une date à venir.": "Choose a date to come.",
  "Cet atelier est terminé ou annulé.": "This workshop is over or cancelled.",
  "Cet atelier a déjà eu lieu : il ne peut plus être annulé.":
    "This workshop has already taken place: it can no longer be cancelled.",
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
  "Ce champ contient un caractère invisible non autorisé : retirez-le, par exemple en saisissant le texte à nouveau.":
    "This field contains an invisible character that is not allowed: remove it, for example by typing the text again.",
  "Ce champ est obligatoire.": "This field is required.",
  // BarNum', the mentor network, a mentor's page.
  "Indiquez l'événement ou l'occasion du BarNum'.": "Enter the event or occasion of the BarNum'.",
  "Indiquez le lieu du BarNum'.": "Enter the BarNum's place.",
  "Indiquez la date.": "Enter the date.",
  "Indiquez l'heure.": "Enter the time.",
  "Saisissez une date valide, par exemple 17/03/2026.":
    "Enter a valid date, for example 17/03/2026.",
  "Saisissez une heure valide, par exemple 14:30.": "Enter a valid time, for example 14:30.",
  "Choisissez la durée d'un créneau.": "Choose the length of a slot.",
  "Indiquez le nombre de places par créneau, de 1 à 50.":
    "Enter the number of places per slot, from 1 to 50.",
  "L'heure de fin doit venir après l'heure de début.": "The end time must come after the start.",
  "Choisissez une date et une heure à venir.": "Choose a date and time to come.",
  "Choisissez un créneau.": "Choose a slot.",
  "Choisissez le thème de la question.": "Choose the theme of the question.",
  "Indiquez si la question a été résolue.": "Say whether the question was resolved.",
  "Cette visite n'a pas pu être rattachée à la page : appuyez à nouveau sur « Enregistrer la visite ».":
    "This visit could not be matched to the page: press “Record the visit” again.",
  "Dites si vous pourrez tenir ce BarNum'.": "Say whether you can staff this BarNum'.",
  "Dites si le BarNum' a eu lieu.": "Say whether the BarNum' took place.",
  "Dites si vous venez à cette rencontre.": "Say whether you are coming to this meeting.",
  "Choisissez le type de rencontre.": "Choose the kind of meeting.",
  "Choisissez la durée de la rencontre.": "Choose the length of the meeting.",
  "Indiquez le lieu ou le lien de la visio.": "Enter the place or the video link.",
  "Indiquez l'ordre du jour.": "Enter the agenda.",
  "Indiquez l'adresse de votre responsable.": "Enter your manager's address.",
  "Cochez la case pour donner votre accord.": "Tick the box to give your consent.",
  // The programme team's pages: cohorts, interviews, pairs, matching.
  "Indiquez l'identifiant de la vague.": "Enter the cohort's identifier.",
  "L'identifiant de la vague ne contient que des lettres minuscules, des chiffres et des tirets (40 caractères au plus), par exemple vague-2.":
    "The cohort's identifier holds only lower-case letters, digits and hyphens (40 characters at most), for example vague-2.",
  "Indiquez le nom de la vague.": "Enter the cohort's name.",
  "Une vague porte déjà cet identifiant.": "A cohort already has this identifier.",
  "Le rappel part entre 1 et 168 heures (7 jours) avant le rendez-vous.":
    "The reminder goes between 1 and 168 hours (7 days) before the meeting.",
  "Indiquez si un mentor peut accompagner quelqu'un de sa ligne hiérarchique.":
    "Say whether a mentor may coach someone in their line of management.",
  "Remplissez la grille d'entretien.": "Fill in the interview grid.",
  "Choisissez une décision : retenu, liste d'attente ou non retenu.":
    "Choose a decision: selected, waiting list or not selected.",
  "Indiquez le motif de l'annulation.": "Enter the reason for the cancellation.",
  "Choisissez le nouveau mentor.": "Choose the new mentor.",
  "Ce binôme n'existe pas.": "This pair does not exist.",
  "Seul un binôme en cours peut être mis en pause.": "Only a pair under way can be paused.",
  "Seul un binôme en pause peut reprendre.": "Only a paused pair can resume.",
  "Ce binôme est déjà terminé ou annulé.": "This pair is already over or cancelled.",
  "On ne change pas le mentor d'un binôme terminé ou annulé.":
    "The mentor of a pair that is over or cancelled cannot be changed.",
  "C'est déjà le mentor de ce binôme.": "This is already the pair's mentor.",
  "Ce mentor n'est pas dans cette vague.": "This mentor is not in this cohort.",
  "Ce mentor n'a pas été retenu à l'entretien.": "This mentor was not selected at interview.",
  "Le questionnaire du cadre est introuvable.": "The manager's questionnaire cannot be found.",
  "Ce mentor est déjà complet.": "This mentor is already full.",
  "Ce cadre n'est pas à apparier dans cette vague.":
    "This manager is not to be matched in this cohort.",
  "Ce mentor n'est pas disponible : il doit être retenu et avoir encore de la place.":
    "This mentor is not available: they must be selected and still have a place.",
  "Les deux cadres doivent avoir un binôme dans la proposition.":
    "Both managers must have a pair in the proposal.",
  "Ces deux cadres ont déjà le même mentor.": "These two managers already have the same mentor.",
  "Ce cadre n'a pas de binôme dans la proposition.": "This manager has no pair in the proposal.",
  "La proposition a changé entre-temps (quelqu'un d'autre l'a modifiée) : rechargez-la et recommencez.":
    "The proposal changed in the meantime (someone else edited it): reload it and start again.",
  "Aucune proposition pour cette vague.": "No proposal for this cohort.",
  "Cette proposition est déjà confirmée : lancez un nouvel appariement.":
    "This proposal is already confirmed: run a new matching.",
  "La proposition ne contient aucun binôme à confirmer.": "The proposal holds no pair to confirm.",
  "Retiré de la proposition par l'équipe d'animation":
    "Removed from the proposal by the programme team",
  "Aucun mentor n'est disponible dans cette vague": "No mentor is available in this cohort",
  "Aucun thème prioritaire n'a été indiqué dans le questionnaire":
    "No priority theme was given in the questionnaire",
  "Aucun mentor ne propose de format compatible": "No mentor offers a compatible format",
  // The same reasons as proposals stored before 2026-12-04 wrote them.
  "Aucun mentor disponible ne couvre vos thèmes prioritaires":
    "No available mentor covers the priority themes",
  "Les seuls mentors qui couvrent vos thèmes prioritaires sont dans votre ligne hiérarchique":
    "The only mentors who cover the priority themes are in the manager's line of management",
  "Les mentors qui couvrent vos thèmes prioritaires ont été écartés par l'équipe d'animation":
    "The mentors who cover the priority themes were ruled out by the programme team",
  "Aucun mentor disponible ne couvre ses thèmes prioritaires":
    "No available mentor covers the priority themes",
  "Les seuls mentors qui couvrent ses thèmes prioritaires sont dans sa ligne hiérarchique":
    "The only mentors who cover the priority themes are in the manager's line of management",
  "Les mentors qui couvrent ses thèmes prioritaires ont été écartés par l'équipe d'animation":
    "The mentors who cover the priority themes were ruled out by the programme team",
  "Tous les mentors compatibles sont déjà complets": "Every compatible mentor is already full",
  "Le seul mentor compatible est déjà complet": "The only compatible mentor is already full",
  "ce cadre n'a indiqué aucun thème prioritaire": "this manager gave no priority theme",
  "ils n'ont aucun format de rencontre en commun": "they have no meeting format in common",
  "ce mentor ne couvre aucun des thèmes prioritaires du cadre":
    "this mentor covers none of the manager's priority themes",
  "ce mentor est dans la ligne hiérarchique du cadre, ce que la vague n'autorise pas":
    "this mentor is in the manager's line of management, which the cohort does not allow",
  "l'équipe d'animation a écarté ce binôme": "the programme team ruled out this pair",
  // A pair's link pages.
  "Choisissez une durée.": "Choose a duration.",
  "Choisissez comment vous vous rencontrerez.": "Choose how you will meet.",
  "Choisissez une date dans les douze prochains mois.":
    "Choose a date within the next twelve months.",
  "Indiquez si le rendez-vous a eu lieu.": "Say whether the meeting took place.",
  "Décrivez les objectifs convenus ensemble.": "Describe the goals you agreed together.",
  "Choisissez un niveau pour ce thème.": "Choose a level for this theme.",
  "Choisissez une note de 1 à 5 pour votre expérience.":
    "Choose a rating from 1 to 5 for your experience.",
  "Indiquez si les objectifs convenus ont été atteints.":
    "Say whether the agreed goals were reached.",
  // Asking for one's own page, data or mentor page.
  "Indiquez votre adresse électronique.": "Enter your email address.",
  "Décrivez la correction à faire.": "Describe the correction to make.",
  "Cochez la case pour confirmer la demande d'effacement.":
    "Tick the box to confirm the erasure request.",
  "Choisissez ce que vous demandez à l'équipe d'animation.":
    "Choose what you are asking the programme team.",
  // The programme team's tools: notes, reminders, mailings, resources, data requests, pairs.
  "Indiquez qui écrit cette note.": "Say who is writing this note.",
  "Écrivez la note.": "Write the note.",
  "Écrivez votre message.": "Write your message.",
  "Ce binôme est terminé ou annulé : il n'y a plus personne à relancer.":
    "This pair is over or cancelled: there is nobody left to remind.",
  "Le binôme n'attend la réponse de personne pour l'instant : aucun lien à renvoyer.":
    "The pair is waiting for nobody's answer at the moment: no link to send again.",
  "Choisissez à qui écrire.": "Choose whom to write to.",
  "Indiquez l'objet du courriel.": "Enter the email's subject.",
  "Écrivez le texte du courriel.": "Write the email's text.",
  "Choisissez le thème de la ressource.": "Choose the resource's theme.",
  "Donnez un titre à la ressource.": "Give the resource a title.",
  "Indiquez l'adresse de la ressource.": "Enter the resource's address.",
  "Indiquez une adresse complète, par exemple https://www.exemple.gouv.fr/guide.":
    "Enter a full address, for example https://www.exemple.gouv.fr/guide.",
  "L'adresse doit commencer par https:// pour que la ressource s'ouvre en toute sécurité.":
    "The address must start with https:// for the resource to open safely.",
  "Décrivez la ressource en une phrase.": "Describe the resource in a sentence.",
  "Indiquez la durée en minutes.": "Enter the duration in minutes.",
  "Indiquez la durée en minutes, sans décimale.": "Enter the duration in whole minutes.",
  "La durée doit être d'au moins une minute.": "The duration must be at least one minute.",
  "La durée doit être de 10 heures au plus.": "The duration must be 10 hours at most.",
  "Indiquez à qui s'adresse la ressource.": "Say whom the resource is for.",
  "Indiquez l'adresse de la personne.": "Enter the person's address.",
  "Choisissez le formulaire à corriger.": "Choose the form to correct.",
  "Cette nouvelle adresse a déjà un formulaire dans la même vague.":
    "This new address already has a form in the same cohort.",
  "Cochez la case pour confirmer l'effacement.": "Tick the box to confirm the erasure.",
  "Ce champ ne peut pas être corrigé.": "This field cannot be corrected.",
  "Valeur refusée.": "Value refused.",
  "Choisissez le mentor du nouveau binôme.": "Choose the new pair's mentor.",
  "Seul un binôme arrêté ou annulé peut laisser place à un nouveau binôme.":
    "Only a stopped or cancelled pair can make way for a new pair.",
  "Ce cadre a déjà un binôme en cours.": "This manager already has a pair under way.",
  "Le questionnaire de ce cadre n'existe plus (ses données ont été effacées).":
    "This manager's questionnaire no longer exists (their data was erased).",
  "Ce binôme a changé entre-temps : rechargez la page.":
    "This pair changed in the meantime: reload the page.",
  "Indiquez les deux cadres dont les mentors s'échangent.":
    "Choose the two managers whose mentors are swapped.",
  "Indiquez le cadre à retirer.": "Choose the manager to remove.",
  "Indiquez le cadre.": "Choose the manager.",
  "Indiquez le mentor.": "Choose the mentor.",
  "Ce formulaire n'est plus valable : rechargez la page et recommencez.":
    "This form is no longer valid: reload the page and start again.",
  "Donnez la liste des participants.": "Give the list of participants.",
  "Donnez au moins un participant.": "Give at least one participant.",
  // The lists' filters.
  "Cette vague n'existe pas.": "This cohort does not exist.",
  "Cette phase n'existe pas.": "This phase does not exist.",
  "Ce statut n'existe pas.": "This status does not exist.",
  "Ce curseur de page n'est pas valide.": "This page cursor is not valid.",
  "Une recherche tient en 120 caractères.": "A search holds 120 characters at most.",
  "Indiquez 1 (oui) ou 0 (non).": "Enter 1 (yes) or 0 (no).",
  // The matching job.
  "L'appariement s'est interrompu : relancez-le.": "The matching stopped: run it again.",
  "Un appariement est déjà en cours pour cette vague.":
    "A matching is already under way for this cohort.",
  "L'appariement n'a pas pu être lancé : réessayez dans un instant.":
    "The matching could not be started: try again in a moment.",
  "L'appariement a échoué : relancez-le ; si cela se reproduit, prévenez l'exploitation.":
    "The matching failed: run it again; if it happens again, tell the operations team.",
  "L'appariement n'a pas pu être prouvé optimal : prévenez l'exploitation.":
    "The matching could not be proved optimal: tell the operations team.",
};

const englishMonths: Record<string, string> = {
  janvier: "January",
  février: "February",
  mars: "March",
  avril: "April",
  mai: "May",
  juin: "June",
  juillet: "July",
  août: "August",
  septembre: "September",
  octobre: "October",
  novembre: "November",
  décembre: "December",
};

const englishPatterns: [RegExp, (match: RegExpMatchArray) => string][] = [
  [
    /^Le (\d+)(?:er)? (\p{L}+) n'existe pas : vérifiez le jour\.$/u,
    (m) => `${englishMonths[m[2] ?? ""] ?? m[2]} ${m[1]} does not exist: check the day.`,
  ],
  [
    /^L'adresse de la ligne (\d+) n'est pas valide : « (.*) »\.$/,
    (m) => `The address on line ${m[1]} is not valid: “${m[2]}”.`,
  ],
  [
    /^(\d+) adresses ne sont pas valides : (.*)\.$/,
    (m) =>
      `${m[1]} addresses are not valid: ${(m[2] ?? "").replace(/ligne (\d+) « (.*?) »/g, "line $1 “$2”")}.`,
  ],
  [
    /^Un BarNum' compte (\d+) créneaux au plus : allongez les créneaux\.$/,
    (m) => `A BarNum' has ${m[1]} slots at most: make the slots longer.`,
  ],
  [/^(\d+) caractères au plus\.$/, (m) => `${m[1]} characters at most.`],
  [/^Choisissez (\d+) réponses au plus\.$/, (m) => `Choose ${m[1]} answers at most.`],
  [/^Votre (.+) doit faire (\d+) caractères au plus\.$/, (m) => `${m[2]} characters at most.`],
  [
    /^Le nombre de séances va de 1 à (\d+)\.$/,
    (m) => `The number of sessions goes from 1 to ${m[1]}.`,
  ],
  [/^La pause dure de 1 à (\d+) mois\.$/, (m) => `The pause lasts from 1 to ${m[1]} months.`],
  [
    /^Indiquez un nombre de séances entre (\d+) et (\d+)\.$/,
    (m) => `Enter a number of sessions from ${m[1]} to ${m[2]}.`,
  ],
  [/^Choisissez un niveau pour « (.+) »\.$/, (m) => `Choose a level for “${m[1]}”.`],
  [
    /^Binôme impossible : (.+)\.$/,
    (m) => `Pair not possible: ${localiseMessage("en", m[1] ?? "")}.`,
  ],
  [
    /^Ce mentor est déjà complet \((\d+) places?\) : retirez d'abord un de ses binômes\.$/,
    (m) =>
      `This mentor is already full (${m[1]} place${m[1] === "1" ? "" : "s"}): remove one of their pairs first.`,
  ],
];

/**
 * A message of the domain (a validation message, a refusal) in the page's language: French with
 * its no-break spaces, English from the catalogue or the patterns above (which read the French
 * as the domain writes it, with plain spaces).
 */
export function localiseMessage(lang: Lang, message: string): string {
  if (lang === "fr") return frenchSpacing(message);
  const known = englishMessages[message];
  if (known) return known;
  for (const [pattern, english] of englishPatterns) {
    const match = message.match(pattern);
    if (match) return english(match);
  }
  return message;
}
