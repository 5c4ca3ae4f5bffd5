import type { Bilingual, Paragraph } from "../../email/layout";
import { env } from "../../env";
import { type Localised, programme, themes } from "../../programme";
import { capitalise, formatDay, formatHours, formatWhen, frenchSpacing, plural } from "../../words";

/**
 * Every email of a collective workshop, French first with its English version. No ids, codes or
 * ISO dates: the theme by its label, the date as people write it (« mardi 1er décembre 2026 à
 * 14 h »), the duration in hours.
 */

export type WorkshopWhen = {
  start: Date;
  durationMinutes: number;
  place?: string;
  videoLink?: string;
};

export const themeLabel = (themeId: string): Localised =>
  themes.find((theme) => theme.id === themeId)?.label ?? { fr: themeId, en: themeId };

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The French paragraphs get French spacing; links keep their address untouched. */
function bilingual(subject: string, fr: Paragraph[], en: Paragraph[]): Bilingual {
  const spaced = (paragraph: Paragraph) =>
    typeof paragraph === "string"
      ? frenchSpacing(paragraph)
      : { ...paragraph, label: frenchSpacing(paragraph.label) };
  return { subject: frenchSpacing(`${programme.name} : ${subject}`), fr: fr.map(spaced), en };
}

function practical(when: WorkshopWhen): { fr: Paragraph[]; en: Paragraph[] } {
  const date = formatWhen(when.start);
  const length = formatHours(when.durationMinutes / 60);
  const fr: Paragraph[] = [`Quand : ${date.fr}, pendant ${length.fr}.`];
  const en: Paragraph[] = [`When: ${date.en}, for ${length.en}.`];
  if (when.place) {
    fr.push(`Où : ${when.place}.`);
    en.push(`Where: ${when.place}.`);
  }
  if (when.videoLink) {
    fr.push({ link: when.videoLink, label: "Rejoindre la visio" });
    en.push({ link: when.videoLink, label: "Join the video call" });
  }
  return { fr, en };
}

export function requestAcknowledgement(firstName: string, theme: string): Bilingual {
  const label = themeLabel(theme);
  return bilingual(
    "nous avons bien reçu votre demande d'atelier",
    [
      `Bonjour ${firstName},`,
      `Merci pour votre demande d'atelier collectif sur le thème « ${lower(label.fr)} ».`,
      "L'équipe d'animation choisit deux mentors et vous propose une date. Vous recevrez alors l'invitation, et un lien à transmettre à vos cadres pour qu'ils s'inscrivent.",
    ],
    [
      `Hello ${firstName},`,
      `Thank you for asking for a collective workshop on “${lower(label.en)}”.`,
      "The programme team will choose two mentors and propose a date. You will then receive the invitation, and a link to forward to your managers so that they can register.",
    ],
  );
}

export type InvitationInput = WorkshopWhen & {
  firstName?: string;
  theme: string;
  mentorNames: string[];
  /** The date moved: this invitation replaces the previous one. */
  moved: boolean;
  /** For the head of service: the link to forward to the managers. */
  registrationLink?: string;
  /** For a mentor: they lead it. */
  leads?: boolean;
};

