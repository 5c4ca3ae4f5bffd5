import { barnumWhen, slotWhen } from "#core/barnum/messages";
import { type Barnum, placesLeft } from "#core/barnum/model";
import { programme, themes } from "#core/programme";
import { plural } from "#core/words";
import {
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RequiredNote,
  SelectField,
  SubmitButton,
  TextField,
} from "../form-kit";
import { type Lang, pageTitle, t, ui } from "../i18n";
import { Layout } from "../layout";
import { say } from "../say";

/** /barnum: the coming BarNum', open to every agent without an account; a slot's registration. */

const words = {
  title: {
    fr: "BarNum' : de l'aide numérique sans rendez-vous",
    en: "BarNum': drop-in digital help",
  },
  intro: {
    fr: "Un BarNum' est tenu par des mentors du programme, dans un événement ou à l'heure du déjeuner. Tout agent peut y venir, quel que soit son grade : poser une question, essayer un logiciel ou un réseau social, se faire débloquer. Vous pouvez vous inscrire à un créneau et poser votre question à l'avance, ou simplement venir.",
    en: "A BarNum' is run by the programme's mentors, inside an event or at lunchtime. Every agent may come, whatever their grade: ask a question, try a piece of software or a social network, get unblocked. You may register for a slot and ask your question in advance, or just come.",
  },
  none: {
    fr: "Aucun BarNum' n'est prévu pour l'instant. Revenez bientôt !",
    en: "No BarNum' is planned at the moment. Come back soon!",
  },
  register: { fr: "S'inscrire à un créneau", en: "Register for a slot" },
  full: { fr: "complet", en: "full" },
  place: { fr: "place", en: "place" },
  places: { fr: "places", en: "places" },
  slot: { fr: "Créneau", en: "Slot" },
  firstName: { fr: "Prénom", en: "First name" },
  email: { fr: "Adresse électronique professionnelle", en: "Work email address" },
  theme: { fr: "Thème de votre question", en: "Theme of your question" },
  noTheme: { fr: "Je ne sais pas encore", en: "I do not know yet" },
  question: {
    fr: "Votre question, si vous voulez la poser à l'avance",
    en: "Your question, if you want to ask it in advance",
  },
  consent: {
    fr: "J'accepte que mon prénom, mon adresse et ma question soient conservés jusqu'à un mois après le BarNum' (politique de confidentialité).",
    en: "I agree that my first name, address and question are kept until a month after the BarNum' (privacy notice).",
  },
  send: { fr: "M'inscrire", en: "Register" },
  justCome: {
    fr: "Pas besoin de vous inscrire pour venir : l'inscription garantit seulement votre place sur un créneau.",
    en: "You need not register to come: registering only keeps your place in a slot.",
  },
  back: { fr: "Tous les BarNum'", en: "Every BarNum'" },
  notFound: {
    fr: "Ce BarNum' n'existe pas ou est passé.",
    en: "This BarNum' does not exist or is over.",
  },
} as const;

