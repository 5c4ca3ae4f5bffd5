import type { Holdings } from "#core/privacy";
import { programme } from "#core/programme";
import { AskForLinkPage, LinkSentPage } from "../address-link-pages";
import { ErrorSummary, type FieldErrors, type FormValues, TextField } from "../form-kit";
import { HoldingsView } from "../holdings-view";
import { type Lang, localiseMessage, pageTitle, t } from "../i18n";
import { Layout } from "../layout";

/**
 * A person's own data, under the GDPR: they give their address and receive a link there; the link
 * shows what is held, lets them download it, and ask for a correction or for erasure. The page
 * after asking says the same thing whether the address is known or not.
 */

const copy = {
  askTitle: { fr: "Vos données personnelles", en: "Your personal data" },
  askIntro: {
    fr: "Indiquez l'adresse électronique que vous avez donnée au programme. Nous y envoyons un lien, valable sept jours, pour voir et télécharger vos données, demander leur correction ou leur effacement. Le lien n'est envoyé qu'à cette adresse.",
    en: "Give the email address you gave the programme. We send a link there, valid for seven days, to see and download your data and ask for its correction or erasure. The link is sent to that address only.",
  },
  send: { fr: "Recevoir le lien", en: "Send me the link" },
  sentBody: {
    fr: "Si cette adresse est bien la vôtre, un message vient d'y partir avec votre lien. Il peut mettre quelques minutes à arriver ; pensez à regarder dans les indésirables. Un seul lien est envoyé toutes les dix minutes.",
    en: "If this address is yours, a message with your link is on its way to it. It may take a few minutes; check your spam folder too. Only one link is sent every ten minutes.",
  },
  dataTitle: { fr: "Les données que nous détenons sur vous", en: "The data we hold about you" },
  dataIntro: {
    fr: "Voici tout ce que le programme enregistre à votre sujet. Le fichier à télécharger contient chaque enregistrement tel qu'il est conservé.",
    en: "Here is everything the programme records about you. The file to download holds each record as it is stored.",
  },
  download: { fr: "Télécharger mes données (fichier JSON)", en: "Download my data (JSON file)" },
  correctTitle: { fr: "Demander une correction", en: "Ask for a correction" },
  correctLabel: {
    fr: "Quelle information est inexacte, et que faut-il écrire à la place ?",
    en: "Which information is wrong, and what should it say?",
  },
  correctSend: { fr: "Envoyer ma demande de correction", en: "Send my correction request" },
  eraseTitle: { fr: "Demander l'effacement", en: "Ask for erasure" },
  eraseIntro: {
    fr: "L'effacement est définitif. Si vous êtes dans un binôme en cours, il prend fin et l'autre personne en est informée. Les chiffres du programme gardent votre participation, sans rien qui permette de vous reconnaître.",
    en: "Erasure is final. If you are in a running pair, it ends and the other person is told. The programme's figures keep your participation, with nothing that could identify you.",
  },
  eraseConfirm: {
    fr: "Je demande l'effacement de toutes mes données",
    en: "I ask for all my data to be erased",
  },
  eraseSend: { fr: "Demander l'effacement", en: "Ask for erasure" },
  requestTitle: { fr: "Votre demande est enregistrée", en: "Your request is recorded" },
  requestBody: {
    fr: "L'équipe d'animation y répondra dans un délai d'un mois au plus, comme le prévoit le RGPD. Un message de confirmation vient de vous être envoyé.",
    en: "The programme team will answer within one month at most, as the GDPR requires. A confirmation email is on its way.",
  },
  invalidTitle: { fr: "Ce lien ne fonctionne plus", en: "This link no longer works" },
  invalidBody: {
    fr: "Il a expiré, a été modifié ou vos données ont été effacées. Vous pouvez demander un nouveau lien.",
    en: "It expired, was altered or your data was erased. You can ask for a new link.",
  },
  askAgain: { fr: "Demander un nouveau lien", en: "Ask for a new link" },
  contact: {
    fr: `Pour toute question : ${programme.contactEmail}.`,
    en: `For any question: ${programme.contactEmail}.`,
  },
} as const;

