import {
  currentReply,
  type Invitation,
  meetingKindLabel,
  meetingKinds,
  meetingLengths,
  type NetworkMeeting,
} from "#core/network/model";
import type { Unprepared } from "#core/network/store";
import { formatHours, formatWhen, plural } from "#core/words";
import { nobodyCame } from "../../admin-event-forms";
import {
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  type FormValues,
  RequiredNote,
  SelectField,
  TextField,
} from "../../form-kit";
import { type Lang, pageTitle, t } from "../../i18n";
import { say } from "../../say";
import { ChangeOrCancel, EventTable, parisFields } from "./event-parts";
import { AdminLayout, inLanguage } from "./parts";

/** /admin/reseau: the mentor network's meetings, the preparation sessions, who is not prepared. */

export const meetingLabels = (lang: Lang) => ({
  kind: t(lang, { fr: "Type de rencontre", en: "Kind of meeting" }),
  date: t(lang, { fr: "Date", en: "Date" }),
  time: t(lang, { fr: "Heure", en: "Time" }),
  durationMinutes: t(lang, { fr: "Durée", en: "Length" }),
  place: t(lang, { fr: "Lieu ou lien de la visio", en: "Place or video link" }),
  agenda: t(lang, { fr: "Ordre du jour", en: "Agenda" }),
  note: t(lang, { fr: "Note", en: "Note" }),
  present: t(lang, { fr: "Qui était présent", en: "Who attended" }),
});

/** The scheduling form's fields, top to bottom (the error summary follows them). */
const scheduleOrder = ["kind", "date", "time", "durationMinutes", "place", "agenda"] as const;
/** A meeting's page: the move form, then the attendance. */
const meetingOrder = ["date", "time", "place", "present"] as const;

