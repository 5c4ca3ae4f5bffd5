import type {
  MentorCandidate,
  MentorProposal,
  WorkshopRecord,
  WorkshopStatus,
} from "#core/events/workshop";
import { themeLabel } from "#core/events/workshop/messages";
import { addressRef } from "#core/events/workshop/people";
import type { Participant, StoredFeedback } from "#core/events/workshop/store";
import { availabilitySlots, type Localised } from "#core/programme";
import { formatHours, plural } from "#core/words";
import {
  ErrorSummary,
  FieldError,
  type FieldErrors,
  type FormValues,
  fieldId,
  SelectField,
  TextField,
} from "../../form-kit";
import { type Lang, pageTitle, t } from "../../i18n";
import { AdminLayout, formatDate, formatDateTime, inLanguage } from "./parts";

/** The programme team's pages of collective workshops: the requests, then one workshop. */

export const workshopStatusLabels: Record<WorkshopStatus, Localised> = {
  requested: { fr: "Demandé", en: "Requested" },
  scheduled: { fr: "Fixé", en: "Scheduled" },
  cancelled: { fr: "Annulé", en: "Cancelled" },
  held: { fr: "A eu lieu", en: "Held" },
  "not-held": { fr: "N'a pas eu lieu", en: "Not held" },
  closed: { fr: "Clos", en: "Closed" },
};

const words = {
  title: { fr: "Ateliers collectifs", en: "Collective workshops" },
  none: { fr: "Aucune demande d'atelier pour l'instant.", en: "No workshop request yet." },
  requestForm: {
    fr: "Les chefs de service demandent un atelier par le formulaire public :",
    en: "Heads of service ask for a workshop through the public form:",
  },
  service: { fr: "Service", en: "Service" },
  theme: { fr: "Thème", en: "Theme" },
  managers: { fr: "Cadres", en: "Managers" },
  status: { fr: "État", en: "Status" },
  date: { fr: "Date", en: "Date" },
  asked: { fr: "Demandé le", en: "Asked on" },
  request: { fr: "La demande", en: "The request" },
  headOfService: { fr: "Chef de service", en: "Head of service" },
  goal: { fr: "Ce qui est attendu", en: "What is wanted" },
  dates: { fr: "Dates qui conviennent", en: "Dates that suit" },
  slots: { fr: "Moments", en: "Times of day" },
  mentors: { fr: "Les deux mentors", en: "The two mentors" },
  proposals: { fr: "Binômes de mentors proposés", en: "Proposed pairs of mentors" },
  noProposal: {
    fr: "Aucun binôme de mentors sélectionnés ne connaît ce thème (niveau 2 au moins) hors de la ligne hiérarchique du service.",
    en: "No pair of selected mentors knows this theme (level 2 or more) outside the service's line of management.",
  },
  choose: { fr: "Choisir ces deux mentors", en: "Choose these two mentors" },
  orChoose: { fr: "Ou choisir deux mentors", en: "Or choose two mentors" },
  first: { fr: "Premier mentor", en: "First mentor" },
  second: { fr: "Second mentor", en: "Second mentor" },
  pick: { fr: "Choisir un mentor", en: "Choose a mentor" },
  assign: { fr: "Confier l'atelier", en: "Assign the workshop" },
  schedule: { fr: "Date et lieu", en: "Date and place" },
  dateField: { fr: "Date", en: "Date" },
  time: { fr: "Heure de début", en: "Start time" },
  duration: { fr: "Durée, en minutes", en: "Duration, in minutes" },
  place: { fr: "Lieu", en: "Place" },
  video: { fr: "Lien de visio (https://…)", en: "Video link (https://…)" },
  setDate: { fr: "Fixer la date et inviter", en: "Set the date and invite" },
  move: {
    fr: "Déplacer l'atelier (tout le monde est prévenu)",
    en: "Move the workshop (everyone is told)",
  },
  participants: { fr: "Participants", en: "Participants" },
  noParticipant: { fr: "Aucun participant pour l'instant.", en: "No participant yet." },
  emails: {
    fr: "Adresses des participants, une par ligne",
    en: "Participants' addresses, one per line",
  },
  add: { fr: "Ajouter", en: "Add" },
  registration: {
    fr: "Lien d'inscription envoyé au chef de service, à transmettre à ses cadres :",
    en: "Registration link sent to the head of service, to forward to their managers:",
  },
  registered: { fr: "inscrit par le lien", en: "registered through the link" },
  given: { fr: "donné par le chef de service", en: "given by the head of service" },
  cancel: {
    fr: "Annuler l'atelier (tout le monde est prévenu)",
    en: "Cancel the workshop (everyone is told)",
  },
  cancelUnfinished: {
    fr: "L'atelier est annulé, mais tout le monde n'est pas encore prévenu : l'envoi s'est interrompu. Il reprend à la prochaine étape de l'atelier, ou tout de suite avec ce bouton (personne ne reçoit l'annulation deux fois).",
    en: "The workshop is cancelled, but not everyone has been told yet: the sending stopped. It resumes at the workshop's next step, or at once with this button (no one gets the cancellation twice).",
  },
  finishCancel: { fr: "Prévenir les autres personnes", en: "Tell the other people" },
  outcome: { fr: "Bilan", en: "Outcome" },
  feedback: { fr: "Avis des participants", en: "Participants' feedback" },
} satisfies Record<string, Localised>;