export function invitation(input: InvitationInput): Bilingual {
  const label = themeLabel(input.theme);
  const when = formatWhen(input.start);
  const hello = (word: string) => (input.firstName ? `${word} ${input.firstName},` : `${word},`);
  const details = practical(input);
  const mentors = input.mentorNames.join(" et ");
  const mentorsEn = input.mentorNames.join(" and ");
  const fr: Paragraph[] = [
    hello("Bonjour"),
    input.moved
      ? `L'atelier collectif « ${lower(label.fr)} » change de date. La nouvelle invitation est jointe : elle remplace la précédente dans votre agenda.`
      : input.leads
        ? `Vous animez avec ${mentors} l'atelier collectif « ${lower(label.fr)} ». L'invitation pour votre agenda est jointe.`
        : `Vous êtes invité ou invitée à l'atelier collectif « ${lower(label.fr)} », animé par ${mentors}. L'invitation pour votre agenda est jointe.`,
    ...details.fr,
  ];
  const en: Paragraph[] = [
    hello("Hello"),
    input.moved
      ? `The collective workshop “${lower(label.en)}” has moved. The new invitation is attached: it replaces the previous one in your calendar.`
      : input.leads
        ? `You lead the collective workshop “${lower(label.en)}” with ${mentorsEn}. The calendar invitation is attached.`
        : `You are invited to the collective workshop “${lower(label.en)}”, led by ${mentorsEn}. The calendar invitation is attached.`,
    ...details.en,
  ];
  if (input.registrationLink) {
    fr.push(
      "Transmettez ce lien aux cadres de votre service : chacun s'y inscrit en une minute et reçoit l'invitation.",
      { link: input.registrationLink, label: "Lien d'inscription à transmettre" },
    );
    en.push(
      "Forward this link to the managers of your service: each registers in a minute and receives the invitation.",
      { link: `${input.registrationLink}?lang=en`, label: "Registration link to forward" },
    );
  }
  return bilingual(
    input.moved
      ? `l'atelier « ${lower(label.fr)} » est déplacé au ${when.fr}`
      : `atelier « ${lower(label.fr)} » le ${when.fr}`,
    fr,
    en,
  );
}

export function reminder(input: WorkshopWhen & { firstName?: string; theme: string }): Bilingual {
  const label = themeLabel(input.theme);
  const details = practical(input);
  return bilingual(
    `rappel, atelier « ${lower(label.fr)} » demain`,
    [
      input.firstName ? `Bonjour ${input.firstName},` : "Bonjour,",
      `Pour rappel, l'atelier collectif « ${lower(label.fr)} » a lieu demain.`,
      ...details.fr,
    ],
    [
      input.firstName ? `Hello ${input.firstName},` : "Hello,",
      `A reminder: the collective workshop “${lower(label.en)}” takes place tomorrow.`,
      ...details.en,
    ],
  );
}

export function cancellation(
  input: WorkshopWhen & { firstName?: string; theme: string },
): Bilingual {
  const label = themeLabel(input.theme);
  const when = formatWhen(input.start);
  return bilingual(
    `l'atelier « ${lower(label.fr)} » du ${when.fr} est annulé`,
    [
      input.firstName ? `Bonjour ${input.firstName},` : "Bonjour,",
      `L'atelier collectif « ${lower(label.fr)} » prévu le ${when.fr} est annulé. L'annulation jointe le retire de votre agenda.`,
      `Pour toute question, écrivez à l'équipe d'animation : ${programme.contactEmail}.`,
    ],
    [
      input.firstName ? `Hello ${input.firstName},` : "Hello,",
      `The collective workshop “${lower(label.en)}” planned on ${when.en} is cancelled. The attached cancellation removes it from your calendar.`,
      `For any question, write to the programme team: ${programme.contactEmail}.`,
    ],
  );
}

export function confirmationRequest(input: {
  firstName: string;
  theme: string;
  start: Date;
  link: string;
  nudge?: boolean;
}): Bilingual {
  const label = themeLabel(input.theme);
  const when = formatWhen(input.start);
  return bilingual(
    input.nudge
      ? `l'atelier « ${lower(label.fr)} » a-t-il eu lieu ?`
      : `comment s'est passé l'atelier « ${lower(label.fr)} » ?`,
    [
      `Bonjour ${input.firstName},`,
      input.nudge
        ? `Nous n'avons pas encore de nouvelles de l'atelier « ${lower(label.fr)} » du ${when.fr}. Une minute suffit : dites-nous s'il a eu lieu et combien de personnes sont venues.`
        : `Merci d'avoir animé l'atelier « ${lower(label.fr)} » du ${when.fr}. Dites-nous s'il a eu lieu et combien de personnes sont venues : les participants recevront ensuite un court questionnaire.`,
      { link: input.link, label: "Dire si l'atelier a eu lieu" },
    ],
    [
      `Hello ${input.firstName},`,
      input.nudge
        ? `We have not heard yet about the workshop “${lower(label.en)}” of ${when.en}. It takes a minute: tell us whether it took place and how many came.`
        : `Thank you for leading the workshop “${lower(label.en)}” of ${when.en}. Tell us whether it took place and how many came: the participants will then get a short questionnaire.`,
      { link: `${input.link}?lang=en`, label: "Say whether the workshop took place" },
    ],
  );
}

