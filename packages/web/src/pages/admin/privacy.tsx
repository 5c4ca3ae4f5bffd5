import type { Holdings, PrivacyRequest } from "#core/privacy";
import { correctableFields } from "#core/privacy";
import type { Localised } from "#core/programme";
import { type FormValues, type Option, SelectField, TextField } from "../../form-kit";
import { HoldingsView } from "../../holdings-view";
import { type Lang, t } from "../../i18n";
import { personLabels } from "../../person-fields";
import { AdminLayout, formatDate, inLanguage } from "./parts";

/**
 * The programme team's side of data rights: the requests with their legal deadline, and for any
 * address what is held, its export, a correction of one field, or erasure.
 */

const typeLabels: Record<PrivacyRequest["type"], Localised> = {
  access: { fr: "Accès", en: "Access" },
  rectification: { fr: "Correction", en: "Correction" },
  erasure: { fr: "Effacement", en: "Erasure" },
};

const words = {
  title: { fr: "Données personnelles", en: "Personal data" },
  requests: { fr: "Demandes reçues", en: "Requests received" },
  none: { fr: "Aucune demande pour l'instant.", en: "No request yet." },
  who: { fr: "Personne", en: "Person" },
  what: { fr: "Demande", en: "Request" },
  received: { fr: "Reçue le", en: "Received on" },
  deadline: { fr: "À traiter avant le", en: "To answer by" },
  state: { fr: "État", en: "State" },
  open: { fr: "À traiter", en: "To answer" },
  late: { fr: "En retard", en: "Overdue" },
  done: { fr: "Traitée", en: "Answered" },
  erased: { fr: "(données effacées)", en: "(data erased)" },
  open_person: { fr: "Ouvrir", en: "Open" },
  search: { fr: "Trouver une personne", en: "Find a person" },
  address: { fr: "Adresse électronique", en: "Email address" },
  searchButton: { fr: "Afficher ses données", en: "Show their data" },
  personTitle: { fr: "Données détenues sur", en: "Data held about" },
  detail: { fr: "Ce que la personne demande", en: "What the person asks" },
  export: { fr: "Exporter (fichier JSON)", en: "Export (JSON file)" },
  correct: { fr: "Corriger un champ", en: "Correct a field" },
  form: { fr: "Formulaire", en: "Form" },
  field: { fr: "Champ", en: "Field" },
  value: { fr: "Nouvelle valeur", en: "New value" },
  correctButton: { fr: "Corriger", en: "Correct" },
  erase: { fr: "Effacer cette personne", en: "Erase this person" },
  eraseIntro: {
    fr: "Ses binômes en cours s'arrêtent d'abord (l'autre participant est prévenu), puis tout ce qui la concerne est effacé ou rendu anonyme. Les chiffres de la vague gardent leurs totaux.",
    en: "Their running pairs stop first (the other participant is told), then everything about them is erased or anonymised. The cohort's figures keep their totals.",
  },
  eraseConfirm: {
    fr: "Je confirme l'effacement définitif",
    en: "I confirm the final erasure",
  },
  eraseButton: { fr: "Effacer", en: "Erase" },
  questionnaire: { fr: "Questionnaire", en: "Questionnaire" },
  mentor: { fr: "Candidature de mentor", en: "Mentor application" },
} as const;

const extraLabels: Record<string, Localised> = {
  assistantEmail: { fr: "Adresse de l'assistant ou de l'assistante", en: "Assistant's address" },
  managerEmail: { fr: "Adresse du ou de la responsable", en: "Manager's address" },
  goal: { fr: "Objectif", en: "Goal" },
  motivation: { fr: "Motivation", en: "Motivation" },
};

function stateOf(request: PrivacyRequest, now: Date, lang: Lang) {
  if (request.status === "done") return t(lang, words.done);
  return new Date(request.deadline) < now ? t(lang, words.late) : t(lang, words.open);
}

const personLink = (email: string, lang: Lang, requestId?: string) =>
  inLanguage(
    `/admin/donnees/personne?adresse=${encodeURIComponent(email)}${requestId ? `&demande=${requestId}` : ""}`,
    lang,
  );

