import { fullName } from "#core/admin/records";
import { availabilitySlots, formats, mentorLevels, themes } from "#core/programme";
import {
  criteria,
  decisionLabels,
  decisions,
  gridLevels,
  type SelectedMentorRecord,
} from "#core/selection";
import {
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RequiredNote,
  TextField,
} from "../../form-kit";
import { AdminLayout, formatDateTime } from "./parts";

const labelOf = <T extends { id: string; label: { fr: string } }>(list: readonly T[], id: string) =>
  list.find((item) => item.id === id)?.label.fr ?? id;

export const interviewLabels: Record<string, string> = {
  ...Object.fromEntries(
    criteria.map((criterion) => [`grid.${criterion.id}.level`, criterion.label.fr]),
  ),
  ...Object.fromEntries(
    criteria.map((criterion) => [`grid.${criterion.id}.note`, `Note : ${criterion.label.fr}`]),
  ),
  decision: "Décision",
  comment: "Commentaire",
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
}) {
  const { mentor } = props;
  const answers = mentor.answers;
  const errors = props.errors ?? {};
  const values = props.values ?? valuesOf(mentor);
  const path = `/admin/mentors/${mentor.id}`;
  return (
    <AdminLayout
      title={`${Object.keys(errors).length ? "Erreur — " : ""}Mentor ${fullName(answers)}`}
      path={path}
      done={props.done}
    >
      <ErrorSummary lang="fr" errors={errors} labels={interviewLabels} />
      <h1>{fullName(answers)}</h1>
      <p>
        Vague {mentor.cohortId} — décision actuelle :{" "}
        <strong>{decisionLabels[mentor.status].fr}</strong>
        {mentor.interview
          ? ` (entretien enregistré le ${formatDateTime(mentor.interview.recordedAt)})`
          : ""}
      </p>
      <h2>Candidature</h2>
      <dl class="facts">
        <dt>Adresse</dt>
        <dd>{answers.email}</dd>
        <dt>Direction et fonction</dt>
        <dd>
          {answers.directorate} — {answers.role} (catégorie {answers.grade})
        </dd>
        <dt>Responsable</dt>
        <dd>{answers.managerEmail ?? "Non indiqué"}</dd>
        <dt>Site</dt>
        <dd>{answers.site ?? "Non indiqué"}</dd>
        <dt>Thèmes proposés</dt>
        <dd>
          {answers.themes
            .map(
              (item) =>
                `${labelOf(themes, item.theme)} : ${mentorLevels.find((level) => level.value === item.level)?.label.fr ?? item.level}`,
            )
            .join(" ; ")}
        </dd>
        <dt>Formats</dt>
        <dd>{answers.formats.map((format) => labelOf(formats, format)).join(", ")}</dd>
        <dt>Disponibilités</dt>
        <dd>
          {answers.availability.map((slot) => labelOf(availabilitySlots, slot)).join(", ")}
          {answers.availabilityNote ? ` — ${answers.availabilityNote}` : ""}
        </dd>
        <dt>Capacité</dt>
        <dd>
          {answers.capacity} cadre{answers.capacity > 1 ? "s" : ""} à la fois
        </dd>
        <dt>Motivation</dt>
        <dd>{answers.motivation}</dd>
      </dl>
      <h2>Grille d'entretien et décision</h2>
      <form method="post" action={`${path}/entretien`} novalidate>
        <RequiredNote lang="fr" />
        {criteria.map((criterion) => (
          <fieldset class="part">
            <legend>{criterion.label.fr}</legend>
            <ChoiceGroup
              name={`grid.${criterion.id}.level`}
              legend={`Niveau : ${criterion.label.fr}`}
              type="radio"
              required
              inline
              options={gridLevels.map((level) => ({
                value: String(level.value),
                label: `${level.value} — ${level.label.fr}`,
              }))}
              values={values}
              errors={errors}
              lang="fr"
            />
            <TextField
              name={`grid.${criterion.id}.note`}
              label={`Note : ${criterion.label.fr}`}
              multiline
              values={values}
              errors={errors}
              lang="fr"
            />
          </fieldset>
        ))}
        <ChoiceGroup
          name="decision"
          legend="Décision"
          hint="Le candidat reçoit un courriel pour chaque nouvelle décision, une seule fois."
          type="radio"
          required
          options={decisions.map((decision) => ({
            value: decision,
            label: decisionLabels[decision].fr,
          }))}
          values={values}
          errors={errors}
          lang="fr"
        />
        <TextField
          name="comment"
          label="Commentaire"
          multiline
          values={values}
          errors={errors}
          lang="fr"
        />
        <div class="actions">
          <button type="submit">Enregistrer l'entretien et la décision</button>
        </div>
      </form>
    </AdminLayout>
  );
}