export const registrationLabels = (lang: Lang): Record<string, string> => ({
  firstName: say(lang, words.firstName),
  email: say(lang, words.email),
  slotId: say(lang, words.slot),
  theme: say(lang, words.theme),
  question: say(lang, words.question),
  consent: t(lang, { fr: "Consentement", en: "Consent" }),
});

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function BarnumListPage(props: { lang: Lang; barnums: Barnum[] }) {
  const { lang, barnums } = props;
  return (
    <Layout lang={lang} title={say(lang, words.title)} path="/barnum">
      <h1>{say(lang, words.title)}</h1>
      <p>{say(lang, words.intro)}</p>
      {barnums.length === 0 ? (
        <p>{say(lang, words.none)}</p>
      ) : (
        <ul class="cards">
          {barnums.map((barnum) => (
            <li class="card">
              <h2>{barnum.event}</h2>
              <p>
                {capital(t(lang, barnumWhen(barnum)).replace(/^(le|on) /, ""))}, {barnum.place}
              </p>
              <div class="actions">
                <a class="button" href={`/barnum/${barnum.id}${lang === "en" ? "?lang=en" : ""}`}>
                  {say(lang, words.register)}
                  <span class="visually-hidden"> — {barnum.event}</span>
                </a>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function BarnumRegistrationPage(props: {
  lang: Lang;
  barnum: Barnum;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { lang, barnum, values = {}, errors = {} } = props;
  const path = `/barnum/${barnum.id}`;
  const title = `BarNum' — ${barnum.event}`;
  return (
    <Layout lang={lang} title={pageTitle(lang, title, Object.keys(errors).length > 0)} path={path}>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={lang} labels={registrationLabels(lang)} />
        <h1>{title}</h1>
        <p>
          {capital(t(lang, barnumWhen(barnum)).replace(/^(le|on) /, ""))}, {barnum.place}.
        </p>
        <p>{say(lang, words.justCome)}</p>
        <RequiredNote lang={lang} />
        <form method="post" action={lang === "en" ? `${path}?lang=en` : path} novalidate>
          <ChoiceGroup
            name="slotId"
            legend={say(lang, words.slot)}
            type="radio"
            required
            options={barnum.slots.map((slot) => {
              const left = placesLeft(barnum, slot.id);
              return {
                value: slot.id,
                label: `${capital(t(lang, slotWhen(slot)))} (${
                  left === 0
                    ? say(lang, words.full)
                    : plural(lang, left, say(lang, words.place), say(lang, words.places))
                })`,
              };
            })}
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="firstName"
            label={say(lang, words.firstName)}
            required
            autocomplete="given-name"
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="email"
            type="email"
            label={say(lang, words.email)}
            required
            autocomplete="email"
            values={values}
            errors={errors}
            lang={lang}
          />
          <SelectField
            name="theme"
            label={say(lang, words.theme)}
            options={[
              { value: "", label: say(lang, words.noTheme) },
              ...themes.map((theme) => ({ value: theme.id, label: t(lang, theme.label) })),
            ]}
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="question"
            label={say(lang, words.question)}
            multiline
            values={values}
            errors={errors}
            lang={lang}
          />
          <ChoiceGroup
            name="consent"
            legend={t(lang, { fr: "Consentement", en: "Consent" })}
            type="checkbox"
            required
            options={[{ value: "on", label: say(lang, words.consent) }]}
            values={values}
            errors={errors}
            lang={lang}
          />
          <p>
            <a href="/confidentialite">{t(lang, ui.readPrivacy)}</a>
          </p>
          <SubmitButton lang={lang} label={say(lang, words.send)} />
        </form>
        <p>
          <a href={lang === "en" ? "/barnum?lang=en" : "/barnum"}>{say(lang, words.back)}</a>
        </p>
      </div>
    </Layout>
  );
}

const outcomes = {
  created: {
    fr: [
      "Vous êtes inscrit(e)",
      "Un message de confirmation vient de vous être envoyé, avec l'invitation pour votre agenda.",
    ],
    en: [
      "You are registered",
      "A confirmation email is on its way, with the invitation for your diary.",
    ],
  },
  updated: {
    fr: [
      "Votre inscription est modifiée",
      "Un message vient de vous être envoyé avec l'invitation mise à jour.",
    ],
    en: ["Your registration is changed", "An email is on its way with the updated invitation."],
  },
  unchanged: {
    fr: ["Vous étiez déjà inscrit(e)", "Votre inscription n'a pas changé : rien de plus à faire."],
    en: ["You were already registered", "Your registration has not changed: nothing more to do."],
  },
  full: {
    fr: ["Ce créneau est complet", "Choisissez un autre créneau, ou venez sans inscription."],
    en: ["This slot is full", "Choose another slot, or come without registering."],
  },
} as const;

export type RegistrationShown = keyof typeof outcomes;

export function BarnumRegisteredPage(props: {
  lang: Lang;
  barnum: Barnum;
  outcome: RegistrationShown;
}) {
  const { lang, barnum, outcome } = props;
  const [title, body] = outcomes[outcome][lang];
  return (
    <Layout lang={lang} title={say(lang, { fr: title, en: title })} path={`/barnum/${barnum.id}`}>
      <div class="narrow">
        <h1>{say(lang, { fr: title, en: title })}</h1>
        <p>{say(lang, { fr: body, en: body })}</p>
        <p>
          {say(lang, {
            fr: `BarNum' « ${barnum.event} », ${barnumWhen(barnum).fr}, ${barnum.place}.`,
            en: `BarNum' "${barnum.event}", ${barnumWhen(barnum).en}, ${barnum.place}.`,
          })}
        </p>
        <p>
          {say(lang, {
            fr: "Une question sur le programme ?",
            en: "A question about the programme?",
          })}{" "}
          <a href={`mailto:${programme.contactEmail}`}>{programme.contactEmail}</a>
        </p>
        <p>
          <a href={lang === "en" ? "/barnum?lang=en" : "/barnum"}>{say(lang, words.back)}</a>
        </p>
      </div>
    </Layout>
  );
}

export const barnumNotFound = words.notFound;
