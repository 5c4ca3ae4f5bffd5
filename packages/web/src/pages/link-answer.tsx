import { type Meeting, meetingOfStep, meetingTitle, theMeeting } from "#core/email/pair-messages";
import {
  durationChoices,
  type LinkPurpose,
  type LinkRecipient,
  objectivesReachedChoices,
  objectivesReachedLabel,
  sessionCount,
} from "#core/links";
import { formats, type Localised, levels, programme, questionnaire, themes } from "#core/programme";
import { formatHours, formatWhen } from "#core/words";
import {
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RequiredNote,
  SubmitButton,
  TextField,
} from "../form-kit";
import { type Lang, t } from "../i18n";
import { Layout } from "../layout";

/**
 * The page behind a link of an email: it only shows the choices (mail scanners open links on their
 * own); the answer is the form's POST. No names appear, so a forwarded link reveals nothing.
 */
export type LinkForm = {
  purpose: LinkPurpose;
  recipient: LinkRecipient;
  step: string;
  /** What the pair already holds for this link: the meeting to move, the objectives to recall. */
  context?: LinkContext;
};

export type LinkContext = {
  objectives?: string;
  meeting?: { startsAt: string; durationMinutes: number; format?: string; location?: string };
};

const aMeeting = { fr: "le rendez-vous", en: "the meeting" };

