import { grammar, meetingOfStep, meetingTitle } from "#core/email/pair-messages";
import type { LinkPurpose } from "#core/links";
import type { MeetingLine, OwnPageView, ParticipantPair } from "#core/pair/own-page";
import { formats, type Localised, programme } from "#core/programme";
import { agreed, de, formatDay, formatWhen, plural } from "#core/words";
import { type AddressLinkCopy, AskForLinkPage, LinkSentPage } from "../address-link-pages";
import {
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  TextField,
} from "../form-kit";
import { type Lang, pageTitle, t } from "../i18n";
import { Layout } from "../layout";

/**
 * A participant's own page: their pair, how to reach the other, the meetings done and to come,
 * the objectives, what waits on them (each action a link to its page) and a form to ask the
 * programme team for help or a pause. No password: the page is reached by a signed link.
 */

export const ownPagePath = "/mon-binome";

const nbsp = "\u00a0";

const copy = {
  title: { fr: "Mon binôme", en: "My pair" },
  yourMentor: { fr: "Votre mentor", en: "Your mentor" },
  yourMentee: { fr: "La personne que vous accompagnez", en: "The person you coach" },
  reachTitle: { fr: "Pour vous joindre", en: "Reaching each other" },
  waitingTitle: { fr: "Ce qui vous attend", en: "What is waiting for you" },
  nothingForYou: {
    fr: "Rien pour l'instant : nous vous écrirons quand le binôme aura besoin de vous.",
    en: "Nothing for now: we will write when the pair needs you.",
  },
  meetingsTitle: { fr: "Vos rendez-vous", en: "Your meetings" },
  meeting: { fr: "Rendez-vous", en: "Meeting" },
  when: { fr: "Date", en: "Date" },
  state: { fr: "Où il en est", en: "Status" },
  objectivesTitle: { fr: "Vos objectifs", en: "Your goals" },
  noObjectives: {
    fr: "Pas encore notés : ils le seront après le rendez-vous de préparation.",
    en: "Not recorded yet: they will be after the preparation call.",
  },
  askTitle: { fr: "Demander à l'équipe d'animation", en: "Ask the programme team" },
  askIntro: {
    fr: "Un souci, une question, un besoin de souffler quelques semaines ? L'équipe d'animation reçoit votre demande et vous répond directement.",
    en: "A problem, a question, a need to pause for a few weeks? The programme team receives your request and answers you directly.",
  },
  kindLegend: { fr: "Votre demande", en: "Your request" },
  help: { fr: "J'ai besoin d'aide", en: "I need help" },
  pause: { fr: "Je souhaite mettre le binôme en pause", en: "I would like to pause the pair" },
  message: { fr: "Votre message", en: "Your message" },
  send: { fr: "Envoyer ma demande", en: "Send my request" },
  sentTitle: { fr: "Votre demande est partie", en: "Your request is sent" },
  sentBody: {
    fr: "L'équipe d'animation l'a reçue et vous répondra directement par courriel. Elle est notée sur votre binôme.",
    en: "The programme team has received it and will answer you directly by email. It is noted on your pair.",
  },
  back: { fr: "Revenir à la page de mon binôme", en: "Back to my pair's page" },
  invalidTitle: { fr: "Ce lien ne fonctionne pas", en: "This link does not work" },
  invalidBody: {
    fr: "Il a été modifié, ou ce binôme n'existe plus. Vous pouvez recevoir un nouveau lien à votre adresse.",
    en: "It was altered, or this pair no longer exists. You can receive a new link at your address.",
  },
  askAgain: { fr: "Recevoir un nouveau lien", en: "Get a new link" },
  chooseTitle: { fr: "Vos binômes", en: "Your pairs" },
  chooseIntro: {
    fr: "Cette adresse participe à plusieurs binômes. Choisissez celui que vous voulez voir :",
    en: "This address takes part in several pairs. Choose the one you want to see:",
  },
  noneTitle: { fr: "Aucun binôme pour cette adresse", en: "No pair for this address" },
  noneBody: {
    fr: "Nous ne trouvons pas de binôme formé avec cette adresse. Si votre binôme vient d'être annoncé, il apparaîtra dès l'envoi du courriel de présentation.",
    en: "We find no pair formed with this address. If your pair was just announced, it will appear once the introduction email is sent.",
  },
  contact: {
    fr: `Pour toute question${nbsp}: ${programme.contactEmail}.`,
    en: `For any question: ${programme.contactEmail}.`,
  },
} as const;