export function feedbackRequest(input: { theme: string; link: string }): Bilingual {
  const label = themeLabel(input.theme);
  return bilingual(
    `votre avis sur l'atelier « ${lower(label.fr)} » en une minute`,
    [
      "Bonjour,",
      `Merci d'avoir participé à l'atelier collectif « ${lower(label.fr)} ». Qu'en avez-vous pensé ? Une note et, si vous le souhaitez, un mot : une minute suffit.`,
      { link: input.link, label: "Donner mon avis" },
    ],
    [
      "Hello,",
      `Thank you for taking part in the collective workshop “${lower(label.en)}”. What did you think of it? A rating and, if you wish, a word: it takes a minute.`,
      { link: `${input.link}?lang=en`, label: "Give my feedback" },
    ],
  );
}

const adminLink = (id: string) => `${env.appUrl}/admin/ateliers/${id}`;

export function escalation(input: { id: string; theme: string; start: Date; service: string }) {
  const label = themeLabel(input.theme);
  const when = formatWhen(input.start);
  return bilingual(
    `sans nouvelles de l'atelier « ${lower(label.fr)} »`,
    [
      `Les mentors de l'atelier « ${lower(label.fr)} » pour ${input.service}, prévu le ${when.fr}, n'ont pas dit s'il a eu lieu malgré une relance. Contactez-les : sans réponse, l'atelier sera clos sans bilan.`,
      { link: adminLink(input.id), label: "Voir l'atelier" },
    ],
    [
      `The mentors of the workshop “${lower(label.en)}” for ${input.service}, planned on ${when.en}, have not said whether it took place despite a reminder. Contact them: without an answer, the workshop will be closed without a review.`,
      { link: `${adminLink(input.id)}?lang=en`, label: "See the workshop" },
    ],
  );
}

export function closing(input: {
  firstName: string;
  theme: string;
  attendees?: number;
  feedbackCount: number;
  averageRating?: number;
}): Bilingual {
  const label = themeLabel(input.theme);
  const average = input.averageRating?.toLocaleString("fr-FR", { maximumFractionDigits: 1 });
  const averageEn = input.averageRating?.toLocaleString("en-GB", { maximumFractionDigits: 1 });
  return bilingual(
    `merci pour l'atelier « ${lower(label.fr)} »`,
    [
      `Bonjour ${input.firstName},`,
      `L'atelier « ${lower(label.fr)} » est clos. ${
        input.attendees !== undefined
          ? `${capitalise(plural("fr", input.attendees, "personne est venue", "personnes sont venues"))}`
          : "Sa participation n'a pas été indiquée"
      } ; ${plural("fr", input.feedbackCount, "avis reçu", "avis reçus")}${average ? `, note moyenne ${average} sur 5` : ""}.`,
      "Merci pour votre engagement : cet atelier compte dans votre attestation de mentor.",
    ],
    [
      `Hello ${input.firstName},`,
      `The workshop “${lower(label.en)}” is closed. ${
        input.attendees !== undefined
          ? `${capitalise(plural("en", input.attendees, "person came", "people came"))}`
          : "Its attendance was not given"
      }; ${plural("en", input.feedbackCount, "review received", "reviews received")}${averageEn ? `, average rating ${averageEn} out of 5` : ""}.`,
      "Thank you for your commitment: this workshop counts in your mentor attestation.",
    ],
  );
}

export function failureAlert(input: { id: string; theme: string; service: string }): Bilingual {
  const label = themeLabel(input.theme);
  return bilingual(
    `une étape de l'atelier « ${lower(label.fr)} » a échoué`,
    [
      `Une étape automatique de l'atelier « ${lower(label.fr)} » pour ${input.service} a échoué après plusieurs essais. Vérifiez l'atelier et prévenez les personnes si besoin.`,
      { link: adminLink(input.id), label: "Voir l'atelier" },
    ],
    [
      `An automatic step of the workshop “${lower(label.en)}” for ${input.service} failed after several tries. Check the workshop and tell the people if needed.`,
      { link: `${adminLink(input.id)}?lang=en`, label: "See the workshop" },
    ],
  );
}

