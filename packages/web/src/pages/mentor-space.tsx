import type { Child } from "hono/jsx";
import { barnumWhen } from "#core/barnum/messages";
import { type Barnum, canRecordVisits, otherTopic } from "#core/barnum/model";
import type { StaffMember } from "#core/barnum/store";
import type { MentorRecord } from "#core/mentor";
import { programme, themes } from "#core/programme";
import type { MentorRecordOfWork } from "#core/recognition";
import type { Resource } from "#core/resources";
import { formatHours, plural } from "#core/words";
import { type AddressLinkCopy, AskForLinkPage, LinkSentPage } from "../address-link-pages";
import {
  ChoiceGroup,
  ErrorSummary,
  errorId,
  FieldError,
  type FieldErrors,
  type FormValues,
  fieldId,
  TextField,
} from "../form-kit";
import { type Lang, pageTitle, t } from "../i18n";
import { Layout } from "../layout";
import { say } from "../say";
import { FormAlert, formPageTitle, UnavailableNotice, type WriteOutcome } from "./problems";

/**
 * A mentor's own page, from the signed link of their emails: the BarNum' and meetings they are
 * asked to, what they did (and their attestation), the modules of their themes.
 */

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const withLang = (path: string, lang: Lang) => (lang === "en" ? `${path}?lang=en` : path);

export type NetworkEntry = {
  meetingId: string;
  title: string;
  when: { fr: string; en: string };
  place: string;
  attended?: boolean;
  upcoming: boolean;
  cancelled: boolean;
  /** Their answer for the meeting's current date, if they gave one. */
  reply?: "yes" | "no";
};

const done = {
  "barnum-oui": {
    fr: "Merci : vous tenez ce BarNum'. L'invitation part dans votre agenda.",
    en: "Thank you: you are staffing this BarNum'. The invitation is on its way to your diary.",
  },
  "barnum-non": {
    fr: "C'est noté : vous ne tenez pas ce BarNum'.",
    en: "Noted: you are not staffing this BarNum'.",
  },
  bilan: { fr: "Merci, c'est enregistré.", en: "Thank you, it is recorded." },
  "bilan-deja": {
    fr: "C'était déjà enregistré : rien n'a changé.",
    en: "This was already recorded: nothing changed.",
  },
  consentement: { fr: "Votre accord est enregistré.", en: "Your consent is recorded." },
  "consentement-retire": {
    fr: "Votre accord est retiré : l'attestation ne sera pas envoyée.",
    en: "Your consent is withdrawn: the attestation will not be sent.",
  },
  "attestation-envoyee": {
    fr: "L'attestation part à votre responsable.",
    en: "The attestation is on its way to your manager.",
  },
  "rencontre-oui": {
    fr: "Merci : l'équipe d'animation sait que vous venez.",
    en: "Thank you: the programme team knows you are coming.",
  },
  "rencontre-non": {
    fr: "C'est noté : l'équipe d'animation sait que vous ne venez pas.",
    en: "Noted: the programme team knows you are not coming.",
  },
  "barnum-trop-tard": {
    fr: "Ce BarNum' est terminé ou annulé : votre réponse n'est plus enregistrée.",
    en: "This BarNum' is over or cancelled: your answer is no longer recorded.",
  },
  "trop-tard": {
    fr: "Il a déjà commencé ou il est annulé : votre réponse n'est plus enregistrée.",
    en: "It has begun or is cancelled: your answer is no longer recorded.",
  },
} as const;

export type MentorSpaceDone = keyof typeof done;

/**
 * The questions a mentor answers with two buttons on their page: the field the button posts, the
 * question asked on its own (when the page shows it again after an outage) and the buttons.
 */
