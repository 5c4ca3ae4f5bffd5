import type { Child } from "hono/jsx";
import type { Cohort } from "#core/cohort";
import type { Localised } from "#core/programme";
import { Layout, type NavigationLink } from "../../layout";

/**
 * Pieces shared by the programme team's pages. These pages are for the French programme team and
 * are written in French only (the public pages are the bilingual ones).
 */

export const adminNavigation: NavigationLink[] = [
  { href: "/admin", label: "Vagues" },
  { href: "/admin/questionnaires", label: "Questionnaires" },
  { href: "/admin/mentors", label: "Mentors" },
  { href: "/admin/binomes", label: "Binômes" },
  { href: "/admin/chiffres", label: "Chiffres" },
];

/** The outcome messages shown after a form posted and redirected (`?fait=…`). */
export const doneMessages: Record<string, string> = {
  "vague-creee": "La vague est créée.",
  reglages: "Les réglages de la vague sont enregistrés. Les binômes déjà lancés gardent les leurs.",
  exclusion: "Ce binôme est écarté : l'appariement ne le proposera plus.",
  "exclusion-retiree": "Ce binôme n'est plus écarté.",
  proposition: "La proposition d'appariement est prête : relisez-la avant de confirmer.",
  modification: "La proposition est modifiée.",
  confirmation: "Les binômes sont confirmés et leur parcours a démarré.",
  entretien: "L'entretien et la décision sont enregistrés ; le candidat est prévenu par courriel.",
  pause: "Le binôme est en pause.",
  reprise: "Le binôme reprend.",
  annulation: "Le binôme est annulé ; les deux personnes sont prévenues.",
  reaffectation: "Le binôme a un nouveau mentor ; les personnes concernées sont prévenues.",
};

export function AdminLayout(props: {
  title: string;
  path: string;
  children: Child;
  done?: string;
  problem?: string;
}) {
  const done = props.done ? doneMessages[props.done] : undefined;
  return (
    // The programme team's pages are French only: no language switch that would not translate them.
    <Layout
      lang="fr"
      title={props.problem ? `Erreur — ${props.title}` : props.title}
      path={props.path}
      navigation={adminNavigation}
      languageSwitch={false}
    >
      {props.problem ? (
        <div class="error-summary" role="alert" id="erreurs" tabindex={-1}>
          <h2>Action impossible</h2>
          <p>{props.problem}</p>
        </div>
      ) : null}
      {done ? (
        <div class="notice success" role="status">
          <p>{done}</p>
        </div>
      ) : null}
      {props.children}
      <form method="post" action="/admin/deconnexion" class="actions">
        <button type="submit" class="secondary">
          Se déconnecter
        </button>
      </form>
    </Layout>
  );
}

export const fr = (text: Localised) => text.fr;

/** "12 mars 2026 à 14:05" in Paris time. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("fr-FR", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "Europe/Paris",
  }).format(new Date(iso));
}

export function formatDate(iso: string | undefined): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeZone: "Europe/Paris" }).format(
    new Date(iso),
  );
}

export type Filters = { cohortId: string; phase?: string; status?: string; attention?: boolean };

/**
 * The filter form of a list: a GET form, so a filtered list has its own address and works
 * without JavaScript.
 */
export function FilterForm(props: {
  action: string;
  cohorts: Cohort[];
  filters: Filters;
  statuses: { id: string; label: Localised }[];
  phases?: { id: string; label: Localised }[];
  caption: string;
}) {
  const { filters } = props;
  // A cohort nobody configured has no record: it is still the one being shown.
  const cohorts = props.cohorts.some((cohort) => cohort.id === filters.cohortId)
    ? props.cohorts
    : [...props.cohorts, { id: filters.cohortId, name: filters.cohortId }];
  return (
    <form method="get" action={props.action} class="filters" aria-label={props.caption}>
      <div class="field">
        <label for="filtre-vague">Vague</label>
        <select id="filtre-vague" name="vague">
          {cohorts.map((cohort) => (
            <option value={cohort.id} selected={cohort.id === filters.cohortId}>
              {cohort.name === cohort.id ? cohort.id : `${cohort.name} (${cohort.id})`}
            </option>
          ))}
        </select>
      </div>
      {props.phases ? (
        <div class="field">
          <label for="filtre-phase">Phase du binôme</label>
          <select id="filtre-phase" name="phase">
            <option value="">Toutes</option>
            {props.phases.map((phase) => (
              <option value={phase.id} selected={phase.id === filters.phase}>
                {phase.label.fr}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="field">
        <label for="filtre-statut">Statut</label>
        <select id="filtre-statut" name="statut">
          <option value="">Tous</option>
          {props.statuses.map((status) => (
            <option value={status.id} selected={status.id === filters.status}>
              {status.label.fr}
            </option>
          ))}
        </select>
      </div>
      <div class="choice">
        <input
          type="checkbox"
          id="filtre-attention"
          name="attention"
          value="1"
          checked={filters.attention === true}
        />
        <label for="filtre-attention">Seulement ce qui demande notre attention</label>
      </div>
      <div class="actions">
        <button type="submit">Filtrer</button>
      </div>
    </form>
  );
}

/** The query string of a list's filters, to keep them in links (exports, other lists). */
export function filterQuery(filters: Filters, names = { cohort: "vague" }): string {
  const query = new URLSearchParams({ [names.cohort]: filters.cohortId });
  if (filters.phase) query.set("phase", filters.phase);
  if (filters.status) query.set(names.cohort === "vague" ? "statut" : "status", filters.status);
  if (filters.attention) query.set("attention", "1");
  return query.toString();
}

export const yesNo = (value: boolean | undefined) => (value ? "Oui" : "Non");
