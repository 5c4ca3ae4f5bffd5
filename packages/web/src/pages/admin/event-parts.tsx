import { type FieldErrors, type FormValues, RequiredNote, TextField } from "../../form-kit";
import { type Lang, t } from "../../i18n";
import { say } from "../../say";
import { inLanguage } from "./parts";

/** What the programme team's BarNum' and network pages share: their list, and moving or cancelling. */

export type EventRow = {
  href: string;
  title: string;
  cancelled: boolean;
  /** The other cells, after the linked title. */
  cells: (string | number)[];
};

/** The events of one kind, soonest first: a linked title (and « annulé » if so), then its cells. */
export function EventTable(props: {
  lang: Lang;
  columns: string[];
  rows: EventRow[];
  empty: { fr: string; en: string };
  cancelled: { fr: string; en: string };
}) {
  const { lang, rows } = props;
  if (rows.length === 0) return <p>{t(lang, props.empty)}</p>;
  return (
    <div class="table-scroll">
      <table class="grid">
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td>
                <a href={inLanguage(row.href, lang)}>{row.title}</a>
                {row.cancelled ? ` (${t(lang, props.cancelled)})` : ""}
              </td>
              {row.cells.map((cell) => (
                <td>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The team's two changes to a coming BarNum' or network meeting: move it (date, time, place) or
 * cancel it. Either tells everyone concerned by email, with their calendar file updated.
 */
export function ChangeOrCancel(props: {
  lang: Lang;
  /** The event's admin path: the forms post to `${path}/deplacer` and `${path}/annuler`. */
  path: string;
  /** The name of the time field (`startTime` for a BarNum', `time` for a meeting). */
  timeName: string;
  labels: { date: string; time: string; place: string };
  /** Who is told, in a sentence: « les mentors et les agents inscrits ». */
  told: { fr: string; en: string };
  values: FormValues;
  errors: FieldErrors;
}) {
  const { lang, path, timeName, labels, values, errors } = props;
  const told = t(lang, props.told);
  return (
    <section>
      <h2>{t(lang, { fr: "Changer la date ou annuler", en: "Change the date or cancel" })}</h2>
      <p>
        {say(lang, {
          fr: `Un changement prévient ${told} par courriel ; leur agenda se met à jour.`,
          en: `A change tells ${told} by email; their diary is updated.`,
        })}
      </p>
      <RequiredNote lang={lang} />
      <form method="post" action={inLanguage(`${path}/deplacer`, lang)} novalidate>
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
          name={timeName}
          type="time"
          label={labels.time}
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
        <div class="actions">
          <button type="submit">{t(lang, { fr: "Changer la date", en: "Change the date" })}</button>
        </div>
      </form>
      <form method="post" action={inLanguage(`${path}/annuler`, lang)} class="actions">
        <button type="submit" class="secondary">
          {t(lang, { fr: "Annuler et prévenir", en: "Cancel and tell everyone" })}
        </button>
      </form>
    </section>
  );
}

/** The Paris date and time of an instant, as the move form's fields hold them. */
export function parisFields(iso: string): { date: string; time: string } {
  const at = new Date(iso);
  const date = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(at);
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Paris",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  return { date, time };
}

/** The notice after a change: done, or too late (begun, cancelled, or gone meanwhile). */
export const changeDone = (
  outcome: "changed" | "unchanged" | "too-late" | "not-found",
  done: "deplace" | "annule",
) => (outcome === "too-late" || outcome === "not-found" ? "trop-tard" : done);
