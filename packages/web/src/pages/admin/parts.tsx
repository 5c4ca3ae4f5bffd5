import type { Child } from "hono/jsx";
import type { Cohort } from "#core/cohort";
import type { Localised } from "#core/programme";
import { formatDay, formatTime } from "#core/words";
import { type Lang, localiseMessage, t } from "../../i18n";
import { Layout, type NavigationLink } from "../../layout";

/**
 * Pieces shared by the programme team's pages. Like every page, they are French first, with a
 * switch to English (`?lang=en`, remembered in a cookie).
 */

export const adminNavigation = (lang: Lang = "fr"): NavigationLink[] => [
  { href: "/admin", label: t(lang, { fr: "Vagues", en: "Cohorts" }) },
  { href: "/admin/questionnaires", label: t(lang, { fr: "Questionnaires", en: "Questionnaires" }) },
  { href: "/admin/mentors", label: t(lang, { fr: "Mentors", en: "Mentors" }) },
  { href: "/admin/binomes", label: t(lang, { fr: "Binômes", en: "Pairs" }) },
  { href: "/admin/chiffres", label: t(lang, { fr: "Chiffres", en: "Figures" }) },
  { href: "/admin/retours", label: t(lang, { fr: "Retours", en: "Feedback" }) },
  { href: "/admin/ressources", label: t(lang, { fr: "Ressources", en: "Resources" }) },
  { href: "/admin/barnum", label: "BarNum'" },
  { href: "/admin/reseau", label: t(lang, { fr: "Réseau", en: "Network" }) },
  { href: "/admin/ateliers", label: t(lang, { fr: "Ateliers", en: "Workshops" }) },
  { href: "/admin/donnees", label: t(lang, { fr: "Données personnelles", en: "Personal data" }) },
];

/**
 * A form's action (or a redirect) in the page's language: French needs nothing, English keeps
 * `lang=en` so the answer comes back in English even without the cookie.
 */
export const inLanguage = (path: string, lang: Lang) =>
  lang === "en" ? `${path}${path.includes("?") ? "&" : "?"}lang=en` : path;

