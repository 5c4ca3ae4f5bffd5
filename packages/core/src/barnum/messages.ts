import type { Bilingual } from "../email/layout";
import { programme, themes } from "../programme";
import { formatDay, formatTime } from "../words";
import type { Barnum, Slot } from "./model";

/** The emails of a BarNum': to the mentors who staff it, to the agents who register. */

/** « le mardi 1er décembre 2026 de 12 h à 14 h » / "on Tuesday 1 December 2026 from 12:00 to 14:00". */
export function barnumWhen(barnum: Pick<Barnum, "startsAt" | "endsAt">) {
  const start = new Date(barnum.startsAt);
  const end = new Date(barnum.endsAt);
  const weekday = (lang: "fr-FR" | "en-GB") =>
    new Intl.DateTimeFormat(lang, { timeZone: "Europe/Paris", weekday: "long" }).format(start);
  return {
    fr: `le ${weekday("fr-FR")} ${formatDay(start).fr} de ${formatTime(start).fr} à ${formatTime(end).fr}`,
    en: `on ${weekday("en-GB")} ${formatDay(start).en} from ${formatTime(start).en} to ${formatTime(end).en}`,
  };
}

export const slotWhen = (slot: Slot) => ({
  fr: `de ${formatTime(new Date(slot.startsAt)).fr} à ${formatTime(new Date(slot.endsAt)).fr}`,
  en: `from ${formatTime(new Date(slot.startsAt)).en} to ${formatTime(new Date(slot.endsAt)).en}`,
});

const themeLabel = (id: string | undefined) => themes.find((theme) => theme.id === id)?.label;

export function staffingRequest(input: {
  firstName: string;
  barnum: Barnum;
  pageLink: string;
}): Bilingual {
  const { barnum } = input;
  const when = barnumWhen(barnum);
  return {
    subject: `BarNum' du ${formatDay(new Date(barnum.startsAt)).fr} : pouvez-vous en être ?`,
    fr: [
      `Bonjour ${input.firstName},`,
      `L'équipe d'animation organise un BarNum' (« ${barnum.event} ») ${when.fr}, ${barnum.place}. Les agents y viennent, inscrits ou non, pour une question, un logiciel à essayer, un blocage à lever.`,
      "Pouvez-vous tenir le BarNum' avec d'autres mentors ? Dites-le sur votre page de mentor : vous recevrez alors l'invitation pour votre agenda.",
      { link: input.pageLink, label: "Répondre sur ma page de mentor" },
    ],
    en: [
      `Hello ${input.firstName},`,
      `The programme team is running a BarNum' drop-in ("${barnum.event}") ${when.en}, ${barnum.place}. Agents come, registered or not, with a question, a piece of software to try, something that blocks them.`,
      "Can you staff it with other mentors? Say so on your mentor page: you will then receive the invitation for your diary.",
      { link: `${input.pageLink}?lang=en`, label: "Answer on my mentor page" },
    ],
  };
}

export function staffingConfirmed(input: {
  firstName: string;
  barnum: Barnum;
  pageLink: string;
}): Bilingual {
  const { barnum } = input;
  const when = barnumWhen(barnum);
  return {
    subject: `BarNum' du ${formatDay(new Date(barnum.startsAt)).fr} : merci, vous en êtes`,
    fr: [
      `Bonjour ${input.firstName},`,
      `Merci : vous tenez le BarNum' (« ${barnum.event} ») ${when.fr}, ${barnum.place}. L'invitation est jointe pour votre agenda.`,
      "Le jour venu, notez chaque visite depuis votre téléphone en quelques secondes (le thème, résolu ou non ; rien sur la personne) :",
      { link: input.pageLink, label: "Ma page de mentor" },
    ],
    en: [
      `Hello ${input.firstName},`,
      `Thank you: you are staffing the BarNum' drop-in ("${barnum.event}") ${when.en}, ${barnum.place}. The invitation is attached for your diary.`,
      "On the day, record each visit from your phone in a few seconds (the theme, resolved or not; nothing about the person):",
      { link: `${input.pageLink}?lang=en`, label: "My mentor page" },
    ],
  };
}

export function registrationConfirmed(input: {
  firstName: string;
  barnum: Barnum;
  slot: Slot;
  question?: string;
  theme?: string;
  updated: boolean;
}): Bilingual {
  const { barnum, slot } = input;
  const day = formatDay(new Date(slot.startsAt));
  const slotTime = slotWhen(slot);
  const theme = themeLabel(input.theme);
  return {
    subject: `BarNum' du ${day.fr} : ${input.updated ? "votre inscription est modifiée" : "vous êtes inscrit(e)"}`,
    fr: [
      `Bonjour ${input.firstName},`,
      `${input.updated ? "Votre inscription est modifiée" : "Votre inscription est enregistrée"} : BarNum' (« ${barnum.event} ») le ${day.fr} ${slotTime.fr}, ${barnum.place}. L'invitation est jointe pour votre agenda.`,
      ...(theme ? [`Thème : ${theme.fr}.`] : []),
      ...(input.question
        ? [`Votre question, que les mentors liront avant de vous recevoir : « ${input.question} »`]
        : []),
      `Un empêchement ? Rien à faire : venez à un autre moment, ou écrivez à ${programme.contactEmail}.`,
    ],
    en: [
      `Hello ${input.firstName},`,
      `${input.updated ? "Your registration is changed" : "Your registration is recorded"}: BarNum' drop-in ("${barnum.event}") on ${day.en} ${slotTime.en}, ${barnum.place}. The invitation is attached for your diary.`,
      ...(theme ? [`Theme: ${theme.en}.`] : []),
      ...(input.question
        ? [`Your question, which the mentors will read before they see you: "${input.question}"`]
        : []),
      `Cannot come? Nothing to do: come at another time, or write to ${programme.contactEmail}.`,
    ],
  };
}
