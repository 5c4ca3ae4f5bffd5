import type { Cohort } from "#core/cohort";
import { type Figures, formatDecimal, formatPercent } from "#core/figures";
import { BarChart, BeforeAfterChart } from "../../charts";
import { AdminLayout } from "./parts";

export function FiguresPage(props: { cohorts: Cohort[]; cohortId: string; figures: Figures }) {
  const { figures } = props;
  const first = figures.funnel[0]?.count ?? 0;
  return (
    <AdminLayout title="Chiffres du programme" path="/admin/chiffres">
      <h1>Chiffres du programme</h1>
      <form method="get" action="/admin/chiffres" aria-label="Choisir la vague">
        <div class="field">
          <label for="chiffres-vague">Vague</label>
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
          <button type="submit">Afficher</button>
        </div>
      </form>
      <h2>Du questionnaire à la clôture</h2>
      <BarChart
        id="entonnoir"
        title={`Parcours des cadres de la vague ${props.cohortId}`}
        bars={figures.funnel.map((step) => ({ label: step.label.fr, value: step.count }))}
        max={Math.max(1, first, ...figures.funnel.map((step) => step.count))}
        valueHeader="Nombre"
      />
      <h2>Taux</h2>
      <dl class="facts">
        <dt>Binômes terminés (taux d'achèvement)</dt>
        <dd>
          {formatPercent(figures.completionRate)} — {figures.closed} sur {figures.pairs}
        </dd>
        <dt>Binômes arrêtés en route (taux d'abandon)</dt>
        <dd>
          {formatPercent(figures.dropOutRate)} — {figures.stopped} sur {figures.pairs}
        </dd>
        <dt>Binômes en cours</dt>
        <dd>{figures.running}</dd>
        <dt>Satisfaction moyenne après les séances</dt>
        <dd>
          {figures.satisfaction.average === null
            ? "Aucun retour pour l'instant"
            : `${formatDecimal(figures.satisfaction.average)} sur 5 (${figures.satisfaction.answers} retour${figures.satisfaction.answers > 1 ? "s" : ""})`}
        </dd>
      </dl>
      <h2>Aisance avant et après, par thème</h2>
      <p>
        Moyenne de l'aisance déclarée par les cadres (de 1, pas du tout à l'aise, à 4, très à
        l'aise) dans le questionnaire puis à la clôture, sur les binômes qui ont les deux.
      </p>
      <BeforeAfterChart
        id="avant-apres"
        title="Aisance moyenne avant et après le mentorat, par thème (sur 4)"
        max={4}
        beforeLabel="Avant"
        afterLabel="Après"
        items={figures.selfEvaluation.map((theme) => ({
          label: theme.label.fr,
          before: theme.before,
          after: theme.after,
          format: formatDecimal,
          note: `${theme.count} binôme${theme.count > 1 ? "s" : ""}`,
        }))}
      />
    </AdminLayout>
  );
}
