import { pairStateLabel, phaseLabel } from "#core/admin/follow-up";
import { stopReasonText, theStep } from "#core/email/pair-messages";
import { objectivesReachedLabel } from "#core/links";
import { outcomeOf, type Pair } from "#core/pair/model";
import type { MeetingRecord } from "#core/pair/store";
import { levels, themes } from "#core/programme";
import { formatHours, formatWhen } from "#core/words";
import { type Lang, t } from "../../i18n";

/**
 * What the participants wrote, as the programme team reads it on a pair's page: each meeting's
 * feedback from both roles (rating and comment), the objectives, and both closing
 * self-evaluations (comfort before and after, whether the objectives were reached, the comments).
 */

type Text = { fr: string; en: string };

/** The pair's state in one phrase: how it ended (and why), or how it runs. */
export function pairStateText(pair: Pair, lang: Lang): string {
  const outcome = outcomeOf(pair);
  const label = t(lang, pairStateLabel(pair));
  if (!outcome) return label;
  if (outcome === "stopped" && pair.stopCause) {
    return `${label} — ${t(lang, stopReasonText(pair.stopCause))}`;
  }
  if (outcome === "cancelled" && pair.cancelReason) {
    return `${label} — ${lang === "fr" ? "motif\u00a0:" : "reason:"} ${pair.cancelReason}`;
  }
  return label;
}

/** The state in a word: "Terminé", "Arrêté automatiquement", "En pause"… (no reason). */
export function pairStatusText(pair: Pair, lang: Lang): string {
  return t(lang, pairStateLabel(pair));
}

/** Where the pair stands, for a list: "Séances", "Séances — en pause", "Terminé" (never twice). */
export function pairStageText(pair: Pair, lang: Lang): string {
  if (outcomeOf(pair)) return pairStatusText(pair, lang);
  const phase = t(lang, phaseLabel(pair.phase));
  return pair.status === "active"
    ? phase
    : `${phase} — ${pairStatusText(pair, lang).toLowerCase()}`;
}

const roleName: Record<string, Text> = {
  mentee: { fr: "le cadre", en: "the manager" },
  mentor: { fr: "le mentor", en: "the mentor" },
};

/** Whom an email of the team went to, in the history: "au mentor", "au cadre". */
const toRole: Record<string, Text> = {
  mentee: { fr: "au cadre", en: "to the manager" },
  mentor: { fr: "au mentor", en: "to the mentor" },
};

export const missingText = (pair: Pair, lang: Lang) =>
  (pair.missingEvaluations ?? []).map((role) => t(lang, roleName[role] as Text)).join(", ");

const levelName = (value: number | undefined, lang: Lang) => {
  const level = levels.find((item) => item.value === value);
  return level ? `${value} — ${t(lang, level.label)}` : "—";
};

const rating = (value: number | undefined) => (value === undefined ? "—" : `${value} / 5`);

const tookPlaceText = (value: boolean | undefined, lang: Lang) =>
  value === undefined ? "—" : t(lang, value ? { fr: "oui", en: "yes" } : { fr: "non", en: "no" });

/** The reasons the system writes as codes in the history, in words. */
const reasonText: Record<string, Text> = {
  "no-show": { fr: "rendez-vous manqué", en: "missed meeting" },
};

/** One line of history detail in words: dates, durations and steps as people read them. */
export function historyDetailText(
  detail: Record<string, string | number | boolean> | undefined,
  lang: Lang,
): string {
  if (!detail) return "";
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (key === "startsAt" || key === "until") {
      parts.push(t(lang, formatWhen(new Date(String(value)))));
    } else if (key === "mentorHours") {
      parts.push(
        `${t(lang, { fr: "temps de mentorat :", en: "mentoring time:" })} ${t(lang, formatHours(Number(value)))}`,
      );
    } else if (key === "step") {
      parts.push(t(lang, theStep(String(value))));
    } else if (key === "reason" && typeof value === "string") {
      // The system writes a code ("no-show"); the team writes a reason in its own words.
      const known = reasonText[value];
      parts.push(known ? t(lang, known) : value);
    } else if (key === "message" && typeof value === "string") {
      parts.push(value);
    } else if (key === "missing") {
      const roles = String(value)
        .split(",")
        .map((role) => t(lang, roleName[role] ?? { fr: role, en: role }));
      parts.push(
        `${t(lang, { fr: "auto-évaluation non reçue :", en: "self-evaluation not received:" })} ${roles.join(", ")}`,
      );
    } else if (key === "to") {
      const role = toRole[String(value)];
      if (role) parts.push(t(lang, role));
    } else if (key === "noShows" || key === "count") {
      parts.push(`${t(lang, { fr: "fois :", en: "times:" })} ${value}`);
    }
    // Versions, ids and codes are for the machine: they stay out of the page.
  }
  return parts.join(" — ");
}

