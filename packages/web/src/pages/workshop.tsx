import { availabilitySlots, type Localised, programme, themes } from "#core/programme";
import {
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RequiredNote,
  SelectField,
  SubmitButton,
  TextField,
} from "../form-kit";
import { type Lang, pageTitle, t } from "../i18n";
import { Layout, MessagePage } from "../layout";
import { ConsentField, personLabels } from "../person-fields";
import { FormAlert, formPageTitle, type WriteOutcome } from "./problems";

/**
 * The public pages of collective workshops: the request form of a head of service (`/atelier`),
 * the registration form behind the link they forward, and the mentors' and participants' link
 * pages (confirmation, feedback). French first; they work without JavaScript; a form with errors
 * comes back filled in, with the questionnaire's error summary.
 */

const words = {
  title: { fr: "Demander un atelier collectif", en: "Ask for a collective workshop" },
  intro: {
    fr: `Deux mentors du programme ${programme.name} animent, pour les cadres de votre service ou votre comité de direction, un atelier pour découvrir ce qu'une technologie ouvre et prendre position ensemble.`,
    en: `Two mentors of the ${programme.name} programme lead, for the managers of your service or your executive committee, a workshop to discover what a technology opens up and take a position together.`,
  },
  you: { fr: "Vous", en: "About you" },
  workshop: { fr: "L'atelier", en: "The workshop" },
  service: { fr: "Votre service ou direction", en: "Your service or directorate" },
  managers: { fr: "Nombre de cadres concernés", en: "Number of managers concerned" },
  theme: { fr: "Thème", en: "Theme" },
  goal: { fr: "Ce que vous en attendez", en: "What you want out of it" },
  goalHint: {
    fr: "Par exemple : « décider ensemble de l'usage de l'IA dans nos notes ».",
    en: "For example: “decide together how we use AI in our briefs”.",
  },
  slots: { fr: "Moments de la journée qui conviennent", en: "Times of day that suit" },
  dates: { fr: "Dates qui conviendraient", en: "Dates that would suit" },
  datesHint: {
    fr: "Par exemple : « les mardis de janvier, sauf le 13 ».",
    en: "For example: “Tuesdays in January, except the 13th”.",
  },
  consent: {
    fr: "J'accepte que ces informations servent à organiser l'atelier, comme l'explique la politique de confidentialité.",
    en: "I agree that this information is used to organise the workshop, as the privacy notice explains.",
  },
  send: { fr: "Envoyer la demande", en: "Send the request" },
  thanks: { fr: "Demande envoyée", en: "Request sent" },
  thanksBody: {
    fr: "Merci : l'équipe d'animation choisit deux mentors et vous propose une date. Un courriel vous confirme la demande.",
    en: "Thank you: the programme team will choose two mentors and propose a date. An email confirms your request.",
  },
} satisfies Record<string, Localised>;

export const workshopRequestLabels = (lang: Lang): Record<string, string> => ({
  ...personLabels(lang),
  service: t(lang, words.service),
  managers: t(lang, words.managers),
  theme: t(lang, words.theme),
  goal: t(lang, words.goal),
  slots: t(lang, words.slots),
  dates: t(lang, words.dates),
});

export function WorkshopRequestPage(props: {
  lang: Lang;
  values?: FormValues;
  errors?: FieldErrors;
  /** Shown again after a 503: what became of the request (the values are what was typed). */
  unavailable?: WriteOutcome;
}) {
  const { lang, unavailable } = props;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const common = { values, errors, lang };
  const labels = workshopRequestLabels(lang);
  const title = t(lang, words.title);
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout
      lang={lang}
      title={formPageTitle(lang, title, { hasErrors, unavailable })}
      path="/atelier"
    >
      <div class="narrow">
        <FormAlert lang={lang} unavailable={unavailable} errors={errors} labels={labels} />
        <h1>{title}</h1>
        <p class="lead">{t(lang, words.intro)}</p>
        <RequiredNote lang={lang} />
        <form method="post" action={`/atelier${lang === "en" ? "?lang=en" : ""}`} novalidate>
          <fieldset class="part">
            <legend>{t(lang, words.you)}</legend>
            <TextField
              name="firstName"
              label={labels.firstName ?? ""}
              required
              autocomplete="given-name"
              {...common}
            />
            <TextField
              name="lastName"
              label={labels.lastName ?? ""}
              required
              autocomplete="family-name"
              {...common}
            />
            <TextField
              name="email"
              type="email"
              label={labels.email ?? ""}
              required
              autocomplete="email"
              {...common}
            />
            <TextField name="service" label={labels.service ?? ""} required {...common} />
          </fieldset>
          <fieldset class="part">
            <legend>{t(lang, words.workshop)}</legend>
            <TextField
              name="managers"
              label={labels.managers ?? ""}
              required
              inputmode="numeric"
              {...common}
            />
            <SelectField
              name="theme"
              label={labels.theme ?? ""}
              required
              options={themes.map((theme) => ({ value: theme.id, label: t(lang, theme.label) }))}
              {...common}
            />
            <TextField
              name="goal"
              label={labels.goal ?? ""}
              hint={t(lang, words.goalHint)}
              required
              multiline
              {...common}
            />
            <ChoiceGroup
              name="slots"
              legend={labels.slots ?? ""}
              type="checkbox"
              required
              options={availabilitySlots.map((slot) => ({
                value: slot.id,
                label: t(lang, slot.label),
              }))}
              {...common}
            />
            <TextField
              name="dates"
              label={labels.dates ?? ""}
              hint={t(lang, words.datesHint)}
              required
              {...common}
            />
          </fieldset>
          <ConsentField statement={t(lang, words.consent)} {...common} />
          <SubmitButton lang={lang} label={t(lang, words.send)} />
        </form>
      </div>
    </Layout>
  );
}