export function NetworkPage(props: {
  lang: Lang;
  meetings: { meeting: NetworkMeeting; invited: number; attended: number }[];
  unprepared: Unprepared[];
  proposedDate: string;
  values?: FormValues;
  errors?: FieldErrors;
  done?: string;
}) {
  const { lang, errors = {} } = props;
  const values = props.values ?? {
    kind: "network",
    date: props.proposedDate,
    time: "12:30",
    durationMinutes: "90",
  };
  const labels = meetingLabels(lang);
  return (
    <AdminLayout
      lang={lang}
      title={pageTitle(
        lang,
        t(lang, { fr: "Réseau des mentors", en: "Mentor network" }),
        Object.keys(errors).length > 0,
      )}
      path="/admin/reseau"
      done={props.done}
    >
      <ErrorSummary errors={errors} lang={lang} labels={labels} order={scheduleOrder} />
      <h1>{t(lang, { fr: "Réseau des mentors", en: "Mentor network" })}</h1>
      <p>
        {say(lang, {
          fr: "Le réseau se retrouve tous les deux mois : chaque mentor retenu est invité, avec l'invitation pour son agenda et un rappel la veille. Les nouveaux mentors sont invités à une séance de préparation avant leur premier binôme.",
          en: "The network meets every two months: every selected mentor is invited, with the invitation for their diary and a reminder the day before. New mentors are invited to a preparation session before their first pair.",
        })}
      </p>
      <section>
        <h2>{t(lang, { fr: "Rencontres", en: "Meetings" })}</h2>
        <EventTable
          lang={lang}
          columns={[
            labels.kind,
            t(lang, { fr: "Quand", en: "When" }),
            labels.place,
            t(lang, { fr: "Invités", en: "Invited" }),
            t(lang, { fr: "Présents", en: "Attended" }),
          ]}
          rows={props.meetings.map((row) => ({
            href: `/admin/reseau/${row.meeting.id}`,
            title: t(lang, meetingKindLabel[row.meeting.kind]),
            cancelled: row.meeting.status === "cancelled",
            cells: [
              t(lang, formatWhen(new Date(row.meeting.startsAt))),
              row.meeting.place,
              row.invited,
              row.meeting.attendanceRecorded ? row.attended : "—",
            ],
          }))}
          empty={{ fr: "Aucune rencontre pour l'instant.", en: "No meeting yet." }}
          cancelled={{ fr: "annulée", en: "cancelled" }}
        />
      </section>
      <p>
        <a href="/api/admin/exports/network-attendance.csv" download>
          {t(lang, { fr: "Exporter les présences (CSV)", en: "Export the attendance (CSV)" })}
        </a>
        {" · "}
        <a href="/api/admin/exports/mentor-hours.csv" download>
          {t(lang, {
            fr: "Exporter les heures des mentors de la vague ouverte (CSV)",
            en: "Export the hours of the open cohort's mentors (CSV)",
          })}
        </a>
      </p>
      <section>
        <h2>{t(lang, { fr: "Mentors pas encore préparés", en: "Mentors not prepared yet" })}</h2>
        {props.unprepared.length === 0 ? (
          <p>
            {t(lang, {
              fr: "Tous les mentors retenus ont suivi la préparation.",
              en: "Every selected mentor has been prepared.",
            })}
          </p>
        ) : (
          <ul>
            {props.unprepared.map((row) => (
              <li>
                {row.mentor.answers.firstName} {row.mentor.answers.lastName}
                {" — "}
                {say(
                  lang,
                  row.invited
                    ? { fr: "invité(e) à la prochaine séance", en: "invited to the next session" }
                    : { fr: "pas encore invité(e)", en: "not invited yet" },
                )}
                {row.hasPair ? (
                  <strong>
                    {" — "}
                    {say(lang, {
                      fr: "déjà en binôme sans préparation !",
                      en: "already paired without preparation!",
                    })}
                  </strong>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>{t(lang, { fr: "Programmer une rencontre", en: "Schedule a meeting" })}</h2>
        <RequiredNote lang={lang} />
        <form method="post" action={inLanguage("/admin/reseau", lang)} novalidate>
          <ChoiceGroup
            name="kind"
            legend={labels.kind}
            type="radio"
            required
            options={meetingKinds.map((kind) => ({
              value: kind,
              label: t(lang, meetingKindLabel[kind]),
            }))}
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="date"
            type="date"
            label={labels.date}
            hint={t(lang, {
              fr: "Proposée deux mois après la dernière rencontre",
              en: "Proposed two months after the last meeting",
            })}
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="time"
            type="time"
            label={labels.time}
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <SelectField
            name="durationMinutes"
            label={labels.durationMinutes}
            required
            options={meetingLengths.map((minutes) => ({
              value: String(minutes),
              label: t(lang, formatHours(minutes / 60)),
            }))}
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="place"
            label={labels.place}
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="agenda"
            label={labels.agenda}
            multiline
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <div class="actions">
            <button type="submit">
              {t(lang, { fr: "Programmer et inviter", en: "Schedule and invite" })}
            </button>
          </div>
        </form>
      </section>
    </AdminLayout>
  );
}

const replyLabel = {
  yes: { fr: "vient", en: "is coming" },
  no: { fr: "ne vient pas", en: "is not coming" },
  none: { fr: "pas de réponse", en: "no answer" },
};

export function MeetingPage(props: {
  lang: Lang;
  meeting: NetworkMeeting;
  invitations: Invitation[];
  /** Whether it may still be moved or cancelled (not cancelled, not begun). */
  changeable: boolean;
  /** Whether it has begun, so its attendance may be recorded. */
  begun?: boolean;
  values?: FormValues;
  errors?: FieldErrors;
  done?: string;
}) {
  const { lang, meeting, invitations, errors = {} } = props;
  const labels = meetingLabels(lang);
  const cancelled = meeting.status === "cancelled";
  const title = t(lang, meetingKindLabel[meeting.kind]);
  const present = invitations
    .filter((invitation) => invitation.attended)
    .map((invitation) => invitation.mentorId);
  return (
    <AdminLayout
      lang={lang}
      title={pageTitle(lang, title, Object.keys(errors).length > 0)}
      path={`/admin/reseau/${meeting.id}`}
      done={props.done}
    >
      <ErrorSummary errors={errors} lang={lang} labels={labels} order={meetingOrder} />
      <h1>{title}</h1>
      {cancelled ? (
        <p>
          <strong>
            {say(lang, {
              fr: "Cette rencontre est annulée : les mentors invités en sont prévenus.",
              en: "This meeting is cancelled: the invited mentors are told.",
            })}
          </strong>
        </p>
      ) : null}
      <p>
        {t(lang, formatWhen(new Date(meeting.startsAt)))}, {meeting.place} (
        {t(lang, formatHours(meeting.durationMinutes / 60))})
      </p>
      <p>
        {t(lang, { fr: "Ordre du jour : ", en: "Agenda: " })}
        {meeting.agenda}
      </p>
      <p>
        {plural(
          lang,
          invitations.length,
          lang === "fr" ? "mentor invité" : "mentor invited",
          lang === "fr" ? "mentors invités" : "mentors invited",
        )}
      </p>
      {invitations.length > 0 ? (
        <section>
          <h2>{t(lang, { fr: "Réponses des mentors", en: "The mentors' answers" })}</h2>
          <ul>
            {invitations.map((invitation) => (
              <li>
                {invitation.name} —{" "}
                {t(lang, replyLabel[currentReply(meeting, invitation) ?? "none"])}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {props.changeable ? (
        <ChangeOrCancel
          lang={lang}
          path={`/admin/reseau/${meeting.id}`}
          timeName="time"
          labels={labels}
          told={{ fr: "chaque mentor invité", en: "every invited mentor" }}
          // What a refused form sent, over the stored date: the attendance form's keep these.
          values={{ ...parisFields(meeting.startsAt), place: meeting.place, ...props.values }}
          errors={errors}
        />
      ) : null}
      {cancelled ? null : (
        <form
          method="post"
          action={inLanguage(`/admin/reseau/${meeting.id}/inviter`, lang)}
          class="actions"
        >
          <button type="submit" class="secondary">
            {t(lang, {
              fr: "Inviter les mentors qui ne le sont pas encore",
              en: "Invite the mentors not invited yet",
            })}
          </button>
        </form>
      )}
      {invitations.length > 0 && !cancelled && props.begun ? (
        <form method="post" action={inLanguage(`/admin/reseau/${meeting.id}/presences`, lang)}>
          <ChoiceGroup
            name="present"
            legend={labels.present}
            hint={t(lang, {
              fr: "Cochez chaque mentor venu, ou « Personne n'est venu ».",
              en: "Tick each mentor who came, or “Nobody came”.",
            })}
            type="checkbox"
            options={[
              ...invitations.map((invitation) => ({
                value: invitation.mentorId,
                label: invitation.name,
              })),
              {
                value: nobodyCame,
                label: t(lang, { fr: "Personne n'est venu", en: "Nobody came" }),
              },
            ]}
            values={
              errors.present
                ? (props.values ?? {})
                : {
                    present:
                      meeting.attendanceRecorded && present.length === 0 ? [nobodyCame] : present,
                  }
            }
            errors={errors}
            lang={lang}
          />
          <div class="actions">
            <button type="submit">
              {t(lang, { fr: "Enregistrer les présences", en: "Save attendance" })}
            </button>
          </div>
        </form>
      ) : null}
    </AdminLayout>
  );
}