/** What the page is about, in a sentence ("la séance n° 2") and as a title ("Séance n° 2"). */
export function meetingWording(step: string): {
  the: Localised;
  title: Localised;
  /** French agreement: "la séance … a-t-elle eu lieu", "le rendez-vous … a-t-il eu lieu". */
  feminine: boolean;
} {
  const meeting: Meeting | undefined = meetingOfStep(step);
  return meeting
    ? {
        the: theMeeting(meeting),
        title: meetingTitle(meeting),
        feminine: meeting.kind !== "preparation",
      }
    : { the: aMeeting, title: { fr: "Rendez-vous", en: "Meeting" }, feminine: false };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function linkPageTitle(form: LinkForm, lang: Lang): string {
  const { the, title } = meetingWording(form.step);
  const titles: Record<LinkPurpose, Localised> = {
    schedule: { fr: `${title.fr} : proposer une date`, en: `${title.en}: propose a date` },
    reschedule: { fr: `${title.fr} : changer la date`, en: `${title.en}: change the date` },
    confirm: { fr: `Votre retour sur ${the.fr}`, en: `Your feedback on ${the.en}` },
    "cancel-session": { fr: `Annuler ${the.fr}`, en: `Call off ${the.en}` },
    objectives: { fr: "Les objectifs de votre binôme", en: "Your pair's goals" },
    "self-evaluation": { fr: "Votre auto-évaluation", en: "Your self-evaluation" },
  };
  return t(lang, titles[form.purpose]);
}

/** The labels of the fields, also used by the error summary. */
export function linkFieldLabels(lang: Lang): Record<string, string> {
  const fr = lang === "fr";
  return {
    date: fr ? "Date" : "Date",
    time: fr ? "Heure (heure de Paris)" : "Time (Paris time)",
    durationMinutes: fr ? "Durée" : "Duration",
    format: fr ? "Façon de se rencontrer" : "Way to meet",
    location: fr
      ? "Lieu, lien de visio ou numéro de téléphone"
      : "Place, video link or phone number",
    tookPlace: fr ? "A eu lieu" : "Took place",
    satisfaction: fr ? "Votre appréciation" : "Your rating",
    comment: fr ? "Commentaire" : "Comment",
    objectives: fr ? "Objectifs convenus" : "Agreed goals",
    sessions: fr ? "Nombre de séances" : "Number of sessions",
    reason: fr ? "Motif" : "Reason",
    experience: fr ? "Votre expérience de mentor" : "Your experience as a mentor",
    objectivesReached: fr
      ? "Les objectifs convenus ont-ils été atteints\u00a0?"
      : "Were the agreed goals reached?",
    ...Object.fromEntries(themes.map((theme) => [`comfort.${theme.id}`, t(lang, theme.label)])),
  };
}

/** Values a fresh form starts with. */
export function linkFormDefaults(form: LinkForm): FormValues {
  const meeting = meetingOfStep(form.step);
  switch (form.purpose) {
    case "schedule":
    case "reschedule":
      if (form.purpose === "reschedule" && form.context?.meeting) {
        return currentMeetingValues(form.context.meeting);
      }
      return {
        durationMinutes: meeting?.kind === "preparation" ? "30" : "60",
        format: meeting?.kind === "preparation" ? "phone" : undefined,
      };
    case "objectives":
      return { sessions: String(programme.defaults.sessions) };
    default:
      return {};
  }
}

const parisDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" });
const parisClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** A change of date starts from the meeting as it stands: its date, format and video link. */
function currentMeetingValues(meeting: NonNullable<LinkContext["meeting"]>): FormValues {
  const start = new Date(meeting.startsAt);
  return {
    date: parisDate.format(start),
    time: parisClock.format(start),
    durationMinutes: String(meeting.durationMinutes),
    ...(meeting.format ? { format: meeting.format } : {}),
    ...(meeting.location ? { location: meeting.location } : {}),
  };
}

type Common = { lang: Lang; values: FormValues; errors: FieldErrors };

function ScheduleFields(
  props: Common & { labels: Record<string, string>; current?: LinkContext["meeting"] },
) {
  const { lang, labels, values, errors, current } = props;
  const fr = lang === "fr";
  return (
    <>
      {current ? <CurrentMeeting lang={lang} meeting={current} /> : null}
      <p>
        {fr
          ? "Convenez d'abord d'un moment avec votre binôme, puis indiquez-le ici\u00a0: vous recevrez tous les deux une invitation pour votre agenda."
          : "First agree on a time with your partner, then enter it here: you will both receive a calendar invitation."}
      </p>
      <TextField
        name="date"
        type="date"
        required
        label={labels.date as string}
        hint={fr ? "Par exemple 17/03/2026." : "For example 17/03/2026."}
        {...props}
      />
      <TextField
        name="time"
        type="time"
        required
        label={labels.time as string}
        hint={fr ? "Par exemple 14:30." : "For example 14:30."}
        {...props}
      />
      <ChoiceGroup
        name="durationMinutes"
        legend={labels.durationMinutes as string}
        type="radio"
        required
        options={durationChoices.map((minutes) => ({
          value: String(minutes),
          label: t(lang, formatHours(minutes / 60)),
        }))}
        values={values}
        errors={errors}
        lang={lang}
      />
      <ChoiceGroup
        name="format"
        legend={labels.format as string}
        type="radio"
        required
        options={formats.map((format) => ({ value: format.id, label: t(lang, format.label) }))}
        values={values}
        errors={errors}
        lang={lang}
      />
      <TextField
        name="location"
        label={labels.location as string}
        hint={
          fr
            ? "Il figurera dans l'invitation. Pas de mot de passe ici."
            : "It will appear in the invitation. No password here."
        }
        {...props}
      />
    </>
  );
}

/** The meeting as it stands, before its date is changed. */
function CurrentMeeting(props: { lang: Lang; meeting: NonNullable<LinkContext["meeting"]> }) {
  const { lang, meeting } = props;
  const format = formats.find((item) => item.id === meeting.format);
  return (
    <dl class="facts">
      <dt>{lang === "fr" ? "Date actuelle" : "Current date"}</dt>
      <dd>{t(lang, formatWhen(new Date(meeting.startsAt)))}</dd>
      <dt>{lang === "fr" ? "Durée" : "Duration"}</dt>
      <dd>{t(lang, formatHours(meeting.durationMinutes / 60))}</dd>
      {format ? (
        <>
          <dt>{lang === "fr" ? "Façon de se rencontrer" : "Way to meet"}</dt>
          <dd>{t(lang, format.label)}</dd>
        </>
      ) : null}
      {meeting.location ? (
        <>
          <dt>{lang === "fr" ? "Lieu ou lien" : "Place or link"}</dt>
          <dd>{meeting.location}</dd>
        </>
      ) : null}
    </dl>
  );
}

type Wording = ReturnType<typeof meetingWording>;

function ConfirmFields(props: Common & { labels: Record<string, string>; wording: Wording }) {
  const { lang, labels, values, errors } = props;
  const { the, feminine } = props.wording;
  const fr = lang === "fr";
  const [pronoun, e] = feminine ? ["elle", "e"] : ["il", ""];
  return (
    <>
      <ChoiceGroup
        name="tookPlace"
        legend={
          fr ? `${capitalise(the.fr)} a-t-${pronoun} eu lieu\u00a0?` : `Did ${the.en} take place?`
        }
        type="radio"
        required
        options={[
          { value: "yes", label: fr ? `Oui, ${pronoun} a eu lieu` : "Yes, it took place" },
          {
            value: "no",
            label: fr ? `Non, ${pronoun} n'a pas eu lieu` : "No, it did not take place",
          },
        ]}
        values={values}
        errors={errors}
        lang={lang}
      />
      <ChoiceGroup
        name="satisfaction"
        legend={labels.satisfaction as string}
        hint={
          fr
            ? `${feminine ? "Si elle" : "S'il"} a eu lieu\u00a0: de 1 (décevant${e}) à 5 (excellent${e}).`
            : "If it took place: from 1 (disappointing) to 5 (excellent)."
        }
        type="radio"
        inline
        options={[1, 2, 3, 4, 5].map((score) => ({ value: String(score), label: String(score) }))}
        values={values}
        errors={errors}
        lang={lang}
      />
      <TextField
        name="comment"
        label={labels.comment as string}
        hint={
          fr
            ? "Une remarque pour l'équipe d'animation\u00a0? Elle ne sera pas transmise à votre binôme."
            : "A remark for the programme team? It will not be passed on to your partner."
        }
        multiline
        {...props}
      />
    </>
  );
}

function ObjectivesFields(props: Common & { labels: Record<string, string> }) {
  const { lang, labels } = props;
  const fr = lang === "fr";
  return (
    <>
      <p>
        {fr
          ? "Notez ce que vous avez convenu lors du rendez-vous de préparation\u00a0: ce sera votre fil conducteur, rappelé à la clôture."
          : "Write down what you agreed at the preparation call: it will guide your sessions and be recalled at closure."}
      </p>
      <TextField
        name="objectives"
        label={labels.objectives as string}
        hint={
          fr
            ? "Par exemple\u00a0: «\u00a0créer mon compte LinkedIn et publier un premier message\u00a0»."
            : "For example: “create my LinkedIn account and post a first message”."
        }
        required
        multiline
        {...props}
      />
      <TextField
        name="sessions"
        type="number"
        label={labels.sessions as string}
        hint={
          fr
            ? `De ${sessionCount.min} à ${sessionCount.max} séances d'environ une heure.`
            : `From ${sessionCount.min} to ${sessionCount.max} sessions of about one hour.`
        }
        required
        inputmode="numeric"
        min={String(sessionCount.min)}
        max={String(sessionCount.max)}
        {...props}
      />
    </>
  );
}

function CancelSessionFields(props: Common & { labels: Record<string, string>; wording: Wording }) {
  const { lang, labels } = props;
  const { the, feminine } = props.wording;
  const fr = lang === "fr";
  return (
    <>
      <p>
        {fr
          ? `En confirmant, ${the.fr} est annulé${feminine ? "e" : ""} pour vous deux et retiré${feminine ? "e" : ""} de vos agendas. Vous pourrez proposer une nouvelle date.`
          : `If you confirm, ${the.en} is called off for both of you and removed from your calendars. You will be able to propose a new date.`}
      </p>
      <TextField
        name="reason"
        label={labels.reason as string}
        hint={fr ? "Il sera indiqué à votre binôme." : "It will be shown to your partner."}
        multiline
        {...props}
      />
    </>
  );
}

function SelfEvaluationFields(
  props: Common & {
    labels: Record<string, string>;
    recipient: LinkRecipient;
    /** The agreed objectives, recalled as the objectives page promised. */
    objectives?: string;
  },
) {
  const { lang, labels, values, errors, recipient } = props;
  const fr = lang === "fr";
  const mentee = recipient === "mentee";
  return (
    <>
      <fieldset>
        <legend>
          {mentee
            ? `${t(lang, questionnaire.comfort)} *`
            : fr
              ? "Selon vous, à quel point la personne que vous avez accompagnée est-elle à l'aise aujourd'hui avec chacun de ces thèmes\u00a0? *"
              : "In your view, how at ease is the person you coached today with each of these themes? *"}
        </legend>
        {mentee ? (
          <p class="hint">
            {fr
              ? "Les mêmes thèmes qu'au début du parcours, pour mesurer le chemin parcouru."
              : "The same themes as at the start, to measure how far you have come."}
          </p>
        ) : null}
        {themes.map((theme) => (
          <ChoiceGroup
            name={`comfort.${theme.id}`}
            legend={t(lang, theme.label)}
            type="radio"
            options={levels.map((level) => ({
              value: String(level.value),
              label: t(lang, level.label),
            }))}
            values={values}
            errors={errors}
            lang={lang}
            inline
          />
        ))}
      </fieldset>
      {mentee ? null : (
        <ChoiceGroup
          name="experience"
          legend={labels.experience as string}
          hint={
            fr ? "De 1 (décevante) à 5 (excellente)." : "From 1 (disappointing) to 5 (excellent)."
          }
          type="radio"
          required
          inline
          options={[1, 2, 3, 4, 5].map((score) => ({ value: String(score), label: String(score) }))}
          values={values}
          errors={errors}
          lang={lang}
        />
      )}
      <ChoiceGroup
        name="objectivesReached"
        legend={labels.objectivesReached as string}
        hint={
          props.objectives
            ? fr
              ? `Objectifs convenus au rendez-vous de préparation\u00a0: «\u00a0${props.objectives}\u00a0»`
              : `Goals agreed at the preparation call: “${props.objectives}”`
            : undefined
        }
        type="radio"
        options={objectivesReachedChoices.map((choice) => ({
          value: choice,
          label: t(lang, objectivesReachedLabel[choice]),
        }))}
        values={values}
        errors={errors}
        lang={lang}
      />
      <TextField
        name="comment"
        label={labels.comment as string}
        hint={
          fr
            ? "Pour l'équipe d'animation\u00a0: ce qui vous a servi, ce qui a manqué."
            : "For the programme team: what helped you, what was missing."
        }
        multiline
        {...props}
      />
    </>
  );
}

const submitLabel: Record<LinkPurpose, Localised> = {
  schedule: { fr: "Enregistrer la date", en: "Save the date" },
  reschedule: { fr: "Enregistrer la nouvelle date", en: "Save the new date" },
  confirm: { fr: "Envoyer ma réponse", en: "Send my answer" },
  "cancel-session": { fr: "Confirmer l'annulation", en: "Confirm the cancellation" },
  objectives: { fr: "Enregistrer les objectifs", en: "Save the goals" },
  "self-evaluation": { fr: "Envoyer mon auto-évaluation", en: "Send my self-evaluation" },
};

export function LinkAnswerPage(props: {
  lang: Lang;
  path: string;
  form: LinkForm;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { lang, path, form } = props;
  const errors = props.errors ?? {};
  const values = props.values ?? linkFormDefaults(form);
  const labels = linkFieldLabels(lang);
  const title = linkPageTitle(form, lang);
  const wording = meetingWording(form.step);
  const common = { lang, values, errors, labels };
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout
      lang={lang}
      title={hasErrors ? `${lang === "fr" ? "Erreur" : "Error"} — ${title}` : title}
      path={path}
    >
      <ErrorSummary lang={lang} errors={errors} labels={labels} />
      <h1>{title}</h1>
      <RequiredNote lang={lang} />
      <form method="post" action={`${path}${lang === "en" ? "?lang=en" : ""}`} novalidate>
        {form.purpose === "schedule" || form.purpose === "reschedule" ? (
          <ScheduleFields
            {...common}
            current={form.purpose === "reschedule" ? form.context?.meeting : undefined}
          />
        ) : form.purpose === "confirm" ? (
          <ConfirmFields {...common} wording={wording} />
        ) : form.purpose === "objectives" ? (
          <ObjectivesFields {...common} />
        ) : form.purpose === "cancel-session" ? (
          <CancelSessionFields {...common} wording={wording} />
        ) : (
          <SelfEvaluationFields
            {...common}
            recipient={form.recipient}
            objectives={form.context?.objectives}
          />
        )}
        <SubmitButton lang={lang} label={t(lang, submitLabel[form.purpose])} />
      </form>
    </Layout>
  );
}