export function PrivacyRequestsPage(props: {
  requests: PrivacyRequest[];
  now: Date;
  lang: Lang;
  done?: string;
}) {
  const { requests, now, lang } = props;
  return (
    <AdminLayout lang={lang} title={t(lang, words.title)} path="/admin/donnees" done={props.done}>
      <h1>{t(lang, words.title)}</h1>
      <section>
        <h2>{t(lang, words.search)}</h2>
        <form method="get" action="/admin/donnees/personne">
          {lang === "en" ? <input type="hidden" name="lang" value="en" /> : null}
          <TextField
            name="adresse"
            label={t(lang, words.address)}
            type="email"
            required
            values={{}}
            errors={{}}
            lang={lang}
          />
          <div class="actions">
            <button type="submit">{t(lang, words.searchButton)}</button>
          </div>
        </form>
      </section>
      <section>
        <h2>{t(lang, words.requests)}</h2>
        {requests.length === 0 ? (
          <p>{t(lang, words.none)}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, words.who)}</th>
                <th scope="col">{t(lang, words.what)}</th>
                <th scope="col">{t(lang, words.received)}</th>
                <th scope="col">{t(lang, words.deadline)}</th>
                <th scope="col">{t(lang, words.state)}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr>
                  <td>
                    {request.email ? (
                      <a href={personLink(request.email, lang, request.id)}>{request.email}</a>
                    ) : (
                      t(lang, words.erased)
                    )}
                  </td>
                  <td>{t(lang, typeLabels[request.type])}</td>
                  <td>{formatDate(request.receivedAt, lang)}</td>
                  <td>{formatDate(request.deadline, lang)}</td>
                  <td>{stateOf(request, now, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AdminLayout>
  );
}

export function PrivacyPersonPage(props: {
  email: string;
  holdings: Holdings;
  request?: PrivacyRequest;
  lang: Lang;
  done?: string;
  problem?: string;
  values?: FormValues;
  errors?: Record<string, string>;
}) {
  const { email, holdings, request, lang, values = {}, errors = {} } = props;
  const labels = personLabels(lang);
  const fieldLabel = (field: string) =>
    labels[field] ?? (extraLabels[field] ? t(lang, extraLabels[field]) : field);
  const formOptions: Option[] = holdings.identity.forms.map((form) => ({
    value: `${form.kind}:${form.id}`,
    label: t(lang, words[form.kind]),
  }));
  const fields = [
    ...new Set([...correctableFields.questionnaire, ...correctableFields.mentor]),
  ].map((field) => ({ value: field, label: fieldLabel(field) }));
  const hidden = (
    <>
      <input type="hidden" name="adresse" value={email} />
      {request ? <input type="hidden" name="demande" value={request.id} /> : null}
    </>
  );
  return (
    <AdminLayout
      lang={lang}
      title={`${t(lang, words.personTitle)} ${email}`}
      path="/admin/donnees/personne"
      done={props.done}
      problem={props.problem}
    >
      <h1>
        {t(lang, words.personTitle)} {email}
      </h1>
      {request ? (
        <p>
          {t(lang, typeLabels[request.type])} — {t(lang, words.received)}{" "}
          {formatDate(request.receivedAt, lang)}, {t(lang, words.deadline).toLowerCase()}{" "}
          {formatDate(request.deadline, lang)}.
          {request.detail
            ? t(lang, {
                fr: ` ${words.detail.fr} : « ${request.detail} »`,
                en: ` ${words.detail.en}: “${request.detail}”`,
              })
            : ""}
        </p>
      ) : null}
      <p>
        <a
          href={personLink(email, lang, request?.id).replace(
            "/personne?",
            "/personne/export.json?",
          )}
        >
          {t(lang, words.export)}
        </a>
      </p>
      <HoldingsView holdings={holdings} lang={lang} />
      {formOptions.length ? (
        <section>
          <h2>{t(lang, words.correct)}</h2>
          <form method="post" action={inLanguage("/admin/donnees/personne/corriger", lang)}>
            {hidden}
            <SelectField
              name="formulaire"
              label={t(lang, words.form)}
              options={formOptions}
              required
              values={values}
              errors={errors}
              lang={lang}
            />
            <SelectField
              name="champ"
              label={t(lang, words.field)}
              options={fields}
              required
              values={values}
              errors={errors}
              lang={lang}
            />
            <TextField
              name="valeur"
              label={t(lang, words.value)}
              required
              values={values}
              errors={errors}
              lang={lang}
            />
            <div class="actions">
              <button type="submit">{t(lang, words.correctButton)}</button>
            </div>
          </form>
        </section>
      ) : null}
      {holdings.items.length ? (
        <section>
          <h2>{t(lang, words.erase)}</h2>
          <p>{t(lang, words.eraseIntro)}</p>
          <form method="post" action={inLanguage("/admin/donnees/personne/effacer", lang)}>
            {hidden}
            <div class="field choice">
              <input type="checkbox" id="champ-confirmer" name="confirmer" value="oui" required />
              <label for="champ-confirmer">{t(lang, words.eraseConfirm)}</label>
            </div>
            <div class="actions">
              <button type="submit" class="danger">
                {t(lang, words.eraseButton)}
              </button>
            </div>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  );
}
