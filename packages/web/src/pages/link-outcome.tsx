import { grammar, meetingOfStep } from "#core/email/pair-messages";
import { type LinkPurpose, objectivesReachedLabel } from "#core/links";
import type { Recorded } from "#core/pair/link-state";
import { formats, type Localised, programme } from "#core/programme";
import { formatHours, formatWhen } from "#core/words";
import { type Lang, t } from "../i18n";
import { Layout } from "../layout";

/**
 * What a person sees after following a link: their answer was recorded, it already was, or the
 * link cannot act (expired, altered, unknown, no longer awaited). Every refusal says that nothing
 * was changed and what to do next.
 */
export type LinkOutcome =
  | "recorded"
  | "already-recorded"
  | "not-waiting"
  | "expired"
  | "tampered"
  | "unknown"
  | "unavailable";

type Copy = { title: Localised; body: Localised };

const recorded: Record<LinkPurpose, Copy> = {
  schedule: {
    title: { fr: "Merci, la date est enregistrée", en: "Thank you, the date is saved" },
    body: {
      fr: "Vous recevrez tous les deux une invitation pour votre agenda, puis un rappel la veille.",
      en: "You will both receive a calendar invitation, then a reminder the day before.",
    },
  },
  reschedule: {
    title: {
      fr: "Merci, la nouvelle date est enregistrée",
      en: "Thank you, the new date is saved",
    },
    body: {
      fr: "Vous recevrez tous les deux une invitation mise à jour : elle remplace la précédente dans votre agenda.",
      en: "You will both receive an updated invitation: it replaces the previous one in your calendar.",
    },
  },
  confirm: {
    title: { fr: "Merci pour votre retour", en: "Thank you for your feedback" },
    body: {
      fr: "Votre réponse est enregistrée. Elle aide l'équipe d'animation à accompagner votre binôme.",
      en: "Your answer is saved. It helps the programme team support your pair.",
    },
  },
  "cancel-session": {
    title: { fr: "Le rendez-vous est annulé", en: "The meeting is called off" },
    body: {
      fr: "Vous recevrez tous les deux l'annulation pour votre agenda. Une nouvelle date vous sera demandée.",
      en: "You will both receive the calendar cancellation. You will be asked for a new date.",
    },
  },
  objectives: {
    title: { fr: "Merci, les objectifs sont enregistrés", en: "Thank you, the goals are saved" },
    body: {
      fr: "Vous recevrez bientôt le lien pour proposer la date de la première séance.",
      en: "You will soon receive the link to propose the date of the first session.",
    },
  },
  "self-evaluation": {
    title: {
      fr: "Merci pour votre auto-évaluation",
      en: "Thank you for your self-evaluation",
    },
    body: {
      fr: "Elle est enregistrée. Un message de clôture vous résumera votre parcours.",
      en: "It is saved. A closing email will sum up your journey.",
    },
  },
};

const stepDone: Localised = {
  fr: "Cette étape est faite : la réponse est enregistrée, il n'y a rien à refaire. Rien n'a été modifié.",
  en: "This step is done: the answer is recorded, there is nothing to do again. Nothing was changed.",
};

const contact: Localised = {
  fr: `Une question ? Écrivez à l'équipe d'animation : ${programme.contactEmail}.`,
  en: `A question? Write to the programme team: ${programme.contactEmail}.`,
};

const refusals: Record<Exclude<LinkOutcome, "recorded">, Copy> = {
  "already-recorded": {
    title: { fr: "Votre réponse est déjà enregistrée", en: "Your answer is already saved" },
    body: {
      fr: "Ce lien a déjà servi : votre réponse a bien été prise en compte la première fois. Rien n'a été modifié.",
      en: "This link has already been used: your answer was taken into account the first time. Nothing was changed.",
    },
  },
  "not-waiting": {
    title: {
      fr: "Cette étape n'attend plus de réponse",
      en: "This step is no longer waiting for an answer",
    },
    body: {
      fr: "Votre binôme est passé à une autre étape, ou il a été mis en pause ou arrêté. Rien n'a été modifié.",
      en: "Your pair has moved to another step, or it was paused or ended. Nothing was changed.",
    },
  },
  expired: {
    title: { fr: "Ce lien a expiré", en: "This link has expired" },
    body: {
      fr: "Par sécurité, les liens de nos messages ne restent valables qu'un temps. Rien n'a été modifié : utilisez le lien du message le plus récent, ou écrivez-nous.",
      en: "For security, the links in our emails only stay valid for a while. Nothing was changed: use the link of the most recent email, or write to us.",
    },
  },
  tampered: {
    title: { fr: "Ce lien n'est pas valide", en: "This link is not valid" },
    body: {
      fr: "Il a sans doute été mal copié ou coupé. Rien n'a été modifié : utilisez directement le bouton du message.",
      en: "It was probably copied incompletely. Nothing was changed: use the button in the email directly.",
    },
  },
  unavailable: {
    title: {
      fr: "Votre réponse n'a pas pu être enregistrée",
      en: "Your answer could not be saved",
    },
    body: {
      fr: "Un incident momentané nous en a empêchés. Rien n'a été modifié et le lien reste valable : réessayez dans quelques minutes.",
      en: "A temporary problem prevented it. Nothing was changed and the link still works: try again in a few minutes.",
    },
  },
  unknown: {
    title: { fr: "Ce lien est introuvable", en: "This link cannot be found" },
    body: {
      fr: "Vérifiez qu'il est complet, ou utilisez directement le bouton du message. Rien n'a été modifié.",
      en: "Check that it is complete, or use the button in the email directly. Nothing was changed.",
    },
  },
};

