import type { Cohort } from "#core/cohort";
import { fullName } from "#core/fields";
import { availabilitySlots, formats, mentorLevels, themes } from "#core/programme";
import {
  criteria,
  decisionLabels,
  decisions,
  gridLevels,
  type SelectedMentorRecord,
} from "#core/selection";
import { agreed } from "#core/words";
import {
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RequiredNote,
  TextField,
} from "../../form-kit";
import { type Lang, t } from "../../i18n";
import { gradeLabels } from "../mentor-application";
import { AdminLayout, formatDateTime, inLanguage } from "./parts";

const labelOf = <T extends { id: string; label: { fr: string; en: string } }>(
  list: readonly T[],
  id: string,
  lang: Lang,
) => {
  const found = list.find((item) => item.id === id);
  return found ? t(lang, found.label) : id;
};

export const interviewLabels: Record<string, string> = {
  ...Object.fromEntries(
    criteria.map((criterion) => [`grid.${criterion.id}.level`, criterion.label.fr]),
  ),
  ...Object.fromEntries(
    criteria.map((criterion) => [`grid.${criterion.id}.note`, `Note : ${criterion.label.fr}`]),
  ),
  decision: "Décision",
  comment: "Commentaire",
};

const englishInterviewLabels: Record<string, string> = {
  ...Object.fromEntries(
    criteria.map((criterion) => [`grid.${criterion.id}.level`, criterion.label.en]),
  ),
  ...Object.fromEntries(
    criteria.map((criterion) => [`grid.${criterion.id}.note`, `Note: ${criterion.label.en}`]),
  ),
  decision: "Decision",
  comment: "Comment",
};

/** The form's values from a recorded interview, so the grid comes back as it was saved. */
function valuesOf(mentor: SelectedMentorRecord): FormValues {
  const interview = mentor.interview;
  if (!interview) return {};
  const values: FormValues = { decision: interview.decision, comment: interview.comment };
  for (const criterion of criteria) {
    values[`grid.${criterion.id}.level`] = String(interview.grid[criterion.id].level);
    values[`grid.${criterion.id}.note`] = interview.grid[criterion.id].note;
  }
  return values;
}

