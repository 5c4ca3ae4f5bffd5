import type { Bilingual } from "../email/layout";
import { plural } from "../words";
import { barnumWhen, slotWhen } from "./messages";
import type { Barnum, BarnumFigures, Slot } from "./model";

/** The emails the event workflow sends about a BarNum': reminder, confirmation, closure, alerts. */

export function barnumReminder(input: {
  firstName: string;
  barnum: Barnum;
  slot?: Slot;
  pageLink?: string;
}): Bilingual {
  const { barnum, slot } = input;
  const when = barnumWhen(barnum);
  return {
    subject: `Rappel : BarNum' « ${barnum.event} » demain`,
    fr: [
      `Bonjour ${input.firstName},`,
      slot
        ? `Pour rappel, vous êtes inscrit(e) au BarNum' « ${barnum.event} » demain ${slotWhen(slot).fr}, ${barnum.place}. Vous pouvez aussi venir à un autre moment pendant qu'il est ouvert.`
        : `Pour rappel, vous tenez le BarNum' « ${barnum.event} » ${when.fr}, ${barnum.place}. Notez chaque visite depuis votre page de mentor.`,
      ...(input.pageLink ? [{ link: input.pageLink, label: "Ma page de mentor" }] : []),
    ],
    en: [
      `Hello ${input.firstName},`,
      slot
        ? `A reminder: you are registered for the BarNum' drop-in "${barnum.event}" tomorrow ${slotWhen(slot).en}, ${barnum.place}. You may also come at another time while it is open.`
        : `A reminder: you are staffing the BarNum' drop-in "${barnum.event}" ${when.en}, ${barnum.place}. Record each visit from your mentor page.`,
      ...(input.pageLink ? [{ link: `${input.pageLink}?lang=en`, label: "My mentor page" }] : []),
    ],
  };
}

export function confirmationRequest(input: {
  firstName: string;
  barnum: Barnum;
  pageLink: string;
  nudge: boolean;
}): Bilingual {
  const { barnum } = input;
  return {
    subject: `BarNum' « ${barnum.event} » : a-t-il eu lieu ?${input.nudge ? " (relance)" : ""}`,
    fr: [
      `Bonjour ${input.firstName},`,
      `${input.nudge ? "Sans réponse de votre part pour l'instant : " : ""}le BarNum' « ${barnum.event} » a-t-il eu lieu ? Dites-le en un clic sur votre page de mentor ; les visites que vous avez notées y sont comptées.`,
      { link: input.pageLink, label: "Répondre sur ma page de mentor" },
    ],
    en: [
      `Hello ${input.firstName},`,
      `${input.nudge ? "No answer from you yet: " : ""}did the BarNum' drop-in "${barnum.event}" take place? Say so in one click on your mentor page; the visits you recorded are counted there.`,
      { link: `${input.pageLink}?lang=en`, label: "Answer on my mentor page" },
    ],
  };
}

export function barnumClosed(input: {
  firstName: string;
  barnum: Barnum;
  figures: BarnumFigures;
}): Bilingual {
  const { barnum, figures } = input;
  return {
    subject: `BarNum' « ${barnum.event} » : merci !`,
    fr: [
      `Bonjour ${input.firstName},`,
      `Merci d'avoir tenu le BarNum' « ${barnum.event} » : ${plural("fr", figures.visits, "visite", "visites")}, ${plural("fr", figures.resolved, "question résolue", "questions résolues")}. Il compte dans votre attestation de mentor.`,
    ],
    en: [
      `Hello ${input.firstName},`,
      `Thank you for staffing the BarNum' drop-in "${barnum.event}": ${plural("en", figures.visits, "visit", "visits")}, ${plural("en", figures.resolved, "question resolved", "questions resolved")}. It counts in your mentor attestation.`,
    ],
  };
}

export function teamAlert(input: { barnum: Barnum; what: "silence" | "failure" }): Bilingual {
  const { barnum } = input;
  const why =
    input.what === "silence"
      ? {
          fr: "aucun mentor n'a dit s'il a eu lieu, malgré une relance",
          en: "no mentor has said whether it took place, despite a nudge",
        }
      : {
          fr: "une étape automatique a échoué après plusieurs essais",
          en: "an automatic step failed after several attempts",
        };
  return {
    subject: `BarNum' « ${barnum.event} » : à regarder`,
    fr: [
      "Bonjour,",
      `BarNum' « ${barnum.event} » (${barnumWhen(barnum).fr}) : ${why.fr}. Voyez sa page dans l'espace de l'équipe d'animation.`,
    ],
    en: [
      "Hello,",
      `BarNum' drop-in "${barnum.event}" (${barnumWhen(barnum).en}): ${why.en}. See its page in the programme team's area.`,
    ],
  };
}

/**
 * The BarNum' was moved (or its place changed): to the mentors who staff it or were asked, and to
 * each agent registered (their slot at the new date). The calendar file, when they had one, is
 * the same event at the next SEQUENCE, so their diary moves it instead of adding another.
 */
export function barnumMoved(input: {
  firstName: string;
  barnum: Barnum;
  slot?: Slot;
  pageLink?: string;
  withCalendar: boolean;
}): Bilingual {
  const { barnum, slot } = input;
  const when = barnumWhen(barnum);
  const slotLine = slot
    ? {
        fr: `Votre créneau devient : ${barnumWhen(slot).fr}, ${barnum.place}.`,
        en: `Your slot becomes: ${barnumWhen(slot).en}, ${barnum.place}.`,
      }
    : undefined;
  return {
    subject: `BarNum' « ${barnum.event} » : nouvelle date, ${when.fr.replace(/^le /, "")}`,
    fr: [
      `Bonjour ${input.firstName},`,
      `Le BarNum' « ${barnum.event} » change de date : il aura lieu ${when.fr}, ${barnum.place}.`,
      ...(slotLine ? [slotLine.fr] : []),
      ...(input.withCalendar
        ? ["L'invitation jointe remplace la précédente dans votre agenda."]
        : []),
      ...(input.pageLink ? [{ link: input.pageLink, label: "Ma page de mentor" }] : []),
    ],
    en: [
      `Hello ${input.firstName},`,
      `The BarNum' drop-in "${barnum.event}" has a new date: ${when.en}, ${barnum.place}.`,
      ...(slotLine ? [slotLine.en] : []),
      ...(input.withCalendar
        ? ["The attached invitation replaces the previous one in your diary."]
        : []),
      ...(input.pageLink ? [{ link: `${input.pageLink}?lang=en`, label: "My mentor page" }] : []),
    ],
  };
}

/** The BarNum' was cancelled: to the same people, with the calendar's CANCEL when they had one. */
export function barnumCancelled(input: {
  firstName: string;
  barnum: Barnum;
  withCalendar: boolean;
}): Bilingual {
  const { barnum } = input;
  const when = barnumWhen(barnum);
  return {
    subject: `BarNum' « ${barnum.event} » : annulé`,
    fr: [
      `Bonjour ${input.firstName},`,
      `Le BarNum' « ${barnum.event} » prévu ${when.fr}, ${barnum.place}, est annulé.`,
      ...(input.withCalendar ? ["Le fichier joint le retire de votre agenda."] : []),
      "Les prochains BarNum' sont sur la page publique des BarNum'.",
    ],
    en: [
      `Hello ${input.firstName},`,
      `The BarNum' drop-in "${barnum.event}" planned ${when.en}, ${barnum.place}, is cancelled.`,
      ...(input.withCalendar ? ["The attached file removes it from your diary."] : []),
      "The coming BarNum' are on the public BarNum' page.",
    ],
  };
}
