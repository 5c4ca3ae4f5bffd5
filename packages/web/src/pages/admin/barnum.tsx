import { barnumWhen, slotWhen } from "#core/barnum/messages";
import { type Barnum, type BarnumFigures, slotLengths } from "#core/barnum/model";
import type { StaffMember, StoredRegistration } from "#core/barnum/store";
import type { MentorRecord } from "#core/mentor";
import { plural } from "#core/words";
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
import { themeOrOther } from "../mentor-space";
import { ChangeOrCancel, EventTable, parisFields } from "./event-parts";
import { AdminLayout, inLanguage } from "./parts";

/** The programme team's BarNum' pages: publish one, staff it, follow registrations and visits. */

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const whenOf = (barnum: Barnum, lang: Lang) =>
  capital(t(lang, barnumWhen(barnum)).replace(/^(le|on) /, ""));

export const barnumLabels = (lang: Lang) => ({
  event: t(lang, { fr: "Événement", en: "Event" }),
  place: t(lang, { fr: "Lieu", en: "Place" }),
  date: t(lang, { fr: "Date", en: "Date" }),
  startTime: t(lang, { fr: "Début", en: "Start" }),
  endTime: t(lang, { fr: "Fin", en: "End" }),
  slotMinutes: t(lang, { fr: "Durée d'un créneau", en: "Slot length" }),
  placesPerSlot: t(lang, { fr: "Places par créneau", en: "Places per slot" }),
  mentorIds: t(lang, { fr: "Mentors à solliciter", en: "Mentors to ask" }),
});

/** The publish form's fields, top to bottom (the error summary follows them). */
const publishOrder = [
  "event",
  "place",
  "date",
  "startTime",
  "endTime",
  "slotMinutes",
  "placesPerSlot",
] as const;

export function BarnumsPage(props: {
  lang: Lang;
  barnums: { barnum: Barnum; confirmed: number; registrations: number; visits: number }[];
  /** The key of the publish form shown (see #core/admin/request-key). */
  requestKey: string;
  values?: FormValues;
  errors?: FieldErrors;
  /** A form no longer valid (its key): said above the form, which carries a new one. */
  problem?: string;
  done?: string;
}) {
  const { lang, values = { slotMinutes: "30", placesPerSlot: "4" }, errors = {} } = props;
  const labels = barnumLabels(lang);
  return (
    <AdminLayout
      lang={lang}
      title={pageTitle(lang, "BarNum'", Object.keys(errors).length > 0)}
      path="/admin/barnum"
      done={props.done}
      problem={props.problem}
    >
      <ErrorSummary errors={errors} lang={lang} labels={labels} order={publishOrder} />
      <h1>BarNum'</h1>
      <p>
        {say(lang, {
          fr: "Les BarNum' publiés s'affichent sur la page publique /barnum, ouverte à tous les agents sans compte.",
          en: "Published BarNum' show on the public page /barnum, open to every agent without an account.",
        })}
      </p>
      <EventTable
        lang={lang}
        columns={[
          labels.event,
          t(lang, { fr: "Quand", en: "When" }),
          labels.place,
          t(lang, { fr: "Mentors confirmés", en: "Mentors confirmed" }),
          t(lang, { fr: "Inscriptions", en: "Registrations" }),
          t(lang, { fr: "Visites", en: "Visits" }),
        ]}
        rows={props.barnums.map((row) => ({
          href: `/admin/barnum/${row.barnum.id}`,
          title: row.barnum.event,
          cancelled: row.barnum.status === "cancelled",
          cells: [
            whenOf(row.barnum, lang),
            row.barnum.place,
            row.confirmed,
            row.registrations,
            row.visits,
          ],
        }))}
        empty={{ fr: "Aucun BarNum' pour l'instant.", en: "No BarNum' yet." }}
        cancelled={{ fr: "annulé", en: "cancelled" }}
      />
      <p>
        <a href="/api/admin/exports/barnum-visits.csv" download>
          {t(lang, {
            fr: "Exporter les visites par thème (CSV)",
            en: "Export the visits by theme (CSV)",
          })}
        </a>
      </p>
      <section>
        <h2>{t(lang, { fr: "Publier un BarNum'", en: "Publish a BarNum'" })}</h2>
        <RequiredNote lang={lang} />
        <form method="post" action={inLanguage("/admin/barnum", lang)} novalidate>
          <input type="hidden" name="requestKey" value={props.requestKey} />
          <TextField
            name="event"
            label={labels.event}
            hint={t(lang, {
              fr: "Par exemple : Semaine de l'innovation, ou « midi numérique »",
              en: "For example: Innovation week, or “digital lunchtime”",
            })}
            required
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
            name="date"
            type="date"
            label={labels.date}
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="startTime"
            type="time"
            label={labels.startTime}
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="endTime"
            type="time"
            label={labels.endTime}
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <SelectField
            name="slotMinutes"
            label={labels.slotMinutes}
            required
            options={slotLengths.map((minutes) => ({
              value: String(minutes),
              label: `${minutes}\u00a0min`,
            }))}
            values={values}
            errors={errors}
            lang={lang}
          />
          <TextField
            name="placesPerSlot"
            label={labels.placesPerSlot}
            inputmode="numeric"
            required
            values={values}
            errors={errors}
            lang={lang}
          />
          <div class="actions">
            <button type="submit">{t(lang, { fr: "Publier", en: "Publish" })}</button>
          </div>
        </form>
      </section>
    </AdminLayout>
  );
}

