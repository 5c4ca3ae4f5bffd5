import { grades } from "#core/mentor";
import { mentorLevels, programme, themes } from "#core/programme";
import {
  ChoiceGroup,
  errorId,
  FieldError,
  type FieldErrors,
  type FormValues,
  fieldId,
  RequiredNote,
  SelectField,
  SubmitButton,
  TextField,
} from "../form-kit";
import { type Lang, t } from "../i18n";
import { Layout } from "../layout";
import { ConsentField, IdentityFields, MeetingFields, personLabels } from "../person-fields";
import { FormAlert, formPageTitle, type WriteOutcome } from "./problems";

const labels = (lang: Lang): Record<string, string> => ({
  ...personLabels(lang),
  grade: lang === "fr" ? "Catégorie" : "Grade",
  managerEmail:
    lang === "fr" ? "Adresse de votre responsable hiérarchique" : "Your line manager's email",
  themes: lang === "fr" ? "Thèmes proposés" : "Themes offered",
  motivation: lang === "fr" ? "Motivation" : "Motivation",
  capacity: lang === "fr" ? "Nombre de cadres accompagnés à la fois" : "Managers coached at once",
  ...Object.fromEntries(
    themes.map((theme) => [
      `themes.${theme.id}`,
      `${lang === "fr" ? "Niveau\u00a0:" : "Level:"} ${t(lang, theme.label)}`,
    ]),
  ),
});

export const gradeLabels: Record<(typeof grades)[number], { fr: string; en: string }> = {
  "A+": { fr: "Catégorie A+", en: "Grade A+" },
  A: { fr: "Catégorie A", en: "Grade A" },
  B: { fr: "Catégorie B", en: "Grade B" },
  C: { fr: "Catégorie C", en: "Grade C" },
  contractuel: { fr: "Contractuel ou contractuelle", en: "Contract staff" },
  apprenti: { fr: "Apprenti, apprentie ou stagiaire", en: "Apprentice or intern" },
};

const copy = {
  fr: {
    title: "Devenir mentor",
    intro:
      "Vous êtes à l'aise avec le numérique et aimez transmettre ? Accompagnez un cadre dirigeant pendant quelques séances d'une heure. Toutes les catégories d'agents sont les bienvenues.",
    you: "Vous",
    offer: "Ce que vous proposez",
    managerHint: "Pour ne pas vous proposer un cadre de votre propre hiérarchie.",
    themesLegend: "Les thèmes que vous pouvez transmettre, et votre niveau",
    themesHint: "Choisissez un niveau pour au moins un thème.",
    notOffered: "Je ne propose pas ce thème",
    motivationHint: "Quelques phrases suffisent.",
    meeting: "Vos disponibilités",
    capacityHint: `Entre 1 et ${programme.maxMenteesPerMentor}.`,
    consent:
      "J'accepte que ma candidature soit utilisée pour la sélection et la formation des binômes, comme l'explique la politique de confidentialité.",
  },
  en: {
    title: "Become a mentor",
    intro:
      "At ease with digital tools and happy to share? Coach a senior manager over a few one-hour sessions. Agents of every grade are welcome.",
    you: "About you",
    offer: "What you offer",
    managerHint: "So that you are not paired with your own hierarchy.",
    themesLegend: "The themes you can teach, and your level",
    themesHint: "Choose a level for at least one theme.",
    notOffered: "I do not offer this theme",
    motivationHint: "A few sentences are enough.",
    meeting: "Your availability",
    capacityHint: `Between 1 and ${programme.maxMenteesPerMentor}.`,
    consent:
      "I agree that my application is used for selection and pairing, as the privacy notice explains.",
  },
};

export function MentorApplicationPage(props: {
  lang: Lang;
  values?: FormValues;
  errors?: FieldErrors;
  /** Shown again after a 503: what became of the submission (the values are what was typed). */
  unavailable?: WriteOutcome;
}) {
  const { lang } = props;
  const values = props.values ?? {};
  const errors = props.errors ?? {};
  const fieldLabels = labels(lang);
  const text = copy[lang];
  const common = { values, errors, lang };
  const hasErrors = Object.keys(errors).length > 0;
  const themesError = errors.themes;
  const label = (name: string) => fieldLabels[name] ?? name;
  return (
    <Layout
      lang={lang}
      title={formPageTitle(lang, text.title, { hasErrors, unavailable: props.unavailable })}
      path="/candidature"
    >
      <div class="narrow">
        <FormAlert
          lang={lang}
          unavailable={props.unavailable}
          errors={errors}
          labels={fieldLabels}
        />
        <h1>{text.title}</h1>
        <p class="lead">{text.intro}</p>
        <RequiredNote lang={lang} />
        <form method="post" action={`/candidature${lang === "en" ? "?lang=en" : ""}`} novalidate>
          <fieldset class="part">
            <legend>{text.you}</legend>
            <IdentityFields {...common} />
            <ChoiceGroup
              name="grade"
              legend={label("grade")}
              type="radio"
              required
              inline
              options={grades.map((grade) => ({
                value: grade,
                label: t(lang, gradeLabels[grade]),
              }))}
              {...common}
            />
            <TextField name="site" label={label("site")} {...common} />
            <TextField
              name="managerEmail"
              type="email"
              label={label("managerEmail")}
              hint={text.managerHint}
              {...common}
            />
          </fieldset>

          <fieldset class="part">
            <legend>{text.offer}</legend>
            <fieldset
              class={themesError ? "invalid" : undefined}
              id={fieldId("themes")}
              tabindex={-1}
              aria-invalid={themesError ? "true" : undefined}
              aria-describedby={`${fieldId("themes")}-aide${themesError ? ` ${errorId("themes")}` : ""}`}
            >
              <legend>{text.themesLegend} *</legend>
              <span class="hint" id={`${fieldId("themes")}-aide`}>
                {text.themesHint}
              </span>
              <FieldError name="themes" errors={errors} lang={lang} />
              {themes.map((theme) => (
                <SelectField
                  name={`themes.${theme.id}`}
                  label={t(lang, theme.label)}
                  marker={false}
                  options={[
                    { value: "0", label: text.notOffered },
                    ...mentorLevels.map((level) => ({
                      value: String(level.value),
                      label: t(lang, level.label),
                    })),
                  ]}
                  {...common}
                />
              ))}
            </fieldset>
            <TextField
              name="motivation"
              label={label("motivation")}
              hint={text.motivationHint}
              required
              multiline
              {...common}
            />
          </fieldset>

          <fieldset class="part">
            <legend>{text.meeting}</legend>
            <MeetingFields {...common} />
            <ChoiceGroup
              name="capacity"
              legend={label("capacity")}
              hint={text.capacityHint}
              type="radio"
              required
              inline
              options={Array.from({ length: programme.maxMenteesPerMentor }, (_, i) => ({
                value: String(i + 1),
                label: String(i + 1),
              }))}
              {...common}
            />
          </fieldset>

          <ConsentField statement={text.consent} {...common} />
          <SubmitButton lang={lang} />
        </form>
      </div>
    </Layout>
  );
}
