import { grammar, meetingOfStep, meetingTitle } from "#core/email/pair-messages";
import type { Localised } from "#core/programme";
import { type Lang, t } from "../../i18n";

/**
 * A pair's history stores short event codes (`session-2.rescheduled`, `pair.closed`); the
 * programme team reads them as sentences in the page's language. An unknown code is shown as it
 * is rather than hidden.
 */
const pairEvents: Record<string, Localised> = {
  "pair.started": {
    fr: "Binôme confirmé, parcours démarré",
    en: "Pair confirmed, programme started",
  },
  "introduction.sent": {
    fr: "Courriel de présentation envoyé aux deux",
    en: "Introduction email sent to both",
  },
  "objectives.recorded": {
    fr: "Objectifs et nombre de séances convenus",
    en: "Objectives and number of sessions agreed",
  },
  "self-evaluation.recorded": {
    fr: "Auto-évaluation de clôture reçue",
    en: "Closing self-evaluation received",
  },
  "nudge.sent": { fr: "Relance envoyée", en: "Nudge sent" },
  escalated: { fr: "Signalé à l'équipe d'animation", en: "Escalated to the programme team" },
  "pause.started": {
    fr: "Pause entre les séances et le suivi",
    en: "Pause between the sessions and the follow-up",
  },
  "pair.closed": { fr: "Binôme clôturé", en: "Pair closed" },
  "pair.paused": { fr: "Mis en pause par l'équipe", en: "Paused by the team" },
  "pair.resumed": { fr: "Repris par l'équipe", en: "Resumed by the team" },
  "pair.cancelled": { fr: "Annulé par l'équipe", en: "Cancelled by the team" },
  "pair.ended-after-silence": {
    fr: "Arrêté automatiquement après un long silence",
    en: "Stopped automatically after a long silence",
  },
  "pair.ended-after-no-shows": {
    fr: "Arrêté automatiquement : rendez-vous manqué plusieurs fois",
    en: "Stopped automatically: a meeting missed several times",
  },
  "mentor.reassigned": { fr: "Nouveau mentor désigné", en: "New mentor assigned" },
  "pair.stopped-for-erasure": {
    fr: "Arrêté : un participant a demandé l'effacement de ses données",
    en: "Stopped: a participant asked for their data to be erased",
  },
  "privacy.exported": {
    fr: "Données d'un participant consultées au titre du RGPD",
    en: "A participant's data viewed under the GDPR",
  },
  "privacy.rectified": {
    fr: "Données d'un participant corrigées à sa demande",
    en: "A participant's data corrected at their request",
  },
  "privacy.erased": {
    fr: "Données d'un participant effacées à sa demande",
    en: "A participant's data erased at their request",
  },
  "team.link-resent": {
    fr: "Lien en attente renvoyé par l'équipe",
    en: "Waiting link sent again by the team",
  },
  "team.reminder-sent": {
    fr: "Relance écrite par l'équipe envoyée",
    en: "Reminder written by the team sent",
  },
  "participant.asked-help": {
    fr: "Demande d'aide envoyée depuis la page du binôme",
    en: "Help asked for from the pair's page",
  },
  "participant.asked-pause": {
    fr: "Demande de pause envoyée depuis la page du binôme",
    en: "Pause asked for from the pair's page",
  },
  "team.cohort-mail-sent": {
    fr: "Courriel de l'équipe à la vague (voir les courriels envoyés)",
    en: "The team's email to the cohort (see the emails sent)",
  },
  "pair.paired-again": {
    fr: "Le cadre est apparié à nouveau (voir le binôme suivant)",
    en: "The manager is paired again (see the next pair)",
  },
  "step.failed": {
    fr: "Étape en échec (voir l'exécution)",
    en: "Step failed (see the execution)",
  },
};

/** What happened to a meeting; `e` agrees the participle with it (« annulé », « annulée »). */
const meetingEvents = (e: string): Record<string, Localised> => ({
  scheduled: { fr: "date fixée", en: "date set" },
  rescheduled: { fr: "date déplacée", en: "date moved" },
  cancelled: { fr: `annulé${e}`, en: "cancelled" },
  reminded: { fr: "rappel envoyé", en: "reminder sent" },
  held: { fr: "a eu lieu", en: "took place" },
  "no-show": { fr: "n'a pas eu lieu", en: "did not take place" },
  feedback: {
    fr: "retour du cadre reçu (voir plus haut)",
    en: "manager's feedback received (see above)",
  },
});

/** For the person the pair is about, who sees neither the execution nor the team's page. */
const personEvents: Record<string, Localised> = {
  "step.failed": {
    fr: "Incident technique, signalé à l'équipe d'animation",
    en: "Technical incident, reported to the programme team",
  },
};

/** A cross-reference to another part of the team's page, « (voir plus haut) ». */
const crossReference = / \((voir|see) [^)]*\)$/;

/**
 * The history line as the team reads it on a pair's page, or as the person reads it in a copy of
 * their data (`reader: "person"`): the same facts, without what points into the team's pages.
 */
export function describeHistoryEvent(
  event: string,
  lang: Lang = "fr",
  reader: "team" | "person" = "team",
): string {
  if (reader === "person") {
    const own = personEvents[event];
    return own ? t(lang, own) : describeHistoryEvent(event, lang).replace(crossReference, "");
  }
  const known = pairEvents[event];
  if (known) return t(lang, known);
  const separator = event.lastIndexOf(".");
  const meeting = meetingOfStep(event.slice(0, separator));
  if (!meeting) return event;
  const what = meetingEvents(grammar(meeting).e)[event.slice(separator + 1)];
  if (!what) return event;
  const title = t(lang, meetingTitle(meeting));
  return lang === "en" ? `${title}: ${t(lang, what)}` : `${title}\u00a0: ${t(lang, what)}`;
}
