import { phaseLabel } from "#core/admin/follow-up";
import type { PairDetails } from "#core/admin/pairs";
import { newRequestKey } from "#core/admin/request-key";
import { theStep } from "#core/email/pair-messages";
import { fullName } from "#core/fields";
import type { PairEmail } from "#core/pair/store";
import { agreed, de } from "#core/words";
import { ErrorSummary, type FieldErrors, type FormValues, TextField } from "../../form-kit";
import { type Lang, t } from "../../i18n";
import { describeHistoryEvent } from "./history-events";
import type { Person } from "./matching";
import { PairAgain } from "./pair-again";
import { PairNotes } from "./pair-notes";
import { PairReminders } from "./pair-reminders";
import { historyDetailText, PairWritings, pairStateText } from "./pair-writings";
import { AdminLayout, formatDateTime, inLanguage, yesNo } from "./parts";

type Text = { fr: string; en: string };

const actors: Record<string, Text> = {
  mentee: { fr: "Cadre", en: "Manager" },
  mentor: { fr: "Mentor", en: "Mentor" },
  team: { fr: "Équipe d'animation", en: "Programme team" },
  system: { fr: "Parcours automatique", en: "Automatic programme" },
};

const recipients: Record<string, Text> = {
  mentee: { fr: "cadre", en: "manager" },
  mentor: { fr: "mentor", en: "mentor" },
  assistant: {
    fr: "assistant ou assistante du cadre, en copie",
    en: "the manager's assistant, in copy",
  },
  team: { fr: "équipe", en: "team" },
};

const purposes: Record<string, Text> = {
  schedule: { fr: "une date proposée", en: "a proposed date" },
  confirm: { fr: "la confirmation du rendez-vous", en: "the meeting's confirmation" },
  objectives: { fr: "les objectifs convenus", en: "the agreed objectives" },
  "self-evaluation": { fr: "l'auto-évaluation", en: "the self-evaluation" },
  "session-time": { fr: "l'heure du rendez-vous", en: "the meeting's time" },
};

/** The labels of the team's forms on this page, for the error summary's links. */
const fieldLabels: Record<string, Text> = {
  text: { fr: "Note", en: "Note" },
  author: { fr: "Écrite par", en: "Written by" },
  message: { fr: "Votre message", en: "Your message" },
  role: { fr: "Destinataire", en: "Recipient" },
  newMentorId: { fr: "Mentor du nouveau binôme", en: "Mentor of the new pair" },
};

const known = (table: Record<string, Text>, key: string, lang: Lang) => {
  const text = table[key];
  return text ? t(lang, text) : key;
};