export function MentorPage(props: {
  mentor: SelectedMentorRecord;
  values?: FormValues;
  errors?: FieldErrors;
  done?: string;
  lang?: Lang;
  /** The mentor's cohort, so the team reads its name rather than its id. */
  cohort?: Pick<Cohort, "id" | "name">;
}) {
  const { mentor } = props;
  const cohortName = props.cohort?.name ?? mentor.cohortId;
  const lang = props.lang ?? "fr";
  const say = (text: { fr: string; en: string }) => t(lang, text);
  const answers = mentor.answers;
  const errors = props.errors ?? {};
  const values = props.values ?? valuesOf(mentor);
  const path = `/admin/mentors/${mentor.id}`;
  return (
    <AdminLayout
      lang={lang}
      title={`${Object.keys(errors).length ? `${say({ fr: "Erreur", en: "Error" })} — ` : ""}Mentor ${fullName(answers)}`}
      path={path}
      done={props.done}
    >
      <ErrorSummary
        lang={lang}
        errors={errors}
        labels={lang === "en" ? englishInterviewLabels : interviewLabels}
      />
      <h1>{fullName(answers)}</h1>
      {lang === "en" ? (
        <p>
          Cohort “{cohortName}” — current decision:{" "}
          <strong>{t(lang, decisionLabels[mentor.status])}</strong>
          {mentor.interview
            ? ` (interview recorded on ${formatDateTime(mentor.interview.recordedAt, lang)})`
            : ""}
        </p>
      ) : (
        <p>
          Vague « {cohortName} » — décision actuelle :{" "}
          <strong>{decisionLabels[mentor.status].fr}</strong>
          {mentor.interview
            ? ` (entretien enregistré le ${formatDateTime(mentor.interview.recordedAt)})`
            : ""}
        </p>
      )}
      <p>
        <a href={`${path}/attestation.pdf`} download="attestation-mentorat.pdf">
          {say({
            fr: "Télécharger l'attestation de mentorat (PDF)",
            en: "Download the mentoring attestation (PDF)",
          })}
        </a>
      </p>
      <form method="post" action={inLanguage(`${path}/lien-espace`, lang)} class="actions">
        <button type="submit" class="secondary">
          {say({
            fr: "Envoyer au mentor le lien de sa page",
            en: "Send the mentor the link to their page",
          })}
        </button>
      </form>
      <form method="post" action={inLanguage(`${path}/attestation/envoyer`, lang)} class="actions">
        <button type="submit" class="secondary">
          {say({
            fr: "Envoyer l'attestation à son responsable (avec son accord)",
            en: "Send the attestation to their manager (with their consent)",
          })}
        </button>
      </form>
      <h2>{say({ fr: "Candidature", en: "Application" })}</h2>
      <dl class="facts">
        <dt>{say({ fr: "Adresse", en: "Address" })}</dt>
        <dd>{answers.email}</dd>
        <dt>{say({ fr: "Direction et fonction", en: "Directorate and role" })}</dt>
        <dd>
          {answers.directorate} — {answers.role} (
          {gradeLabels[answers.grade] ? say(gradeLabels[answers.grade]) : answers.grade})
        </dd>
        <dt>{say({ fr: "Responsable", en: "Line manager" })}</dt>
        <dd>{answers.managerEmail ?? say({ fr: "Non indiqué", en: "Not given" })}</dd>
        <dt>{say({ fr: "Site", en: "Site" })}</dt>
        <dd>{answers.site ?? say({ fr: "Non indiqué", en: "Not given" })}</dd>
        <dt>{say({ fr: "Thèmes proposés", en: "Themes offered" })}</dt>
        <dd>
          {answers.themes
            .map((item) => {
              const level = mentorLevels.find((found) => found.value === item.level);
              return `${labelOf(themes, item.theme, lang)}${lang === "en" ? ":" : " :"} ${level ? t(lang, level.label) : item.level}`;
            })
            .join(lang === "en" ? "; " : " ; ")}
        </dd>
        <dt>Formats</dt>
        <dd>{answers.formats.map((format) => labelOf(formats, format, lang)).join(", ")}</dd>
        <dt>{say({ fr: "Disponibilités", en: "Availability" })}</dt>
        <dd>
          {answers.availability.map((slot) => labelOf(availabilitySlots, slot, lang)).join(", ")}
          {answers.availabilityNote ? ` — ${answers.availabilityNote}` : ""}
        </dd>
        <dt>{say({ fr: "Capacité", en: "Capacity" })}</dt>
        <dd>
          {lang === "en"
            ? `${answers.capacity} ${agreed(lang, answers.capacity, "manager", "managers")} at a time`
            : `${answers.capacity} ${agreed(lang, answers.capacity, "cadre", "cadres")} à la fois`}
        </dd>
        <dt>Motivation</dt>
        <dd>{answers.motivation}</dd>
      </dl>
      <h2>{say({ fr: "Grille d'entretien et décision", en: "Interview grid and decision" })}</h2>
      <form method="post" action={inLanguage(`${path}/entretien`, lang)} novalidate>
        <RequiredNote lang={lang} />
        {criteria.map((criterion) => (
          <fieldset class="part">
            <legend>{t(lang, criterion.label)}</legend>
            <ChoiceGroup
              name={`grid.${criterion.id}.level`}
              legend={`${say({ fr: "Niveau :", en: "Level:" })} ${t(lang, criterion.label)}`}
              type="radio"
              required
              inline
              options={gridLevels.map((level) => ({
                value: String(level.value),
                label: `${level.value} — ${t(lang, level.label)}`,
              }))}
              values={values}
              errors={errors}
              lang={lang}
            />
            <TextField
              name={`grid.${criterion.id}.note`}
              label={`${say({ fr: "Note :", en: "Note:" })} ${t(lang, criterion.label)}`}
              multiline
              values={values}
              errors={errors}
              lang={lang}
            />
          </fieldset>
        ))}
        <ChoiceGroup
          name="decision"
          legend={say({ fr: "Décision", en: "Decision" })}
          hint={say({
            fr: "Le candidat reçoit un courriel pour chaque nouvelle décision, une seule fois.",
            en: "The applicant receives an email for each new decision, once only.",
          })}
          type="radio"
          required
          options={decisions.map((decision) => ({
            value: decision,
            label: t(lang, decisionLabels[decision]),
          }))}
          values={values}
          errors={errors}
          lang={lang}
        />
        <TextField
          name="comment"
          label={say({ fr: "Commentaire", en: "Comment" })}
          multiline
          values={values}
          errors={errors}
          lang={lang}
        />
        <div class="actions">
          <button type="submit">
            {say({
              fr: "Enregistrer l'entretien et la décision",
              en: "Save the interview and the decision",
            })}
          </button>
        </div>
      </form>
    </AdminLayout>
  );
}
