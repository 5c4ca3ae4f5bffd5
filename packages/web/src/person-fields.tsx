import { availabilitySlots, formats } from "#core/programme";
import { ChoiceGroup, type FieldErrors, type FormValues, TextField } from "./form-kit";
import { type Lang, t, ui } from "./i18n";

/** The parts the questionnaire and the mentor application share: who you are, when you meet, consent. */
type Common = { values: FormValues; errors: FieldErrors; lang: Lang };

export const personLabels = (lang: Lang): Record<string, string> => ({
  firstName: lang === "fr" ? "Prénom" : "First name",
  lastName: lang === "fr" ? "Nom" : "Last name",
  email: lang === "fr" ? "Adresse électronique professionnelle" : "Work email address",
  directorate: lang === "fr" ? "Direction ou service" : "Directorate or department",
  role: lang === "fr" ? "Fonction" : "Role",
  site: lang === "fr" ? "Site ou ville de travail" : "Work site or city",
  formats: lang === "fr" ? "Façons de se rencontrer" : "Ways to meet",
  availability: lang === "fr" ? "Disponibilités" : "Availability",
  availabilityNote:
    lang === "fr" ? "Précisions sur vos disponibilités" : "More about your availability",
  consent: lang === "fr" ? "Politique de confidentialité" : "Privacy notice",
});

export function IdentityFields(common: Common) {
  const label = personLabels(common.lang);
  return (
    <>
      <TextField
        name="firstName"
        label={label.firstName ?? ""}
        required
        autocomplete="given-name"
        {...common}
      />
      <TextField
        name="lastName"
        label={label.lastName ?? ""}
        required
        autocomplete="family-name"
        {...common}
      />
      <TextField
        name="email"
        type="email"
        label={label.email ?? ""}
        required
        autocomplete="email"
        {...common}
      />
      <TextField
        name="directorate"
        label={label.directorate ?? ""}
        required
        autocomplete="organization"
        {...common}
      />
      <TextField
        name="role"
        label={label.role ?? ""}
        required
        autocomplete="organization-title"
        {...common}
      />
    </>
  );
}

export function MeetingFields(props: Common & { availabilityHint?: string }) {
  const { availabilityHint, ...common } = props;
  const label = personLabels(common.lang);
  return (
    <>
      <ChoiceGroup
        name="formats"
        legend={label.formats ?? ""}
        type="checkbox"
        required
        inline
        options={formats.map((format) => ({
          value: format.id,
          label: t(common.lang, format.label),
        }))}
        {...common}
      />
      <ChoiceGroup
        name="availability"
        legend={label.availability ?? ""}
        type="checkbox"
        required
        inline
        options={availabilitySlots.map((slot) => ({
          value: slot.id,
          label: t(common.lang, slot.label),
        }))}
        {...common}
      />
      <TextField
        name="availabilityNote"
        label={label.availabilityNote ?? ""}
        hint={availabilityHint}
        multiline
        {...common}
      />
    </>
  );
}

export function ConsentField(props: Common & { statement: string }) {
  const { statement, ...common } = props;
  return (
    <>
      <ChoiceGroup
        name="consent"
        legend={personLabels(common.lang).consent ?? ""}
        type="checkbox"
        required
        options={[{ value: "on", label: statement }]}
        {...common}
      />
      <p>
        <a href="/confidentialite">{t(common.lang, ui.readPrivacy)}</a>
      </p>
    </>
  );
}