export function PairWritings(props: { pair: Pair; meetings: MeetingRecord[]; lang: Lang }) {
  const { pair, lang } = props;
  const say = (text: Text) => t(lang, text);
  const meetings = [...props.meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const mentee = pair.selfEvaluation;
  const mentor = pair.mentorEvaluation;
  return (
    <>
      <h2>{say({ fr: "Ce que les participants ont écrit", en: "What the participants wrote" })}</h2>
      {meetings.length === 0 ? (
        <p>{say({ fr: "Aucun rendez-vous pour l'instant.", en: "No meeting yet." })}</p>
      ) : (
        <div class="table-scroll">
          <table class="grid">
            <caption>
              {say({
                fr: "Retours après chaque rendez-vous, des deux côtés",
                en: "Feedback after each meeting, from both sides",
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{say({ fr: "Rendez-vous", en: "Meeting" })}</th>
                <th scope="col">{say({ fr: "Date", en: "Date" })}</th>
                <th scope="col">{say({ fr: "Note du mentor", en: "Mentor's rating" })}</th>
                <th scope="col">{say({ fr: "Commentaire du mentor", en: "Mentor's comment" })}</th>
                <th scope="col">
                  {say({ fr: "Selon le cadre, a eu lieu", en: "Took place, says the manager" })}
                </th>
                <th scope="col">{say({ fr: "Note du cadre", en: "Manager's rating" })}</th>
                <th scope="col">{say({ fr: "Commentaire du cadre", en: "Manager's comment" })}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((meeting) => (
                <tr>
                  <th scope="row">{t(lang, theStep(meeting.step))}</th>
                  <td>{t(lang, formatWhen(new Date(meeting.startsAt)))}</td>
                  <td>{rating(meeting.mentorFeedback?.satisfaction)}</td>
                  <td>{meeting.mentorFeedback?.comment ?? "—"}</td>
                  <td>{tookPlaceText(meeting.menteeFeedback?.tookPlace, lang)}</td>
                  <td>{rating(meeting.menteeFeedback?.satisfaction)}</td>
                  <td>{meeting.menteeFeedback?.comment ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{say({ fr: "Auto-évaluations de clôture", en: "Closing self-evaluations" })}</h3>
      {pair.missingEvaluations?.length ? (
        <p>
          {say({ fr: "Non reçue : ", en: "Not received: " })}
          {missingText(pair, lang)}
        </p>
      ) : null}
      <div class="table-scroll">
        <table class="grid">
          <caption>
            {say({
              fr: "Aisance par thème : au questionnaire, à la clôture selon le cadre, selon le mentor",
              en: "Comfort by theme: in the questionnaire, at closure as the manager says, as the mentor says",
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{say({ fr: "Thème", en: "Theme" })}</th>
              <th scope="col">{say({ fr: "Avant (cadre)", en: "Before (manager)" })}</th>
              <th scope="col">{say({ fr: "Après (cadre)", en: "After (manager)" })}</th>
              <th scope="col">{say({ fr: "Après (mentor)", en: "After (mentor)" })}</th>
            </tr>
          </thead>
          <tbody>
            {themes.map((theme) => (
              <tr>
                <th scope="row">{t(lang, theme.label)}</th>
                <td>{levelName(mentee?.before[theme.id], lang)}</td>
                <td>{levelName(mentee?.after?.[theme.id], lang)}</td>
                <td>{levelName(mentor?.comfort[theme.id], lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl class="facts">
        <dt>
          {say({ fr: "Objectifs atteints, selon le cadre", en: "Goals reached, says the manager" })}
        </dt>
        <dd>
          {mentee?.objectivesReached
            ? t(lang, objectivesReachedLabel[mentee.objectivesReached])
            : "—"}
        </dd>
        <dt>{say({ fr: "Commentaire du cadre", en: "Manager's comment" })}</dt>
        <dd>{mentee?.comment ?? "—"}</dd>
        <dt>
          {say({ fr: "Objectifs atteints, selon le mentor", en: "Goals reached, says the mentor" })}
        </dt>
        <dd>
          {mentor?.objectivesReached
            ? t(lang, objectivesReachedLabel[mentor.objectivesReached])
            : "—"}
        </dd>
        <dt>{say({ fr: "Expérience du mentor", en: "Mentor's experience" })}</dt>
        <dd>{rating(mentor?.experience)}</dd>
        <dt>{say({ fr: "Commentaire du mentor", en: "Mentor's comment" })}</dt>
        <dd>{mentor?.comment ?? "—"}</dd>
        <dt>{say({ fr: "Temps de mentorat", en: "Mentoring time" })}</dt>
        <dd>{t(lang, formatHours(pair.mentorHours ?? 0))}</dd>
      </dl>
    </>
  );
}