/** The outcome messages shown after a form posted and redirected (`?fait=…`). */
export const doneMessages: Record<string, Localised> = {
  "vague-creee": { fr: "La vague est créée.", en: "The cohort is created." },
  reglages: {
    fr: "Les réglages de la vague sont enregistrés. Les binômes déjà lancés gardent les leurs.",
    en: "The cohort's settings are saved. Pairs already under way keep their own.",
  },
  exclusion: {
    fr: "Ce binôme est écarté : l'appariement ne le proposera plus.",
    en: "This pair is ruled out: the matching will no longer propose it.",
  },
  "exclusion-retiree": {
    fr: "Ce binôme n'est plus écarté.",
    en: "This pair is no longer ruled out.",
  },
  proposition: {
    fr: "La proposition d'appariement est prête : relisez-la avant de confirmer.",
    en: "The matching proposal is ready: review it before confirming.",
  },
  "appariement-lance": {
    fr: "L'appariement est lancé : la proposition s'affiche ici dès qu'elle est prête.",
    en: "The matching is running: the proposal shows here as soon as it is ready.",
  },
  modification: { fr: "La proposition est modifiée.", en: "The proposal is changed." },
  confirmation: {
    fr: "Les binômes sont confirmés ; leur lancement se poursuit, suivez-le ci-dessous.",
    en: "The pairs are confirmed; they are being started, follow it below.",
  },
  relance: {
    fr: "Le lancement des binômes restants a repris.",
    en: "Starting the remaining pairs has resumed.",
  },
  entretien: {
    fr: "L'entretien et la décision sont enregistrés ; le candidat est prévenu par courriel.",
    en: "The interview and the decision are saved; the applicant is told by email.",
  },
  pause: { fr: "Le binôme est en pause.", en: "The pair is paused." },
  reprise: { fr: "Le binôme reprend.", en: "The pair resumes." },
  annulation: {
    fr: "Le binôme est annulé ; les deux personnes sont prévenues.",
    en: "The pair is cancelled; both people are told.",
  },
  "ressource-ajoutee": { fr: "La ressource est ajoutée.", en: "The resource is added." },
  "ressource-retiree": { fr: "La ressource est retirée.", en: "The resource is removed." },
  "barnum-publie": {
    fr: "Le BarNum' est publié sur la page /barnum. Sollicitez maintenant les mentors qui le tiendront.",
    en: "The BarNum' is published on the /barnum page. Now ask the mentors who will staff it.",
  },
  "barnum-deja-publie": {
    fr: "Ce formulaire avait déjà publié ce BarNum' : rien de plus n'est publié. Le voici.",
    en: "This form had already published this BarNum': nothing more is published. Here it is.",
  },
  "barnum-mentors": {
    fr: "Les mentors sont sollicités par courriel ; chacun répond depuis sa page.",
    en: "The mentors are asked by email; each answers from their page.",
  },
  "rencontre-programmee": {
    fr: "La rencontre est programmée et les mentors invités, avec l'invitation pour leur agenda.",
    en: "The meeting is scheduled and the mentors invited, with the invitation for their diary.",
  },
  invitations: {
    fr: "Les mentors qui ne l'étaient pas encore sont invités.",
    en: "The mentors not invited yet are invited.",
  },
  presences: { fr: "Les présences sont enregistrées.", en: "Attendance is recorded." },
  "presences-trop-tot": {
    fr: "La rencontre n'a pas encore commencé : les présences s'enregistrent une fois qu'elle a eu lieu.",
    en: "The meeting has not begun yet: attendance is recorded once it has taken place.",
  },
  deplace: {
    fr: "La nouvelle date est enregistrée ; chacun est prévenu par courriel, avec son agenda mis à jour.",
    en: "The new date is saved; everyone is told by email, with their diary updated.",
  },
  annule: {
    fr: "L'annulation est enregistrée ; chacun est prévenu par courriel, et l'événement est retiré de son agenda.",
    en: "The cancellation is saved; everyone is told by email, and the event is removed from their diary.",
  },
  "trop-tard": {
    fr: "Il a déjà commencé ou il est annulé : sa date ne change plus.",
    en: "It has begun or is cancelled: its date no longer changes.",
  },
  "barnum-trop-tard": {
    fr: "Ce BarNum' a déjà commencé ou il est annulé : aucun mentor n'est sollicité.",
    en: "This BarNum' has begun or is cancelled: no mentor is asked.",
  },
  "lien-mentor": {
    fr: "Le lien vers sa page part au mentor par courriel.",
    en: "The link to their page is on its way to the mentor by email.",
  },
  "attestation-envoyee": {
    fr: "L'attestation part au responsable du mentor.",
    en: "The attestation is on its way to the mentor's manager.",
  },
  "attestation-sans-accord": {
    fr: "Le mentor n'a pas donné son accord : l'attestation n'est pas envoyée.",
    en: "The mentor has not consented: the attestation is not sent.",
  },
  "donnees-corrigees": {
    fr: "La correction est enregistrée.",
    en: "The correction is saved.",
  },
  "donnees-effacees": {
    fr: "Les données de la personne sont effacées ; ses binômes en cours sont arrêtés.",
    en: "The person's data is erased; their running pairs are stopped.",
  },
  note: { fr: "La note est ajoutée.", en: "The note is added." },
  "courriel-vague": {
    fr: "Le courriel à la vague est enregistré : un exemplaire par destinataire part par la file d'envoi.",
    en: "The email to the cohort is recorded: one copy per recipient leaves through the outbox.",
  },
  "courriel-repris": {
    fr: "L'envoi reprend là où il s'était arrêté.",
    en: "Sending resumes where it stopped.",
  },
  "nouveau-binome": {
    fr: "Le nouveau binôme est formé : sa présentation part aux deux personnes.",
    en: "The new pair is formed: its introduction goes to both people.",
  },
  "lien-renvoye": {
    fr: "Le lien en attente est renvoyé ; le courriel part dans un instant.",
    en: "The waiting link is sent again; the email leaves in a moment.",
  },
  "relance-envoyee": {
    fr: "Votre relance est envoyée ; le courriel part dans un instant.",
    en: "Your reminder is sent; the email leaves in a moment.",
  },
  "atelier-mentors": {
    fr: "Les deux mentors sont choisis ; fixez maintenant la date.",
    en: "The two mentors are chosen; now set the date.",
  },
  "atelier-fixe": {
    fr: "La date est enregistrée ; les invitations partent à chacun.",
    en: "The date is saved; the invitations go to everyone.",
  },
  "atelier-participants": {
    fr: "Les participants sont ajoutés ; ceux d'un atelier fixé reçoivent leur invitation.",
    en: "The participants are added; those of a scheduled workshop get their invitation.",
  },
  "atelier-annule": {
    fr: "L'atelier est annulé ; tout le monde est prévenu.",
    en: "The workshop is cancelled; everyone is told.",
  },
  reaffectation: {
    fr: "Le binôme a un nouveau mentor ; les personnes concernées sont prévenues.",
    en: "The pair has a new mentor; the people concerned are told.",
  },
};

