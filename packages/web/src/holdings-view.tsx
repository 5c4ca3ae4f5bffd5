import type { Pair } from "#core/pair/model";
import type { Holdings } from "#core/privacy";
import { availabilitySlots, formats, type Localised, themes } from "#core/programme";
import { decisionLabels } from "#core/selection";
import { frenchSpacing } from "#core/words";
import { type Lang, t } from "./i18n";
import { describeHistoryEvent } from "./pages/admin/history-events";
import { pairStageText } from "./pages/admin/pair-writings";
import { formatDate, formatDateTime } from "./pages/admin/parts";
import { personLabels } from "./person-fields";

/**
 * Everything held about a person, as they (or the programme team) read it: grouped by what it is,
 * in sentences and labels, dates in words. The JSON download beside it holds every item as stored.
 */
type Item = Record<string, unknown>;

const label = (lang: Lang, list: readonly { id: string; label: Localised }[], id: unknown) =>
  t(lang, list.find((entry) => entry.id === id)?.label ?? { fr: String(id), en: String(id) });

const words = {
  questionnaire: { fr: "Votre questionnaire de besoins", en: "Your needs questionnaire" },
  mentor: { fr: "Votre candidature de mentor", en: "Your mentor application" },
  pairs: { fr: "Vos binômes", en: "Your pairs" },
  history: { fr: "Ce qui s'est passé dans vos binômes", en: "What happened in your pairs" },
  notes: {
    fr: "Les notes de l'équipe d'animation sur vos binômes",
    en: "The programme team's notes on your pairs",
  },
  emails: { fr: "Les courriels envoyés", en: "Emails sent" },
  links: { fr: "Les liens qui vous ont été envoyés", en: "Links sent to you" },
  technical: { fr: "Enregistrements techniques", en: "Technical records" },
  nothing: {
    fr: "Nous ne détenons aucune donnée liée à cette adresse.",
    en: "We hold no data linked to this address.",
  },
  decision: { fr: "Décision après l'entretien", en: "Decision after the interview" },
  interviewComment: { fr: "Commentaire de l'entretien", en: "Interview comment" },
  themes: { fr: "Thèmes à travailler", en: "Themes to work on" },
  offered: { fr: "Thèmes proposés", en: "Themes offered" },
  goal: { fr: "Objectif", en: "Goal" },
  motivation: { fr: "Motivation", en: "Motivation" },
  sentOn: { fr: "envoyé le", en: "sent on" },
  validUntil: { fr: "valable jusqu'au", en: "valid until" },
  role: { fr: "Votre rôle", en: "Your role" },
  status: { fr: "Où en est le binôme", en: "Where the pair stands" },
  started: { fr: "Commencé le", en: "Started on" },
  sessions: { fr: "Séances tenues", en: "Sessions held" },
  objectives: { fr: "Objectifs convenus", en: "Agreed objectives" },
  technicalNote: {
    fr: "Des marques qui évitent d'envoyer deux fois le même courriel ou d'enregistrer deux fois le même formulaire, et vos demandes sur vos données. Elles figurent toutes dans le fichier à télécharger.",
    en: "Markers that keep the same email from being sent twice or the same form from being stored twice, and your requests about your data. All are in the file to download.",
  },
  count: {
    fr: (n: number) => (n === 0 ? "aucun" : n === 1 ? "1 enregistrement" : `${n} enregistrements`),
    en: (n: number) => (n === 1 ? "1 record" : `${n} records`),
  },
} as const;

const roleWords = {
  mentee: { fr: "cadre accompagné", en: "coached manager" },
  mentor: { fr: "mentor", en: "mentor" },
} as const;

function Answers({ item, lang }: { item: Item; lang: Lang }) {
  const answers = (item.answers ?? {}) as Record<string, unknown>;
  const labels = personLabels(lang);
  const identity = ["firstName", "lastName", "email", "directorate", "role", "site"] as const;
  const interview = item.interview as { decision?: string; comment?: string } | undefined;
  return (
    <dl>
      {identity.map((field) =>
        answers[field] ? (
          <>
            <dt>{labels[field]}</dt>
            <dd>{String(answers[field])}</dd>
          </>
        ) : null,
      )}
      {Array.isArray(answers.priorityThemes) ? (
        <>
          <dt>{t(lang, words.themes)}</dt>
          <dd>{answers.priorityThemes.map((id) => label(lang, themes, id)).join(", ")}</dd>
        </>
      ) : null}
      {Array.isArray(answers.themes) ? (
        <>
          <dt>{t(lang, words.offered)}</dt>
          <dd>
            {(answers.themes as { theme: string }[])
              .map((offer) => label(lang, themes, offer.theme))
              .join(", ")}
          </dd>
        </>
      ) : null}
      {answers.goal ? (
        <>
          <dt>{t(lang, words.goal)}</dt>
          <dd>{String(answers.goal)}</dd>
        </>
      ) : null}
      {answers.motivation ? (
        <>
          <dt>{t(lang, words.motivation)}</dt>
          <dd>{String(answers.motivation)}</dd>
        </>
      ) : null}
      {Array.isArray(answers.formats) ? (
        <>
          <dt>{labels.formats}</dt>
          <dd>{answers.formats.map((id) => label(lang, formats, id)).join(", ")}</dd>
        </>
      ) : null}
      {Array.isArray(answers.availability) ? (
        <>
          <dt>{labels.availability}</dt>
          <dd>{answers.availability.map((id) => label(lang, availabilitySlots, id)).join(", ")}</dd>
        </>
      ) : null}
      {interview?.decision ? (
        <>
          <dt>{t(lang, words.decision)}</dt>
          <dd>
            {t(
              lang,
              decisionLabels[interview.decision as keyof typeof decisionLabels] ?? {
                fr: "—",
                en: "—",
              },
            )}
          </dd>
        </>
      ) : null}
      {interview?.comment ? (
        <>
          <dt>{t(lang, words.interviewComment)}</dt>
          <dd>{interview.comment}</dd>
        </>
      ) : null}
    </dl>
  );
}

