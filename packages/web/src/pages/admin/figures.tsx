import type { Cohort } from "#core/cohort";
import type { EventFigures, Period } from "#core/event-figures";
import { type Figures, formatCount, formatDecimal, formatPercent } from "#core/figures";
import { objectivesReachedChoices, objectivesReachedLabel } from "#core/links";
import { formatDay, formatHours, plural } from "#core/words";
import { BarChart, BeforeAfterChart } from "../../charts";
import { type Lang, t } from "../../i18n";
import { AdminLayout } from "./parts";

/** English numbers: a point as the decimal separator, no space before the percent sign. */
const englishDecimal = (value: number | null) => (value === null ? "—" : value.toFixed(1));
const englishPercent = (rate: number | null) =>
  rate === null ? "—" : `${Math.round(rate * 100)}%`;

export function FiguresPage(props: {
  cohorts: Cohort[];
  cohortId: string;
  figures: Figures;
  /** The other formats (workshops, BarNum', network) over `period`. */
  events: EventFigures;
  period: Period;
  lang?: Lang;
}) {
  const { figures } = props;
  const lang = props.lang ?? "fr";
  const say = (text: { fr: string; en: string }) => t(lang, text);
  const decimal = lang === "en" ? englishDecimal : formatDecimal;
  const percent = lang === "en" ? englishPercent : formatPercent;
  const of = say({ fr: "sur", en: "of" });
  const n = (value: number) => formatCount(value, lang);
  const first = figures.funnel[0]?.count ?? 0;
  // The team reads the cohort's name, never its id.
  const cohortName =
    props.cohorts.find((cohort) => cohort.id === props.cohortId)?.name ?? props.cohortId;
  return (
    <AdminLayout
      lang={lang}
      title={say({ fr: "Chiffres du programme", en: "Programme figures" })}
      path="/admin/chiffres"
    >
      <h1>{say({ fr: "Chiffres du programme", en: "Programme figures" })}</h1>
      <form
        method="get"
        action="/admin/chiffres"
        aria-label={say({ fr: "Choisir la vague", en: "Choose the cohort" })}
      >
        {lang === "en" ? <input type="hidden" name="lang" value="en" /> : null}
        <div class="field">
          <label for="chiffres-vague">{say({ fr: "Vague", en: "Cohort" })}</label>
          <select id="chiffres-vague" name="vague">
            {(props.cohorts.some((cohort) => cohort.id === props.cohortId)
              ? props.cohorts
              : [...props.cohorts, { id: props.cohortId, name: props.cohortId }]
            ).map((cohort) => (
              <option value={cohort.id} selected={cohort.id === props.cohortId}>
                {cohort.name}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit">{say({ fr: "Afficher", en: "Show" })}</button>
        </div>
      </form>
      <h2>{say({ fr: "Du questionnaire à la clôture", en: "From questionnaire to closure" })}</h2>
      <BarChart
        lang={lang}
        id="entonnoir"
        title={say({
          fr: `Parcours des cadres de la vague «\u00a0${cohortName}\u00a0»`,
          en: `Managers' progress in cohort “${cohortName}”`,
        })}
        bars={figures.funnel.map((step) => ({ label: t(lang, step.label), value: step.count }))}
        max={Math.max(1, first, ...figures.funnel.map((step) => step.count))}
        valueHeader={say({ fr: "Nombre", en: "Number" })}
      />
      <h2>{say({ fr: "Taux", en: "Rates" })}</h2>
      <dl class="facts">
        <dt>
          {say({
            fr: "Binômes terminés (taux d'achèvement)",
            en: "Pairs completed (completion rate)",
          })}
        </dt>
        <dd>
          {figures.pairs === 0
            ? `${n(figures.closed)} ${of} ${n(figures.pairs)}`
            : `${percent(figures.completionRate)} — ${n(figures.closed)} ${of} ${n(figures.pairs)}`}
        </dd>
        <dt>
          {say({
            fr: "Binômes arrêtés en route (taux d'abandon)",
            en: "Pairs ended on the way (drop-out rate)",
          })}
        </dt>
        <dd>
          {figures.pairs === 0
            ? `${n(figures.stopped)} ${of} ${n(figures.pairs)}`
            : `${percent(figures.dropOutRate)} — ${n(figures.stopped)} ${of} ${n(figures.pairs)}`}
        </dd>
        <dt>{say({ fr: "dont arrêtés automatiquement", en: "of which stopped automatically" })}</dt>
        <dd>{n(figures.stoppedAutomatically)}</dd>
        <dt>{say({ fr: "dont annulés par l'équipe", en: "of which cancelled by the team" })}</dt>
        <dd>{n(figures.cancelledByTeam)}</dd>
        <dt>{say({ fr: "Binômes en cours", en: "Pairs under way" })}</dt>
        <dd>{n(figures.running)}</dd>
        {(["mentee", "mentor"] as const).map((role) => {
          const satisfaction = figures.satisfactionByRole[role];
          return (
            <>
              <dt>
                {role === "mentee"
                  ? say({
                      fr: "Satisfaction des cadres après les rendez-vous",
                      en: "Managers' satisfaction after the meetings",
                    })
                  : say({
                      fr: "Satisfaction des mentors après les rendez-vous",
                      en: "Mentors' satisfaction after the meetings",
                    })}
              </dt>
              <dd>
                {satisfaction.average === null
                  ? say({ fr: "Aucun retour pour l'instant", en: "No feedback yet" })
                  : lang === "en"
                    ? `${englishDecimal(satisfaction.average)} out of 5 (${plural("en", satisfaction.answers, "answer", "answers")})`
                    : `${formatDecimal(satisfaction.average)} sur 5 (${plural("fr", satisfaction.answers, "retour", "retours")})`}
              </dd>
            </>
          );
        })}
        {(["mentee", "mentor"] as const).map((role) => {
          const count = figures.objectivesReached[role];
          return (
            <>
              <dt>
                {role === "mentee"
                  ? say({
                      fr: "Objectifs atteints, selon les cadres",
                      en: "Goals reached, say the managers",
                    })
                  : say({
                      fr: "Objectifs atteints, selon les mentors",
                      en: "Goals reached, say the mentors",
                    })}
              </dt>
              <dd>
                {count.answers === 0
                  ? say({ fr: "Aucune réponse pour l'instant", en: "No answer yet" })
                  : objectivesReachedChoices
                      .map(
                        (choice) =>
                          `${t(lang, objectivesReachedLabel[choice])}${lang === "fr" ? "\u00a0:" : ":"} ${n(count[choice])}`,
                      )
                      .join(" — ")}
              </dd>
            </>
          );
        })}
      </dl>
      <h2>
        {say({
          fr: "Aisance avant et après, par thème",
          en: "Ease before and after, by theme",
        })}
      </h2>
      {lang === "en" ? (
        <p>
          Average ease declared by the managers (from 1, not at ease at all, to 4, very much at
          ease) in the questionnaire and then at closure, over the pairs that have both.
        </p>
      ) : (
        <p>
          Moyenne de l'aisance déclarée par les cadres (de 1, pas du tout à l'aise, à 4, très à
          l'aise) dans le questionnaire puis à la clôture, sur les binômes qui ont les deux.
        </p>
      )}
      <BeforeAfterChart
        lang={lang}
        id="avant-apres"
        title={say({
          fr: "Aisance moyenne avant et après le mentorat, par thème (sur 4)",
          en: "Average ease before and after the mentoring, by theme (out of 4)",
        })}
        max={4}
        beforeLabel={say({ fr: "Avant", en: "Before" })}
        afterLabel={say({ fr: "Après", en: "After" })}
        items={figures.selfEvaluation.map((theme) => ({
          label: t(lang, theme.label),
          before: theme.before,
          after: theme.after,
          format: decimal,
          note:
            lang === "en"
              ? `${theme.count} pair${theme.count === 1 ? "" : "s"}`
              : `${theme.count} binôme${theme.count > 1 ? "s" : ""}`,
        }))}
      />
      <OtherFormats
        lang={lang}
        events={props.events}
        period={props.period}
        cohortId={props.cohortId}
        cohortName={cohortName}
        pairHours={figures.mentorHours}
      />
    </AdminLayout>
  );
}

/** "du 1er décembre 2026 au 31 janvier 2027", "depuis le …", "jusqu'au …", or all time. */
function periodText(period: Period, lang: Lang): string {
  const day = (date: string) => t(lang, formatDay(new Date(`${date}T12:00:00Z`)));
  if (period.from && period.to) {
    return lang === "en"
      ? `from ${day(period.from)} to ${day(period.to)}`
      : `du ${day(period.from)} au ${day(period.to)}`;
  }
  if (period.from)
    return lang === "en" ? `since ${day(period.from)}` : `depuis le ${day(period.from)}`;
  if (period.to) return lang === "en" ? `until ${day(period.to)}` : `jusqu'au ${day(period.to)}`;
  return lang === "en" ? "since the start" : "depuis le début";
}

/** Issue 15: workshops, BarNum', the network and the mentors' hours, over a period. */
function OtherFormats(props: {
  lang: Lang;
  events: EventFigures;
  period: Period;
  cohortId: string;
  cohortName: string;
  pairHours: number;
}) {
  const { lang, events, period } = props;
  const say = (text: { fr: string; en: string }) => t(lang, text);
  const n = (value: number) => formatCount(value, lang);
  const hours = (value: number) => t(lang, formatHours(value));
  const when = periodText(period, lang);
  const rows: [string, string][] = [
    [
      say({ fr: "Ateliers collectifs tenus", en: "Collective workshops held" }),
      n(events.workshops.held),
    ],
    [
      say({ fr: "Personnes venues aux ateliers", en: "People who came to the workshops" }),
      n(events.workshops.reached),
    ],
    [say({ fr: "BarNum' tenus", en: "BarNum' held" }), n(events.barnums.held)],
    [say({ fr: "Visites aux BarNum'", en: "Visits to the BarNum'" }), n(events.barnums.visits)],
    [
      say({ fr: "dont questions résolues", en: "of which questions resolved" }),
      n(events.barnums.resolved),
    ],
    [
      say({ fr: "Rencontres du réseau des mentors", en: "Mentor network meetings" }),
      n(events.network.meetings),
    ],
    [
      say({ fr: "Mentors présents aux rencontres", en: "Mentors present at the meetings" }),
      lang === "en"
        ? `${n(events.network.attended)} of ${plural("en", events.network.invited, "invited", "invited")}`
        : `${n(events.network.attended)} sur ${plural("fr", events.network.invited, "invité", "invités")}`,
    ],
  ];
  const total =
    props.pairHours +
    events.workshops.mentorHours +
    events.barnums.mentorHours +
    events.network.mentorHours;
  return (
    <section aria-labelledby="autres-formats">
      <h2 id="autres-formats">
        {say({ fr: "Ateliers, BarNum' et réseau", en: "Workshops, BarNum' and network" })}
      </h2>
      <form
        method="get"
        action="/admin/chiffres"
        aria-label={say({ fr: "Choisir la période", en: "Choose the period" })}
      >
        <input type="hidden" name="vague" value={props.cohortId} />
        {lang === "en" ? <input type="hidden" name="lang" value="en" /> : null}
        <div class="field">
          <label for="chiffres-du">{say({ fr: "Du", en: "From" })}</label>
          <input id="chiffres-du" type="date" name="du" value={period.from ?? ""} />
        </div>
        <div class="field">
          <label for="chiffres-au">{say({ fr: "Au", en: "To" })}</label>
          <input id="chiffres-au" type="date" name="au" value={period.to ?? ""} />
        </div>
        <div class="actions">
          <button type="submit">{say({ fr: "Afficher la période", en: "Show the period" })}</button>
        </div>
      </form>
      <table class="grid">
        <caption>
          {say({
            fr: `Ateliers collectifs, BarNum' et réseau des mentors, ${when}`,
            en: `Collective workshops, BarNum' and mentor network, ${when}`,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{say({ fr: "Mesure", en: "Measure" })}</th>
            <th scope="col">{say({ fr: "Nombre", en: "Number" })}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr>
              <th scope="row">{label}</th>
              <td class="number">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {events.barnums.byTheme.length === 0 ? (
        <p>
          {say({
            fr: `Aucune visite aux BarNum' ${when}.`,
            en: `No visit to the BarNum' ${when}.`,
          })}
        </p>
      ) : (
        <table class="grid">
          <caption>
            {say({
              fr: `Visites aux BarNum' par thème, ${when}`,
              en: `BarNum' visits by theme, ${when}`,
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{say({ fr: "Thème", en: "Theme" })}</th>
              <th scope="col">{say({ fr: "Visites", en: "Visits" })}</th>
              <th scope="col">{say({ fr: "Questions résolues", en: "Questions resolved" })}</th>
            </tr>
          </thead>
          <tbody>
            {events.barnums.byTheme.map((row) => (
              <tr>
                <th scope="row">{t(lang, row.label)}</th>
                <td class="number">{n(row.visits)}</td>
                <td class="number">{n(row.resolved)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <table class="grid">
        <caption>
          {say({ fr: "Heures données par les mentors", en: "Hours given by the mentors" })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{say({ fr: "Activité", en: "Activity" })}</th>
            <th scope="col">{say({ fr: "Heures", en: "Hours" })}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              {say({
                fr: `Séances des binômes de la vague «\u00a0${props.cohortName}\u00a0», depuis son début`,
                en: `Meetings of the pairs of cohort “${props.cohortName}”, since it began`,
              })}
            </th>
            <td class="number">{hours(props.pairHours)}</td>
          </tr>
          <tr>
            <th scope="row">
              {say({ fr: `Ateliers collectifs, ${when}`, en: `Collective workshops, ${when}` })}
            </th>
            <td class="number">{hours(events.workshops.mentorHours)}</td>
          </tr>
          <tr>
            <th scope="row">{say({ fr: `BarNum', ${when}`, en: `BarNum', ${when}` })}</th>
            <td class="number">{hours(events.barnums.mentorHours)}</td>
          </tr>
          <tr>
            <th scope="row">
              {say({ fr: `Rencontres du réseau, ${when}`, en: `Network meetings, ${when}` })}
            </th>
            <td class="number">{hours(events.network.mentorHours)}</td>
          </tr>
          <tr>
            <th scope="row">{say({ fr: "Total", en: "Total" })}</th>
            <td class="number">{hours(total)}</td>
          </tr>
        </tbody>
      </table>
      <p>
        <a
          href={`/api/admin/exports/mentor-hours.csv?cohort=${encodeURIComponent(props.cohortId)}`}
          download
        >
          {say({
            fr: "Télécharger les heures de chaque mentor de la vague (CSV)",
            en: "Download each mentor's hours in the cohort (CSV)",
          })}
        </a>
        {" · "}
        <a href={`/api/admin/exports/barnum-visits.csv?${periodQuery(period)}`} download>
          {say({ fr: "Visites aux BarNum' (CSV)", en: "BarNum' visits (CSV)" })}
        </a>
        {" · "}
        <a href={`/api/admin/exports/network-attendance.csv?${periodQuery(period)}`} download>
          {say({ fr: "Présences au réseau (CSV)", en: "Network attendance (CSV)" })}
        </a>
      </p>
    </section>
  );
}

const periodQuery = (period: Period) =>
  new URLSearchParams({
    ...(period.from ? { from: period.from } : {}),
    ...(period.to ? { to: period.to } : {}),
  }).toString();
