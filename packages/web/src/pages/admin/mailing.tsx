import type { Cohort } from "#core/cohort";
import type { Audience, Mailing } from "#core/cohort-mailing";
import { paragraphsOf } from "#core/email/team-messages";
import { programme } from "#core/programme";
import { agreed } from "#core/words";
import {
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RequiredNote,
  TextField,
} from "../../form-kit";
import type { Lang } from "../../i18n";
import { say as inLang } from "../../say";
import { AdminLayout, inLanguage } from "./parts";

/**
 * Writing to a cohort: the form (to whom, subject, text), its preview with the number of people it
 * reaches, then how far the queueing of the emails got. The form's key rides along the preview,
 * so that sending it twice sends once.
 */

type Text = { fr: string; en: string };

export const audienceLabels: Record<Audience, Text> = {
  all: {
    fr: "Tous les participants des binômes en cours",
    en: "Everyone in the pairs under way",
  },
  mentees: { fr: "Les cadres des binômes en cours", en: "The managers of the pairs under way" },
  mentors: { fr: "Les mentors des binômes en cours", en: "The mentors of the pairs under way" },
  waiting: {
    fr: "Ceux dont un binôme attend une réponse",
    en: "Those a pair is waiting on",
  },
};

/** "1 200 destinataires", "1 destinataire", "0 destinataire" / "0 recipients", "1 recipient". */
export const recipientCount = (count: number, lang: Lang) => {
  const number = count.toLocaleString(lang === "en" ? "en-GB" : "fr-FR");
  return lang === "en"
    ? `${number} recipient${count === 1 ? "" : "s"}`
    : `${number} destinataire${count < 2 ? "" : "s"}`;
};

const labels = (lang: Lang) => ({
  audience: inLang(lang, { fr: "Destinataires", en: "Recipients" }),
  subject: inLang(lang, { fr: "Objet", en: "Subject" }),
  text: inLang(lang, { fr: "Texte du courriel", en: "Text of the email" }),
});

export function MailingPage(props: {
  cohort: Cohort;
  requestKey: string;
  values: FormValues;
  errors: FieldErrors;
  /** Set once the team asked for the preview: how many people the email would reach. */
  preview?: { count: number };
  problem?: string;
  lang: Lang;
}) {
  const { cohort, values, errors, preview, lang } = props;
  const say = (text: Text) => inLang(lang, text);
  const path = `/admin/vagues/${cohort.id}/courriel`;
  const title = say({
    fr: `Écrire à la vague ${cohort.name}`,
    en: `Write to cohort ${cohort.name}`,
  });
  const subject = typeof values.subject === "string" ? values.subject : "";
  const text = typeof values.text === "string" ? values.text : "";
  return (
    <AdminLayout lang={lang} title={title} path={path} problem={props.problem}>
      <ErrorSummary lang={lang} errors={errors} labels={labels(lang)} />
      <h1>{title}</h1>
      <form method="post" action={inLanguage(path, lang)} novalidate>
        <RequiredNote lang={lang} />
        <input type="hidden" name="requestKey" value={props.requestKey} />
        <ChoiceGroup
          name="audience"
          legend={labels(lang).audience}
          type="radio"
          options={Object.entries(audienceLabels).map(([value, label]) => ({
            value,
            label: say(label),
          }))}
          values={values}
          errors={errors}
          required
          lang={lang}
        />
        <TextField
          name="subject"
          label={labels(lang).subject}
          hint={say({
            fr: `Il suit « ${programme.name} : » dans la boîte de réception.`,
            en: `It follows "${programme.name}:" in the inbox.`,
          })}
          required
          values={values}
          errors={errors}
          lang={lang}
        />
        <TextField
          name="text"
          label={labels(lang).text}
          hint={say({
            fr: "Après « Bonjour » et le prénom de chacun. Une ligne vide sépare deux paragraphes.",
            en: "After a greeting with each person's first name. A blank line separates paragraphs.",
          })}
          multiline
          required
          values={values}
          errors={errors}
          lang={lang}
        />
        <div class="actions">
          <button
            type="submit"
            name="etape"
            value="apercu"
            class={preview ? "secondary" : undefined}
          >
            {preview
              ? say({ fr: "Mettre l'aperçu à jour", en: "Update the preview" })
              : say({ fr: "Voir l'aperçu", en: "Preview" })}
          </button>
        </div>
        {preview ? (
          <section aria-labelledby="apercu-titre" class="notice">
            <h2 id="apercu-titre">{say({ fr: "Aperçu", en: "Preview" })}</h2>
            <p role="status">
              <strong>{recipientCount(preview.count, lang)}</strong>
              {" — "}
              {say(audienceLabels[values.audience as Audience] ?? audienceLabels.all).toLowerCase()}
            </p>
            <p>
              <strong>{say({ fr: "Objet :", en: "Subject:" })}</strong>{" "}
              {say({ fr: `${programme.name} : ${subject}`, en: `${programme.name}: ${subject}` })}
            </p>
            <p>{say({ fr: "Bonjour [prénom],", en: "Bonjour [first name]," })}</p>
            {paragraphsOf(text).map((paragraph) => (
              <p class="note-text">{paragraph}</p>
            ))}
            {preview.count > 0 ? (
              <div class="actions">
                <button type="submit" name="etape" value="envoi">
                  {say({
                    fr: `Envoyer à ${recipientCount(preview.count, "fr")}`,
                    en: `Send to ${recipientCount(preview.count, "en")}`,
                  })}
                </button>
              </div>
            ) : (
              <p>
                {say({
                  fr: "Personne à qui écrire pour l'instant : choisissez d'autres destinataires.",
                  en: "Nobody to write to for now: choose other recipients.",
                })}
              </p>
            )}
          </section>
        ) : null}
      </form>
    </AdminLayout>
  );
}