export function AdminLayout(props: {
  lang?: Lang;
  title: string;
  path: string;
  children: Child;
  done?: string;
  problem?: string;
}) {
  const lang = props.lang ?? "fr";
  const done = props.done ? doneMessages[props.done] : undefined;
  const error = t(lang, { fr: "Erreur", en: "Error" });
  return (
    <Layout
      lang={lang}
      title={props.problem ? `${error} — ${props.title}` : props.title}
      path={props.path}
      navigation={adminNavigation(lang)}
    >
      {props.problem ? (
        <div class="error-summary" role="alert" id="erreurs" tabindex={-1}>
          <h2>{t(lang, { fr: "Action impossible", en: "Action not possible" })}</h2>
          <p>{localiseMessage(lang, props.problem)}</p>
        </div>
      ) : null}
      {done ? (
        <div class="notice success" role="status">
          <p>{t(lang, done)}</p>
        </div>
      ) : null}
      {props.children}
      <form method="post" action={inLanguage("/admin/deconnexion", lang)} class="actions">
        <button type="submit" class="secondary">
          {t(lang, { fr: "Se déconnecter", en: "Sign out" })}
        </button>
      </form>
    </Layout>
  );
}

/** "1er mars 2026 à 14 h 05" (or "1 March 2026 at 14:05") in Paris time. */
export function formatDateTime(iso: string | undefined, lang: Lang = "fr"): string {
  if (!iso) return "—";
  const date = new Date(iso);
  return lang === "en"
    ? `${formatDay(date).en} at ${formatTime(date).en}`
    : `${formatDay(date).fr} à ${formatTime(date).fr}`;
}

export function formatDate(iso: string | undefined, lang: Lang = "fr"): string {
  if (!iso) return "—";
  return t(lang, formatDay(new Date(iso)));
}

export type Filters = {
  cohortId: string;
  phase?: string;
  status?: string;
  attention?: boolean;
  /** A list's search (a name or an address) and the page's cursor. */
  search?: string;
  cursor?: string;
};

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
  lang?: Lang;
}) {
  const { filters } = props;
  const lang = props.lang ?? "fr";
  // A cohort nobody configured has no record: it is still the one being shown.
  const cohorts = props.cohorts.some((cohort) => cohort.id === filters.cohortId)
    ? props.cohorts
    : [...props.cohorts, { id: filters.cohortId, name: filters.cohortId }];
  return (
    <form method="get" action={props.action} class="filters" aria-label={props.caption}>
      {/* A GET form keeps only its fields: the language rides along as one of them. */}
      {lang === "en" ? <input type="hidden" name="lang" value="en" /> : null}
      <div class="field">
        <label for="filtre-recherche">
          {t(lang, { fr: "Rechercher un nom ou une adresse", en: "Search a name or an address" })}
        </label>
        <p class="hint" id="filtre-recherche-aide">
          {t(lang, {
            fr: "Le début d'un prénom, d'un nom ou d'une adresse électronique suffit, sans accents ni majuscules.",
            en: "The start of a first name, a last name or an email address is enough; accents and capitals do not matter.",
          })}
        </p>
        <input
          type="search"
          id="filtre-recherche"
          name="q"
          value={filters.search ?? ""}
          maxlength={120}
          aria-describedby="filtre-recherche-aide"
        />
      </div>
      <div class="field">
        <label for="filtre-vague">{t(lang, { fr: "Vague", en: "Cohort" })}</label>
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
          <label for="filtre-phase">{t(lang, { fr: "Phase du binôme", en: "Pair phase" })}</label>
          <select id="filtre-phase" name="phase">
            <option value="">{t(lang, { fr: "Toutes", en: "All" })}</option>
            {props.phases.map((phase) => (
              <option value={phase.id} selected={phase.id === filters.phase}>
                {t(lang, phase.label)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="field">
        <label for="filtre-statut">{t(lang, { fr: "Statut", en: "Status" })}</label>
        <select id="filtre-statut" name="statut">
          <option value="">{t(lang, { fr: "Tous", en: "All" })}</option>
          {props.statuses.map((status) => (
            <option value={status.id} selected={status.id === filters.status}>
              {t(lang, status.label)}
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
        <label for="filtre-attention">
          {t(lang, {
            fr: "Seulement ce qui demande notre attention",
            en: "Only what needs our attention",
          })}
        </label>
      </div>
      <div class="actions">
        <button type="submit">{t(lang, { fr: "Filtrer", en: "Filter" })}</button>
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

export const yesNo = (value: boolean | undefined, lang: Lang = "fr") =>
  value ? t(lang, { fr: "Oui", en: "Yes" }) : t(lang, { fr: "Non", en: "No" });
