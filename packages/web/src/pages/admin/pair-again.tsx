import { plural } from "#core/words";
import { type FieldErrors, SelectField } from "../../form-kit";
import { type Lang, t } from "../../i18n";
import type { Person } from "./matching";
import { inLanguage } from "./parts";

/**
 * On a stopped or cancelled pair: pair its manager again with an available selected mentor the
 * fit rules allow (the list holds only those), or the way to the pair that followed.
 */
export function PairAgain(props: {
  pairId: string;
  menteeName: string;
  /** Mentors the fit rules allow for this manager, best first, with their places left. */
  candidates: (Person & { placesLeft: number })[];
  /** The pair formed after this one, if any, named by its people. */
  next?: { pairId: string; name: string };
  errors: FieldErrors;
  lang: Lang;
}) {
  const { lang } = props;
  const say = (text: { fr: string; en: string }) => t(lang, text);
  return (
    <section aria-labelledby="nouveau-binome-titre">
      <h2 id="nouveau-binome-titre">
        {say({ fr: "Former un nouveau binôme", en: "Form a new pair" })}
      </h2>
      {props.next ? (
        <p>
          {say({ fr: "Ce cadre a un nouveau binôme : ", en: "This manager has a new pair: " })}
          <a href={inLanguage(`/admin/binomes/${props.next.pairId}`, lang)}>{props.next.name}</a>.
        </p>
      ) : props.candidates.length === 0 ? (
        <p>
          {say({
            fr: "Aucun mentor retenu n'a de place libre qui convienne à ce cadre (règles d'appariement) : retenez un mentor ou libérez une place, puis revenez ici.",
            en: "No selected mentor with a place left suits this manager (matching rules): select a mentor or free a place, then come back.",
          })}
        </p>
      ) : (
        <form
          method="post"
          action={inLanguage(`/admin/binomes/${props.pairId}/nouveau-binome`, lang)}
        >
          <p>
            {say({
              fr: `Un nouveau binôme démarre pour ${props.menteeName}, depuis la présentation ; les deux binômes se citent l'un l'autre.`,
              en: `A new pair starts for ${props.menteeName}, from the introduction; each pair links to the other.`,
            })}
          </p>
          <SelectField
            name="newMentorId"
            label={say({ fr: "Mentor du nouveau binôme", en: "Mentor of the new pair" })}
            hint={say({
              fr: "Seuls les mentors retenus, avec une place libre, que les règles d'appariement autorisent pour ce cadre ; les mieux assortis d'abord.",
              en: "Only selected mentors with a place left whom the matching rules allow for this manager; best suited first.",
            })}
            options={props.candidates.map((person) => ({
              value: person.id,
              label: `${person.name} — ${
                lang === "en"
                  ? plural("en", person.placesLeft, "place left", "places left")
                  : plural("fr", person.placesLeft, "place libre", "places libres")
              }`,
            }))}
            required
            values={{}}
            errors={props.errors}
            lang={lang}
          />
          <div class="actions">
            <button type="submit">
              {say({ fr: "Former le nouveau binôme", en: "Form the new pair" })}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