export const myDataPath = "/mes-donnees";

const askCopy = {
  title: copy.askTitle,
  intro: copy.askIntro,
  send: copy.send,
  sentBody: copy.sentBody,
  contact: copy.contact,
};

export function MyDataRequestPage(props: {
  lang: Lang;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  return <AskForLinkPage {...props} path={myDataPath} copy={askCopy} />;
}

export function MyDataSentPage({ lang }: { lang: Lang }) {
  return <LinkSentPage lang={lang} path={myDataPath} copy={askCopy} />;
}

export function MyDataPage(props: {
  lang: Lang;
  token: string;
  holdings: Holdings;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { lang, token, holdings, values = {}, errors = {} } = props;
  const base = `${myDataPath}/${token}`;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout lang={lang} title={pageTitle(lang, t(lang, copy.dataTitle), hasErrors)} path={base}>
      <h1>{t(lang, copy.dataTitle)}</h1>
      <ErrorSummary
        errors={errors}
        lang={lang}
        labels={{ detail: t(lang, copy.correctLabel), confirm: t(lang, copy.eraseConfirm) }}
      />
      <p>{t(lang, copy.dataIntro)}</p>
      <p>
        <a href={`${base}/donnees.json`} download="mes-donnees.json">
          {t(lang, copy.download)}
        </a>
      </p>
      <HoldingsView holdings={holdings} lang={lang} />
      {holdings.items.length ? (
        <>
          <section>
            <h2>{t(lang, copy.correctTitle)}</h2>
            <form method="post" action={`${base}/correction?lang=${lang}`} novalidate>
              <TextField
                name="detail"
                label={t(lang, copy.correctLabel)}
                multiline
                required
                values={values}
                errors={errors}
                lang={lang}
              />
              <div class="actions">
                <button type="submit">{t(lang, copy.correctSend)}</button>
              </div>
            </form>
          </section>
          <section>
            <h2>{t(lang, copy.eraseTitle)}</h2>
            <p>{t(lang, copy.eraseIntro)}</p>
            <form method="post" action={`${base}/effacement?lang=${lang}`} novalidate>
              <div class={errors.confirm ? "field invalid" : "field"}>
                {errors.confirm ? (
                  <p class="error-message" id="champ-confirm-erreur">
                    {localiseMessage(lang, errors.confirm)}
                  </p>
                ) : null}
                <div class="choice">
                  <input
                    type="checkbox"
                    id="champ-confirm"
                    name="confirm"
                    value="oui"
                    aria-invalid={errors.confirm ? "true" : undefined}
                    aria-describedby={errors.confirm ? "champ-confirm-erreur" : undefined}
                  />
                  <label for="champ-confirm">{t(lang, copy.eraseConfirm)}</label>
                </div>
              </div>
              <div class="actions">
                <button type="submit">{t(lang, copy.eraseSend)}</button>
              </div>
            </form>
          </section>
        </>
      ) : null}
      <p>{t(lang, copy.contact)}</p>
    </Layout>
  );
}

export function MyDataRequestRecordedPage({ lang, token }: { lang: Lang; token: string }) {
  return (
    <Layout lang={lang} title={t(lang, copy.requestTitle)} path={`${myDataPath}/${token}`}>
      <h1>{t(lang, copy.requestTitle)}</h1>
      <p>{t(lang, copy.requestBody)}</p>
      <p>{t(lang, copy.contact)}</p>
    </Layout>
  );
}

export function MyDataInvalidLinkPage({ lang }: { lang: Lang }) {
  return (
    <Layout lang={lang} title={t(lang, copy.invalidTitle)} path={myDataPath}>
      <h1>{t(lang, copy.invalidTitle)}</h1>
      <p>{t(lang, copy.invalidBody)}</p>
      <p>
        <a href={`${myDataPath}?lang=${lang}`}>{t(lang, copy.askAgain)}</a>
      </p>
    </Layout>
  );
}
