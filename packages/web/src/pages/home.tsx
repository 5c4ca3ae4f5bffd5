import { programme } from "#core/programme";
import type { Lang } from "../i18n";
import { Layout } from "../layout";

const copy = {
  fr: {
    title: "Le mentorat inversé",
    intro:
      "Un agent à l'aise avec le numérique accompagne un cadre dirigeant dans ses usages : réseaux sociaux professionnels, outils collaboratifs, intelligence artificielle, données.",
    steps: [
      [
        "Un questionnaire de 3 minutes",
        "Le cadre dit où il en est et ce qu'il souhaite apprendre.",
      ],
      [
        "Un entretien pour les mentors",
        "Les agents volontaires sont choisis pour leur maturité numérique et leur goût pour la transmission.",
      ],
      [
        "Un binôme accompagné",
        "Un appel de préparation, trois séances d'une heure, une pause de quelques mois, une séance de suivi puis un bilan.",
      ],
    ],
    manager: "Je suis cadre : je remplis le questionnaire",
    mentor: "Je suis agent : je deviens mentor",
  },
  en: {
    title: "Reverse mentoring",
    intro:
      "An agent at ease with digital tools coaches a senior manager: professional social networks, collaborative tools, artificial intelligence, data.",
    steps: [
      [
        "A 3-minute questionnaire",
        "The manager says where they stand and what they want to learn.",
      ],
      [
        "An interview for mentors",
        "Volunteer agents are selected for their digital maturity and their taste for teaching.",
      ],
      [
        "A supported pair",
        "A preparation call, three one-hour sessions, a pause of a few months, a follow-up session and a review.",
      ],
    ],
    manager: "I am a manager: fill in the questionnaire",
    mentor: "I am an agent: become a mentor",
  },
};

export function HomePage({ lang }: { lang: Lang }) {
  const text = copy[lang];
  return (
    <Layout lang={lang} title={text.title} path="/">
      <h1>
        {programme.name} — {text.title}
      </h1>
      <p>{text.intro}</p>
      <div class="cards">
        {text.steps.map(([title, body]) => (
          <section class="card">
            <h2>{title}</h2>
            <p>{body}</p>
          </section>
        ))}
      </div>
      <p>
        <a class="button" href="/questionnaire">
          {text.manager}
        </a>{" "}
        <a class="button secondary" href="/candidature">
          {text.mentor}
        </a>
      </p>
    </Layout>
  );
}
