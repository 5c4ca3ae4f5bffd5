import type { Lang } from "../i18n";
import { Layout } from "../layout";

const copy: Record<
  "questionnaire" | "mentor",
  Record<Lang, Record<"created" | "updated", [string, string]>>
> = {
  questionnaire: {
    fr: {
      created: [
        "Merci, votre questionnaire est bien enregistré",
        "Un message de confirmation vient de vous être envoyé. L'équipe d'animation vous proposera un binôme.",
      ],
      updated: [
        "Vos réponses ont été mises à jour",
        "Nous avions déjà un questionnaire à votre adresse : il tient compte de vos nouvelles réponses.",
      ],
    },
    en: {
      created: [
        "Thank you, your questionnaire is saved",
        "A confirmation email is on its way. The programme team will pair you with a mentor.",
      ],
      updated: [
        "Your answers have been updated",
        "We already had a questionnaire for your address: it now holds your new answers.",
      ],
    },
  },
  mentor: {
    fr: {
      created: [
        "Merci, votre candidature est bien enregistrée",
        "Un message de confirmation vient de vous être envoyé. L'équipe d'animation vous proposera un entretien.",
      ],
      updated: [
        "Votre candidature a été mise à jour",
        "Nous avions déjà une candidature à votre adresse : elle tient compte de vos nouvelles réponses.",
      ],
    },
    en: {
      created: [
        "Thank you, your application is saved",
        "A confirmation email is on its way. The programme team will invite you to an interview.",
      ],
      updated: [
        "Your application has been updated",
        "We already had an application for your address: it now holds your new answers.",
      ],
    },
  },
};

export function ConfirmationPage(props: {
  lang: Lang;
  kind: "questionnaire" | "mentor";
  status: "created" | "updated";
  path: string;
}) {
  const [title, body] = copy[props.kind][props.lang][props.status];
  return (
    <Layout lang={props.lang} title={title} path={props.path}>
      <div class="notice" role="status">
        <h1>{title}</h1>
        <p>{body}</p>
      </div>
      <p>
        <a href="/">{props.lang === "fr" ? "Retour à l'accueil" : "Back to home"}</a>
      </p>
    </Layout>
  );
}
