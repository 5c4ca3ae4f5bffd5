import { grades } from "#core/mentor";
import { availabilitySlots, formats, mentorLevels, themes } from "#core/programme";
import {
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  fieldId,
  TextField,
} from "../form-kit";
import { type Lang, t, ui } from "../i18n";
import { Layout } from "../layout";

const labels = (lang: Lang) => ({
  firstName: lang === "fr" ? "Prénom" : "First name",
  lastName: lang === "fr" ? "Nom" : "Last name",
  email: lang === "fr" ? "Adresse électronique professionnelle" : "Work email address",
  directorate: lang === "fr" ? "Direction ou service" : "Directorate or department",
  role: lang === "fr" ? "Fonction" : "Role",
  grade: lang === "fr" ? "Catégorie" : "Grade",
  site: lang === "fr" ? "Site ou ville de travail" : "Work site or city",
  managerEmail:
    lang === "fr" ? "Adresse de votre responsable hiérarchique" : "Your line manager's email",
  themes: lang === "fr" ? "Thèmes proposés" : "Themes offered",
  motivation: lang === "fr" ? "Motivation" : "Motivation",
  formats: lang === "fr" ? "Façons de se rencontrer" : "Ways to meet",
  availability: lang === "fr" ? "Disponibilités" : "Availability",
  availabilityNote:
    lang === "fr" ? "Précisions sur vos disponibilités" : "More about your availability",
  capacity: lang === "fr" ? "Nombre de cadres accompagnés à la fois" : "Managers coached at once",
  consent: lang === "fr" ? "Politique de confidentialité" : "Privacy notice",
});

const gradeLabels: Record<(typeof grades)[number], { fr: string; en: string }> = {
  "A+": { fr: "Catégorie A+", en: "Grade A+" },
  A: { fr: "Catégorie A", en: "Grade A" },
  B: { fr: "Catégorie B", en: "Grade B" },
  C: { fr: "Catégorie C", en: "Grade C" },
  contractuel: { fr: "Contractuel ou contractuelle", en: "Contract staff" },
  apprenti: { fr: "Apprenti, apprentie ou stagiaire", en: "Apprentice or intern" },
};

export function MentorApplicationPage(props: {
  lang: Lang;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { lang } = props;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const fieldLabels = labels(lang);
  const common = { values, errors, lang };
  const title = lang === "fr" ? "Devenir mentor" : "Become a mentor";
  const themesError = errors.themes;
  return (
    <Layout
      lang={lang}
      title={
        Object.keys(errors).length ? `${lang === "fr" ? "Erreur" : "Error"} — ${title}` : title
      }
      path="/candidature"
    >
      <h1>{title}</h1>
      <p>
        {lang === "fr"
          ? "Vous êtes à l'aise avec le numérique et aimez transmettre ? Accompagnez un cadre dirigeant pendant quelques séances d'une heure."
          : "At ease with digital tools and happy to share? Coach a senior manager over a few one-hour sessions."}
      </p>
      <ErrorSummary lang={lang} errors={errors} labels={fieldLabels} />
      <p class="hint">{t(lang, ui.required)}</p>
      <form method="post" action={`/candidature${lang === "en" ? "?lang=en" : ""}`} novalidate>
        <fieldset>
          <legend>{lang === "fr" ? "Vous" : "About you"}</legend>
          <TextField
            name="firstName"
            label={fieldLabels.firstName}
            required
            autocomplete="given-name"
            {...common}
          />
          <TextField
            name="lastName"
            label={fieldLabels.lastName}
            required
            autocomplete="family-name"
            {...common}
          />
          <TextField
            name="email"
            type="email"
            label={fieldLabels.email}
            required
            autocomplete="email"
            {...common}
          />
          <TextField
            name="directorate"
            label={fieldLabels.directorate}
            required
            autocomplete="organization"
            {...common}
          />
          <TextField
            name="role"
            label={fieldLabels.role}
            required
            autocomplete="organization-title"
            {...common}
          />
          <ChoiceGroup
            name="grade"
            legend={fieldLabels.grade}
            type="radio"
            required
            options={grades.map((grade) => ({ value: grade, label: t(lang, gradeLabels[grade]) }))}
            values={values}
            errors={errors}
          />
          <TextField name="site" label={fieldLabels.site} {...common} />
          <TextField
            name="managerEmail"
            type="email"
            label={fieldLabels.managerEmail}
            hint={
              lang === "fr"
                ? "Pour ne pas vous proposer un cadre de votre propre hiérarchie."
                : "So that you are not paired with your own hierarchy."
            }
            {...common}
          />
        </fieldset>

        <fieldset
          id={fieldId("themes")}
          tabindex={-1}
          aria-invalid={themesError ? "true" : undefined}
          aria-describedby={themesError ? `${fieldId("themes")}-erreur` : undefined}
        >
          <legend>
            {lang === "fr"
              ? "Les thèmes que vous pouvez transmettre, et votre niveau"
              : "The themes you can teach, and your level"}{" "}
            *
          </legend>
          {themesError ? (
            <span class="error" id={`${fieldId("themes")}-erreur`}>
              {themesError}
            </span>
          ) : null}
          {themes.map((theme) => {
            const name = `themes.${theme.id}`;
            const current = typeof values[name] === "string" ? values[name] : "0";
            return (
              <div class="field">
                <label for={fieldId(name)}>{t(lang, theme.label)}</label>
                <select id={fieldId(name)} name={name}>
                  <option value="0" selected={current === "0"}>
                    {lang === "fr" ? "Je ne propose pas ce thème" : "I do not offer this theme"}
                  </option>
                  {mentorLevels.map((level) => (
                    <option value={String(level.value)} selected={current === String(level.value)}>
                      {t(lang, level.label)}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </fieldset>

        <TextField
          name="motivation"
          label={fieldLabels.motivation}
          required
          multiline
          {...common}
        />
        <ChoiceGroup
          name="formats"
          legend={fieldLabels.formats}
          type="checkbox"
          required
          options={formats.map((format) => ({ value: format.id, label: t(lang, format.label) }))}
          values={values}
          errors={errors}
        />
        <ChoiceGroup
          name="availability"
          legend={fieldLabels.availability}
          type="checkbox"
          required
          options={availabilitySlots.map((slot) => ({
            value: slot.id,
            label: t(lang, slot.label),
          }))}
          values={values}
          errors={errors}
        />
        <TextField
          name="availabilityNote"
          label={fieldLabels.availabilityNote}
          multiline
          {...common}
        />
        <ChoiceGroup
          name="capacity"
          legend={fieldLabels.capacity}
          type="radio"
          required
          options={["1", "2", "3"].map((value) => ({ value, label: value }))}
          values={values}
          errors={errors}
        />
        <ChoiceGroup
          name="consent"
          legend={fieldLabels.consent}
          type="checkbox"
          required
          options={[
            {
              value: "on",
              label:
                lang === "fr"
                  ? "J'accepte que ma candidature soit utilisée pour la sélection et la formation des binômes, comme l'explique la politique de confidentialité."
                  : "I agree that my application is used for selection and pairing, as the privacy notice explains.",
            },
          ]}
          values={values}
          errors={errors}
        />
        <p>
          <a href="/confidentialite">
            {lang === "fr" ? "Lire la politique de confidentialité" : "Read the privacy notice"}
          </a>
        </p>
        <button type="submit">{t(lang, ui.send)}</button>
      </form>
    </Layout>
  );
}
