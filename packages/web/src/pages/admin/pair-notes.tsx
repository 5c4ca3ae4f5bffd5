import type { PairNote } from "#core/pair/notes";
import { frenchSpacing } from "#core/words";
import { type FieldErrors, type FormValues, TextField } from "../../form-kit";
import { type Lang, t } from "../../i18n";
import { formatDateTime, inLanguage } from "./parts";

/**
 * The programme team's notes on a pair, in the order they were written, and the form that adds
 * one. Each showing of the form carries a new key, so that posting it twice adds one note.
 */
export function PairNotes(props: {
  pairId: string;
  notes: PairNote[];
  requestKey: string;
  values: FormValues;
  errors: FieldErrors;
  lang: Lang;
}) {
  const { notes, lang } = props;
  const say = (text: { fr: string; en: string }) => t(lang, text);
  return (
    <section aria-labelledby="notes-titre">
      <h2 id="notes-titre">{say({ fr: "Notes de l'équipe", en: "Team notes" })}</h2>
      {notes.length === 0 ? (
        <p>{say({ fr: "Aucune note pour l'instant.", en: "No note yet." })}</p>
      ) : (
        <ol class="notes">
          {notes.map((note) => (
            <li>
              <strong>{note.author}</strong>,{" "}
              {say({
                fr: `le ${formatDateTime(note.at)}`,
                en: `on ${formatDateTime(note.at, "en")}`,
              })}
              <p class="note-text">{frenchSpacing(note.text)}</p>
            </li>
          ))}
        </ol>
      )}
      <form
        method="post"
        action={inLanguage(`/admin/binomes/${props.pairId}/notes`, lang)}
        novalidate
      >
        <fieldset>
          <legend>{say({ fr: "Ajouter une note", en: "Add a note" })}</legend>
          <input type="hidden" name="requestKey" value={props.requestKey} />
          <TextField
            name="text"
            label={say({ fr: "Note", en: "Note" })}
            hint={say({
              fr: "Réservée à l'équipe d'animation : les participants ne la voient pas.",
              en: "For the programme team only: the participants do not see it.",
            })}
            multiline
            required
            values={props.values}
            errors={props.errors}
            lang={lang}
          />
          <TextField
            name="author"
            label={say({ fr: "Écrite par", en: "Written by" })}
            autocomplete="name"
            required
            values={props.values}
            errors={props.errors}
            lang={lang}
          />
          <button type="submit" class="secondary">
            {say({ fr: "Ajouter la note", en: "Add the note" })}
          </button>
        </fieldset>
      </form>
    </section>
  );
}
