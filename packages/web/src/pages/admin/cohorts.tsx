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
import { AdminLayout, formatDate, yesNo } from "./parts";

export type CohortCounts = { questionnaires: number; mentors: number; pairs: number };

const newCohortLabels = { id: "Identifiant", name: "Nom de la vague" };

export function CohortsPage(props: {
  cohorts: (Cohort & { counts?: CohortCounts })[];
  values?: FormValues;
  errors?: FieldErrors;
  done?: string;
}) {
  const errors = props.errors ?? {};
  return (
    <AdminLayout title="Vagues" path="/admin" done={props.done}>
      <ErrorSummary lang="fr" errors={errors} labels={newCohortLabels} />
      <h1>Vagues</h1>
      <p>
        Une vague rassemble les questionnaires et les candidatures d'un tour d'appariement. Les
        nouveaux formulaires rejoignent la vague ouverte : <strong>{programme.openCohortId}</strong>
        .
      </p>
      <div class="table-scroll">
        <table class="grid">
          <caption>Les vagues du programme et leurs réglages</caption>
          <thead>
            <tr>
              <th scope="col">Vague</th>
              <th scope="col">Séances</th>
              <th scope="col">Pause (mois)</th>
              <th scope="col">Rappel (heures avant)</th>
              <th scope="col">Même ligne hiérarchique</th>
              <th scope="col">Créée le</th>
            </tr>
          </thead>
          <tbody>
            {props.cohorts.map((cohort) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/vagues/${cohort.id}`}>{cohort.name}</a>
                  {cohort.name !== cohort.id ? ` (${cohort.id})` : ""}
                  {cohort.id === programme.openCohortId ? " — ouverte" : ""}
                </th>
                <td>{cohort.settings.sessions}</td>
                <td>{cohort.settings.pauseMonths}</td>
                <td>{cohort.settings.reminderHoursBefore}</td>
                <td>{yesNo(cohort.settings.allowSameManagementLine)}</td>
                <td>{cohort.createdAt.startsWith("1970") ? "—" : formatDate(cohort.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Créer une vague</h2>
      <form method="post" action="/admin/vagues" novalidate>
        <RequiredNote lang="fr" />
        <TextField
          name="id"
          label={newCohortLabels.id}
          hint="Lettres minuscules, chiffres et tirets, par exemple vague-2."
          required
          values={props.values ?? {}}
          errors={errors}
          lang="fr"
        />
        <TextField
          name="name"
          label={newCohortLabels.name}
          hint="Par exemple « Vague de printemps 2026 »."
          required
          values={props.values ?? {}}
          errors={errors}
          lang="fr"
        />
        <div class="actions">
          <button type="submit">Créer la vague</button>
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

export function CohortPage(props: {
  cohort: Cohort;
  names: Map<string, string>;
  values?: FormValues;
  errors?: FieldErrors;
  done?: string;
  problem?: string;
}) {
  const { cohort } = props;
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
      title={`Vague ${cohort.name}`}
      path={path}
      done={props.done}
      problem={props.problem}
    >
      <ErrorSummary lang="fr" errors={errors} labels={settingsLabels} />
      <h1>Vague {cohort.name}</h1>
      <ul>
        <li>
          <a href={`${path}/appariement`}>Appariement de la vague</a>
        </li>
        <li>
          <a href={`/admin/questionnaires?vague=${cohort.id}`}>Questionnaires</a>,{" "}
          <a href={`/admin/mentors?vague=${cohort.id}`}>mentors</a> et{" "}
          <a href={`/admin/binomes?vague=${cohort.id}`}>binômes</a> de la vague
        </li>
        <li>
          <a href={`/admin/chiffres?vague=${cohort.id}`}>Chiffres de la vague</a>
        </li>
      </ul>
      <h2>Réglages des binômes</h2>
      <p>Un binôme garde les réglages de sa vague au moment où il démarre.</p>
      <form method="post" action={`${path}/reglages`} novalidate>
        <RequiredNote lang="fr" />
        <TextField
          name="sessions"
          label={settingsLabels.sessions as string}
          hint={`De 1 à ${programme.defaults.maxSessions} ; ${programme.defaults.sessions} par défaut.`}
          type="number"
          inputmode="numeric"
          required
          values={values}
          errors={errors}
          lang="fr"
        />
        <TextField
          name="pauseMonths"
          label={settingsLabels.pauseMonths as string}
          hint={`Entre la dernière séance et la séance de suivi ; ${programme.defaults.pauseMonths} par défaut.`}
          type="number"
          inputmode="numeric"
          required
          values={values}
          errors={errors}
          lang="fr"
        />
        <TextField
          name="reminderHoursBefore"
          label={settingsLabels.reminderHoursBefore as string}
          hint={`${programme.defaults.reminderHoursBefore} par défaut.`}
          type="number"
          inputmode="numeric"
          required
          values={values}
          errors={errors}
          lang="fr"
        />
        <ChoiceGroup
          name="allowSameManagementLine"
          legend="Un mentor peut-il accompagner quelqu'un de sa propre ligne hiérarchique ?"
          type="radio"
          required
          options={[
            { value: "non", label: "Non, jamais" },
            { value: "oui", label: "Oui, c'est autorisé" },
          ]}
          values={values}
          errors={errors}
          lang="fr"
        />
        <div class="actions">
          <button type="submit">Enregistrer les réglages</button>
        </div>
      </form>
      <h2>Binômes écartés</h2>
      {cohort.excludedPairs.length === 0 ? (
        <p>Aucun binôme n'est écarté dans cette vague.</p>
      ) : (
        <div class="table-scroll">
          <table class="grid">
            <caption>Binômes que l'appariement ne proposera pas</caption>
            <thead>
              <tr>
                <th scope="col">Cadre</th>
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
                    <form method="post" action={`${path}/exclusions/retrait`}>
                      <input type="hidden" name="menteeId" value={menteeId} />
                      <input type="hidden" name="mentorId" value={mentorId} />
                      <button type="submit" class="secondary">
                        Ne plus écarter {name(menteeId)} et {name(mentorId)}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>Pour écarter un binôme, utilisez le formulaire de la page d'appariement.</p>
    </AdminLayout>
  );
}
