import type { Cohort } from "#core/cohort";
import { programme } from "#core/programme";
import {
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RequiredNote,
  TextField,
} from "../../form-kit";
import { type Lang, t } from "../../i18n";
import { AdminLayout, formatDate, inLanguage, yesNo } from "./parts";

export type CohortCounts = { questionnaires: number; mentors: number; pairs: number };

const newCohortLabels = {
  fr: { id: "Identifiant", name: "Nom de la vague" },
  en: { id: "Identifier", name: "Cohort name" },
};

export function CohortsPage(props: {
  cohorts: (Cohort & { counts?: CohortCounts })[];
  values?: FormValues;
  errors?: FieldErrors;
  done?: string;
  lang?: Lang;
}) {
  const lang = props.lang ?? "fr";
  const errors = props.errors ?? {};
  const labels = newCohortLabels[lang];
  return (
    <AdminLayout
      lang={lang}
      title={t(lang, { fr: "Vagues", en: "Cohorts" })}
      path="/admin"
      done={props.done}
    >
      <ErrorSummary lang={lang} errors={errors} labels={labels} />
      <h1>{t(lang, { fr: "Vagues", en: "Cohorts" })}</h1>
      {lang === "en" ? (
        <p>
          A cohort gathers the questionnaires and applications of one matching round. New forms join
          the open cohort: <strong>{programme.openCohortId}</strong>.
        </p>
      ) : (
        <p>
          Une vague rassemble les questionnaires et les candidatures d'un tour d'appariement. Les
          nouveaux formulaires rejoignent la vague ouverte :{" "}
          <strong>{programme.openCohortId}</strong>.
        </p>
      )}
      <div class="table-scroll">
        <table class="grid">
          <caption>
            {t(lang, {
              fr: "Les vagues du programme et leurs réglages",
              en: "The programme's cohorts and their settings",
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, { fr: "Vague", en: "Cohort" })}</th>
              <th scope="col">{t(lang, { fr: "Séances", en: "Sessions" })}</th>
              <th scope="col">{t(lang, { fr: "Pause (mois)", en: "Pause (months)" })}</th>
              <th scope="col">
                {t(lang, { fr: "Rappel (heures avant)", en: "Reminder (hours before)" })}
              </th>
              <th scope="col">
                {t(lang, { fr: "Même ligne hiérarchique", en: "Same line of management" })}
              </th>
              <th scope="col">{t(lang, { fr: "Créée le", en: "Created on" })}</th>
            </tr>
          </thead>
          <tbody>
            {props.cohorts.map((cohort) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/vagues/${cohort.id}`}>{cohort.name}</a>
                  {cohort.name !== cohort.id ? ` (${cohort.id})` : ""}
                  {cohort.id === programme.openCohortId
                    ? ` — ${t(lang, { fr: "ouverte", en: "open" })}`
                    : ""}
                </th>
                <td>{cohort.settings.sessions}</td>
                <td>{cohort.settings.pauseMonths}</td>
                <td>{cohort.settings.reminderHoursBefore}</td>
                <td>{yesNo(cohort.settings.allowSameManagementLine, lang)}</td>
                <td>
                  {cohort.createdAt.startsWith("1970") ? "—" : formatDate(cohort.createdAt, lang)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t(lang, { fr: "Créer une vague", en: "Create a cohort" })}</h2>
      <form method="post" action={inLanguage("/admin/vagues", lang)} novalidate>
        <RequiredNote lang={lang} />
        <TextField
          name="id"
          label={labels.id}
          hint={t(lang, {
            fr: "Lettres minuscules, chiffres et tirets, par exemple vague-2.",
            en: "Lower-case letters, digits and hyphens, for example vague-2.",
          })}
          required
          values={props.values ?? {}}
          errors={errors}
          lang={lang}
        />
        <TextField
          name="name"
          label={labels.name}
          hint={t(lang, {
            fr: "Par exemple « Vague de printemps 2026 ».",
            en: "For example “Spring 2026 cohort”.",
          })}
          required
          values={props.values ?? {}}
          errors={errors}
          lang={lang}
        />
        <div class="actions">
          <button type="submit">
            {t(lang, { fr: "Créer la vague", en: "Create the cohort" })}
          </button>
        </div>
      </form>
    </AdminLayout>
  );
}

export const settingsLabels: Record<string, string> = {
  sessions: "Nombre de séances",
  pauseMonths: "Durée de la pause (mois)",
  reminderHoursBefore: "Rappel avant chaque rendez-vous (heures)",
  allowSameManagementLine: "Ligne hiérarchique",
};

const englishSettingsLabels: Record<string, string> = {
  sessions: "Number of sessions",
  pauseMonths: "Length of the pause (months)",
  reminderHoursBefore: "Reminder before each meeting (hours)",
  allowSameManagementLine: "Line of management",
};

export function CohortPage(props: {
  cohort: Cohort;
  names: Map<string, string>;
  values?: FormValues;
  errors?: FieldErrors;
  done?: string;
  problem?: string;
  lang?: Lang;
}) {
  const { cohort } = props;
  const lang = props.lang ?? "fr";
  const labels = lang === "en" ? englishSettingsLabels : settingsLabels;
  const errors = props.errors ?? {};
  const values: FormValues = props.values ?? {
    sessions: String(cohort.settings.sessions),
    pauseMonths: String(cohort.settings.pauseMonths),
    reminderHoursBefore: String(cohort.settings.reminderHoursBefore),
    allowSameManagementLine: cohort.settings.allowSameManagementLine ? "oui" : "non",
  };
  const path = `/admin/vagues/${cohort.id}`;
  const name = (id: string) => props.names.get(id) ?? id;
  return (
    <AdminLayout
      lang={lang}
      title={`${t(lang, { fr: "Vague", en: "Cohort" })} ${cohort.name}`}
      path={path}
      done={props.done}
      problem={props.problem}
    >
      <ErrorSummary lang={lang} errors={errors} labels={labels} />
      <h1>
        {t(lang, { fr: "Vague", en: "Cohort" })} {cohort.name}
      </h1>
      <ul>
        <li>
          <a href={`${path}/appariement`}>
            {t(lang, { fr: "Appariement de la vague", en: "The cohort's matching" })}
          </a>
        </li>
        {lang === "en" ? (
          <li>
            The cohort's <a href={`/admin/questionnaires?vague=${cohort.id}`}>questionnaires</a>,{" "}
            <a href={`/admin/mentors?vague=${cohort.id}`}>mentors</a> and{" "}
            <a href={`/admin/binomes?vague=${cohort.id}`}>pairs</a>
          </li>
        ) : (
          <li>
            <a href={`/admin/questionnaires?vague=${cohort.id}`}>Questionnaires</a>,{" "}
            <a href={`/admin/mentors?vague=${cohort.id}`}>mentors</a> et{" "}
            <a href={`/admin/binomes?vague=${cohort.id}`}>binômes</a> de la vague
          </li>
        )}
        <li>
          <a href={inLanguage(`${path}/courriel`, lang)}>
            {t(lang, { fr: "Écrire à la vague", en: "Write to the cohort" })}
          </a>
        </li>
        <li>
          <a href={`/admin/chiffres?vague=${cohort.id}`}>
            {t(lang, { fr: "Chiffres de la vague", en: "The cohort's figures" })}
          </a>
        </li>
      </ul>
      <h2>{t(lang, { fr: "Réglages des binômes", en: "Pair settings" })}</h2>
      <p>
        {t(lang, {
          fr: "Un binôme garde les réglages de sa vague au moment où il démarre.",
          en: "A pair keeps the settings its cohort had when it started.",
        })}
      </p>
      <form method="post" action={inLanguage(`${path}/reglages`, lang)} novalidate>
        <RequiredNote lang={lang} />
        <TextField
          name="sessions"
          label={labels.sessions as string}
          hint={t(lang, {
            fr: `De 1 à ${programme.defaults.maxSessions} ; ${programme.defaults.sessions} par défaut.`,
            en: `From 1 to ${programme.defaults.maxSessions}; ${programme.defaults.sessions} by default.`,
          })}
          type="number"
          inputmode="numeric"
          required
          values={values}
          errors={errors}
          lang={lang}
        />
        <TextField
          name="pauseMonths"
          label={labels.pauseMonths as string}
          hint={t(lang, {
            fr: `Entre la dernière séance et la séance de suivi ; ${programme.defaults.pauseMonths} par défaut.`,
            en: `Between the last session and the follow-up session; ${programme.defaults.pauseMonths} by default.`,
          })}
          type="number"
          inputmode="numeric"
          required
          values={values}
          errors={errors}
          lang={lang}
        />
        <TextField
          name="reminderHoursBefore"
          label={labels.reminderHoursBefore as string}
          hint={t(lang, {
            fr: `${programme.defaults.reminderHoursBefore} par défaut.`,
            en: `${programme.defaults.reminderHoursBefore} by default.`,
          })}
          type="number"
          inputmode="numeric"
          required
          values={values}
          errors={errors}
          lang={lang}
        />
        <ChoiceGroup
          name="allowSameManagementLine"
          legend={t(lang, {
            fr: "Un mentor peut-il accompagner quelqu'un de sa propre ligne hiérarchique ?",
            en: "May a mentor coach someone in their own line of management?",
          })}
          type="radio"
          required
          options={[
            { value: "non", label: t(lang, { fr: "Non, jamais", en: "No, never" }) },
            {
              value: "oui",
              label: t(lang, { fr: "Oui, c'est autorisé", en: "Yes, it is allowed" }),
            },
          ]}
          values={values}
          errors={errors}
          lang={lang}
        />
        <div class="actions">
          <button type="submit">
            {t(lang, { fr: "Enregistrer les réglages", en: "Save the settings" })}
          </button>
        </div>
      </form>
      <h2>{t(lang, { fr: "Binômes écartés", en: "Ruled-out pairs" })}</h2>
      {cohort.excludedPairs.length === 0 ? (
        <p>
          {t(lang, {
            fr: "Aucun binôme n'est écarté dans cette vague.",
            en: "No pair is ruled out in this cohort.",
          })}
        </p>
      ) : (
        <div class="table-scroll">
          <table class="grid">
            <caption>
              {t(lang, {
                fr: "Binômes que l'appariement ne proposera pas",
                en: "Pairs the matching will not propose",
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, { fr: "Cadre", en: "Manager" })}</th>
                <th scope="col">Mentor</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {cohort.excludedPairs.map(([menteeId, mentorId]) => (
                <tr>
                  <th scope="row">{name(menteeId)}</th>
                  <td>{name(mentorId)}</td>
                  <td>
                    <form method="post" action={inLanguage(`${path}/exclusions/retrait`, lang)}>
                      <input type="hidden" name="menteeId" value={menteeId} />
                      <input type="hidden" name="mentorId" value={mentorId} />
                      <button type="submit" class="secondary">
                        {lang === "en"
                          ? `Stop ruling out ${name(menteeId)} and ${name(mentorId)}`
                          : `Ne plus écarter ${name(menteeId)} et ${name(mentorId)}`}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {t(lang, {
          fr: "Pour écarter un binôme, utilisez le formulaire de la page d'appariement.",
          en: "To rule out a pair, use the form on the matching page.",
        })}
      </p>
    </AdminLayout>
  );
}