/** What each action open to the person is called, on its link. */
const actionLabel: Record<LinkPurpose, Localised> = {
  schedule: { fr: "Proposer une date", en: "Propose a date" },
  reschedule: { fr: "Changer la date", en: "Change the date" },
  "cancel-session": { fr: "Annuler ce rendez-vous", en: "Call off this meeting" },
  confirm: { fr: "Dire si le rendez-vous a eu lieu", en: "Say whether the meeting took place" },
  objectives: { fr: "Noter les objectifs convenus", en: "Record the agreed goals" },
  "self-evaluation": { fr: "Faire mon auto-évaluation", en: "Fill in my self-evaluation" },
};

/** What the pair waits for from the other participant, in a sentence. */
const otherWaits: Record<LinkPurpose, (name: string) => Localised> = {
  schedule: (name) => ({
    fr: `${name} doit proposer la prochaine date.`,
    en: `${name} is to propose the next date.`,
  }),
  reschedule: (name) => ({
    fr: `${name} peut changer la date.`,
    en: `${name} may change the date.`,
  }),
  "cancel-session": (name) => ({
    fr: `${name} peut annuler ce rendez-vous.`,
    en: `${name} may call off this meeting.`,
  }),
  confirm: (name) => ({
    fr: `Nous attendons la réponse ${de(name)} sur le dernier rendez-vous.`,
    en: `We are waiting for ${name}'s answer about the last meeting.`,
  }),
  objectives: (name) => ({
    fr: `${name} doit noter les objectifs convenus.`,
    en: `${name} is to record the agreed goals.`,
  }),
  "self-evaluation": (name) => ({
    fr: `Nous attendons l'auto-évaluation ${de(name)}.`,
    en: `We are waiting for ${name}'s self-evaluation.`,
  }),
};

/** Where a meeting stands; French agrees with it: "la séance … annulée", "le rendez-vous … annulé". */
const meetingState = (status: MeetingLine["status"], step: string): Localised => {
  // A step that names no meeting is titled as the preparation call (masculine), as in the table.
  const { e } = grammar(meetingOfStep(step) ?? { kind: "preparation" });
  const states: Record<MeetingLine["status"], Localised> = {
    held: { fr: "A eu lieu", en: "Took place" },
    scheduled: { fr: "À venir", en: "Coming up" },
    "no-show": { fr: "N'a pas eu lieu", en: "Did not take place" },
    cancelled: { fr: `Annulé${e}, à fixer de nouveau`, en: "Called off, to be set again" },
    "to-plan": { fr: "Date à fixer", en: "Date to be set" },
  };
  return states[status];
};

/** Where the pair is, when it is not simply running. */
function pairState(view: OwnPageView): Localised | undefined {
  const { pair } = view;
  if (pair.status === "paused")
    return {
      fr: "Votre binôme est en pause : vous ne recevrez pas de relance avant sa reprise.",
      en: "Your pair is paused: you will receive no reminder until it resumes.",
    };
  if (pair.status === "closed" || pair.outcome === "completed")
    return {
      fr: "Votre binôme est terminé : merci pour votre participation.",
      en: "Your pair is complete: thank you for taking part.",
    };
  if (pair.status === "cancelled")
    return {
      fr: "Votre binôme s'est arrêté : vous ne recevrez plus de messages pour lui.",
      en: "Your pair has stopped: you will receive no more messages about it.",
    };
  if (pair.phase === "pause" && pair.pauseEndsAt) {
    const day = formatDay(new Date(pair.pauseEndsAt));
    return {
      fr: `Place à la mise en pratique : nous reviendrons vers vous vers le ${day.fr} pour la séance de suivi.`,
      en: `Time to put it into practice: we will get back to you around ${day.en} for the follow-up session.`,
    };
  }
  return undefined;
}

const withLang = (url: string, lang: Lang) =>
  lang === "en" ? `${url}${url.includes("?") ? "&" : "?"}lang=en` : url;