const staffStatus = {
  asked: { fr: "sollicité, pas encore de réponse", en: "asked, no answer yet" },
  confirmed: { fr: "sera là", en: "will be there" },
  declined: { fr: "ne pourra pas", en: "cannot come" },
};

/** A BarNum's page: the staffing form, then the move form. */
const adminOrder = ["mentorIds", "date", "startTime", "place"] as const;

export function BarnumAdminPage(props: {
  lang: Lang;
  barnum: Barnum;
  staff: StaffMember[];
  candidates: MentorRecord[];
  registrations: StoredRegistration[];
  figures: BarnumFigures;
  /** Whether it may still be moved or cancelled (published, not begun). */
  changeable: boolean;
  values?: FormValues;
  errors?: FieldErrors;
  done?: string;
}) {
  const { lang, barnum, figures, errors = {} } = props;
  const labels = barnumLabels(lang);
  const notAsked = props.candidates.filter(
    (mentor) => !props.staff.some((member) => member.mentorId === mentor.id),
  );
  return (
    <AdminLayout
      lang={lang}
      title={pageTitle(lang, `BarNum' — ${barnum.event}`, Object.keys(errors).length > 0)}
      path={`/admin/barnum/${barnum.id}`}
      done={props.done}
    >
      <ErrorSummary errors={errors} lang={lang} labels={labels} order={adminOrder} />
      <h1>BarNum' — {barnum.event}</h1>
      <p>
        {whenOf(barnum, lang)}, {barnum.place}
      </p>
      {barnum.status === "cancelled" ? (
        <p>
          <strong>
            {say(lang, {
              fr: "Ce BarNum' est annulé : les mentors et les agents inscrits en sont prévenus.",
              en: "This BarNum' is cancelled: the mentors and the registered agents are told.",
            })}
          </strong>
        </p>
      ) : null}
      <section>
        <h2>{t(lang, { fr: "Créneaux", en: "Slots" })}</h2>
        <ul>
          {barnum.slots.map((slot) => (
            <li>
              {capital(t(lang, slotWhen(slot)))}
              {t(lang, { fr: " : ", en: ": " })}
              {plural(
                lang,
                barnum.taken[slot.id] ?? 0,
                lang === "fr" ? "inscrit" : "registration",
                lang === "fr" ? "inscrits" : "registrations",
              )}{" "}
              / {plural(lang, barnum.placesPerSlot, "place", "places")}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>{t(lang, { fr: "Mentors", en: "Mentors" })}</h2>
        {props.staff.length === 0 ? (
          <p>
            {t(lang, { fr: "Aucun mentor sollicité pour l'instant.", en: "No mentor asked yet." })}
          </p>
        ) : (
          <ul>
            {props.staff.map((member) => (
              <li>
                {member.name} — {t(lang, staffStatus[member.status])}
              </li>
            ))}
          </ul>
        )}
        {notAsked.length > 0 && props.changeable ? (
          <form method="post" action={inLanguage(`/admin/barnum/${barnum.id}/mentors`, lang)}>
            <ChoiceGroup
              name="mentorIds"
              legend={say(lang, {
                fr: "Solliciter des mentors (chacun répond depuis sa page)",
                en: "Ask mentors (each answers from their page)",
              })}
              type="checkbox"
              options={notAsked.map((mentor) => ({
                value: mentor.id,
                label: `${mentor.answers.firstName} ${mentor.answers.lastName}`,
              }))}
              values={props.values ?? {}}
              errors={errors}
              lang={lang}
            />
            <div class="actions">
              <button type="submit">{t(lang, { fr: "Solliciter", en: "Ask" })}</button>
            </div>
          </form>
        ) : null}
      </section>
      <section>
        <h2>{t(lang, { fr: "Inscriptions", en: "Registrations" })}</h2>
        {props.registrations.length === 0 ? (
          <p>{t(lang, { fr: "Aucune inscription pour l'instant.", en: "No registration yet." })}</p>
        ) : (
          <ul>
            {props.registrations.map((registration) => {
              const slot = barnum.slots.find((item) => item.id === registration.slotId);
              return (
                <li>
                  {registration.firstName} — {slot ? t(lang, slotWhen(slot)) : ""}
                  {registration.theme ? `, ${themeOrOther(registration.theme, lang)}` : ""}
                  {registration.question
                    ? t(lang, {
                        fr: ` : « ${registration.question} »`,
                        en: `: “${registration.question}”`,
                      })
                    : ""}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      {props.changeable ? (
        <ChangeOrCancel
          lang={lang}
          path={`/admin/barnum/${barnum.id}`}
          timeName="startTime"
          labels={{ date: labels.date, time: labels.startTime, place: labels.place }}
          told={{
            fr: "les mentors sollicités et les agents inscrits",
            en: "the mentors asked and the registered agents",
          }}
          // What a refused form sent, over the stored date: the staffing form's keep these.
          values={{
            date: parisFields(barnum.startsAt).date,
            startTime: parisFields(barnum.startsAt).time,
            place: barnum.place,
            ...props.values,
          }}
          errors={errors}
        />
      ) : null}
      <section>
        <h2>{t(lang, { fr: "Visites", en: "Visits" })}</h2>
        <p>
          {plural(
            lang,
            figures.visits,
            lang === "fr" ? "visite" : "visit",
            lang === "fr" ? "visites" : "visits",
          )}
          ,{" "}
          {plural(
            lang,
            figures.resolved,
            lang === "fr" ? "question résolue" : "question resolved",
            lang === "fr" ? "questions résolues" : "questions resolved",
          )}
        </p>
        {figures.byTheme.length > 0 ? (
          <table class="grid">
            <thead>
              <tr>
                <th scope="col">{t(lang, { fr: "Thème", en: "Theme" })}</th>
                <th scope="col">{t(lang, { fr: "Visites", en: "Visits" })}</th>
                <th scope="col">{t(lang, { fr: "Résolues", en: "Resolved" })}</th>
              </tr>
            </thead>
            <tbody>
              {figures.byTheme.map((row) => (
                <tr>
                  <td>{themeOrOther(row.theme, lang)}</td>
                  <td>{row.visits}</td>
                  <td>{row.resolved}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </AdminLayout>
  );
}
