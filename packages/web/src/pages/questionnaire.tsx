import { levels, programme, questionnaire, themes } from "#core/programme";
import {
  ChoiceGroup,
  type FieldErrors,
  type FormValues,
  RequiredNote,
  SubmitButton,
  TextField,
} from "../form-kit";
import { type Lang, t } from "../i18n";
import { Layout } from "../layout";
import { ConsentField, IdentityFields, MeetingFields, personLabels } from "../person-fields";
import { FormAlert, formPageTitle, type WriteOutcome } from "./problems";

const labels = (lang: Lang): Record<string, string> => ({
  ...personLabels(lang),
  assistantEmail:
    lang === "fr" ? "Adresse de votre assistant ou assistante" : "Your assistant's email",
  comfort: lang === "fr" ? "Aisance avec les thèmes" : "Ease with the themes",
  priorityThemes: lang === "fr" ? "Thèmes prioritaires" : "Priority themes",
  goal: lang === "fr" ? "Votre objectif concret" : "Your concrete goal",
  ...Object.fromEntries(
    themes.map((theme) => [
      `comfort.${theme.id}`,
      `${lang === "fr" ? "Aisance\u00a0:" : "Ease:"} ${t(lang, theme.label)}`,
    ]),
  ),
});

const copy = {
  fr: {
    title: "Questionnaire de besoins",
    intro: `Trois questions, moins de trois minutes, pour que l'équipe ${programme.name} vous propose le bon mentor.`,
    you: "Vous",
    assistantHint: "Il ou elle sera en copie des messages d'organisation.",
    prioritiesHint: `Choisissez un à ${programme.maxPriorityThemes} thèmes.`,
    goalHint: "Par exemple : « créer mon compte LinkedIn ».",
    availabilityHint: "Par exemple : « pas le lundi », « plutôt en visio l'hiver ».",
    consent:
      "J'accepte que mes réponses soient utilisées pour former un binôme, comme l'explique la politique de confidentialité.",
  },
  en: {
    title: "Needs questionnaire",
    intro: `Three questions, under three minutes, so that the ${programme.name} team finds you the right mentor.`,
    you: "About you",
    assistantHint: "They will be copied on scheduling emails.",
    prioritiesHint: `Choose one to ${programme.maxPriorityThemes} themes.`,
    goalHint: "For example: “create my LinkedIn account”.",
    availabilityHint: "For example: “not on Mondays”, “rather by video in winter”.",
    consent: "I agree that my answers are used to form a pair, as the privacy notice explains.",
  },
};

export function QuestionnairePage(props: {
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
  return (
    <Layout
      lang={lang}
      title={formPageTitle(lang, text.title, { hasErrors, unavailable: props.unavailable })}
      path="/questionnaire"
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
        <form method="post" action={`/questionnaire${lang === "en" ? "?lang=en" : ""}`} novalidate>
          <fieldset class="part">
            <legend>{text.you}</legend>
            <IdentityFields {...common} />
            <TextField name="site" label={fieldLabels.site ?? ""} {...common} />
            <TextField
              name="assistantEmail"
              type="email"
              label={fieldLabels.assistantEmail ?? ""}
              hint={text.assistantHint}
              {...common}
            />
          </fieldset>

          <fieldset class="part" id="champ-comfort" tabindex={-1}>
            <legend>1. {t(lang, questionnaire.comfort)} *</legend>
            {themes.map((theme) => (
              <ChoiceGroup
                name={`comfort.${theme.id}`}
                legend={t(lang, theme.label)}
                type="radio"
                inline
                options={levels.map((level) => ({
                  value: String(level.value),
                  label: t(lang, level.label),
                }))}
                {...common}
              />
            ))}
          </fieldset>

          <fieldset class="part">
            <legend>2. {t(lang, questionnaire.priorities)}</legend>
            <ChoiceGroup
              name="priorityThemes"
              legend={fieldLabels.priorityThemes ?? ""}
              hint={text.prioritiesHint}
              type="checkbox"
              required
              options={themes.map((theme) => ({
                value: theme.id,
                label: `${t(lang, theme.label)} (${t(lang, theme.example)})`,
              }))}
              {...common}
            />
            <TextField
              name="goal"
              label={fieldLabels.goal ?? ""}
              hint={text.goalHint}
              required
              multiline
              {...common}
            />
          </fieldset>

          <fieldset class="part">
            <legend>3. {t(lang, questionnaire.meeting)}</legend>
            <MeetingFields availabilityHint={text.availabilityHint} {...common} />
          </fieldset>

          <ConsentField statement={text.consent} {...common} />
          <SubmitButton lang={lang} />
        </form>
      </div>
    </Layout>
  );
}