const yes = { fr: "Oui", en: "Yes" };
const no = { fr: "Non", en: "No" };
/**
 * Where the meeting stands. French agrees with it ("la séance … prévue", "le rendez-vous …
 * prévu"); when the step is not known, the words need no agreement.
 */
function meetingStatus(status: string, step: string | undefined): Localised {
  const meeting = step ? meetingOfStep(step) : undefined;
  const agreed: Record<string, Localised> = meeting
    ? {
        scheduled: { fr: `prévu${grammar(meeting).e}`, en: "planned" },
        cancelled: { fr: `annulé${grammar(meeting).e}`, en: "called off" },
      }
    : {
        scheduled: { fr: "à venir", en: "planned" },
        cancelled: { fr: "n'aura pas lieu", en: "called off" },
      };
  const states: Record<string, Localised> = {
    ...agreed,
    held: { fr: "a eu lieu", en: "took place" },
    "no-show": { fr: "n'a pas eu lieu", en: "did not take place" },
  };
  return states[status] ?? (states.scheduled as Localised);
}

/** What the step holds, in words: the date and place, the rating and comment, the objectives. */
function RecordedAnswer(props: { lang: Lang; recorded: Recorded; step?: string }) {
  const { lang, recorded } = props;
  const rows: [Localised, string][] = [];
  if ("meeting" in recorded) {
    const format = formats.find((item) => item.id === recorded.meeting.format);
    rows.push([
      { fr: "Date", en: "Date" },
      t(lang, formatWhen(new Date(recorded.meeting.startsAt))),
    ]);
    rows.push([
      { fr: "Durée", en: "Duration" },
      t(lang, formatHours(recorded.meeting.durationMinutes / 60)),
    ]);
    if (format)
      rows.push([{ fr: "Façon de se rencontrer", en: "Way to meet" }, t(lang, format.label)]);
    if (recorded.meeting.location)
      rows.push([{ fr: "Lieu ou lien", en: "Place or link" }, recorded.meeting.location]);
    rows.push([{ fr: "État", en: "State" }, t(lang, meetingStatus(recorded.status, props.step))]);
  }
  if (recorded.purpose === "confirm") {
    if (recorded.tookPlace !== undefined)
      rows.push([{ fr: "A eu lieu", en: "Took place" }, t(lang, recorded.tookPlace ? yes : no)]);
    if (recorded.satisfaction !== undefined)
      rows.push([{ fr: "Votre appréciation", en: "Your rating" }, `${recorded.satisfaction} / 5`]);
    if (recorded.comment)
      rows.push([{ fr: "Votre commentaire", en: "Your comment" }, recorded.comment]);
  }
  if (recorded.purpose === "objectives") {
    rows.push([{ fr: "Objectifs convenus", en: "Agreed goals" }, recorded.objectives]);
    rows.push([{ fr: "Séances prévues", en: "Sessions planned" }, String(recorded.sessions)]);
  }
  if (recorded.purpose === "self-evaluation") {
    rows.push([
      { fr: "Auto-évaluation", en: "Self-evaluation" },
      t(lang, { fr: "reçue", en: "received" }),
    ]);
    if (recorded.objectivesReached)
      rows.push([
        { fr: "Objectifs atteints", en: "Goals reached" },
        t(lang, objectivesReachedLabel[recorded.objectivesReached]),
      ]);
    if (recorded.comment)
      rows.push([{ fr: "Votre commentaire", en: "Your comment" }, recorded.comment]);
  }
  return (
    <>
      <h2>{lang === "fr" ? "Ce qui est enregistré" : "What is recorded"}</h2>
      <dl class="facts">
        {rows.map(([label, value]) => (
          <>
            <dt>{t(lang, label)}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
    </>
  );
}

export function LinkOutcomePage(props: {
  lang: Lang;
  path: string;
  outcome: LinkOutcome;
  purpose?: LinkPurpose;
  /** On GET of a link whose step is done: what was recorded. */
  recorded?: Recorded;
  /** The link's step (`session-2`…), so that the French agrees with the meeting. */
  step?: string;
}) {
  const { lang, outcome } = props;
  const copy = outcome === "recorded" ? recorded[props.purpose ?? "confirm"] : refusals[outcome];
  const title = t(lang, copy.title);
  return (
    <Layout lang={lang} title={title} path={props.path}>
      <div class="notice" role={outcome === "recorded" ? "status" : "alert"}>
        <h1>{title}</h1>
        <p>{t(lang, props.recorded ? stepDone : copy.body)}</p>
      </div>
      {props.recorded ? (
        <RecordedAnswer lang={lang} recorded={props.recorded} step={props.step} />
      ) : null}
      <p>{t(lang, contact)}</p>
      <p>
        <a href="/">{lang === "fr" ? "Retour à l'accueil" : "Back to home"}</a>
      </p>
    </Layout>
  );
}
