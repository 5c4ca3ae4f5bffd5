import { programme } from "#core/programme";
import { type Lang, t, ui } from "../i18n";
import { Layout } from "../layout";

type Kind = "questionnaire" | "mentor";

const copy: Record<Kind, Record<Lang, Record<"created" | "updated", [string, string]>>> = {
  questionnaire: {
    fr: {
      created: [
        "Merci, votre questionnaire est bien enregistré",
        "Un message de confirmation vient de vous être envoyé. L'équipe d'animation vous proposera un binôme.",
      ],
      updated: [
        "Vos réponses ont été mises à jour",
        "Nous avions déjà un questionnaire à votre adresse : il tient compte de vos nouvelles réponses.",
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
        "Nous avions déjà une candidature à votre adresse : elle tient compte de vos nouvelles réponses.",
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

const next: Record<Kind, Record<Lang, { title: string; steps: string[] }>> = {
  questionnaire: {
    fr: {
      title: "Et ensuite ?",
      steps: [
        "L'équipe d'animation vous propose un mentor selon vos thèmes et vos disponibilités.",
        "Vous recevez un message de présentation ; votre mentor vous propose un appel de préparation.",
        "Pour modifier vos réponses, remplissez à nouveau le questionnaire avec la même adresse.",
      ],
    },
    en: {
      title: "What happens next?",
      steps: [
        "The programme team pairs you with a mentor according to your themes and availability.",
        "You receive an introduction email; your mentor proposes a preparation call.",
        "To change your answers, fill in the questionnaire again with the same address.",
      ],
    },
  },
  mentor: {
    fr: {
      title: "Et ensuite ?",
      steps: [
        "L'équipe d'animation vous propose un court entretien pour faire connaissance.",
        "Une fois sélectionné, vous êtes présenté à un cadre dont les besoins correspondent à vos thèmes.",
        "Pour modifier votre candidature, remplissez à nouveau le formulaire avec la même adresse.",
      ],
    },
    en: {
      title: "What happens next?",
      steps: [
        "The programme team invites you to a short interview to get to know you.",
        "Once selected, you are introduced to a manager whose needs match your themes.",
        "To change your application, fill in the form again with the same address.",
      ],
    },
  },
};

export function ConfirmationPage(props: {
  lang: Lang;
  kind: Kind;
  status: "created" | "updated";
  path: string;
}) {
  const { lang } = props;
  const [title, body] = copy[props.kind][lang][props.status];
  const then = next[props.kind][lang];
  return (
    <Layout lang={lang} title={title} path={props.path}>
      <div class="narrow">
        <div class="notice success" role="status">
          <h1>{title}</h1>
          <p>{body}</p>
        </div>
        <h2>{then.title}</h2>
        <ol class="prose">
          {then.steps.map((step) => (
            <li>{step}</li>
          ))}
        </ol>
        <p>
          {lang === "fr" ? "Une question ? Écrivez à " : "A question? Write to "}
          <a href={`mailto:${programme.contactEmail}`}>{programme.contactEmail}</a>.
        </p>
        <p>
          <a href="/">{t(lang, ui.backHome)}</a>
        </p>
      </div>
    </Layout>
  );
}
