import type { Child } from "hono/jsx";
import { programme } from "#core/programme";
import type { Lang } from "../i18n";
import { Layout } from "../layout";

/**
 * The accessibility statement, in the form the RGAA 4.1 asks for: commitment, conformity status,
 * test results, non-accessible content, how it was tested, contact and recourse. The status says
 * "partially compliant" because no independent full audit has been made yet; the automated and
 * manual checks below are the ones the browser tests run on every change.
 */
export const statement = {
  date: { fr: "23 novembre 2026", en: "23 November 2026" },
  rgaaVersion: "4.1.2",
};

const mail = (
  <a href={`mailto:${programme.contactEmail}?subject=Accessibilit%C3%A9`}>
    {programme.contactEmail}
  </a>
);

type Part = { title: string; body: Child };

const french = (): { title: string; parts: Part[] } => ({
  title: "Déclaration d'accessibilité",
  parts: [
    {
      title: "Engagement",
      body: (
        <p>
          L'administration qui organise le programme {programme.name} s'engage à rendre ses services
          numériques accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février
          2005. Cette déclaration s'applique au site {programme.name} : pages publiques, pages
          reçues par lien personnel et pages de l'équipe d'animation.
        </p>
      ),
    },
    {
      title: "État de conformité",
      body: (
        <p>
          Le site {programme.name} est <strong>partiellement conforme</strong> avec le référentiel
          général d'amélioration de l'accessibilité (RGAA), version {statement.rgaaVersion}, en
          raison de l'absence, à ce jour, d'audit complet réalisé par un organisme indépendant.
        </p>
      ),
    },
    {
      title: "Résultats des tests",
      body: (
        <>
          <p>
            Une évaluation interne est refaite à chaque évolution du site. Elle vérifie
            automatiquement l'ensemble des pages avec l'outil axe-core (critères WCAG 2.1 de niveaux
            A et AA) : aucune erreur n'est relevée. Elle vérifie aussi que :
          </p>
          <ul>
            <li>chaque formulaire se remplit et s'envoie au clavier seul ;</li>
            <li>
              les erreurs sont résumées en haut de page, annoncées, reliées à leurs champs, et le
              titre de la page commence par « Erreur » ;
            </li>
            <li>les pages fonctionnent sans JavaScript et sur un écran de 375 pixels de large ;</li>
            <li>
              les contrastes de couleur atteignent au moins 4,5:1, y compris avec les couleurs
              choisies par le programme.
            </li>
          </ul>
        </>
      ),
    },
    {
      title: "Contenus non accessibles",
      body: (
        <>
          <p>Non-conformités et limites connues :</p>
          <ul>
            <li>
              les restitutions par les lecteurs d'écran (NVDA, JAWS, VoiceOver) n'ont pas encore été
              vérifiées par des personnes qui les utilisent au quotidien ;
            </li>
            <li>
              les invitations de calendrier jointes aux courriels s'affichent dans votre agenda,
              dont l'accessibilité ne dépend pas du programme ;
            </li>
            <li>
              en anglais, un message d'erreur que le site ne sait pas encore traduire reste affiché
              en français.
            </li>
          </ul>
          <p>Aucun contenu ne fait l'objet d'une dérogation pour charge disproportionnée.</p>
        </>
      ),
    },
    {
      title: "Établissement de cette déclaration",
      body: (
        <dl class="facts">
          <dt>Date</dt>
          <dd>{statement.date.fr}</dd>
          <dt>Technologies utilisées</dt>
          <dd>HTML5 et CSS, sans JavaScript</dd>
          <dt>Outils d'évaluation</dt>
          <dd>axe-core 4, navigateur Chromium, parcours au clavier seul</dd>
          <dt>Pages vérifiées</dt>
          <dd>
            accueil, questionnaire cadre, candidature de mentor (vides et avec erreurs), pages de
            confirmation, politique de confidentialité, présente déclaration, pages ouvertes par
            lien personnel et pages de l'équipe d'animation
          </dd>
        </dl>
      ),
    },
    {
      title: "Retour d'information et contact",
      body: (
        <p>
          Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez à {mail} : nous vous
          répondrons et vous proposerons une autre façon d'obtenir l'information ou de participer au
          programme.
        </p>
      ),
    },
    {
      title: "Voies de recours",
      body: (
        <>
          <p>
            Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un
            contenu ou à un service et que vous n'avez pas obtenu de réponse satisfaisante, vous
            pouvez saisir le Défenseur des droits :
          </p>
          <ul>
            <li>par le formulaire de contact en ligne sur defenseurdesdroits.fr ;</li>
            <li>en contactant le délégué du Défenseur des droits de votre région ;</li>
            <li>
              par courrier, gratuitement, sans affranchissement : Défenseur des droits, Libre
              réponse 71120, 75342 Paris CEDEX 07.
            </li>
          </ul>
        </>
      ),
    },
  ],
});