/**
 * The head of service's summary once the workshop is closed: whether it took place, how many
 * came of how many were invited, how many gave their feedback and the average rating. Figures
 * only: no participant's name, and no comment (participants wrote them for the programme team).
 */
export function headOfServiceSummary(input: {
  firstName: string;
  theme: string;
  start: Date;
  service: string;
  mentorNames: string[];
  outcome?: { tookPlace: boolean; attendees?: number };
  invited: number;
  feedbackCount: number;
  averageRating?: number;
}): Bilingual {
  const label = themeLabel(input.theme);
  const day = formatDay(input.start);
  const theme = { fr: `« ${lower(label.fr)} »`, en: `“${lower(label.en)}”` };
  const mentors = { fr: input.mentorNames.join(" et "), en: input.mentorNames.join(" and ") };
  const came = input.outcome?.attendees ?? 0;
  const fr: Paragraph[] = [`Bonjour ${input.firstName},`];
  const en: Paragraph[] = [`Hello ${input.firstName},`];
  if (input.outcome?.tookPlace) {
    fr.push(
      `L'atelier collectif ${theme.fr} du ${day.fr}, animé par ${mentors.fr} pour ${input.service}, a eu lieu : ${plural("fr", came, "personne est venue", "personnes sont venues")} (${plural("fr", input.invited, "personne invitée", "personnes invitées")} par courriel).`,
      input.feedbackCount
        ? `${capitalise(plural("fr", input.feedbackCount, "participant a donné son avis", "participants ont donné leur avis"))} : note moyenne ${input.averageRating?.toLocaleString("fr-FR", { maximumFractionDigits: 1 })} sur 5.`
        : "Aucun participant n'a donné son avis.",
      "Merci d'avoir accueilli cet atelier. Pour un autre thème ou une autre équipe, une nouvelle demande suffit.",
      { link: `${env.appUrl}/atelier`, label: "Demander un autre atelier" },
    );
    en.push(
      `The collective workshop ${theme.en} of ${day.en}, led by ${mentors.en} for ${input.service}, took place: ${plural("en", came, "person came", "people came")} (${plural("en", input.invited, "person", "people")} invited by email).`,
      input.feedbackCount
        ? `${capitalise(plural("en", input.feedbackCount, "participant gave their feedback", "participants gave their feedback"))}: average rating ${input.averageRating?.toLocaleString("en-GB", { maximumFractionDigits: 1 })} out of 5.`
        : "No participant gave their feedback.",
      "Thank you for hosting this workshop. For another theme or another team, a new request is all it takes.",
      { link: `${env.appUrl}/atelier?lang=en`, label: "Ask for another workshop" },
    );
  } else if (input.outcome) {
    fr.push(
      `D'après ses mentors, l'atelier collectif ${theme.fr} prévu le ${day.fr} pour ${input.service} n'a pas eu lieu. Pour le reprogrammer, écrivez à l'équipe d'animation : ${programme.contactEmail}.`,
    );
    en.push(
      `According to its mentors, the collective workshop ${theme.en} planned on ${day.en} for ${input.service} did not take place. To plan it again, write to the programme team: ${programme.contactEmail}.`,
    );
  } else {
    fr.push(
      `Les mentors de l'atelier collectif ${theme.fr} prévu le ${day.fr} pour ${input.service} n'ont pas dit s'il a eu lieu. L'équipe d'animation est prévenue ; écrivez-lui si besoin : ${programme.contactEmail}.`,
    );
    en.push(
      `The mentors of the collective workshop ${theme.en} planned on ${day.en} for ${input.service} have not said whether it took place. The programme team knows; write to it if needed: ${programme.contactEmail}.`,
    );
  }
  return bilingual(`le bilan de l'atelier ${theme.fr}`, fr, en);
}
