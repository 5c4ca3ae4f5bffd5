import { programme } from "#core/programme";
import type { Lang } from "../i18n";
import { Layout } from "../layout";

const copy = {
  fr: {
    title: "Le mentorat inversé",
    intro:
      "Un agent à l'aise avec le numérique accompagne un cadre dirigeant dans ses usages : réseaux sociaux professionnels, outils collaboratifs, intelligence artificielle, données.",
    managerTitle: "Vous êtes cadre",
    managerBody:
      "Dites en trois minutes où vous en êtes et ce que vous souhaitez apprendre : l'équipe d'animation vous propose un mentor.",
    manager: "Remplir le questionnaire",
    mentorTitle: "Vous êtes agent",
    mentorBody:
      "Vous aimez transmettre ? Portez-vous volontaire : un court entretien, puis quelques séances d'une heure avec un cadre.",
    mentor: "Devenir mentor",
    headTitle: "Vous dirigez un service",
    headBody:
      "Deux mentors animent pour vos cadres ou votre comité de direction un atelier collectif : découvrir ce qu'une technologie ouvre et prendre position ensemble.",
    head: "Demander un atelier",
    barnumBody:
      "Une question, un logiciel à essayer, un blocage ? Les BarNum' sont ouverts à tous les agents, sans inscription obligatoire.",
    barnum: "Voir les prochains BarNum'",
    howTitle: "Comment se déroule un binôme",
    steps: [
      [
        "Un appel de préparation",
        "Le mentor et le cadre fixent ensemble les objectifs et le rythme.",
      ],
      [
        `${programme.defaults.sessions} séances d'une heure`,
        "Sur site, en visio ou par téléphone, planifiées en quelques clics depuis un lien reçu par courriel.",
      ],
      [
        `Une pause de ${programme.defaults.pauseMonths} mois`,
        "Le temps de mettre en pratique ce qui a été appris.",
      ],
      ["Une séance de suivi et un bilan", "Pour mesurer le chemin parcouru et remercier chacun."],
    ],
    privacy:
      "Vos réponses servent uniquement à former les binômes et à suivre le programme. Elles ne sont jamais transmises à des tiers.",
    privacyLink: "En savoir plus sur vos données",
  },
  en: {
    title: "Reverse mentoring",
    intro:
      "An agent at ease with digital tools coaches a senior manager: professional social networks, collaborative tools, artificial intelligence, data.",
    managerTitle: "You are a manager",
    managerBody:
      "Tell us in three minutes where you stand and what you want to learn: the programme team finds you a mentor.",
    manager: "Fill in the questionnaire",
    mentorTitle: "You are an agent",
    mentorBody:
      "Happy to share what you know? Volunteer: a short interview, then a few one-hour sessions with a manager.",
    mentor: "Become a mentor",
    headTitle: "You head a service",
    headBody:
      "Two mentors lead a collective workshop for your managers or your executive committee: discover what a technology opens up and take a position together.",
    head: "Ask for a workshop",
    barnumBody:
      "A question, some software to try, stuck? BarNum' drop-ins are open to every agent, no registration required.",
    barnum: "See the coming BarNum'",
    howTitle: "How a pair works",
    steps: [
      ["A preparation call", "The mentor and the manager agree on goals and pace."],
      [
        `${programme.defaults.sessions} one-hour sessions`,
        "On site, by video or by phone, scheduled in a few clicks from a link received by email.",
      ],
      [
        `A ${programme.defaults.pauseMonths}-month pause`,
        "Time to put into practice what was learnt.",
      ],
      ["A follow-up session and a review", "To measure the progress made and thank everyone."],
    ],
    privacy:
      "Your answers are used only to form pairs and follow the programme. They are never passed on to third parties.",
    privacyLink: "More about your data",
  },
};

export function HomePage({ lang }: { lang: Lang }) {
  const text = copy[lang];
  return (
    <Layout lang={lang} title={text.title} path="/">
      <h1>
        {programme.name} — {text.title}
      </h1>
      <p class="lead prose">{text.intro}</p>
      <div class="cards">
        <section class="card" aria-labelledby="accueil-cadre">
          <h2 id="accueil-cadre">{text.managerTitle}</h2>
          <p>{text.managerBody}</p>
          <p class="actions">
            <a class="button" href="/questionnaire">
              {text.manager}
            </a>
          </p>
        </section>
        <section class="card" aria-labelledby="accueil-agent">
          <h2 id="accueil-agent">{text.mentorTitle}</h2>
          <p>{text.mentorBody}</p>
          <p class="actions">
            <a class="button secondary" href="/candidature">
              {text.mentor}
            </a>
          </p>
        </section>
        <section class="card" aria-labelledby="accueil-service">
          <h2 id="accueil-service">{text.headTitle}</h2>
          <p>{text.headBody}</p>
          <p class="actions">
            <a class="button secondary" href="/atelier">
              {text.head}
            </a>
          </p>
        </section>
      </div>
      <p>
        {text.barnumBody} <a href="/barnum">{text.barnum}</a>
      </p>
      <h2>{text.howTitle}</h2>
      <ol class="cards steps">
        {text.steps.map(([title, body], index) => (
          <li class="card">
            <h3>
              <span class="step" aria-hidden="true">
                {index + 1}.
              </span>
              {title}
            </h3>
            <p>{body}</p>
          </li>
        ))}
      </ol>
      <div class="notice prose">
        <p>
          {text.privacy} <a href="/confidentialite">{text.privacyLink}</a>
        </p>
      </div>
    </Layout>
  );
}
