import {
  availabilitySlots,
  formats,
  levels,
  programme,
  questionnaire,
  themes,
} from "#core/programme";
import {
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
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
  site: lang === "fr" ? "Site ou ville de travail" : "Work site or city",
  assistantEmail:
    lang === "fr" ? "Adresse de votre assistant ou assistante" : "Your assistant's email",
  priorityThemes: lang === "fr" ? "Thèmes prioritaires" : "Priority themes",
  goal: lang === "fr" ? "Votre objectif concret" : "Your concrete goal",
  formats: lang === "fr" ? "Façons de se rencontrer" : "Ways to meet",
  availability: lang === "fr" ? "Disponibilités" : "Availability",
  availabilityNote:
    lang === "fr" ? "Précisions sur vos disponibilités" : "More about your availability",
  consent: lang === "fr" ? "Politique de confidentialité" : "Privacy notice",
  ...Object.fromEntries(
    themes.map((theme) => [
      `comfort.${theme.id}`,
      `${lang === "fr" ? "Aisance" : "Ease"} : ${t(lang, theme.label)}`,
    ]),
  ),
});

export function QuestionnairePage(props: {
  lang: Lang;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { lang } = props;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const fieldLabels = labels(lang);
  const common = { values, errors, lang };
  const title = lang === "fr" ? "Questionnaire de besoins" : "Needs questionnaire";
  return (
    <Layout
      lang={lang}
      title={
        Object.keys(errors).length ? `${lang === "fr" ? "Erreur" : "Error"} — ${title}` : title
      }
      path="/questionnaire"
    >
      <h1>{title}</h1>
      <p>
        {lang === "fr"
          ? `Trois questions, moins de trois minutes, pour que l'équipe ${programme.name} vous propose le bon mentor.`
          : `Three questions, under three minutes, so that the ${programme.name} team finds you the right mentor.`}
      </p>
      <ErrorSummary lang={lang} errors={errors} labels={fieldLabels} />
      <p class="hint">{t(lang, ui.required)}</p>
      <form method="post" action={`/questionnaire${lang === "en" ? "?lang=en" : ""}`} novalidate>
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
          <TextField name="site" label={fieldLabels.site} {...common} />
          <TextField
            name="assistantEmail"
            type="email"
            label={fieldLabels.assistantEmail}
            hint={
              lang === "fr"
                ? "Il ou elle sera en copie des messages d'organisation."
                : "They will be copied on scheduling emails."
            }
            {...common}
          />
        </fieldset>

        <fieldset>
          <legend>1. {t(lang, questionnaire.comfort)} *</legend>
          {themes.map((theme) => (
            <ChoiceGroup
              name={`comfort.${theme.id}`}
              legend={t(lang, theme.label)}
              type="radio"
              options={levels.map((level) => ({
                value: String(level.value),
                label: t(lang, level.label),
              }))}
              values={values}
              errors={errors}
            />
          ))}
        </fieldset>

        <ChoiceGroup
          name="priorityThemes"
          legend={`2. ${t(lang, questionnaire.priorities)}`}
          hint={lang === "fr" ? "Choisissez un à trois thèmes." : "Choose one to three themes."}
          type="checkbox"
          required
          options={themes.map((theme) => ({
            value: theme.id,
            label: `${t(lang, theme.label)} (${t(lang, theme.example)})`,
          }))}
          values={values}
          errors={errors}
        />
        <TextField
          name="goal"
          label={fieldLabels.goal}
          hint={
            lang === "fr"
              ? "Par exemple : « créer mon compte LinkedIn »."
              : "For example: “create my LinkedIn account”."
          }
          required
          multiline
          {...common}
        />

        <ChoiceGroup
          name="formats"
          legend={`3. ${t(lang, questionnaire.meeting)}`}
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
          name="consent"
          legend={fieldLabels.consent}
          type="checkbox"
          required
          options={[
            {
              value: "on",
              label:
                lang === "fr"
                  ? "J'accepte que mes réponses soient utilisées pour former un binôme, comme l'explique la politique de confidentialité."
                  : "I agree that my answers are used to form a pair, as the privacy notice explains.",
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