/** How far the queueing of a mailing got: all at once for a small cohort, in steps for a large one. */
export function MailingProgressPage(props: {
  cohort: Cohort;
  mailing: Mailing;
  /** The run queueing it has stopped reporting: it can be resumed. */
  stalled: boolean;
  done?: string;
  lang: Lang;
}) {
  const { cohort, mailing, lang } = props;
  const say = (text: Text) => inLang(lang, text);
  const path = `/admin/vagues/${cohort.id}/courriels/${mailing.requestKey}`;
  const title = say({
    fr: `Courriel à la vague ${cohort.name}`,
    en: `Email to cohort ${cohort.name}`,
  });
  const count = (n: number) => n.toLocaleString(lang === "en" ? "en-GB" : "fr-FR");
  return (
    <AdminLayout lang={lang} title={title} path={path} done={props.done}>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>{say({ fr: "Objet", en: "Subject" })}</dt>
        <dd>
          {programme.name}
          {lang === "fr" ? "\u00a0:" : ":"} {mailing.subject}
        </dd>
        <dt>{say({ fr: "Destinataires", en: "Recipients" })}</dt>
        <dd>
          {recipientCount(mailing.total, lang)} —{" "}
          {say(audienceLabels[mailing.audience]).toLowerCase()}
        </dd>
      </dl>
      <p role="status">
        {mailing.status === "queued"
          ? say({
              fr: `Les courriels sont dans la file d'envoi (${count(mailing.queued)} sur ${count(mailing.total)}) : ils partent dans quelques instants, et chacun est noté sur le binôme de son destinataire.`,
              en: `The emails are queued (${count(mailing.queued)} of ${count(mailing.total)}): they leave in a few moments, and each is logged on its recipient's pair.`,
            })
          : say({
              fr: `${count(mailing.queued)} ${agreed("fr", mailing.queued, "courriel mis", "courriels mis")} en file sur ${count(mailing.total)} : l'envoi se poursuit, rechargez la page pour suivre sa progression.`,
              en: `${count(mailing.queued)} of ${count(mailing.total)} ${agreed("en", mailing.total, "email", "emails")} queued: queueing goes on, reload the page to follow it.`,
            })}
      </p>
      <progress
        max={Math.max(1, mailing.total)}
        value={mailing.queued}
        aria-label={say({ fr: "Courriels mis en file", en: "Emails queued" })}
      >
        {count(mailing.queued)} / {count(mailing.total)}
      </progress>
      {props.stalled ? (
        <form method="post" action={inLanguage(`${path}/reprise`, lang)}>
          <p>
            {say({
              fr: "L'envoi s'est interrompu : reprenez-le, les courriels déjà en file ne repartent pas.",
              en: "Queueing stopped midway: resume it; emails already queued are not sent again.",
            })}
          </p>
          <div class="actions">
            <button type="submit">{say({ fr: "Reprendre l'envoi", en: "Resume sending" })}</button>
          </div>
        </form>
      ) : null}
      <p>
        <a href={inLanguage(`/admin/vagues/${cohort.id}`, lang)}>
          {say({ fr: "Retour à la vague", en: "Back to the cohort" })}
        </a>
      </p>
    </AdminLayout>
  );
}
