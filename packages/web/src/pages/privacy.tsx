import type { Child } from "hono/jsx";
import { programme } from "#core/programme";
import { retention } from "#core/retention";
import type { Lang } from "../i18n";
import { Layout } from "../layout";

/**
 * The privacy notice (RGPD articles 13 and 14): what is kept, why, for how long, who sees it, and
 * how to get a copy or have it deleted. The retention periods come from `#core/retention`, the
 * same numbers the storage's TTL applies.
 */

const mail = (subject: string) => (
  <a href={`mailto:${programme.contactEmail}?subject=${encodeURIComponent(subject)}`}>
    {programme.contactEmail}
  </a>
);

type Part = { title: string; body: Child };

const french = (): { title: string; intro: string; parts: Part[] } => ({
  title: "Politique de confidentialité",
  intro: `Cette page explique quelles données le programme ${programme.name} conserve, pourquoi, combien de temps, qui peut les voir et comment exercer vos droits (règlement général sur la protection des données, RGPD, et loi « Informatique et libertés »).`,
  parts: [
    {
      title: "Qui est responsable de vos données ?",
      body: (
        <p>
          L'administration qui organise le programme de mentorat inversé {programme.name} est
          responsable du traitement. Pour toute question, y compris pour joindre son délégué à la
          protection des données, écrivez à {mail("Données personnelles")}.
        </p>
      ),
    },
    {
      title: "Pourquoi ces données sont-elles utilisées ?",
      body: (
        <>
          <p>Uniquement pour faire vivre le programme :</p>
          <ul>
            <li>recueillir les besoins des cadres et les candidatures des mentors ;</li>
            <li>sélectionner les mentors et former les binômes ;</li>
            <li>planifier les séances, envoyer les rappels et les messages du programme ;</li>
            <li>
              établir des statistiques anonymes sur le programme (nombre de binômes, de séances…).
            </li>
          </ul>
          <p>
            La base légale est votre consentement (article 6.1.a du RGPD), donné en cochant la case
            prévue dans le formulaire. Vous pouvez le retirer à tout moment. Aucune décision n'est
            prise de façon entièrement automatisée : l'équipe d'animation valide chaque binôme.
          </p>
        </>
      ),
    },
    {
      title: "Quelles données sont conservées ?",
      body: (
        <ul>
          <li>
            votre identité professionnelle : prénom, nom, adresse électronique professionnelle,
            direction ou service, fonction, site, et pour les mentors leur catégorie ;
          </li>
          <li>
            si vous les donnez : l'adresse de votre assistant ou assistante, ou celle de votre
            responsable hiérarchique (pour ne pas former de binôme dans une même ligne
            hiérarchique) ;
          </li>
          <li>
            vos réponses : aisance avec chaque thème, thèmes prioritaires, objectif, motivation,
            façons de se rencontrer et disponibilités ;
          </li>
          <li>
            la vie du binôme : dates des séances, confirmations, retours d'une minute, notes de
            l'entretien de sélection et auto-évaluation de clôture ;
          </li>
          <li>
            les notes que l'équipe d'animation écrit sur votre binôme pour le suivre (un appel, une
            demande d'aide, une pause). Elles figurent dans la copie de vos données, et sont
            supprimées avec les données du binôme, ou dès que vous demandez l'effacement.
          </li>
        </ul>
      ),
    },
    {
      title: "Combien de temps ?",
      body: (
        <dl class="facts">
          <dt>Questionnaire ou candidature sans binôme</dt>
          <dd>
            {retention.unpairedMonths} mois après votre dernière modification, puis suppression.
          </dd>
          <dt>Données d'un binôme</dt>
          <dd>
            {retention.closedPairMonths} mois après la clôture du binôme, puis suppression. Seules
            des statistiques anonymes sont gardées au-delà.
          </dd>
          <dt>Journaux techniques</dt>
          <dd>
            {retention.logDays} jours. Ils ne contiennent ni nom, ni adresse électronique, ni lien
            personnel.
          </dd>
        </dl>
      ),
    },
    {
      title: "Qui peut les voir ?",
      body: (
        <>
          <ul>
            <li>l'équipe d'animation du programme ;</li>
            <li>
              votre binôme, pour ce qui est utile aux séances : votre nom, votre adresse
              professionnelle, vos thèmes et votre objectif. Dès le courriel de présentation, chacun
              reçoit le nom et l'adresse professionnelle de l'autre, et une réponse à un courriel
              d'organisation (la présentation, une date à convenir, une invitation) part directement
              à l'autre personne du binôme, pas à l'équipe d'animation ;
            </li>
            <li>
              votre assistant ou assistante, en copie des messages d'organisation si vous l'avez
              indiqué.
            </li>
          </ul>
          <p>
            Les données sont hébergées dans l'Union européenne (région de Paris) chez un prestataire
            d'informatique en nuage, qui ne les utilise pas pour son propre compte. Elles ne sont ni
            vendues, ni transmises à d'autres tiers.
          </p>
        </>
      ),
    },
    {
      title: "Cookies",
      body: (
        <p>
          Ce site n'utilise aucun cookie de mesure d'audience ni de publicité, et ne charge aucune
          ressource d'un autre site. Un seul cookie, « lang », retient la langue que vous avez
          choisie ; l'équipe d'animation utilise en plus un cookie de session pour se connecter. Ces
          cookies sont nécessaires au service et ne demandent pas de consentement.
        </p>
      ),
    },
    {
      title: "Vos droits : obtenir une copie, corriger, supprimer",
      body: (
        <>
          <p>
            Vous pouvez à tout moment accéder à vos données, en obtenir une copie dans un format
            lisible par une machine, les faire corriger ou supprimer, vous opposer à leur usage ou
            retirer votre consentement. Le plus simple : sur la page{" "}
            <a href="/mes-donnees">Vos données personnelles</a>, indiquez votre adresse ; vous y
            recevez un lien pour voir et télécharger vos données, demander une correction ou leur
            effacement. Le lien n'est envoyé qu'à cette adresse. Vous pouvez aussi écrire à{" "}
            {mail("Exercice de mes droits")} en précisant votre demande. Nous répondons dans un
            délai d'un mois.
          </p>
          <p>
            Pour simplement modifier vos réponses, remplissez à nouveau le formulaire avec la même
            adresse : votre dossier est mis à jour.
          </p>
          <p>
            Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous
            pouvez adresser une réclamation à la Commission nationale de l'informatique et des
            libertés (CNIL), sur cnil.fr ou par courrier : CNIL, 3 place de Fontenoy, TSA 80715,
            75334 Paris Cedex 07.
          </p>
        </>
      ),
    },
  ],
});

const english = (): { title: string; intro: string; parts: Part[] } => ({
  title: "Privacy notice",
  intro: `This page explains which data the ${programme.name} programme keeps, why, for how long, who can see it and how to exercise your rights (General Data Protection Regulation, GDPR, and the French Data Protection Act).`,
  parts: [
    {
      title: "Who is responsible for your data?",
      body: (
        <p>
          The administration that runs the {programme.name} reverse-mentoring programme is the data
          controller. For any question, including to reach its data protection officer, write to{" "}
          {mail("Personal data")}.
        </p>
      ),
    },
    {
      title: "Why is this data used?",
      body: (
        <>
          <p>Only to run the programme:</p>
          <ul>
            <li>collect the managers' needs and the mentors' applications;</li>
            <li>select mentors and form pairs;</li>
            <li>schedule sessions, send reminders and the programme's messages;</li>
            <li>produce anonymous statistics about the programme (number of pairs, sessions…).</li>
          </ul>
          <p>
            The legal basis is your consent (GDPR article 6.1.a), given by ticking the box in the
            form. You may withdraw it at any time. No decision is fully automated: the programme
            team approves every pair.
          </p>
        </>
      ),
    },
    {
      title: "What data is kept?",
      body: (
        <ul>
          <li>
            your professional identity: first name, last name, work email address, directorate or
            department, role, site, and for mentors their grade;
          </li>
          <li>
            if you give them: your assistant's address, or your line manager's address (so that no
            pair is formed within one line of management);
          </li>
          <li>
            your answers: ease with each theme, priority themes, goal, motivation, ways to meet and
            availability;
          </li>
          <li>
            the pair's life: session dates, confirmations, one-minute feedback, notes of the
            selection interview and closing self-evaluation;
          </li>
          <li>
            the notes the programme team writes about your pair to follow it (a call, a request for
            help, a pause). They are in the copy of your data, and are deleted with the pair's data,
            or as soon as you ask for erasure.
          </li>
        </ul>
      ),
    },
    {
      title: "For how long?",
      body: (
        <dl class="facts">
          <dt>Questionnaire or application without a pair</dt>
          <dd>{retention.unpairedMonths} months after your last change, then deleted.</dd>
          <dt>A pair's data</dt>
          <dd>
            {retention.closedPairMonths} months after the pair is closed, then deleted. Only
            anonymous statistics are kept longer.
          </dd>
          <dt>Technical logs</dt>
          <dd>{retention.logDays} days. They hold no name, email address or personal link.</dd>
        </dl>
      ),
    },
    {
      title: "Who can see it?",
      body: (
        <>
          <ul>
            <li>the programme team;</li>
            <li>
              your pair, for what the sessions need: your name, work address, themes and goal. From
              the introduction email on, each receives the other's name and work address, and a
              reply to an organising email (introduction, a date to agree, an invitation) goes
              straight to the other person of the pair, not to the programme team;
            </li>
            <li>your assistant, copied on scheduling emails if you gave their address.</li>
          </ul>
          <p>
            The data is hosted in the European Union (Paris region) by a cloud provider that does
            not use it for its own purposes. It is never sold nor passed on to other third parties.
          </p>
        </>
      ),
    },
    {
      title: "Cookies",
      body: (
        <p>
          This site uses no audience-measurement or advertising cookie and loads nothing from
          another site. A single cookie, “lang”, remembers the language you chose; the programme
          team also uses a session cookie to sign in. These cookies are needed for the service and
          require no consent.
        </p>
      ),
    },
    {
      title: "Your rights: get a copy, correct, delete",
      body: (
        <>
          <p>
            At any time you may access your data, get a copy in a machine-readable format, have it
            corrected or deleted, object to its use or withdraw your consent. The simplest way: on
            the page <a href="/mes-donnees?lang=en">Your personal data</a>, give your address; you
            receive there a link to see and download your data and ask for a correction or its
            erasure. The link is sent to that address only. You may also write to{" "}
            {mail("My data protection rights")} saying what you ask for. We answer within one month.
          </p>
          <p>
            To simply change your answers, fill in the form again with the same address: your record
            is updated.
          </p>
          <p>
            If, after contacting us, you believe your rights are not respected, you may complain to
            the French data protection authority (CNIL), at cnil.fr or by post: CNIL, 3 place de
            Fontenoy, TSA 80715, 75334 Paris Cedex 07, France.
          </p>
        </>
      ),
    },
  ],
});

export function PrivacyPage({ lang }: { lang: Lang }) {
  const page = lang === "fr" ? french() : english();
  return (
    <Layout lang={lang} title={page.title} path="/confidentialite">
      <div class="prose">
        <h1>{page.title}</h1>
        <p class="lead">{page.intro}</p>
        {page.parts.map((part) => (
          <section>
            <h2>{part.title}</h2>
            {part.body}
          </section>
        ))}
      </div>
    </Layout>
  );
}
