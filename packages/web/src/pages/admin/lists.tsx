import {
  type MentorRow,
  mentorStatuses,
  pairStatuses,
  phaseLabel,
  phases,
  type QuestionnaireRow,
  questionnaireStatuses,
} from "#core/admin/follow-up";
import type { ListPage, PairRow } from "#core/admin/list-pages";
import type { Cohort } from "#core/cohort";
import { fullName } from "#core/fields";
import type { Localised } from "#core/programme";
import { mentorLevels, themes } from "#core/programme";
import { decisionLabels } from "#core/selection";
import { agreed } from "#core/words";
import { type Lang, t } from "../../i18n";
import { pairStageText, pairStatusText } from "./pair-writings";
import { AdminLayout, FilterForm, type Filters, filterQuery, formatDate, yesNo } from "./parts";

const themeLabel = (lang: Lang) => (id: string) => {
  const theme = themes.find((item) => item.id === id);
  return theme ? t(lang, theme.label) : id;
};

const levelLabel = (lang: Lang, value: number) => {
  const level = mentorLevels.find((item) => item.value === value);
  return level ? t(lang, level.label) : String(value);
};

/** "0 binôme", "1 234 binômes" / "0 pairs", "1,234 pairs": the page's plural and digits. */
const plural = (lang: Lang, count: number, noun: [string, string]) =>
  `${count.toLocaleString(lang === "fr" ? "fr-FR" : "en-GB")} ${agreed(lang, count, noun[0], noun[1])}`;

/** The cohort as the team knows it, by its name (the id is for the machine). */
const cohortCaption = (lang: Lang, cohorts: Cohort[], cohortId: string, text: Localised) => {
  const name = cohorts.find((cohort) => cohort.id === cohortId)?.name ?? cohortId;
  return t(lang, { fr: `${text.fr} « ${name} »`, en: `${text.en} “${name}”` });
};

/** How many rows the page shows, and what a search or a long filter left out. */
function Count(props: {
  page: ListPage<unknown>;
  filters: Filters;
  noun: [string, string];
  lang: Lang;
}) {
  const { page, filters, lang } = props;
  const count = plural(lang, page.rows.length, props.noun);
  const whole = !filters.cursor && !page.next;
  return (
    <div role="status">
      <p>
        {filters.search
          ? t(lang, {
              fr: `${count} pour la recherche « ${filters.search} »`,
              en: `${count} for the search “${filters.search}”`,
            })
          : whole
            ? count
            : t(lang, { fr: `${count} sur cette page`, en: `${count} on this page` })}
      </p>
      {page.more ? (
        <p>
          {t(lang, {
            fr: "D'autres personnes correspondent\u00a0: précisez la recherche (nom complet ou adresse).",
            en: "More people match: narrow the search (full name or address).",
          })}
        </p>
      ) : null}
      {page.scanned ? (
        <p>
          {t(lang, {
            fr: `La page s'arrête après ${page.scanned.toLocaleString("fr-FR")} éléments parcourus\u00a0: « Suivants » continue la recherche.`,
            en: `The page stops after ${page.scanned} items read: “Next” goes on looking.`,
          })}
        </p>
      ) : null}
    </div>
  );
}

/** "Suivants" and back to the first page, keeping the filters and the search. */
function Pager(props: { action: string; page: ListPage<unknown>; filters: Filters; lang: Lang }) {
  const { filters, lang } = props;
  if (!filters.cursor && !props.page.next) return null;
  const query = (cursor?: string) => {
    const params = new URLSearchParams(filterQuery(filters));
    if (filters.search) params.set("q", filters.search);
    if (cursor) params.set("curseur", cursor);
    if (lang === "en") params.set("lang", "en");
    return `${props.action}?${params.toString()}`;
  };
  return (
    <nav class="pager" aria-label={t(lang, { fr: "Pages de la liste", en: "List pages" })}>
      <ul>
        {filters.cursor ? (
          <li>
            <a href={query()}>{t(lang, { fr: "Première page", en: "First page" })}</a>
          </li>
        ) : null}
        {props.page.next ? (
          <li>
            <a href={query(props.page.next)} rel="next">
              {t(lang, { fr: "Suivants", en: "Next" })}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function QuestionnairesPage(props: {
  cohorts: Cohort[];
  filters: Filters;
  page: ListPage<QuestionnaireRow>;
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
      <Count
        page={props.page}
        filters={props.filters}
        noun={["questionnaire", "questionnaires"]}
        lang={lang}
      />
      <div class="table-scroll">
        <table class="grid">
          <caption>
            {cohortCaption(lang, props.cohorts, props.filters.cohortId, {
              fr: "Questionnaires de la vague",
              en: "Questionnaires of cohort",
            })}
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
            {props.page.rows.map(({ questionnaire, pair }) => (
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
      <Pager action="/admin/questionnaires" page={props.page} filters={props.filters} lang={lang} />
    </AdminLayout>
  );
}

export function MentorsPage(props: {
  cohorts: Cohort[];
  filters: Filters;
  page: ListPage<MentorRow>;
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
      <Count page={props.page} filters={props.filters} noun={["mentor", "mentors"]} lang={lang} />
      <div class="table-scroll">
        <table class="grid">
          <caption>
            {cohortCaption(lang, props.cohorts, props.filters.cohortId, {
              fr: "Candidatures de mentor de la vague",
              en: "Mentor applications of cohort",
            })}
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
            {props.page.rows.map((row) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/mentors/${row.mentor.id}`}>{fullName(row.mentor.answers)}</a>
                </th>
                <td>{row.mentor.answers.directorate}</td>
                <td>
                  {row.mentor.answers.themes
                    .map(
                      (item) => `${themeLabel(lang)(item.theme)} (${levelLabel(lang, item.level)})`,
                    )
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
      <Pager action="/admin/mentors" page={props.page} filters={props.filters} lang={lang} />
    </AdminLayout>
  );
}

export function PairsPage(props: {
  cohorts: Cohort[];
  filters: Filters;
  page: ListPage<PairRow>;
  done?: string;
  lang?: Lang;
}) {
  const lang = props.lang ?? "fr";
  const name = (known: string | undefined) =>
    known ?? t(lang, { fr: "Nom non renseigné", en: "Name not given" });
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
        page={props.page}
        filters={props.filters}
        noun={lang === "en" ? ["pair", "pairs"] : ["binôme", "binômes"]}
        lang={lang}
      />
      <div class="table-scroll">
        <table class="grid">
          <caption>
            {cohortCaption(lang, props.cohorts, props.filters.cohortId, {
              fr: "Binômes de la vague",
              en: "Pairs of cohort",
            })}
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
            {props.page.rows.map(({ pair, menteeName, mentorName }) => (
              <tr>
                <th scope="row">
                  <a href={`/admin/binomes/${pair.id}`}>{name(menteeName)}</a>
                </th>
                <td>{name(mentorName)}</td>
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
      <Pager action="/admin/binomes" page={props.page} filters={props.filters} lang={lang} />
    </AdminLayout>
  );
}