const formatName = (format: string | undefined, lang: Lang) =>
  format ? (formats.find((candidate) => candidate.id === format)?.label[lang] ?? "") : "";

export function OwnPage(props: {
  lang: Lang;
  token: string;
  view: OwnPageView;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { lang, token, view, values = {}, errors = {} } = props;
  const say = (text: Localised) => t(lang, text);
  const base = `${ownPagePath}/${token}`;
  const hasErrors = Object.keys(errors).length > 0;
  const state = pairState(view);
  const running = view.pair.status === "active" || view.pair.status === "failed";
  const labels = { kind: say(copy.kindLegend), message: say(copy.message) };
  return (
    <Layout lang={lang} title={pageTitle(lang, say(copy.title), hasErrors)} path={base}>
      <h1>{say(copy.title)}</h1>
      <ErrorSummary errors={errors} lang={lang} labels={labels} />
      <p>
        {say(view.role === "mentee" ? copy.yourMentor : copy.yourMentee)}
        {lang === "fr" ? `${nbsp}: ` : ": "}
        <strong>{view.other.fullName}</strong>
      </p>
      {state ? <p class="notice">{say(state)}</p> : null}
      <section aria-labelledby="joindre">
        <h2 id="joindre">{say(copy.reachTitle)}</h2>
        <p>
          {lang === "fr"
            ? `Pour joindre ${view.other.fullName}${nbsp}: `
            : `To reach ${view.other.fullName}: `}
          <a href={`mailto:${view.other.email}`}>{view.other.email}</a>
        </p>
      </section>
      <section aria-labelledby="attend">
        <h2 id="attend">{say(copy.waitingTitle)}</h2>
        {view.actions.length ? (
          <ul>
            {view.actions.map((action) => {
              const meeting = meetingOfStep(action.step);
              return (
                <li>
                  <a href={withLang(action.url, lang)}>{say(actionLabel[action.purpose])}</a>
                  {meeting ? ` — ${say(meetingTitle(meeting))}` : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <p>{say(copy.nothingForYou)}</p>
        )}
        {view.waitingOnOther
          .filter((purpose) => purpose !== "reschedule" && purpose !== "cancel-session")
          .map((purpose) => (
            <p>{say(otherWaits[purpose](view.other.firstName))}</p>
          ))}
      </section>
      <section aria-labelledby="rendez-vous">
        <h2 id="rendez-vous">{say(copy.meetingsTitle)}</h2>
        <table class="grid">
          <caption class="visually-hidden">{say(copy.meetingsTitle)}</caption>
          <thead>
            <tr>
              <th scope="col">{say(copy.meeting)}</th>
              <th scope="col">{say(copy.when)}</th>
              <th scope="col">{say(copy.state)}</th>
            </tr>
          </thead>
          <tbody>
            {view.meetings.map((meeting) => (
              <tr>
                <th scope="row">
                  {say(meetingTitle(meetingOfStep(meeting.step) ?? { kind: "preparation" }))}
                </th>
                <td>
                  {meeting.startsAt && meeting.status !== "cancelled"
                    ? [
                        formatWhen(new Date(meeting.startsAt))[lang],
                        formatName(meeting.format, lang),
                        meeting.location ?? "",
                      ]
                        .filter(Boolean)
                        .join(" — ")
                    : "—"}
                </td>
                <td>{say(meetingState(meeting.status, meeting.step))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          {lang === "fr"
            ? `${plural("fr", view.pair.sessionsDone, "séance tenue", "séances tenues")} sur ${view.pair.sessionsPlanned} ${agreed("fr", view.pair.sessionsPlanned, "prévue", "prévues")}.`
            : `${plural("en", view.pair.sessionsDone, "session held", "sessions held")} of ${view.pair.sessionsPlanned} planned.`}
        </p>
      </section>
      <section aria-labelledby="objectifs">
        <h2 id="objectifs">{say(copy.objectivesTitle)}</h2>
        <p>{view.pair.objectives ?? say(copy.noObjectives)}</p>
      </section>
      {running || view.pair.status === "paused" ? (
        <section aria-labelledby="demander">
          <h2 id="demander">{say(copy.askTitle)}</h2>
          <p>{say(copy.askIntro)}</p>
          <form method="post" action={`${base}/demande?lang=${lang}`} novalidate>
            <ChoiceGroup
              name="kind"
              legend={say(copy.kindLegend)}
              type="radio"
              required
              options={[
                { value: "help", label: say(copy.help) },
                { value: "pause", label: say(copy.pause) },
              ]}
              values={values}
              errors={errors}
              lang={lang}
            />
            <TextField
              name="message"
              label={say(copy.message)}
              multiline
              values={values}
              errors={errors}
              lang={lang}
            />
            <div class="actions">
              <button type="submit">{say(copy.send)}</button>
            </div>
          </form>
        </section>
      ) : null}
      <p>{say(copy.contact)}</p>
    </Layout>
  );
}

export function OwnPageRequestSentPage({ lang, token }: { lang: Lang; token: string }) {
  const base = `${ownPagePath}/${token}`;
  return (
    <Layout lang={lang} title={t(lang, copy.sentTitle)} path={base}>
      <h1>{t(lang, copy.sentTitle)}</h1>
      <p>{t(lang, copy.sentBody)}</p>
      <p>
        <a href={withLang(base, lang)}>{t(lang, copy.back)}</a>
      </p>
    </Layout>
  );
}

export function OwnPageInvalidLinkPage({ lang }: { lang: Lang }) {
  return (
    <Layout lang={lang} title={t(lang, copy.invalidTitle)} path={ownPagePath}>
      <h1>{t(lang, copy.invalidTitle)}</h1>
      <p>{t(lang, copy.invalidBody)}</p>
      <p>
        <a href={`${ownPagePath}?lang=${lang}`}>{t(lang, copy.askAgain)}</a>
      </p>
    </Layout>
  );
}

/** An address in several pairs (a mentor coaching twice, two cohorts): one link each. */
export function OwnPagesChoicePage(props: {
  lang: Lang;
  path: string;
  pairs: (ParticipantPair & { url: string })[];
}) {
  const { lang, pairs } = props;
  if (pairs.length === 0) {
    return (
      <Layout lang={lang} title={t(lang, copy.noneTitle)} path={props.path}>
        <h1>{t(lang, copy.noneTitle)}</h1>
        <p>{t(lang, copy.noneBody)}</p>
        <p>{t(lang, copy.contact)}</p>
      </Layout>
    );
  }
  return (
    <Layout lang={lang} title={t(lang, copy.chooseTitle)} path={props.path}>
      <h1>{t(lang, copy.chooseTitle)}</h1>
      <p>{t(lang, copy.chooseIntro)}</p>
      <ul>
        {pairs.map((pair) => (
          <li>
            <a href={pair.url}>
              {lang === "fr"
                ? `Mon binôme avec ${pair.otherName}`
                : `My pair with ${pair.otherName}`}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

const askCopy: AddressLinkCopy = {
  title: { fr: "Retrouver la page de mon binôme", en: "Find my pair's page again" },
  intro: {
    fr: "Indiquez l'adresse électronique professionnelle que vous avez donnée au programme. Nous y envoyons un lien, valable sept jours, vers la page de votre binôme. Le lien n'est envoyé qu'à cette adresse.",
    en: "Give the work email address you gave the programme. We send a link there, valid for seven days, to your pair's page. The link is sent to that address only.",
  },
  send: { fr: "Recevoir le lien", en: "Send me the link" },
  sentBody: {
    fr: "Si cette adresse participe au programme, un message vient d'y partir avec votre lien. Il peut mettre quelques minutes à arriver\u00a0; pensez à regarder dans les indésirables. Un seul lien est envoyé toutes les dix minutes.",
    en: "If this address takes part in the programme, a message with your link is on its way to it. It may take a few minutes; check your spam folder too. Only one link is sent every ten minutes.",
  },
  contact: copy.contact,
};

export const OwnPageAskPage = (props: {
  lang: Lang;
  values?: FormValues;
  errors?: FieldErrors;
}) => <AskForLinkPage {...props} path={ownPagePath} copy={askCopy} />;

export const OwnPageLinkSentPage = ({ lang }: { lang: Lang }) => (
  <LinkSentPage lang={lang} path={ownPagePath} copy={askCopy} />
);
