import type { Cohort } from "#core/cohort";
import { theStep } from "#core/email/pair-messages";
import {
  type FeedbackEntry,
  type FeedbackFilter,
  type FeedbackStep,
  feedbackAboutLabel,
  feedbackRoleLabel,
} from "#core/feedback";
import { objectivesReachedLabel } from "#core/links";
import type { Localised } from "#core/programme";
import { formatDay, plural } from "#core/words";
import { type Lang, t } from "../../i18n";
import { AdminLayout } from "./parts";

/**
 * A cohort's feedback for the programme team: every rating and comment from both roles at every
 * step, one line each, filtered by role, step and cohort (a GET form: the filters are in the
 * address, so a filtered view can be bookmarked or sent to a colleague).
 */

const roleLabel = feedbackRoleLabel;

const stepLabel: Record<FeedbackStep, Localised> = {
  preparation: { fr: "Rendez-vous de préparation", en: "Preparation call" },
  session: { fr: "Séances", en: "Sessions" },
  "follow-up": { fr: "Séance de suivi", en: "Follow-up session" },
  closure: { fr: "Clôture", en: "Closure" },
};

const aboutLabel = feedbackAboutLabel;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function ratingText(entry: FeedbackEntry, lang: Lang): string {
  const parts: string[] = [];
  if (entry.tookPlace === false) {
    parts.push(t(lang, { fr: "N'a pas eu lieu", en: "Did not take place" }));
  }
  if (entry.rating !== undefined) {
    const of = entry.about === "closing" ? { fr: "expérience", en: "experience" } : undefined;
    parts.push(`${of ? `${t(lang, of)} ` : ""}${entry.rating}\u00a0/\u00a05`);
  }
  if (entry.objectivesReached) {
    parts.push(
      `${t(lang, { fr: "objectifs\u00a0:", en: "goals:" })} ${t(lang, objectivesReachedLabel[entry.objectivesReached]).toLowerCase()}`,
    );
  }
  return parts.length ? capitalised(parts.join(" — ")) : "—";
}

export function FeedbackPage(props: {
  lang: Lang;
  cohorts: Cohort[];
  cohortId: string;
  filter: FeedbackFilter;
  entries: FeedbackEntry[];
}) {
  const { lang, cohorts, cohortId, filter, entries } = props;
  const say = (text: Localised) => t(lang, text);
  const title = say({ fr: "Retours des participants", en: "Participants' feedback" });
  const comments = entries.filter((entry) => entry.comment).length;
  return (
    <AdminLayout lang={lang} title={title} path="/admin/retours">
      <h1>{title}</h1>
      <p>
        {say({
          fr: "Chaque note et chaque commentaire des cadres et des mentors, à chaque étape : après chaque rendez-vous, les objectifs convenus, les auto-évaluations de clôture.",
          en: "Every rating and every comment from the managers and the mentors, at every step: after each meeting, the agreed goals, the closing self-evaluations.",
        })}
      </p>
      <form
        method="get"
        action="/admin/retours"
        aria-label={say({ fr: "Filtrer les retours", en: "Filter the feedback" })}
      >
        {lang === "en" ? <input type="hidden" name="lang" value="en" /> : null}
        <div class="field">
          <label for="retours-vague">{say({ fr: "Vague", en: "Cohort" })}</label>
          <select id="retours-vague" name="vague">
            {cohorts.map((cohort) => (
              <option value={cohort.id} selected={cohort.id === cohortId}>
                {cohort.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="retours-role">{say({ fr: "Qui", en: "Who" })}</label>
          <select id="retours-role" name="role">
            <option value="">{say({ fr: "Cadres et mentors", en: "Managers and mentors" })}</option>
            {(["mentee", "mentor"] as const).map((role) => (
              <option
                value={role === "mentee" ? "cadre" : "mentor"}
                selected={filter.role === role}
              >
                {say(roleLabel[role])}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="retours-etape">{say({ fr: "Étape", en: "Step" })}</label>
          <select id="retours-etape" name="etape">
            <option value="">{say({ fr: "Toutes les étapes", en: "Every step" })}</option>
            {(Object.keys(stepLabel) as FeedbackStep[]).map((step) => (
              <option value={step} selected={filter.step === step}>
                {say(stepLabel[step])}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit">{say({ fr: "Afficher", en: "Show" })}</button>
        </div>
      </form>
      <p role="status">
        {lang === "fr"
          ? `${plural("fr", entries.length, "retour", "retours")}, dont ${plural("fr", comments, "commentaire", "commentaires")}.`
          : `${plural("en", entries.length, "answer", "answers")}, ${plural("en", comments, "with a comment", "with a comment")}.`}
      </p>
      <p>
        <a href={`/api/admin/exports/comments.csv?cohort=${encodeURIComponent(cohortId)}`} download>
          {say({
            fr: "Télécharger tous les retours et commentaires de la vague (CSV)",
            en: "Download every rating and comment of the cohort (CSV)",
          })}
        </a>
      </p>
      {entries.length ? (
        <div class="table-scroll">
          <table class="grid">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{say({ fr: "Binôme", en: "Pair" })}</th>
                <th scope="col">{say({ fr: "Qui", en: "Who" })}</th>
                <th scope="col">{say({ fr: "Étape", en: "Step" })}</th>
                <th scope="col">{say({ fr: "Note", en: "Rating" })}</th>
                <th scope="col">{say({ fr: "Commentaire", en: "Comment" })}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr>
                  <th scope="row">
                    <a
                      href={`/admin/binomes/${encodeURIComponent(entry.pairId)}${lang === "en" ? "?lang=en" : ""}`}
                    >
                      {lang === "fr"
                        ? `${entry.menteeName} et ${entry.mentorName}`
                        : `${entry.menteeName} and ${entry.mentorName}`}
                    </a>
                  </th>
                  <td>{say(roleLabel[entry.role])}</td>
                  <td>
                    {capitalised(say(theStep(entry.step)))}
                    {entry.at ? ` (${formatDay(new Date(entry.at))[lang]})` : ""}
                    <br />
                    <span class="hint">{say(aboutLabel[entry.about])}</span>
                  </td>
                  <td>{ratingText(entry, lang)}</td>
                  <td>{entry.comment ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{say({ fr: "Aucun retour pour ces filtres.", en: "No feedback for these filters." })}</p>
      )}
    </AdminLayout>
  );
}