/** The same page for a request and for the same request again (a double click, a retry). */
export const WorkshopRequestSent = (props: { lang: Lang }) => (
  <MessagePage
    lang={props.lang}
    path="/atelier"
    title={t(props.lang, words.thanks)}
    body={t(props.lang, words.thanksBody)}
  />
);

// ---------------------------------------------------------------------------------------------
// Registration through the forwarded link
// ---------------------------------------------------------------------------------------------

const registration = {
  title: { fr: "S'inscrire à l'atelier", en: "Register for the workshop" },
  consent: {
    fr: "J'accepte que mon nom et mon adresse servent à m'inviter à l'atelier, comme l'explique la politique de confidentialité.",
    en: "I agree that my name and address are used to invite me to the workshop, as the privacy notice explains.",
  },
  send: { fr: "M'inscrire", en: "Register" },
  done: { fr: "Inscription enregistrée", en: "Registration recorded" },
  doneBody: {
    fr: "Merci : l'invitation, avec le fichier pour votre agenda, arrive par courriel.",
    en: "Thank you: the invitation, with the file for your calendar, is on its way by email.",
  },
  already: {
    fr: "Vous êtes déjà inscrit ou inscrite à cet atelier : l'invitation vous a été envoyée.",
    en: "You are already registered for this workshop: the invitation was sent to you.",
  },
} satisfies Record<string, Localised>;

export function WorkshopRegistrationPage(props: {
  lang: Lang;
  action: string;
  /** The workshop in a sentence; empty when it could not be read (a 503). */
  description: string;
  values?: FormValues;
  errors?: FieldErrors;
  /** Shown again after a 503: what became of the registration (the values are what was typed). */
  unavailable?: WriteOutcome;
}) {
  const { lang, unavailable } = props;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const common = { values, errors, lang };
  const labels = personLabels(lang);
  const title = t(lang, registration.title);
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout
      lang={lang}
      title={formPageTitle(lang, title, { hasErrors, unavailable })}
      path={props.action}
    >
      <div class="narrow">
        <FormAlert lang={lang} unavailable={unavailable} errors={errors} labels={labels} />
        <h1>{title}</h1>
        {props.description ? <p class="lead">{props.description}</p> : null}
        <RequiredNote lang={lang} />
        <form method="post" action={`${props.action}${lang === "en" ? "?lang=en" : ""}`} novalidate>
          <TextField
            name="firstName"
            label={labels.firstName ?? ""}
            required
            autocomplete="given-name"
            {...common}
          />
          <TextField
            name="lastName"
            label={labels.lastName ?? ""}
            required
            autocomplete="family-name"
            {...common}
          />
          <TextField
            name="email"
            type="email"
            label={labels.email ?? ""}
            required
            autocomplete="email"
            {...common}
          />
          <ConsentField statement={t(lang, registration.consent)} {...common} />
          <SubmitButton lang={lang} label={t(lang, registration.send)} />
        </form>
      </div>
    </Layout>
  );
}

export const WorkshopRegistered = (props: { lang: Lang; path: string; already: boolean }) => (
  <MessagePage
    lang={props.lang}
    path={props.path}
    title={t(props.lang, registration.done)}
    body={t(props.lang, props.already ? registration.already : registration.doneBody)}
  />
);

// ---------------------------------------------------------------------------------------------
// The mentors' confirmation and the participants' feedback
// ---------------------------------------------------------------------------------------------

