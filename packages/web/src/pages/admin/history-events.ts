import { meetingOfStep, meetingTitle } from "#core/email/pair-messages";

/**
 * A pair's history stores short event codes (`session-2.rescheduled`, `pair.closed`); the
 * programme team reads them as French sentences. An unknown code is shown as it is rather than
 * hidden.
 */
const pairEvents: Record<string, string> = {
  "pair.started": "Binôme confirmé, parcours démarré",
  "introduction.sent": "Courriel de présentation envoyé aux deux",
  "objectives.recorded": "Objectifs et nombre de séances convenus",
  "self-evaluation.recorded": "Auto-évaluation de clôture reçue",
  "nudge.sent": "Relance envoyée",
  escalated: "Signalé à l'équipe d'animation",
  "pause.started": "Pause entre les séances et le suivi",
  "pair.closed": "Binôme clôturé",
  "pair.paused": "Mis en pause par l'équipe",
  "pair.resumed": "Repris par l'équipe",
  "pair.cancelled": "Annulé par l'équipe",
  "pair.ended-after-silence": "Arrêté après un long silence",
  "pair.ended-after-no-shows": "Arrêté après des absences répétées",
  "mentor.reassigned": "Nouveau mentor désigné",
  "step.failed": "Étape en échec (voir l'exécution)",
};

const meetingEvents: Record<string, string> = {
  scheduled: "date fixée",
  rescheduled: "date déplacée",
  cancelled: "annulé",
  reminded: "rappel envoyé",
  held: "a eu lieu",
  "no-show": "n'a pas eu lieu",
  feedback: "avis du cadre reçu",
};

export function describeHistoryEvent(event: string): string {
  const known = pairEvents[event];
  if (known) return known;
  const separator = event.lastIndexOf(".");
  const meeting = meetingOfStep(event.slice(0, separator));
  const what = meetingEvents[event.slice(separator + 1)];
  return meeting && what ? `${meetingTitle(meeting).fr} : ${what}` : event;
}