export const answerButtons = {
  staffing: {
    name: "answer",
    question: { fr: "Pouvez-vous tenir ce BarNum' ?", en: "Can you staff this BarNum'?" },
    yes: { fr: "Je serai là", en: "I will be there" },
    no: { fr: "Je ne pourrai pas", en: "I cannot come" },
  },
  tookPlace: {
    name: "tookPlace",
    question: { fr: "Le BarNum' a-t-il eu lieu ?", en: "Did the BarNum' take place?" },
    yes: { fr: "Oui, il a eu lieu", en: "Yes, it took place" },
    no: { fr: "Non, il n'a pas eu lieu", en: "No, it did not take place" },
  },
  meetingReply: {
    name: "reply",
    question: { fr: "Venez-vous à cette rencontre ?", en: "Are you coming to this meeting?" },
    yes: { fr: "Je viens", en: "I am coming" },
    no: { fr: "Je ne viens pas", en: "I am not coming" },
  },
} as const;

export type AnswerQuestion = keyof typeof answerButtons;

/** The names an answer's error is kept under: one per BarNum' and meeting of the page. */
export const barnumField = (barnumId: string, name: string) => `barnum.${barnumId}.${name}`;
export const meetingField = (meetingId: string, name: string) => `rencontre.${meetingId}.${name}`;

/**
 * A form of answer buttons: a post without an answer comes back with its message here, before
 * the buttons, where the error summary's link leads.
 */
function AnswerForm(props: {
  lang: Lang;
  action: string;
  name: string;
  errors: FieldErrors;
  /** The question the buttons answer, when the form asks it itself. */
  question?: string;
  children: Child;
}) {
  const error = props.errors[props.name];
  return (
    <form
      method="post"
      action={props.action}
      id={fieldId(props.name)}
      tabindex={-1}
      class={error ? "actions invalid" : "actions"}
      aria-describedby={error ? errorId(props.name) : undefined}
    >
      {props.question ? <p>{props.question}</p> : null}
      <FieldError name={props.name} errors={props.errors} lang={props.lang} />
      {props.children}
    </form>
  );
}

/** Whether the mentor comes to a coming meeting: their answer, and two buttons to give or change it. */
function MeetingReply(props: {
  lang: Lang;
  base: string;
  meeting: NetworkEntry;
  errors: FieldErrors;
}) {
  const { lang, base, meeting } = props;
  return (
    <AnswerForm
      lang={lang}
      action={withLang(`${base}/rencontre/${meeting.meetingId}`, lang)}
      name={meetingField(meeting.meetingId, "reply")}
      errors={props.errors}
      question={say(
        lang,
        meeting.reply === "yes"
          ? { fr: "Vous avez dit : je viens.", en: "You said: I am coming." }
          : meeting.reply === "no"
            ? { fr: "Vous avez dit : je ne viens pas.", en: "You said: I am not coming." }
            : { fr: "Venez-vous ?", en: "Are you coming?" },
      )}
    >
      {meeting.reply !== "yes" ? (
        <button type="submit" name="reply" value="yes">
          {t(lang, answerButtons.meetingReply.yes)}
        </button>
      ) : null}
      {meeting.reply !== "no" ? (
        <button type="submit" name="reply" value="no" class="secondary">
          {t(lang, answerButtons.meetingReply.no)}
        </button>
      ) : null}
    </AnswerForm>
  );
}