export const scheduleLabels = (lang: Lang): Record<string, string> => ({
  date: t(lang, words.dateField),
  time: t(lang, words.time),
  durationMinutes: t(lang, words.duration),
  place: t(lang, words.place),
  videoLink: t(lang, words.video),
  emails: t(lang, words.emails),
  mentorIds: t(lang, words.mentors),
  "mentorIds.0": t(lang, words.first),
  "mentorIds.1": t(lang, words.second),
});

/** A workshop's page: the mentors, the date and place, then the participants. */
const workshopOrder = [
  "mentorIds",
  "date",
  "time",
  "durationMinutes",
  "place",
  "videoLink",
  "emails",
];

export function WorkshopsPage(props: { workshops: WorkshopRecord[]; lang: Lang; done?: string }) {
  const { lang } = props;
  return (
    <AdminLayout lang={lang} title={t(lang, words.title)} path="/admin/ateliers" done={props.done}>
      <h1>{t(lang, words.title)}</h1>
      <p>
        {t(lang, words.requestForm)} <a href="/atelier">/atelier</a>
      </p>
      {props.workshops.length === 0 ? (
        <p>{t(lang, words.none)}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, words.service)}</th>
                <th scope="col">{t(lang, words.theme)}</th>
                <th scope="col">{t(lang, words.managers)}</th>
                <th scope="col">{t(lang, words.asked)}</th>
                <th scope="col">{t(lang, words.date)}</th>
                <th scope="col">{t(lang, words.status)}</th>
              </tr>
            </thead>
            <tbody>
              {props.workshops.map((workshop) => (
                <tr>
                  <td>
                    <a href={inLanguage(`/admin/ateliers/${workshop.id}`, lang)}>
                      {workshop.request.service}
                    </a>
                  </td>
                  <td>{t(lang, themeLabel(workshop.request.theme))}</td>
                  <td>{workshop.request.managers}</td>
                  <td>{formatDate(workshop.createdAt, lang)}</td>
                  <td>{formatDateTime(workshop.schedule?.start, lang)}</td>
                  <td>{t(lang, workshopStatusLabels[workshop.status])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}

export type WorkshopPageProps = {
  lang: Lang;
  workshop: WorkshopRecord;
  mentors: { id: string; name: string }[];
  participants: Participant[];
  feedback: StoredFeedback[];
  proposals: MentorProposal[];
  candidates: MentorCandidate[];
  registrationLink?: string;
  done?: string;
  problem?: string;
  values?: FormValues;
  errors?: FieldErrors;
};

export function WorkshopPage(props: WorkshopPageProps) {
  const { lang, workshop } = props;
  const errors = props.errors ?? {};
  const path = `/admin/ateliers/${workshop.id}`;
  const theme = t(lang, themeLabel(workshop.request.theme));
  const title = `${workshop.request.service} — ${theme}`;
  const open = workshop.status === "requested" || workshop.status === "scheduled";
  const schedule = workshop.schedule;
  // What a refused form sent, over what is stored: the page's other forms keep their values.
  const values: FormValues = {
    date: schedule ? parisDate(schedule.start) : "",
    time: schedule ? parisTime(schedule.start) : "",
    durationMinutes: String(schedule?.durationMinutes ?? 120),
    place: schedule?.place ?? "",
    videoLink: schedule?.videoLink ?? "",
    ...props.values,
  };
  const common = { values, errors, lang };
  const ratings = props.feedback.map((item) => item.rating);
  return (
    <AdminLayout
      lang={lang}
      title={pageTitle(lang, title, Object.keys(errors).length > 0)}
      path={path}
      done={props.done}
      problem={props.problem}
    >
      <ErrorSummary
        errors={errors}
        lang={lang}
        labels={scheduleLabels(lang)}
        order={workshopOrder}
      />
      <h1>{title}</h1>
      <p>
        {t(lang, { fr: `${words.status.fr} : `, en: `${words.status.en}: ` })}
        <strong>{t(lang, workshopStatusLabels[workshop.status])}</strong>
        {schedule
          ? ` — ${formatDateTime(schedule.start, lang)}, ${t(lang, formatHours(schedule.durationMinutes / 60))}`
          : ""}
      </p>
      <section>
        <h2>{t(lang, words.request)}</h2>
        <dl>
          <dt>{t(lang, words.headOfService)}</dt>
          <dd>
            {workshop.request.firstName} {workshop.request.lastName} ({workshop.request.email})
          </dd>
          <dt>{t(lang, words.managers)}</dt>
          <dd>{workshop.request.managers}</dd>
          <dt>{t(lang, words.goal)}</dt>
          <dd>{workshop.request.goal}</dd>
          <dt>{t(lang, words.slots)}</dt>
          <dd>
            {workshop.request.slots
              .map((slot) => availabilitySlots.find((item) => item.id === slot))
              .map((slot) => (slot ? t(lang, slot.label) : ""))
              .join(", ")}
          </dd>
          <dt>{t(lang, words.dates)}</dt>
          <dd>{workshop.request.dates}</dd>
        </dl>
      </section>
      <section>
        <h2>{t(lang, words.mentors)}</h2>
        {props.mentors.length ? (
          <p>{props.mentors.map((mentor) => mentor.name).join(lang === "fr" ? " et " : " and ")}</p>
        ) : null}
        {workshop.status === "requested" ? (
          <>
            <h3>{t(lang, words.proposals)}</h3>
            {props.proposals.length === 0 ? (
              <p>{t(lang, words.noProposal)}</p>
            ) : (
              <ul>
                {props.proposals.map((proposal) => (
                  <li>
                    {proposal.mentors[0].name} {lang === "fr" ? "et" : "and"}{" "}
                    {proposal.mentors[1].name} — {t(lang, proposal.reasons)}
                    <form
                      method="post"
                      action={inLanguage(`${path}/mentors`, lang)}
                      class="actions"
                    >
                      <input type="hidden" name="mentorIds" value={proposal.mentors[0].id} />
                      <input type="hidden" name="mentorIds" value={proposal.mentors[1].id} />
                      <button type="submit" class="secondary">
                        {t(lang, words.choose)}
                        <span class="visually-hidden">
                          {" "}
                          {proposal.mentors[0].name}, {proposal.mentors[1].name}
                        </span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            {props.candidates.length >= 2 ? (
              <form method="post" action={inLanguage(`${path}/mentors`, lang)} novalidate>
                <fieldset
                  id={fieldId("mentorIds")}
                  class={errors.mentorIds ? "invalid" : undefined}
                  tabindex={-1}
                >
                  <legend>{t(lang, words.orChoose)}</legend>
                  <FieldError name="mentorIds" errors={errors} lang={lang} />
                  {(["first", "second"] as const).map((which, index) => (
                    <SelectField
                      name={`mentorIds.${index}`}
                      label={t(lang, words[which])}
                      options={[
                        { value: "", label: t(lang, words.pick) },
                        ...props.candidates.map((mentor) => ({
                          value: mentor.id,
                          label: mentor.name,
                        })),
                      ]}
                      required
                      {...common}
                    />
                  ))}
                </fieldset>
                <div class="actions">
                  <button type="submit">{t(lang, words.assign)}</button>
                </div>
              </form>
            ) : null}
          </>
        ) : null}
      </section>
      {open && workshop.mentorIds ? (
        <section>
          <h2>{t(lang, words.schedule)}</h2>
          <form method="post" action={inLanguage(`${path}/date`, lang)} novalidate>
            <TextField
              name="date"
              type="date"
              label={t(lang, words.dateField)}
              required
              {...common}
            />
            <TextField name="time" type="time" label={t(lang, words.time)} required {...common} />
            <TextField
              name="durationMinutes"
              label={t(lang, words.duration)}
              required
              inputmode="numeric"
              {...common}
            />
            <TextField name="place" label={t(lang, words.place)} {...common} />
            <TextField name="videoLink" label={t(lang, words.video)} {...common} />
            <div class="actions">
              <button type="submit">
                {t(lang, workshop.status === "scheduled" ? words.move : words.setDate)}
              </button>
            </div>
          </form>
        </section>
      ) : null}
      <section>
        <h2>{t(lang, words.participants)}</h2>
        {props.registrationLink ? (
          <p>
            {t(lang, words.registration)}{" "}
            <a href={props.registrationLink}>{props.registrationLink}</a>
          </p>
        ) : null}
        {props.participants.length === 0 ? (
          <p>{t(lang, words.noParticipant)}</p>
        ) : (
          <ul>
            {props.participants.map((participant) => (
              <li>
                {[participant.firstName, participant.lastName].filter(Boolean).join(" ") ||
                  participant.email}
                {participant.firstName ? ` (${participant.email})` : ""} —{" "}
                {t(lang, participant.source === "registration" ? words.registered : words.given)}
              </li>
            ))}
          </ul>
        )}
        {open ? (
          <form method="post" action={inLanguage(`${path}/participants`, lang)} novalidate>
            <TextField name="emails" label={t(lang, words.emails)} multiline required {...common} />
            <div class="actions">
              <button type="submit">{t(lang, words.add)}</button>
            </div>
          </form>
        ) : null}
      </section>
      {workshop.outcome || props.feedback.length ? (
        <section>
          <h2>{t(lang, words.outcome)}</h2>
          {workshop.outcome ? (
            <p>
              {workshop.outcome.tookPlace
                ? t(lang, {
                    fr: `A eu lieu : ${plural("fr", workshop.outcome.attendees ?? 0, "personne venue", "personnes venues")}.`,
                    en: `Took place: ${plural("en", workshop.outcome.attendees ?? 0, "person came", "people came")}.`,
                  })
                : t(lang, workshopStatusLabels["not-held"])}
            </p>
          ) : null}
          {workshop.present?.length ? (
            <p>
              {t(
                lang,
                props.participants.length === 1
                  ? {
                      fr: "Présents parmi la personne invitée\u00a0: ",
                      en: "Present among the person invited: ",
                    }
                  : {
                      fr: `Présents parmi les ${plural("fr", props.participants.length, "personne invitée", "personnes invitées")}\u00a0: `,
                      en: `Present among the ${plural("en", props.participants.length, "person invited", "people invited")}: `,
                    },
              )}
              {props.participants
                .filter((participant) => workshop.present?.includes(addressRef(participant.email)))
                .map(
                  (participant) =>
                    [participant.firstName, participant.lastName].filter(Boolean).join(" ") ||
                    participant.email,
                )
                .join(", ")}
            </p>
          ) : null}
          <h3>{t(lang, words.feedback)}</h3>
          <p>
            {t(lang, {
              fr: plural("fr", ratings.length, "avis", "avis"),
              en: plural("en", ratings.length, "review", "reviews"),
            })}
            {ratings.length
              ? t(lang, {
                  fr: `, note moyenne ${(ratings.reduce((a, b) => a + b, 0) / ratings.length).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} sur 5`,
                  en: `, average rating ${(ratings.reduce((a, b) => a + b, 0) / ratings.length).toLocaleString("en-GB", { maximumFractionDigits: 1 })} out of 5`,
                })
              : ""}
          </p>
          <ul>
            {props.feedback
              .filter((item) => item.comment)
              .map((item) => (
                <li>
                  {item.rating}/5 — {item.comment}
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      {workshop.status === "cancelled" && workshop.cancelEmails === "queueing" ? (
        <form method="post" action={inLanguage(`${path}/annuler`, lang)}>
          <p class="notice">{t(lang, words.cancelUnfinished)}</p>
          <div class="actions">
            <button type="submit">{t(lang, words.finishCancel)}</button>
          </div>
        </form>
      ) : null}
      {open ? (
        <form method="post" action={inLanguage(`${path}/annuler`, lang)} class="actions">
          <button type="submit" class="secondary">
            {t(lang, words.cancel)}
          </button>
        </form>
      ) : null}
    </AdminLayout>
  );
}

const parisParts = (iso: string) =>
  Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Paris",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
/** The form's own field values (an `<input type="date">` speaks ISO), never shown as text. */
const parisDate = (iso: string) => {
  const parts = parisParts(iso);
  return `${parts.year}-${parts.month}-${parts.day}`;
};
const parisTime = (iso: string) => {
  const parts = parisParts(iso);
  return `${parts.hour}:${parts.minute}`;
};
