import type { Localised } from "#core/programme";
import { type FieldErrors, type FormValues, TextField } from "./form-kit";
import { type Lang, t } from "./i18n";
import { Layout } from "./layout";
import { FormAlert, formPageTitle, type WriteOutcome } from "./pages/problems";

/**
 * The two pages of a link sent to an address the person types (their data, their pair's page):
 * the form that asks for the address, and the answer after it, which reads the same whether the
 * address is known or not.
 */
export type AddressLinkCopy = {
  title: Localised;
  intro: Localised;
  send: Localised;
  sentBody: Localised;
  contact: Localised;
};

const common = {
  email: { fr: "Adresse électronique", en: "Email address" },
  sentTitle: { fr: "Consultez votre messagerie", en: "Check your inbox" },
};

export function AskForLinkPage(props: {
  lang: Lang;
  path: string;
  copy: AddressLinkCopy;
  values?: FormValues;
  errors?: FieldErrors;
  /**
   * Shown again after a 503, the address kept. The notice depends only on what was written, and
   * the same writes are made for any address: it never tells whether the address is known.
   */
  unavailable?: WriteOutcome;
}) {
  const { lang, path, copy, unavailable, values = {}, errors = {} } = props;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout
      lang={lang}
      title={formPageTitle(lang, t(lang, copy.title), { hasErrors, unavailable })}
      path={path}
    >
      <h1>{t(lang, copy.title)}</h1>
      <p>{t(lang, copy.intro)}</p>
      <FormAlert
        lang={lang}
        unavailable={unavailable}
        errors={errors}
        labels={{ email: t(lang, common.email) }}
      />
      <form method="post" action={`${path}?lang=${lang}`} novalidate>
        <TextField
          name="email"
          label={t(lang, common.email)}
          type="email"
          required
          autocomplete="email"
          values={values}
          errors={errors}
          lang={lang}
        />
        <div class="actions">
          <button type="submit">{t(lang, copy.send)}</button>
        </div>
      </form>
      <p>{t(lang, copy.contact)}</p>
    </Layout>
  );
}

export function LinkSentPage(props: { lang: Lang; path: string; copy: AddressLinkCopy }) {
  const { lang, path, copy } = props;
  return (
    <Layout lang={lang} title={t(lang, common.sentTitle)} path={path}>
      <h1>{t(lang, common.sentTitle)}</h1>
      <p>{t(lang, copy.sentBody)}</p>
      <p>{t(lang, copy.contact)}</p>
    </Layout>
  );
}
