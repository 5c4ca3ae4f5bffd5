import {
  type MentorRow,
  mentorStatuses,
  pairStatuses,
  pairStatusLabel,
  phaseLabel,
  phases,
  type QuestionnaireRow,
  questionnaireStatuses,
} from "#core/admin/follow-up";
import { fullName } from "#core/admin/records";
import type { Cohort } from "#core/cohort";
import type { Pair } from "#core/pair/model";
import { themes } from "#core/programme";
import { decisionLabels } from "#core/selection";
import { AdminLayout, FilterForm, type Filters, filterQuery, formatDate, yesNo } from "./parts";

const themeLabel = (id: string) => themes.find((theme) => theme.id === id)?.label.fr ?? id;

const Count = ({ count, noun }: { count: number; noun: [string, string] }) => (
  <p role="status">
    {count} {count > 1 ? noun[1] : noun[0]}
  </p>
);

export function QuestionnairesPage(props: {
  cohorts: Cohort[];
  filters: Filters;
  rows: QuestionnaireRow[];
}) {
  return (
    <AdminLayout title="Questionnaires" path="/admin/questionnaires">
      <h1>Questionnaires des cadres</h1>
      <FilterForm
        action="/admin/questionnaires"
        caption="Filtrer les questionnaires"
        cohorts={props.cohorts}
        filters={props.filters}
        statuses={[...questionnaireStatuses]}
        phases={[...phases]}
      />
      <Count count={props.rows.length} noun={["questionnaire", "questionnaires"]} />
      <div class="table-scroll">
        <table class="grid">
          <caption>Questionnaires de la vague {props.filters.cohortId}</caption>
          <thead>
            <tr>
              <th scope="col">Cadre</th>
              <th scope="col">Direction et fonction</th>
              <th scope="col">Thèmes prioritaires</th>
              <th scope="col">Reçu le</th>
              <th scope="col">Binôme</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map(({ questionnaire, pair }) => (
              <tr>
                <th scope="row">{fullName(questionnaire.answers)}</th>
                <td>
                  {questionnaire.answers.directorate} — {questionnaire.answers.role}
                </td>
                <td>{questionnaire.answers.priorityThemes.map(themeLabel).join(", ")}</td>
                <td>{formatDate(questionnaire.createdAt)}</td>
                <td>
                  {pair ? (
                    <a href={`/admin/binomes/${pair.id}`}>
                      {phaseLabel(pair.phase).fr} — {pairStatusLabel(pair.status).fr}
                      {pair.needsAttention ? " — à surveiller" : ""}
                    </a>
                  ) : (
                    "En attente d'un binôme"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}

export function MentorsPage(props: { cohorts: Cohort[]; filters: Filters; rows: MentorRow[] }) {
  return (
    <AdminLayout title="Mentors" path="/admin/mentors">
      <h1>Mentors</h1>
      <FilterForm
        action="/admin/mentors"
        caption="Filtrer les mentors"
        cohorts={props.cohorts}
        filters={props.filters}
        statuses={[...mentorStatuses]}
        phases={[...phases]}
      />
      <Count count={props.rows.length} noun={["mentor", "mentors"]} />
      <div class="table-scroll">
        <table class="grid">
          <caption>Candidatures de mentor de la vague {props.filters.cohortId}</caption>
          <thead>
            <tr>
              <th scope="col">Mentor</th>
              <th scope="col">Direction</th>
              <th scope="col">Thèmes (niveau)</th>
              <th scope="col">Décision</th>
              <th scope="col">Places prises</th>
              <th scope="col">À surveiller</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/mentors/${row.mentor.id}`}>{fullName(row.mentor.answers)}</a>
                </th>
                <td>{row.mentor.answers.directorate}</td>
                <td>
                  {row.mentor.answers.themes
                    .map((item) => `${themeLabel(item.theme)} (${item.level})`)
                    .join(", ")}
                </td>
                <td>{decisionLabels[row.mentor.status].fr}</td>
                <td>
                  {row.placesTaken} sur {row.mentor.answers.capacity}
                </td>
                <td>{yesNo(row.needsAttention)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}

export function PairsPage(props: {
  cohorts: Cohort[];
  filters: Filters;
  pairs: Pair[];
  names: Map<string, string>;
  done?: string;
}) {
  const name = (id: string) => props.names.get(id) ?? id;
  const exportQuery = filterQuery(props.filters, { cohort: "cohort" });
  return (
    <AdminLayout title="Binômes" path="/admin/binomes" done={props.done}>
      <h1>Binômes</h1>
      <FilterForm
        action="/admin/binomes"
        caption="Filtrer les binômes"
        cohorts={props.cohorts}
        filters={props.filters}
        statuses={[...pairStatuses]}
        phases={[...phases]}
      />
      <ul>
        <li>
          <a href={`/api/admin/exports/pairs.csv?${exportQuery}`} download>
            Exporter ces binômes (CSV pour Excel)
          </a>
        </li>
        <li>
          <a href={`/api/admin/exports/feedback.csv?cohort=${props.filters.cohortId}`} download>
            Exporter les retours anonymisés de la vague (CSV pour Excel)
          </a>
        </li>
      </ul>
      <Count count={props.pairs.length} noun={["binôme", "binômes"]} />
      <div class="table-scroll">
        <table class="grid">
          <caption>Binômes de la vague {props.filters.cohortId}</caption>
          <thead>
            <tr>
              <th scope="col">Cadre</th>
              <th scope="col">Mentor</th>
              <th scope="col">Phase</th>
              <th scope="col">Statut</th>
              <th scope="col">Séances</th>
              <th scope="col">À surveiller</th>
            </tr>
          </thead>
          <tbody>
            {props.pairs.map((pair) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/binomes/${pair.id}`}>{name(pair.menteeId)}</a>
                </th>
                <td>{name(pair.mentorId)}</td>
                <td>{phaseLabel(pair.phase).fr}</td>
                <td>{pairStatusLabel(pair.status).fr}</td>
                <td>
                  {pair.sessionsDone} sur {pair.sessionsPlanned}
                </td>
                <td>{yesNo(pair.needsAttention)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}