export function PairPage(props: {
  details: PairDetails;
  /** The pair's cohort by its name (the id stays in the link). */
  cohortName?: string;
  names: Map<string, string>;
  /** Selected mentors of the cohort with a place left, for a reassignment. */
  mentors: Person[];
  values?: FormValues;
  errors?: FieldErrors;
  done?: string;
  problem?: string;
  /** On a stopped or cancelled pair: the mentors its manager may be paired with again. */
  candidates?: (Person & { placesLeft: number })[];
  /** The form whose post came back with errors: it keeps its key, the others get new ones. */
  failedForm?: string;
  lang?: Lang;
}) {
  const { pair, history, emails, mentee, mentor, executionUrl, executionIsLocal } = props.details;
  const lang = props.lang ?? "fr";
  const say = (text: Text) => t(lang, text);
  const action = (to: string) => inLanguage(to, lang);
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const keyOf = (formName: string) =>
    props.failedForm === formName && typeof values.requestKey === "string"
      ? values.requestKey
      : newRequestKey();
  const valuesOf = (formName: string) => (props.failedForm === formName ? values : {});
  const errorsOf = (formName: string) => (props.failedForm === formName ? errors : {});
  const path = `/admin/binomes/${pair.id}`;
  const over = pair.status === "cancelled" || pair.status === "closed";
  const menteeName = mentee ? fullName(mentee.answers) : pair.menteeId;
  const mentorName = mentor ? fullName(mentor.answers) : pair.mentorId;
  // A linked pair is named by its people (the same manager, another mentor).
  const nameOf = (link: { pairId: string; mentorId: string } | undefined) =>
    link && {
      pairId: link.pairId,
      name: say({
        fr: `Binôme ${de(menteeName)} avec ${props.names.get(link.mentorId) ?? "un autre mentor"}`,
        en: `Pair of ${menteeName} with ${props.names.get(link.mentorId) ?? "another mentor"}`,
      }),
    };
  const linked = {
    previous: nameOf(props.details.previous),
    next: nameOf(pair.pairedAgain),
  };
  return (
    <AdminLayout
      lang={lang}
      title={say({ fr: `Binôme ${de(menteeName)}`, en: `Pair of ${menteeName}` })}
      path={path}
      done={props.done}
      problem={props.problem}
    >
      {props.failedForm ? (
        <ErrorSummary
          lang={lang}
          errors={errors}
          labels={Object.fromEntries(
            Object.entries(fieldLabels).map(([name, label]) => [name, say(label)]),
          )}
        />
      ) : null}
      <h1>
        {say({
          fr: `Binôme ${de(menteeName)} avec ${mentorName}`,
          en: `Pair of ${menteeName} with ${mentorName}`,
        })}
      </h1>
      <dl class="facts">
        <dt>{say({ fr: "Vague", en: "Cohort" })}</dt>
        <dd>
          <a href={`/admin/vagues/${pair.cohortId}`}>{props.cohortName ?? pair.cohortId}</a>
        </dd>
        <dt>Phase</dt>
        <dd>{t(lang, phaseLabel(pair.phase))}</dd>
        <dt>{say({ fr: "Statut", en: "Status" })}</dt>
        <dd>{pairStateText(pair, lang)}</dd>
        <dt>{say({ fr: "Séances", en: "Sessions" })}</dt>
        <dd>
          {lang === "en"
            ? `${pair.sessionsDone} done of ${pair.sessionsPlanned}`
            : `${pair.sessionsDone} ${agreed("fr", pair.sessionsDone, "faite", "faites")} sur ${pair.sessionsPlanned}`}
        </dd>
        <dt>{say({ fr: "À surveiller", en: "To watch" })}</dt>
        <dd>{yesNo(pair.needsAttention, lang)}</dd>
        <dt>{say({ fr: "En attente de", en: "Waiting for" })}</dt>
        <dd>
          {pair.waitingOn
            ? say({
                fr: `${theStep(pair.waitingOn.step).fr} : ${known(purposes, pair.waitingOn.purpose, "fr")}, depuis le ${formatDateTime(pair.waitingOn.since)}`,
                en: `${theStep(pair.waitingOn.step).en}: ${known(purposes, pair.waitingOn.purpose, "en")}, since ${formatDateTime(pair.waitingOn.since, "en")}`,
              })
            : say({ fr: "Rien pour l'instant", en: "Nothing for now" })}
        </dd>
        <dt>{say({ fr: "Objectifs", en: "Objectives" })}</dt>
        <dd>{pair.objectives ?? say({ fr: "Pas encore convenus", en: "Not agreed yet" })}</dd>
        {linked.previous ? (
          <>
            <dt>{say({ fr: "Binôme précédent", en: "Previous pair" })}</dt>
            <dd>
              <a href={action(`/admin/binomes/${linked.previous.pairId}`)}>
                {linked.previous.name}
              </a>
            </dd>
          </>
        ) : null}
        {linked.next ? (
          <>
            <dt>{say({ fr: "Binôme suivant", en: "Next pair" })}</dt>
            <dd>
              <a href={action(`/admin/binomes/${linked.next.pairId}`)}>{linked.next.name}</a>
            </dd>
          </>
        ) : null}
        <dt>{say({ fr: "Exécution", en: "Execution" })}</dt>
        <dd>
          {executionUrl ? (
            <a href={executionUrl}>
              {executionIsLocal
                ? say({
                    fr: "Voir l'exécution en cours sur le service Step Functions local",
                    en: "See the current execution on the local Step Functions service",
                  })
                : say({
                    fr: "Voir l'exécution en cours dans la console AWS",
                    en: "See the current execution in the AWS console",
                  })}
            </a>
          ) : (
            say({
              fr: "Exécution locale\u00a0: pas de console AWS sur ce poste.",
              en: "Local execution: no AWS console on this machine.",
            })
          )}
        </dd>
      </dl>
      <PairWritings pair={pair} meetings={props.details.meetings} lang={lang} />
      <PairNotes
        pairId={pair.id}
        notes={props.details.notes}
        requestKey={keyOf("note")}
        values={valuesOf("note")}
        errors={errorsOf("note")}
        lang={lang}
      />
      <h2>{say({ fr: "Historique", en: "History" })}</h2>
      <div class="table-scroll">
        <table class="grid">
          <caption>
            {say({
              fr: "Historique du binôme, du plus ancien au plus récent",
              en: "The pair's history, oldest first",
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">{say({ fr: "Par", en: "By" })}</th>
              <th scope="col">{say({ fr: "Événement", en: "Event" })}</th>
              <th scope="col">{say({ fr: "Détail", en: "Detail" })}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((entry) => (
              <tr>
                <th scope="row">{formatDateTime(entry.at, lang)}</th>
                <td>{known(actors, entry.actor, lang)}</td>
                <td>{describeHistoryEvent(entry.event, lang)}</td>
                <td>{historyDetailText(entry.detail, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{say({ fr: "Courriels envoyés", en: "Emails sent" })}</h2>
      {emails.length === 0 ? (
        <p>{say({ fr: "Aucun courriel envoyé pour l'instant.", en: "No email sent yet." })}</p>
      ) : (
        <div class="table-scroll">
          <table class="grid">
            <caption>
              {say({
                fr: "Courriels envoyés au sujet de ce binôme",
                en: "Emails sent about this pair",
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">{say({ fr: "Objet", en: "Subject" })}</th>
                <th scope="col">{say({ fr: "Destinataires", en: "Recipients" })}</th>
                <th scope="col">{say({ fr: "Envoi", en: "Delivery" })}</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr>
                  <th scope="row">{formatDateTime(email.at, lang)}</th>
                  <td>{email.subject}</td>
                  <td>{email.to.map((role) => known(recipients, role, lang)).join(", ")}</td>
                  <td>{deliveryText(email, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pair.status === "cancelled" ? (
        <PairAgain
          pairId={pair.id}
          menteeName={menteeName}
          candidates={props.candidates ?? []}
          next={linked.next}
          errors={errorsOf("pair-again")}
          lang={lang}
        />
      ) : null}
      {over ? null : (
        <>
          <PairReminders
            pairId={pair.id}
            wait={props.details.personWait}
            names={{ mentee: menteeName, mentor: mentorName }}
            keys={{ resend: keyOf("resend"), reminder: keyOf("reminder") }}
            values={valuesOf("reminder")}
            errors={errorsOf("reminder")}
            lang={lang}
          />
          <h2>{say({ fr: "Agir sur le binôme", en: "Act on the pair" })}</h2>
          {pair.status === "paused" ? (
            <form method="post" action={action(`${path}/reprise`)}>
              <div class="actions">
                <button type="submit">
                  {say({ fr: "Reprendre le binôme", en: "Resume the pair" })}
                </button>
              </div>
            </form>
          ) : (
            <form method="post" action={action(`${path}/pause`)}>
              <p>
                {say({
                  fr: "Pendant la pause, aucune relance n'est envoyée.",
                  en: "While paused, no reminder is sent.",
                })}
              </p>
              <div class="actions">
                <button type="submit" class="secondary">
                  {say({ fr: "Mettre le binôme en pause", en: "Pause the pair" })}
                </button>
              </div>
            </form>
          )}
          {props.mentors.length > 0 ? (
            <form method="post" action={action(`${path}/reaffectation`)}>
              <fieldset>
                <legend>{say({ fr: "Changer de mentor", en: "Change the mentor" })}</legend>
                <div class="field">
                  <label for="champ-mentorId">
                    {say({ fr: "Nouveau mentor", en: "New mentor" })} *
                  </label>
                  <select id="champ-mentorId" name="mentorId" required>
                    {props.mentors.map((person) => (
                      <option value={person.id}>{person.name}</option>
                    ))}
                  </select>
                </div>
                <button type="submit" class="secondary">
                  {say({ fr: "Confier le binôme à ce mentor", en: "Give the pair to this mentor" })}
                </button>
              </fieldset>
            </form>
          ) : null}
          <form method="post" action={action(`${path}/annulation`)} novalidate>
            <fieldset>
              <legend>{say({ fr: "Annuler le binôme", en: "Cancel the pair" })}</legend>
              <TextField
                name="reason"
                label={say({ fr: "Motif de l'annulation", en: "Reason for the cancellation" })}
                hint={say({
                  fr: "Il est communiqué aux deux personnes.",
                  en: "It is sent to both people.",
                })}
                multiline
                required
                values={props.values ?? {}}
                errors={errors}
                lang={lang}
              />
              <button type="submit" class="secondary">
                {say({ fr: "Annuler le binôme", en: "Cancel the pair" })}
              </button>
            </fieldset>
          </form>
        </>
      )}
    </AdminLayout>
  );
}

/**
 * Where an email of the pair stands, from the outbox's mark on its log line: waiting (SES away,
 * or a moment before the sender takes it), sent (and when, if later than queued), or refused by
 * SES for good. A line logged before the outbox has no mark: it was sent at once.
 */
const deliveryStates = {
  queued: { fr: "En attente d'envoi", en: "Waiting to be sent" },
  sent: { fr: "Envoyé", en: "Sent" },
  failed: {
    fr: "Échec : refusé par le service d'envoi",
    en: "Failed: refused by the mail service",
  },
} as const;

function deliveryText(email: PairEmail, lang: Lang): string {
  const state = t(lang, deliveryStates[email.delivery ?? "sent"]);
  const late =
    email.delivery === "sent" &&
    email.settledAt &&
    new Date(email.settledAt).getTime() - new Date(email.at).getTime() >= 60_000;
  if (!late) return state;
  return lang === "en"
    ? `${state} on ${formatDateTime(email.settledAt, lang)}`
    : `${state} le ${formatDateTime(email.settledAt, lang)}`;
}
