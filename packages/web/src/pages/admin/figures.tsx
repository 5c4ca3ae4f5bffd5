import type { Cohort } from "#core/cohort";
import { type Figures, formatDecimal, formatPercent } from "#core/figures";
import { objectivesReachedChoices, objectivesReachedLabel } from "#core/links";
import { plural } from "#core/words";
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
  lang?: Lang;
}) {
  const { figures } = props;
  const lang = props.lang ?? "fr";
  const say = (text: { fr: string; en: string }) => t(lang, text);
  const decimal = lang === "en" ? englishDecimal : formatDecimal;
  const percent = lang === "en" ? englishPercent : formatPercent;
  const of = say({ fr: "sur", en: "of" });
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
            ? `${figures.closed} ${of} ${figures.pairs}`
            : `${percent(figures.completionRate)} — ${figures.closed} ${of} ${figures.pairs}`}
        </dd>
        <dt>
          {say({
            fr: "Binômes arrêtés en route (taux d'abandon)",
            en: "Pairs ended on the way (drop-out rate)",
          })}
        </dt>
        <dd>
          {figures.pairs === 0
            ? `${figures.stopped} ${of} ${figures.pairs}`
            : `${percent(figures.dropOutRate)} — ${figures.stopped} ${of} ${figures.pairs}`}
        </dd>
        <dt>{say({ fr: "dont arrêtés automatiquement", en: "of which stopped automatically" })}</dt>
        <dd>{figures.stoppedAutomatically}</dd>
        <dt>{say({ fr: "dont annulés par l'équipe", en: "of which cancelled by the team" })}</dt>
        <dd>{figures.cancelledByTeam}</dd>
        <dt>{say({ fr: "Binômes en cours", en: "Pairs under way" })}</dt>
        <dd>{figures.running}</dd>
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
                          `${t(lang, objectivesReachedLabel[choice])}${lang === "fr" ? "\u00a0:" : ":"} ${count[choice]}`,
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
    </AdminLayout>
  );
}