const english = (): { title: string; parts: Part[] } => ({
  title: "Accessibility statement",
  parts: [
    {
      title: "Commitment",
      body: (
        <p>
          The administration that runs the {programme.name} programme is committed to making its
          digital services accessible, in accordance with article 47 of French law no. 2005-102 of
          11 February 2005. This statement applies to the {programme.name} site: public pages, pages
          opened from a personal link and the programme team's pages.
        </p>
      ),
    },
    {
      title: "Compliance status",
      body: (
        <p>
          The {programme.name} site is <strong>partially compliant</strong> with the French
          accessibility framework (RGAA) version {statement.rgaaVersion}, because no full audit by
          an independent body has been made yet.
        </p>
      ),
    },
    {
      title: "Test results",
      body: (
        <>
          <p>
            An internal evaluation is run again on every change of the site. It checks every page
            automatically with axe-core (WCAG 2.1 level A and AA criteria): no error is found. It
            also checks that:
          </p>
          <ul>
            <li>every form can be filled in and sent with the keyboard alone;</li>
            <li>
              errors are summarised at the top of the page, announced, linked to their fields, and
              the page title starts with “Error”;
            </li>
            <li>pages work without JavaScript and on a 375-pixel-wide screen;</li>
            <li>
              colour contrast is at least 4.5:1, including with the colours the programme chose.
            </li>
          </ul>
        </>
      ),
    },
    {
      title: "Non-accessible content",
      body: (
        <>
          <p>Known non-conformities and limits:</p>
          <ul>
            <li>
              screen-reader output (NVDA, JAWS, VoiceOver) has not yet been checked by people who
              use them every day;
            </li>
            <li>
              calendar invitations attached to emails are shown by your own calendar, whose
              accessibility does not depend on the programme;
            </li>
            <li>in English, an error message the site cannot translate yet stays in French.</li>
          </ul>
          <p>No content is exempted for disproportionate burden.</p>
        </>
      ),
    },
    {
      title: "How this statement was made",
      body: (
        <dl class="facts">
          <dt>Date</dt>
          <dd>{statement.date.en}</dd>
          <dt>Technologies</dt>
          <dd>HTML5 and CSS, no JavaScript</dd>
          <dt>Evaluation tools</dt>
          <dd>axe-core 4, Chromium browser, keyboard-only journeys</dd>
          <dt>Pages checked</dt>
          <dd>
            home, manager questionnaire, mentor application (empty and with errors), confirmation
            pages, privacy notice, this statement, pages opened from a personal link and the
            programme team's pages
          </dd>
        </dl>
      ),
    },
    {
      title: "Feedback and contact",
      body: (
        <p>
          If you cannot access some content or service, write to {mail}: we will answer and offer
          another way to get the information or take part in the programme.
        </p>
      ),
    },
    {
      title: "Recourse",
      body: (
        <>
          <p>
            If you reported an accessibility problem that prevents you from accessing content or a
            service and did not get a satisfactory answer, you may refer the matter to the French
            Defender of Rights (<span lang="fr">Défenseur des droits</span>):
          </p>
          <ul>
            <li>through the online contact form on defenseurdesdroits.fr;</li>
            <li>through the Defender of Rights' delegate in your region;</li>
            <li>
              by post, free of charge, without a stamp:{" "}
              <span lang="fr">Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07</span>
              , France.
            </li>
          </ul>
        </>
      ),
    },
  ],
});

export function AccessibilityPage({ lang }: { lang: Lang }) {
  const page = lang === "fr" ? french() : english();
  return (
    <Layout lang={lang} title={page.title} path="/accessibilite">
      <div class="prose">
        <h1>{page.title}</h1>
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
