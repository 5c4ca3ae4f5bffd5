import type { Localised } from "#core/programme";
import { ErrorSummary, type FieldErrors } from "../form-kit";
import { type Lang, pageTitle, t } from "../i18n";
import { MessagePage } from "../layout";

/**
 * What a person reads when a request could not be served: a service away (503), a body that
 * cannot be read (400) or is in another charset (415). The same words serve the JSON API's
 * problem+json (in French), so a page and the API never tell two stories.
 */
export type WriteOutcome = "no" | "unknown";

export const problemMessages = {
  unavailableTitle: {
    fr: "Service momentanément indisponible",
    en: "Service temporarily unavailable",
  },
  /** A page was asked for; nothing was sent to be stored. */
  unavailableRead: {
    fr: "Un service dont ce site a besoin ne répond pas. Réessayez dans quelques instants.",
    en: "A service this site needs is not answering. Try again in a few moments.",
  },
  unavailableNotStored: {
    fr: "Un service dont ce site a besoin ne répond pas : votre envoi n'a pas été enregistré. Revenez à la page précédente et renvoyez-le dans quelques instants.",
    en: "A service this site needs is not answering: what you sent was not saved. Go back to the previous page and send it again in a few moments.",
  },
  unavailableUnknown: {
    fr: "Un service dont ce site a besoin ne répond pas : nous n'avons pas pu confirmer l'enregistrement de votre envoi. Revenez à la page précédente et renvoyez-le dans quelques instants : s'il avait été enregistré, il ne le sera pas une seconde fois.",
    en: "A service this site needs is not answering: we could not confirm that what you sent was saved. Go back to the previous page and send it again in a few moments: if it had been saved, it will not be saved twice.",
  },
  /** A form redisplayed with what the person typed: nothing to retype, only to send again. */
  unavailableFormNotStored: {
    fr: "Un service dont ce site a besoin ne répond pas : votre envoi n'a pas été enregistré. Vos réponses sont conservées ci-dessous : renvoyez-le dans quelques instants.",
    en: "A service this site needs is not answering: what you sent was not saved. Your answers are kept below: send it again in a few moments.",
  },
  unavailableFormUnknown: {
    fr: "Un service dont ce site a besoin ne répond pas : nous n'avons pas pu confirmer l'enregistrement de votre envoi. Vos réponses sont conservées ci-dessous : renvoyez-le dans quelques instants ; s'il avait été enregistré, il ne le sera pas une seconde fois.",
    en: "A service this site needs is not answering: we could not confirm that what you sent was saved. Your answers are kept below: send it again in a few moments; if it had been saved, it will not be saved twice.",
  },
  unreadableTitle: { fr: "Envoi illisible", en: "Unreadable submission" },
  unreadableForm: {
    fr: "Le formulaire envoyé n'a pas pu être lu. Revenez à la page précédente et envoyez-le à nouveau.",
    en: "The form that was sent could not be read. Go back to the previous page and send it again.",
  },
  unreadableJson: {
    fr: "La requête est illisible : vérifiez qu'il s'agit d'un JSON valide.",
    en: "The request cannot be read: check that it is valid JSON.",
  },
  refusedTitle: { fr: "Envoi refusé", en: "Submission refused" },
  /** The form was posted from another site (Hono's CSRF check). */
  refused: {
    fr: "Ce formulaire doit être envoyé depuis une page de ce site. Revenez à la page du formulaire, rechargez-la, puis envoyez-le à nouveau.",
    en: "This form must be sent from a page of this site. Go back to the form's page, reload it, then send it again.",
  },
  tooLargeTitle: { fr: "Envoi trop volumineux", en: "Submission too large" },
  tooLarge: {
    fr: "Ce que vous avez envoyé dépasse 64 Kio : il n'a pas été enregistré. Raccourcissez vos réponses, puis envoyez le formulaire à nouveau.",
    en: "What you sent is over 64 KiB: it was not saved. Shorten your answers, then send the form again.",
  },
  unexpectedTitle: { fr: "Erreur inattendue", en: "Unexpected error" },
  unexpected: {
    fr: "Une erreur inattendue s'est produite de notre côté. Réessayez dans quelques instants ; si elle se reproduit, écrivez à l'équipe d'animation.",
    en: "An unexpected error occurred on our side. Try again in a few moments; if it happens again, write to the programme team.",
  },
  charsetTitle: { fr: "Encodage non pris en charge", en: "Unsupported encoding" },
  charset: {
    fr: "Le corps de la requête doit être encodé en UTF-8.",
    en: "The request body must be encoded in UTF-8.",
  },
} satisfies Record<string, Localised>;

export function unavailableMessage(method: string, written: WriteOutcome): Localised {
  if (method === "GET" || method === "HEAD") return problemMessages.unavailableRead;
  return written === "no"
    ? problemMessages.unavailableNotStored
    : problemMessages.unavailableUnknown;
}

export function ProblemPage(props: {
  lang: Lang;
  path: string;
  title: Localised;
  body: Localised;
}) {
  return (
    <MessagePage
      lang={props.lang}
      path={props.path}
      title={t(props.lang, props.title)}
      body={t(props.lang, props.body)}
    />
  );
}

/**
 * At the top of a form shown again after a 503: what happened to the submission, in the place
 * of the error summary (announced and focused the same way, without JavaScript).
 */
export function UnavailableNotice(props: { lang: Lang; written: WriteOutcome }) {
  const body =
    props.written === "no"
      ? problemMessages.unavailableFormNotStored
      : problemMessages.unavailableFormUnknown;
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="service-indisponible"
      tabindex={-1}
      id="erreurs"
      autofocus
    >
      <h2 id="service-indisponible">{t(props.lang, problemMessages.unavailableTitle)}</h2>
      <p>{t(props.lang, body)}</p>
    </div>
  );
}

/** A form page's title: marked when it comes back with errors, or after a 503. */
export const formPageTitle = (
  lang: Lang,
  title: string,
  state: { hasErrors: boolean; unavailable?: WriteOutcome },
) =>
  state.unavailable
    ? `${t(lang, problemMessages.unavailableTitle)} — ${title}`
    : pageTitle(lang, title, state.hasErrors);

/** What heads a form shown again: the 503 notice, or else the summary of its errors. */
export function FormAlert(props: {
  lang: Lang;
  unavailable?: WriteOutcome;
  errors: FieldErrors;
  labels: Record<string, string>;
}) {
  return props.unavailable ? (
    <UnavailableNotice lang={props.lang} written={props.unavailable} />
  ) : (
    <ErrorSummary lang={props.lang} errors={props.errors} labels={props.labels} />
  );
}
