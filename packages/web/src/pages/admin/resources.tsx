import { type Localised, themes } from "#core/programme";
import type { Resource } from "#core/resources";
import { formatHours } from "#core/words";
import {
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RequiredNote,
  SelectField,
  TextField,
} from "../../form-kit";
import { type Lang, t } from "../../i18n";
import { AdminLayout, inLanguage } from "./parts";

/** The programme's library of resources, per theme: what it holds, and a form to add one. */

const words = {
  title: { fr: "Ressources", en: "Resources" },
  intro: {
    fr: "Vidéos, guides et trames pour les mentors, par thème. Les courriels d'un binôme renvoient chacun vers les ressources des thèmes du binôme ; les trames ne sont montrées qu'aux mentors.",
    en: "Videos, guides and modules for mentors, by theme. A pair's emails point each participant to the resources of the pair's themes; modules are shown to mentors only.",
  },
  none: { fr: "Aucune ressource pour ce thème.", en: "No resource for this theme." },
  add: { fr: "Ajouter une ressource", en: "Add a resource" },
  remove: { fr: "Retirer", en: "Remove" },
  theme: { fr: "Thème", en: "Theme" },
  name: { fr: "Titre", en: "Title" },
  url: { fr: "Adresse (https://…)", en: "Address (https://…)" },
  description: { fr: "Description en une phrase", en: "One-sentence description" },
  duration: { fr: "Durée, en minutes", en: "Duration, in minutes" },
  audience: { fr: "Pour qui", en: "For whom" },
  everyone: { fr: "Tout le monde", en: "Everyone" },
  mentors: { fr: "Les mentors (trame)", en: "Mentors (module)" },
  forMentors: { fr: "trame pour les mentors", en: "module for mentors" },
  save: { fr: "Ajouter", en: "Add" },
} satisfies Record<string, Localised>;

export const resourceLabels = (lang: Lang): Record<string, string> => ({
  theme: t(lang, words.theme),
  title: t(lang, words.name),
  url: t(lang, words.url),
  description: t(lang, words.description),
  durationMinutes: t(lang, words.duration),
  audience: t(lang, words.audience),
});

export function ResourcesPage(props: {
  resources: Resource[];
  lang: Lang;
  done?: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { resources, lang, values = { audience: "everyone" }, errors = {} } = props;
  return (
    <AdminLayout
      lang={lang}
      title={t(lang, words.title)}
      path="/admin/ressources"
      done={props.done}
    >
      <h1>{t(lang, words.title)}</h1>
      <ErrorSummary errors={errors} lang={lang} labels={resourceLabels(lang)} />
      <p>{t(lang, words.intro)}</p>
      {themes.map((theme) => {
        const ofTheme = resources.filter((resource) => resource.theme === theme.id);
        return (
          <section>
            <h2>{t(lang, theme.label)}</h2>
            {ofTheme.length === 0 ? (
              <p>{t(lang, words.none)}</p>
            ) : (
              <ul>
                {ofTheme.map((resource) => (
                  <li>
                    <a href={resource.url}>{resource.title}</a> (
                    {t(lang, formatHours(resource.durationMinutes / 60))}
                    {resource.audience === "mentors" ? `, ${t(lang, words.forMentors)}` : ""}) —{" "}
                    {resource.description}{" "}
                    <form
                      method="post"
                      action={inLanguage(`/admin/ressources/${resource.id}/retirer`, lang)}
                      class="actions"
                    >
                      <button type="submit" class="secondary">
                        {t(lang, words.remove)}
                        <span class="visually-hidden"> {resource.title}</span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <section>
        <h2>{t(lang, words.add)}</h2>
        <RequiredNote lang={lang} />
        <form method="post" action={inLanguage("/admin/ressources", lang)} novalidate>
          <SelectField
            name="theme"
            label={t(lang, words.theme)}
            options={themes.map((theme) => ({ value: theme.id, label: t(lang, theme.label) }))}
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="title"
            label={t(lang, words.name)}
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="url"
            label={t(lang, words.url)}
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="description"
            label={t(lang, words.description)}
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="durationMinutes"
            label={t(lang, words.duration)}
            inputmode="numeric"
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <ChoiceGroup
            name="audience"
            legend={t(lang, words.audience)}
            type="radio"
            options={[
              { value: "everyone", label: t(lang, words.everyone) },
              { value: "mentors", label: t(lang, words.mentors) },
            ]}
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <div class="actions">
            <button type="submit">{t(lang, words.save)}</button>
          </div>
        </form>
      </section>
    </AdminLayout>
  );
}
