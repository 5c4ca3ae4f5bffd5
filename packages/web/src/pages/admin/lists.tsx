import {
  type MentorRow,
  mentorStatuses,
  pairStatuses,
  phaseLabel,
  phases,
  type QuestionnaireRow,
  questionnaireStatuses,
} from "#core/admin/follow-up";
import type { Cohort } from "#core/cohort";
import { fullName } from "#core/fields";
import type { Pair } from "#core/pair/model";
import { themes } from "#core/programme";
import { decisionLabels } from "#core/selection";
import { type Lang, t } from "../../i18n";
import { pairStageText, pairStatusText } from "./pair-writings";
import { AdminLayout, FilterForm, type Filters, filterQuery, formatDate, yesNo } from "./parts";

const themeLabel = (lang: Lang) => (id: string) => {
  const theme = themes.find((item) => item.id === id);
  return theme ? t(lang, theme.label) : id;
};

const Count = ({ count, noun }: { count: number; noun: [string, string] }) => (
  <p role="status">
    {count} {count > 1 ? noun[1] : noun[0]}
  </p>
);

export function QuestionnairesPage(props: {
  cohorts: Cohort[];
  filters: Filters;
  rows: QuestionnaireRow[];
  lang?: Lang;
}) {
  const lang = props.lang ?? "fr";
  return (
    <AdminLayout lang={lang} title="Questionnaires" path="/admin/questionnaires">
      <h1>{t(lang, { fr: "Questionnaires des cadres", en: "Managers' questionnaires" })}</h1>
      <FilterForm
        lang={lang}
        action="/admin/questionnaires"
        caption={t(lang, { fr: "Filtrer les questionnaires", en: "Filter the questionnaires" })}
        cohorts={props.cohorts}
        filters={props.filters}
        statuses={[...questionnaireStatuses]}
        phases={[...phases]}
      />
      <Count count={props.rows.length} noun={["questionnaire", "questionnaires"]} />
      <div class="table-scroll">
        <table class="grid">
          <caption>
            {t(lang, { fr: "Questionnaires de la vague", en: "Questionnaires of cohort" })}{" "}
            {props.filters.cohortId}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, { fr: "Cadre", en: "Manager" })}</th>
              <th scope="col">
                {t(lang, { fr: "Direction et fonction", en: "Directorate and role" })}
              </th>
              <th scope="col">{t(lang, { fr: "Thèmes prioritaires", en: "Priority themes" })}</th>
              <th scope="col">{t(lang, { fr: "Reçu le", en: "Received on" })}</th>
              <th scope="col">{t(lang, { fr: "Binôme", en: "Pair" })}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map(({ questionnaire, pair }) => (
              <tr>
                <th scope="row">{fullName(questionnaire.answers)}</th>
                <td>
                  {questionnaire.answers.directorate} — {questionnaire.answers.role}
                </td>
                <td>{questionnaire.answers.priorityThemes.map(themeLabel(lang)).join(", ")}</td>
                <td>{formatDate(questionnaire.createdAt, lang)}</td>
                <td>
                  {pair ? (
                    <a href={`/admin/binomes/${pair.id}`}>
                      {pairStageText(pair, lang)}
                      {pair.needsAttention
                        ? ` — ${t(lang, { fr: "à surveiller", en: "to watch" })}`
                        : ""}
                    </a>
                  ) : (
                    t(lang, { fr: "En attente d'un binôme", en: "Waiting for a pair" })
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

export function MentorsPage(props: {
  cohorts: Cohort[];
  filters: Filters;
  rows: MentorRow[];
  lang?: Lang;
}) {
  const lang = props.lang ?? "fr";
  return (
    <AdminLayout lang={lang} title="Mentors" path="/admin/mentors">
      <h1>Mentors</h1>
      <FilterForm
        lang={lang}
        action="/admin/mentors"
        caption={t(lang, { fr: "Filtrer les mentors", en: "Filter the mentors" })}
        cohorts={props.cohorts}
        filters={props.filters}
        statuses={[...mentorStatuses]}
        phases={[...phases]}
      />
      <Count count={props.rows.length} noun={["mentor", "mentors"]} />
      <div class="table-scroll">
        <table class="grid">
          <caption>
            {t(lang, {
              fr: "Candidatures de mentor de la vague",
              en: "Mentor applications of cohort",
            })}{" "}
            {props.filters.cohortId}
          </caption>
          <thead>
            <tr>
              <th scope="col">Mentor</th>
              <th scope="col">{t(lang, { fr: "Direction", en: "Directorate" })}</th>
              <th scope="col">{t(lang, { fr: "Thèmes (niveau)", en: "Themes (level)" })}</th>
              <th scope="col">{t(lang, { fr: "Décision", en: "Decision" })}</th>
              <th scope="col">{t(lang, { fr: "Places prises", en: "Places taken" })}</th>
              <th scope="col">{t(lang, { fr: "À surveiller", en: "To watch" })}</th>
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
                    .map((item) => `${themeLabel(lang)(item.theme)} (${item.level})`)
                    .join(", ")}
                </td>
                <td>{t(lang, decisionLabels[row.mentor.status])}</td>
                <td>
                  {row.placesTaken} {t(lang, { fr: "sur", en: "of" })} {row.mentor.answers.capacity}
                </td>
                <td>{yesNo(row.needsAttention, lang)}</td>
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
  lang?: Lang;
}) {
  const lang = props.lang ?? "fr";
  const name = (id: string) => props.names.get(id) ?? id;
  const exportQuery = filterQuery(props.filters, { cohort: "cohort" });
  return (
    <AdminLayout
      lang={lang}
      title={t(lang, { fr: "Binômes", en: "Pairs" })}
      path="/admin/binomes"
      done={props.done}
    >
      <h1>{t(lang, { fr: "Binômes", en: "Pairs" })}</h1>
      <FilterForm
        lang={lang}
        action="/admin/binomes"
        caption={t(lang, { fr: "Filtrer les binômes", en: "Filter the pairs" })}
        cohorts={props.cohorts}
        filters={props.filters}
        statuses={[...pairStatuses]}
        phases={[...phases]}
      />
      <ul>
        <li>
          <a href={`/api/admin/exports/pairs.csv?${exportQuery}`} download>
            {t(lang, {
              fr: "Exporter ces binômes (CSV pour Excel)",
              en: "Export these pairs (CSV for Excel, in French)",
            })}
          </a>
        </li>
        <li>
          <a href={`/api/admin/exports/feedback.csv?cohort=${props.filters.cohortId}`} download>
            {t(lang, {
              fr: "Exporter les retours anonymisés de la vague (CSV pour Excel)",
              en: "Export the cohort's anonymised feedback (CSV for Excel, in French)",
            })}
          </a>
        </li>
      </ul>
      <Count
        count={props.pairs.length}
        noun={lang === "en" ? ["pair", "pairs"] : ["binôme", "binômes"]}
      />
      <div class="table-scroll">
        <table class="grid">
          <caption>
            {t(lang, { fr: "Binômes de la vague", en: "Pairs of cohort" })} {props.filters.cohortId}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, { fr: "Cadre", en: "Manager" })}</th>
              <th scope="col">Mentor</th>
              <th scope="col">Phase</th>
              <th scope="col">{t(lang, { fr: "Statut", en: "Status" })}</th>
              <th scope="col">{t(lang, { fr: "Séances", en: "Sessions" })}</th>
              <th scope="col">{t(lang, { fr: "À surveiller", en: "To watch" })}</th>
            </tr>
          </thead>
          <tbody>
            {props.pairs.map((pair) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/binomes/${pair.id}`}>{name(pair.menteeId)}</a>
                </th>
                <td>{name(pair.mentorId)}</td>
                <td>{t(lang, phaseLabel(pair.phase))}</td>
                <td>{pairStatusText(pair, lang)}</td>
                <td>
                  {pair.sessionsDone} {t(lang, { fr: "sur", en: "of" })} {pair.sessionsPlanned}
                </td>
                <td>{yesNo(pair.needsAttention, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}