export function HoldingsView({ holdings, lang }: { holdings: Holdings; lang: Lang }) {
  const { items, identity } = holdings;
  if (items.length === 0) return <p>{t(lang, words.nothing)}</p>;
  const forms = items.filter((item) => item.kind === "questionnaire" || item.kind === "mentor");
  const pairs = items.filter((item) => item.kind === "pair");
  const history = items
    .filter((item) => item.kind === "pair-history")
    .sort((a, b) => String(a.at).localeCompare(String(b.at)));
  const emails = items
    .filter((item) => item.kind === "pair-email")
    .sort((a, b) => String(a.at).localeCompare(String(b.at)));
  const notes = items
    .filter((item) => item.kind === "pair-note")
    .sort((a, b) => String(a.at).localeCompare(String(b.at)));
  const links = items.filter((item) => item.kind === "link");
  const shown = new Set([...forms, ...pairs, ...history, ...notes, ...emails, ...links]);
  const technical = items.filter((item) => !shown.has(item));
  return (
    <>
      {forms.map((item) => (
        <section>
          <h2>{t(lang, item.kind === "mentor" ? words.mentor : words.questionnaire)}</h2>
          <Answers item={item} lang={lang} />
        </section>
      ))}
      {pairs.length ? (
        <section>
          <h2>{t(lang, words.pairs)}</h2>
          {pairs.map((pair) => {
            const role = identity.pairs.find((entry) => entry.id === pair.id)?.role ?? "mentee";
            return (
              <dl>
                <dt>{t(lang, words.role)}</dt>
                <dd>{t(lang, roleWords[role])}</dd>
                <dt>{t(lang, words.status)}</dt>
                <dd>{pairStageText(pair as unknown as Pair, lang)}</dd>
                <dt>{t(lang, words.started)}</dt>
                <dd>{formatDate(String(pair.createdAt), lang)}</dd>
                <dt>{t(lang, words.sessions)}</dt>
                <dd>{String(pair.sessionsDone ?? 0)}</dd>
                {pair.objectives ? (
                  <>
                    <dt>{t(lang, words.objectives)}</dt>
                    <dd>{String(pair.objectives)}</dd>
                  </>
                ) : null}
              </dl>
            );
          })}
        </section>
      ) : null}
      {history.length ? (
        <section>
          <h2>{t(lang, words.history)}</h2>
          <ul>
            {history.map((entry) => (
              <li>
                {formatDateTime(String(entry.at), lang)}
                {lang === "fr" ? "\u00a0:" : ":"}{" "}
                {describeHistoryEvent(String(entry.event), lang, "person")}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {notes.length ? (
        <section>
          <h2>{t(lang, words.notes)}</h2>
          <ul>
            {notes.map((note) => (
              <li>
                {formatDateTime(String(note.at), lang)}, {String(note.author)}
                {lang === "fr" ? "\u00a0:" : ":"} {frenchSpacing(String(note.text))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {emails.length ? (
        <section>
          <h2>{t(lang, words.emails)}</h2>
          <ul>
            {emails.map((email) => (
              <li>
                {lang === "fr"
                  ? `«\u00a0${String(email.subject)}\u00a0»`
                  : `“${String(email.subject)}”`}
                , {t(lang, words.sentOn)} {formatDateTime(String(email.at), lang)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {links.length ? (
        <section>
          <h2>{t(lang, words.links)}</h2>
          <p>
            {words.count[lang](links.length)}, {t(lang, words.validUntil)}{" "}
            {formatDate(
              links
                .map((link) => String(link.validUntil))
                .sort()
                .at(-1),
              lang,
            )}
          </p>
        </section>
      ) : null}
      {technical.length ? (
        <section>
          <h2>{t(lang, words.technical)}</h2>
          <p>
            {words.count[lang](technical.length)}. {t(lang, words.technicalNote)}
          </p>
        </section>
      ) : null}
    </>
  );
}