export function MentorSpacePage(props: {
  lang: Lang;
  token: string;
  mentor: MentorRecord;
  barnums: { barnum: Barnum; staff: StaffMember }[];
  meetings: NetworkEntry[];
  record: MentorRecordOfWork;
  consent?: { managerEmail: string; consentedAt: string };
  modules: Resource[];
  done?: string;
  values?: FormValues;
  errors?: FieldErrors;
  now: Date;
}) {
  const { lang, token, mentor, record, now, values = {}, errors = {} } = props;
  const base = `/espace-mentor/${token}`;
  const title = t(lang, { fr: "Mon espace de mentor", en: "My mentor page" });
  const shown = props.done && props.done in done ? done[props.done as MentorSpaceDone] : undefined;
  const myThemes = themes.filter((theme) =>
    mentor.answers.themes.some((offer) => offer.theme === theme.id),
  );
  return (
    <Layout lang={lang} title={pageTitle(lang, title, Object.keys(errors).length > 0)} path={base}>
      <ErrorSummary
        errors={errors}
        lang={lang}
        labels={{
          managerEmail: t(lang, {
            fr: "Adresse de votre responsable",
            en: "Your manager's address",
          }),
          ...Object.fromEntries(
            props.barnums.flatMap(({ barnum }) => {
              const named =
                lang === "fr"
                  ? `BarNum' «\u00a0${barnum.event}\u00a0»`
                  : `BarNum' “${barnum.event}”`;
              return [
                [barnumField(barnum.id, "answer"), named],
                [barnumField(barnum.id, "tookPlace"), named],
              ];
            }),
          ),
          ...Object.fromEntries(
            props.meetings.map((meeting) => [
              meetingField(meeting.meetingId, "reply"),
              `${meeting.title}, ${t(lang, meeting.when)}`,
            ]),
          ),
        }}
      />
      {shown ? (
        <div class="notice success" role="status">
          <p>{say(lang, shown)}</p>
        </div>
      ) : null}
      <h1>{title}</h1>
      <p>
        {mentor.answers.firstName} {mentor.answers.lastName} — {mentor.answers.role} (
        {mentor.answers.directorate})
      </p>

      <section>
        <h2>BarNum'</h2>
        {props.barnums.length === 0 ? (
          <p>
            {say(lang, {
              fr: "Aucun BarNum' ne vous est proposé pour l'instant.",
              en: "No BarNum' is proposed to you at the moment.",
            })}
          </p>
        ) : (
          <ul class="cards">
            {props.barnums.map(({ barnum, staff }) => (
              <li class="card">
                <h3>{barnum.event}</h3>
                <p>
                  {capital(t(lang, barnumWhen(barnum)).replace(/^(le|on) /, ""))}, {barnum.place}
                </p>
                <p>
                  {say(
                    lang,
                    barnum.status === "cancelled"
                      ? { fr: "Ce BarNum' est annulé.", en: "This BarNum' is cancelled." }
                      : staff.status === "confirmed"
                        ? { fr: "Vous avez dit : je serai là.", en: "You said: I will be there." }
                        : staff.status === "declined"
                          ? {
                              fr: "Vous avez dit : je ne pourrai pas.",
                              en: "You said: I cannot come.",
                            }
                          : { fr: "Pouvez-vous le tenir ?", en: "Can you staff it?" },
                  )}
                </p>
                {Date.parse(barnum.endsAt) > now.getTime() && barnum.status === "published" ? (
                  <AnswerForm
                    lang={lang}
                    action={withLang(`${base}/barnum/${barnum.id}`, lang)}
                    name={barnumField(barnum.id, "answer")}
                    errors={errors}
                  >
                    {staff.status !== "confirmed" ? (
                      <button type="submit" name="answer" value="yes">
                        {t(lang, answerButtons.staffing.yes)}
                      </button>
                    ) : null}
                    {staff.status !== "declined" ? (
                      <button type="submit" name="answer" value="no" class="secondary">
                        {t(lang, answerButtons.staffing.no)}
                      </button>
                    ) : null}
                  </AnswerForm>
                ) : null}
                {staff.status === "confirmed" &&
                Date.parse(barnum.endsAt) <= now.getTime() &&
                !barnum.closedAt ? (
                  <AnswerForm
                    lang={lang}
                    action={withLang(`${base}/barnum/${barnum.id}/bilan`, lang)}
                    name={barnumField(barnum.id, "tookPlace")}
                    errors={errors}
                    question={say(lang, answerButtons.tookPlace.question)}
                  >
                    <button type="submit" name="tookPlace" value="yes">
                      {t(lang, answerButtons.tookPlace.yes)}
                    </button>
                    <button type="submit" name="tookPlace" value="no" class="secondary">
                      {t(lang, answerButtons.tookPlace.no)}
                    </button>
                  </AnswerForm>
                ) : null}
                {staff.status === "confirmed" && canRecordVisits(barnum, now) ? (
                  <p>
                    <a class="button" href={withLang(`${base}/barnum/${barnum.id}/visites`, lang)}>
                      {t(lang, { fr: "Noter les visites", en: "Record visits" })}
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <h2>{t(lang, { fr: "Réseau des mentors", en: "Mentor network" })}</h2>
        {props.meetings.length === 0 ? (
          <p>
            {say(lang, {
              fr: "Aucune rencontre du réseau ne vous est proposée pour l'instant.",
              en: "No network meeting is proposed to you at the moment.",
            })}
          </p>
        ) : (
          <ul>
            {props.meetings.map((meeting) => (
              <li id={`rencontre-${meeting.meetingId}`}>
                {meeting.title} — {t(lang, meeting.when)}, {meeting.place}
                {meeting.cancelled
                  ? ` (${say(lang, { fr: "annulée", en: "cancelled" })})`
                  : meeting.upcoming
                    ? ""
                    : ` (${say(lang, meeting.attended ? { fr: "présent(e)", en: "attended" } : { fr: "absent(e)", en: "did not attend" })})`}
                {meeting.upcoming && !meeting.cancelled ? (
                  <MeetingReply lang={lang} base={base} meeting={meeting} errors={errors} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <h2>{t(lang, { fr: "Ce que vous avez fait", en: "What you did" })}</h2>
        <RecordList lang={lang} record={record} />
        <p>
          <a class="button" href={`${base}/attestation.pdf`}>
            {t(lang, {
              fr: "Télécharger mon attestation (PDF)",
              en: "Download my attestation (PDF)",
            })}
          </a>
        </p>
        <h3>
          {t(lang, {
            fr: "Envoyer l'attestation à votre responsable",
            en: "Send the attestation to your manager",
          })}
        </h3>
        {props.consent ? (
          <>
            <p>
              {say(lang, {
                fr: `Vous avez accepté que l'attestation soit envoyée à ${props.consent.managerEmail}.`,
                en: `You agreed that the attestation be sent to ${props.consent.managerEmail}.`,
              })}
            </p>
            <form
              method="post"
              action={withLang(`${base}/attestation/envoyer`, lang)}
              class="actions"
            >
              <button type="submit">
                {t(lang, { fr: "L'envoyer maintenant", en: "Send it now" })}
              </button>
            </form>
            <form
              method="post"
              action={withLang(`${base}/consentement/retirer`, lang)}
              class="actions"
            >
              <button type="submit" class="secondary">
                {t(lang, { fr: "Retirer mon accord", en: "Withdraw my consent" })}
              </button>
            </form>
          </>
        ) : (
          <ConsentForm
            lang={lang}
            token={token}
            values={{ managerEmail: mentor.answers.managerEmail, ...values }}
            errors={errors}
          />
        )}
      </section>

      <section>
        <h2>
          {t(lang, {
            fr: "Trames et ressources de vos thèmes",
            en: "Modules and resources of your themes",
          })}
        </h2>
        {myThemes.map((theme) => {
          const ofTheme = props.modules.filter((resource) => resource.theme === theme.id);
          return (
            <>
              <h3>{t(lang, theme.label)}</h3>
              {ofTheme.length === 0 ? (
                <p>
                  {say(lang, {
                    fr: "Aucune ressource pour ce thème pour l'instant.",
                    en: "No resource for this theme yet.",
                  })}
                </p>
              ) : (
                <ul>
                  {ofTheme.map((resource) => (
                    <li>
                      <a href={resource.url}>{resource.title}</a> (
                      {t(lang, formatHours(resource.durationMinutes / 60))}
                      {resource.audience === "mentors"
                        ? `, ${t(lang, { fr: "trame pour les mentors", en: "module for mentors" })}`
                        : ""}
                      ) — {resource.description}
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        })}
      </section>
    </Layout>
  );
}

/** The mentor's consent that their attestation be sent to their manager, at the address they type. */
function ConsentForm(props: {
  lang: Lang;
  token: string;
  values: FormValues;
  errors: FieldErrors;
}) {
  const { lang, values, errors } = props;
  return (
    <form
      method="post"
      action={withLang(`/espace-mentor/${props.token}/consentement`, lang)}
      novalidate
    >
      <p>
        {say(lang, {
          fr: "Avec votre accord, l'équipe d'animation (ou vous-même) peut envoyer votre attestation à votre responsable : c'est ainsi que votre engagement est reconnu par votre hiérarchie.",
          en: "With your consent, the programme team (or you) can send your attestation to your manager: this is how your hierarchy recognises your commitment.",
        })}
      </p>
      <TextField
        name="managerEmail"
        type="email"
        label={t(lang, { fr: "Adresse de votre responsable", en: "Your manager's address" })}
        required
        values={values}
        errors={errors}
        lang={lang}
      />
      <ChoiceGroup
        name="agree"
        legend={t(lang, { fr: "Votre accord", en: "Your consent" })}
        type="checkbox"
        required
        options={[
          {
            value: "on",
            label: say(lang, {
              fr: "J'accepte que mon attestation soit envoyée à cette adresse.",
              en: "I agree that my attestation be sent to this address.",
            }),
          },
        ]}
        values={values}
        errors={errors}
        lang={lang}
      />
      <div class="actions">
        <button type="submit">
          {t(lang, { fr: "Enregistrer mon accord", en: "Record my consent" })}
        </button>
      </div>
    </form>
  );
}

/**
 * The consent form that an outage (503) kept from being confirmed, alone under the notice with
 * the address typed and the box as it was (the mentor's page cannot be read meanwhile).
 */
export function ConsentAgainPage(props: {
  lang: Lang;
  token: string;
  values: FormValues;
  unavailable: WriteOutcome;
}) {
  const { lang, unavailable } = props;
  const title = t(lang, { fr: "Mon espace de mentor", en: "My mentor page" });
  return (
    <Layout
      lang={lang}
      title={formPageTitle(lang, title, { hasErrors: false, unavailable })}
      path={`/espace-mentor/${props.token}`}
    >
      <div class="narrow">
        <UnavailableNotice lang={lang} written={unavailable} />
        <h1>{title}</h1>
        <h2>
          {t(lang, {
            fr: "Envoyer l'attestation à votre responsable",
            en: "Send the attestation to your manager",
          })}
        </h2>
        <ConsentForm lang={lang} token={props.token} values={props.values} errors={{}} />
        <p>
          <a href={withLang(`/espace-mentor/${props.token}`, lang)}>{title}</a>
        </p>
      </div>
    </Layout>
  );
}

export function RecordList({ lang, record }: { lang: Lang; record: MentorRecordOfWork }) {
  const fr = lang === "fr";
  const rows = [
    plural(lang, record.pairs, fr ? "binôme" : "pair", fr ? "binômes" : "pairs"),
    plural(
      lang,
      record.sessionsHeld,
      fr ? "séance tenue" : "session held",
      fr ? "séances tenues" : "sessions held",
    ),
    plural(
      lang,
      record.workshopsLed,
      fr ? "atelier collectif animé" : "workshop led",
      fr ? "ateliers collectifs animés" : "workshops led",
    ),
    plural(
      lang,
      record.barnumsStaffed,
      fr ? "BarNum' tenu" : "BarNum' staffed",
      fr ? "BarNum' tenus" : "BarNum' staffed",
    ),
    plural(
      lang,
      record.networkMeetings,
      fr ? "rencontre du réseau" : "network meeting",
      fr ? "rencontres du réseau" : "network meetings",
    ),
  ];
  return (
    <ul>
      {rows.map((row) => (
        <li>{row}</li>
      ))}
      <li>
        {t(lang, { fr: "Heures\u00a0:", en: "Hours:" })} {t(lang, formatHours(record.hours))}
        {" ("}
        {t(lang, { fr: "binômes", en: "pairs" })} {t(lang, formatHours(record.hoursByKind.pairs))},
        BarNum' {t(lang, formatHours(record.hoursByKind.barnums))},{" "}
        {t(lang, { fr: "réseau", en: "network" })}{" "}
        {t(lang, formatHours(record.hoursByKind.network))},{" "}
        {t(lang, { fr: "ateliers", en: "workshops" })}{" "}
        {t(lang, formatHours(record.hoursByKind.workshops))})
      </li>
    </ul>
  );
}

/**
 * An answer from the mentor's page that an outage (503) kept from being confirmed: the notice
 * saying whether it was stored, and the answer given, to send again with one button (the page
 * itself cannot be read meanwhile). Without a valid answer, both buttons.
 */
export function AnswerAgainPage(props: {
  lang: Lang;
  token: string;
  action: string;
  question: AnswerQuestion;
  /** The BarNum' or meeting answered about, when it could be read before the outage. */
  about?: string;
  /** The button that was pressed (its value), as posted. */
  choice: unknown;
  unavailable: WriteOutcome;
}) {
  const { lang, unavailable } = props;
  const buttons = answerButtons[props.question];
  const title = t(lang, { fr: "Mon espace de mentor", en: "My mentor page" });
  const choice = props.choice === "yes" || props.choice === "no" ? props.choice : undefined;
  const chosen = choice ? t(lang, buttons[choice]) : "";
  return (
    <Layout
      lang={lang}
      title={formPageTitle(lang, title, { hasErrors: false, unavailable })}
      path={`/espace-mentor/${props.token}`}
    >
      <div class="narrow">
        <UnavailableNotice lang={lang} written={unavailable} />
        <h1>{title}</h1>
        {props.about ? <h2>{props.about}</h2> : null}
        <form method="post" action={props.action} class="actions">
          <p>{say(lang, buttons.question)}</p>
          {choice ? (
            <>
              <p>
                {say(lang, {
                  fr: `Votre réponse : « ${chosen} ».`,
                  en: `Your answer: “${chosen}”.`,
                })}
              </p>
              <button type="submit" name={buttons.name} value={choice}>
                {t(lang, { fr: "Renvoyer ma réponse", en: "Send my answer again" })}
              </button>
            </>
          ) : (
            <>
              <button type="submit" name={buttons.name} value="yes">
                {t(lang, buttons.yes)}
              </button>
              <button type="submit" name={buttons.name} value="no" class="secondary">
                {t(lang, buttons.no)}
              </button>
            </>
          )}
        </form>
        <p>
          <a href={withLang(`/espace-mentor/${props.token}`, lang)}>{title}</a>
        </p>
      </div>
    </Layout>
  );
}

export const themeOrOther = (id: string, lang: Lang) =>
  t(lang, themes.find((theme) => theme.id === id)?.label ?? otherTopic);

/** The page a mentor records visits on, on the day, from a phone: two taps and a button. */
export function VisitPage(props: {
  lang: Lang;
  token: string;
  barnumId: string;
  /** The BarNum's name and the visits noted so far: absent when they could not be read (a 503). */
  seen?: { event: string; count: number };
  visitId: string;
  recorded?: boolean;
  /** What was chosen, when the page comes back with an error or after an outage. */
  values?: FormValues;
  errors?: FieldErrors;
  /** Shown again after a 503: what became of the visit (the same visit id sends it once). */
  unavailable?: WriteOutcome;
}) {
  const { lang, seen, unavailable, values = {}, errors = {} } = props;
  const path = `/espace-mentor/${props.token}/barnum/${props.barnumId}/visites`;
  const title = t(lang, { fr: "Noter une visite", en: "Record a visit" });
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout lang={lang} title={formPageTitle(lang, title, { hasErrors, unavailable })} path={path}>
      <div class="narrow">
        <FormAlert
          lang={lang}
          unavailable={unavailable}
          errors={errors}
          labels={{
            theme: t(lang, { fr: "Thème", en: "Theme" }),
            resolved: t(lang, { fr: "Question résolue", en: "Question resolved" }),
            visitId: t(lang, { fr: "Visite", en: "Visit" }),
          }}
        />
        {props.recorded ? (
          <div class="notice success" role="status">
            <p>{t(lang, { fr: "Visite enregistrée.", en: "Visit recorded." })}</p>
          </div>
        ) : null}
        <h1>{title}</h1>
        {seen ? (
          <p>
            {seen.event} —{" "}
            {plural(
              lang,
              seen.count,
              lang === "fr" ? "visite notée" : "visit recorded",
              lang === "fr" ? "visites notées" : "visits recorded",
            )}
          </p>
        ) : null}
        <p>
          {say(lang, {
            fr: "Rien sur la personne : seulement le thème, et si la question est résolue.",
            en: "Nothing about the person: only the theme, and whether the question was resolved.",
          })}
        </p>
        <form method="post" action={withLang(path, lang)} novalidate>
          <input type="hidden" name="visitId" value={props.visitId} />
          <ChoiceGroup
            name="theme"
            legend={t(lang, { fr: "Thème", en: "Theme" })}
            type="radio"
            required
            options={[
              ...themes.map((theme) => ({ value: theme.id, label: t(lang, theme.label) })),
              { value: "other", label: t(lang, otherTopic) },
            ]}
            values={values}
            errors={errors}
            lang={lang}
          />
          <ChoiceGroup
            name="resolved"
            legend={say(lang, { fr: "Question résolue ?", en: "Question resolved?" })}
            type="radio"
            required
            inline
            options={[
              { value: "yes", label: t(lang, { fr: "Oui", en: "Yes" }) },
              { value: "no", label: t(lang, { fr: "Non", en: "No" }) },
            ]}
            values={values}
            errors={errors}
            lang={lang}
          />
          {/* A visit id refused is said here, by the button that sends a fresh one. */}
          <div class="actions" id={fieldId("visitId")} tabindex={-1}>
            <FieldError name="visitId" errors={errors} lang={lang} />
            <button type="submit">
              {t(lang, { fr: "Enregistrer la visite", en: "Record the visit" })}
            </button>
          </div>
        </form>
        <p>
          <a href={withLang(`/espace-mentor/${props.token}`, lang)}>
            {t(lang, { fr: "Mon espace de mentor", en: "My mentor page" })}
          </a>
        </p>
      </div>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------------
// /espace-mentor: a mentor who lost their link asks for it again with their address
// ---------------------------------------------------------------------------------------------

const accessPath = "/espace-mentor";

const accessCopy: AddressLinkCopy = {
  title: { fr: "Retrouver ma page de mentor", en: "Find my mentor page again" },
  intro: {
    fr: "Indiquez l'adresse électronique professionnelle que vous avez donnée en candidatant comme mentor. Nous y envoyons un lien, valable sept jours, vers votre page de mentor. Le lien n'est envoyé qu'à cette adresse.",
    en: "Give the work email address you gave when you applied as a mentor. We send a link there, valid for seven days, to your mentor page. The link is sent to that address only.",
  },
  send: { fr: "Recevoir le lien", en: "Send me the link" },
  sentBody: {
    fr: "Si cette adresse est celle d'un mentor du programme, un message vient d'y partir avec votre lien. Il peut mettre quelques minutes à arriver\u00a0; pensez à regarder dans les indésirables. Un seul lien est envoyé toutes les dix minutes.",
    en: "If this address is a mentor's of the programme, a message with your link is on its way to it. It may take a few minutes; check your spam folder too. Only one link is sent every ten minutes.",
  },
  contact: {
    fr: `Pour toute question\u00a0: ${programme.contactEmail}.`,
    en: `For any question: ${programme.contactEmail}.`,
  },
};

export const MentorAccessAskPage = (props: {
  lang: Lang;
  values?: FormValues;
  errors?: FieldErrors;
  unavailable?: WriteOutcome;
}) => <AskForLinkPage {...props} path={accessPath} copy={accessCopy} />;

export const MentorAccessSentPage = ({ lang }: { lang: Lang }) => (
  <LinkSentPage lang={lang} path={accessPath} copy={accessCopy} />
);