const answers = {
  confirmTitle: { fr: "L'atelier a-t-il eu lieu ?", en: "Did the workshop take place?" },
  tookPlace: { fr: "L'atelier a eu lieu", en: "The workshop took place" },
  yes: { fr: "Oui", en: "Yes" },
  no: { fr: "Non, il n'a pas eu lieu", en: "No, it did not take place" },
  attendees: { fr: "Nombre de personnes venues", en: "Number of people who came" },
  attendeesHint: {
    fr: "Sans compter les deux mentors.",
    en: "Not counting the two mentors.",
  },
  present: {
    fr: "Qui est venu parmi les personnes invitées ? (facultatif)",
    en: "Who came among the people invited? (optional)",
  },
  presentHint: {
    fr: "Seules les personnes cochées recevront le questionnaire d'avis ; si vous ne cochez personne, toutes les personnes invitées le reçoivent.",
    en: "Only the people ticked will get the feedback form; if you tick no one, everyone invited gets it.",
  },
  feedbackTitle: { fr: "Votre avis sur l'atelier", en: "Your feedback on the workshop" },
  rating: {
    fr: "Votre note, de 1 (décevant) à 5 (excellent)",
    en: "Your rating, from 1 (disappointing) to 5 (excellent)",
  },
  comment: { fr: "Un mot, si vous le souhaitez", en: "A word, if you wish" },
  thanks: { fr: "Merci, c'est enregistré", en: "Thank you, it is recorded" },
  confirmed: {
    fr: "Merci : les participants recevront un court questionnaire.",
    en: "Thank you: the participants will get a short questionnaire.",
  },
  notHeld: {
    fr: "Merci : l'atelier est noté comme n'ayant pas eu lieu. L'équipe d'animation vous recontacte si besoin.",
    en: "Thank you: the workshop is recorded as not held. The programme team will contact you if needed.",
  },
  alreadyConfirmed: {
    fr: "Ce point est déjà enregistré (peut-être par l'autre mentor) : rien de plus à faire.",
    en: "This is already recorded (perhaps by the other mentor): nothing more to do.",
  },
  feedbackDone: {
    fr: "Merci pour votre avis : il aide les mentors et l'équipe d'animation.",
    en: "Thank you for your feedback: it helps the mentors and the programme team.",
  },
  feedbackAlready: {
    fr: "Votre avis est déjà enregistré : merci.",
    en: "Your feedback is already recorded: thank you.",
  },
  send: { fr: "Envoyer", en: "Send" },
} satisfies Record<string, Localised>;

export const workshopAnswerLabels = (lang: Lang): Record<string, string> => ({
  tookPlace: t(lang, answers.tookPlace),
  attendees: t(lang, answers.attendees),
  rating: t(lang, answers.rating),
  comment: t(lang, answers.comment),
});

export function WorkshopLinkPage(props: {
  lang: Lang;
  purpose: "confirm" | "feedback";
  action: string;
  description: string;
  values?: FormValues;
  errors?: FieldErrors;
  /** On the confirmation: those invited by email, to tick who came. */
  participants?: { value: string; label: string }[];
}) {
  const { lang, purpose } = props;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const common = { values, errors, lang };
  const labels = workshopAnswerLabels(lang);
  const title = t(lang, purpose === "confirm" ? answers.confirmTitle : answers.feedbackTitle);
  return (
    <Layout
      lang={lang}
      title={pageTitle(lang, title, Object.keys(errors).length > 0)}
      path={props.action}
    >
      <div class="narrow">
        <ErrorSummary lang={lang} errors={errors} labels={labels} />
        <h1>{title}</h1>
        <p class="lead">{props.description}</p>
        <RequiredNote lang={lang} />
        <form method="post" action={`${props.action}${lang === "en" ? "?lang=en" : ""}`} novalidate>
          {purpose === "confirm" ? (
            <>
              <ChoiceGroup
                name="tookPlace"
                legend={labels.tookPlace ?? ""}
                type="radio"
                required
                options={[
                  { value: "yes", label: t(lang, answers.yes) },
                  { value: "no", label: t(lang, answers.no) },
                ]}
                {...common}
              />
              <TextField
                name="attendees"
                label={labels.attendees ?? ""}
                hint={t(lang, answers.attendeesHint)}
                inputmode="numeric"
                {...common}
              />
              {props.participants?.length ? (
                <ChoiceGroup
                  name="present"
                  legend={t(lang, answers.present)}
                  hint={t(lang, answers.presentHint)}
                  type="checkbox"
                  options={props.participants}
                  {...common}
                />
              ) : null}
            </>
          ) : (
            <>
              <ChoiceGroup
                name="rating"
                legend={labels.rating ?? ""}
                type="radio"
                inline
                required
                options={["1", "2", "3", "4", "5"].map((value) => ({ value, label: value }))}
                {...common}
              />
              <TextField name="comment" label={labels.comment ?? ""} multiline {...common} />
            </>
          )}
          <SubmitButton lang={lang} label={t(lang, answers.send)} />
        </form>
      </div>
    </Layout>
  );
}

export type WorkshopLinkOutcome =
  | "confirmed"
  | "not-held"
  | "already-confirmed"
  | "feedback"
  | "feedback-already";

export const WorkshopLinkDone = (props: {
  lang: Lang;
  path: string;
  outcome: WorkshopLinkOutcome;
}) => {
  const body = {
    confirmed: answers.confirmed,
    "not-held": answers.notHeld,
    "already-confirmed": answers.alreadyConfirmed,
    feedback: answers.feedbackDone,
    "feedback-already": answers.feedbackAlready,
  }[props.outcome];
  return (
    <MessagePage
      lang={props.lang}
      path={props.path}
      title={t(props.lang, answers.thanks)}
      body={t(props.lang, body)}
    />
  );
};
