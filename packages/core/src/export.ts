import { pairStateLabel, phaseLabel } from "./admin/follow-up";
import { stopReasonText, theStep } from "./email/pair-messages";
import { type FeedbackEntry, feedbackAboutLabel, feedbackRoleLabel } from "./feedback";
import { type ObjectivesReached, objectivesReachedLabel } from "./links";
import type { MentorRecord } from "./mentor";
import { outcomeOf, type Pair } from "./pair/model";
import { themes } from "./programme";
import type { QuestionnaireRecord } from "./questionnaire";

/**
 * CSV exports for the programme team. Format decision: the team opens these files in Excel set to
 * French, so the separator is `;` (a French Excel reads `,` as the decimal comma), the file starts
 * with a UTF-8 byte-order mark (without it Excel reads accents as Windows-1252), lines end with
 * CRLF and fields are quoted as RFC 4180 says. Decimals use a comma. A text cell starting with
 * `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` so a spreadsheet never runs it as
 * a formula (CSV injection: a name or a comment is typed by whoever filled a form).
 */

export const csvSeparator = ";";
export const byteOrderMark = "\uFEFF";

export type Cell = string | number | boolean | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (typeof value === "number")
    text = Number.isFinite(value) ? String(value).replace(".", ",") : "";
  else if (typeof value === "boolean") text = value ? "oui" : "non";
  else text = formulaStart.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(csvSeparator));
  return `${byteOrderMark}${lines.join("\r\n")}\r\n`;
}

export type PeopleIndex = {
  questionnaires: Map<string, QuestionnaireRecord>;
  mentors: Map<string, MentorRecord>;
  /** The cohorts' names by id, for the « Vague » column (a cohort not in it shows its id). */
  cohortNames?: ReadonlyMap<string, string>;
};

/** Hours rounded to the hundredth, as a spreadsheet cell shows them: 1,67, not 1,6666666666666667. */
export const roundedHours = (hours: number | undefined) =>
  hours === undefined ? undefined : Math.round(hours * 100) / 100;

/** The cohort as people call it: its name, or its id when it has no record (its implicit name). */
const cohortName = (cohortId: string, names: ReadonlyMap<string, string> | undefined) =>
  names?.get(cohortId) ?? cohortId;

/** "01/12/2026": the date a French spreadsheet reads as a date (every export writes its dates so). */
export const frenchDay = (iso: string | undefined) =>
  iso
    ? new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", dateStyle: "short" }).format(
        new Date(iso),
      )
    : "";

/** The pair's state in French words; the codes go to their own columns, for machines. */
const stateWords = (pair: Pair) => pairStateLabel(pair).fr;

/** Why the pair ended, in French only (the team's reason, or the workflow's in plain words). */
const endReason = (pair: Pair) =>
  pair.stopCause ? stopReasonText(pair.stopCause).fr : (pair.cancelReason ?? "");

const reachedWords = (value: ObjectivesReached | undefined) =>
  value ? objectivesReachedLabel[value].fr : "";

/**
 * The pairs, with names and addresses: for the programme team's own follow-up. French headers and
 * values; the codes (pair id, phase, outcome) sit in the last columns, for machines.
 */
export function pairsCsv(pairs: readonly Pair[], people: PeopleIndex): string {
  const header = [
    "Cadre",
    "Adresse du cadre",
    "Direction du cadre",
    "Mentor",
    "Adresse du mentor",
    "Vague",
    "Étape",
    "État",
    "Séances faites",
    "Séances prévues",
    "À surveiller",
    "Créé le",
    "Terminé le",
    "Motif de fin",
    "Auto-évaluation non reçue",
    "Objectifs atteints selon le cadre",
    "Commentaire de clôture du cadre",
    "Objectifs atteints selon le mentor",
    "Commentaire de clôture du mentor",
    "Temps de mentorat (heures)",
    "code_binome",
    "code_etape",
    "code_statut",
    "code_issue",
  ];
  const rows = [...pairs]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((pair) => {
      const mentee = people.questionnaires.get(pair.menteeId)?.answers;
      const mentor = people.mentors.get(pair.mentorId)?.answers;
      return [
        mentee ? `${mentee.firstName} ${mentee.lastName}` : "",
        mentee?.email,
        mentee?.directorate,
        mentor ? `${mentor.firstName} ${mentor.lastName}` : "",
        mentor?.email,
        cohortName(pair.cohortId, people.cohortNames),
        phaseLabel(pair.phase).fr,
        stateWords(pair),
        pair.sessionsDone,
        pair.sessionsPlanned,
        pair.needsAttention,
        frenchDay(pair.createdAt),
        frenchDay(pair.closedAt),
        endReason(pair),
        (pair.missingEvaluations ?? [])
          .map((role) => (role === "mentee" ? "cadre" : "mentor"))
          .join(", "),
        reachedWords(pair.selfEvaluation?.objectivesReached),
        pair.selfEvaluation?.comment,
        reachedWords(pair.mentorEvaluation?.objectivesReached),
        pair.mentorEvaluation?.comment,
        roundedHours(pair.mentorHours),
        pair.id,
        pair.phase,
        pair.status,
        outcomeOf(pair) ?? "",
      ];
    });
  return toCsv(header, rows);
}

const averageOf = (scores: readonly number[]) =>
  scores.length === 0
    ? null
    : Math.round((scores.reduce((total, score) => total + score, 0) / scores.length) * 10) / 10;

/**
 * Feedback without anyone in it: no id, name, address, direction, free text or date that would
 * point back to a person. Rows are sorted by their content, not by creation, so their order
 * cannot be matched with the pairs export.
 */
export function feedbackCsv(
  pairs: readonly Pair[],
  cohortNames?: ReadonlyMap<string, string>,
): string {
  const header = [
    "Vague",
    "État",
    "Séances faites",
    "Satisfaction moyenne des mentors (1 à 5)",
    "Retours des mentors",
    "Satisfaction moyenne des cadres (1 à 5)",
    "Retours des cadres",
    "Objectifs atteints selon le cadre",
    "Objectifs atteints selon le mentor",
    "Heures de mentorat",
    ...themes.flatMap((theme) => [
      `${theme.label.fr} — avant (1 à 4)`,
      `${theme.label.fr} — après (1 à 4)`,
    ]),
  ];
  const rows = pairs
    .filter(
      (pair) =>
        (pair.feedbackScores?.length ?? 0) > 0 ||
        (pair.menteeFeedbackScores?.length ?? 0) > 0 ||
        pair.selfEvaluation?.after,
    )
    .map((pair): Cell[] => {
      const mentorScores = pair.feedbackScores ?? [];
      const menteeScores = pair.menteeFeedbackScores ?? [];
      return [
        cohortName(pair.cohortId, cohortNames),
        stateWords(pair),
        pair.sessionsDone,
        averageOf(mentorScores),
        mentorScores.length,
        averageOf(menteeScores),
        menteeScores.length,
        reachedWords(pair.selfEvaluation?.objectivesReached),
        reachedWords(pair.mentorEvaluation?.objectivesReached),
        roundedHours(pair.mentorHours),
        ...themes.flatMap((theme) => [
          pair.selfEvaluation?.before[theme.id],
          pair.selfEvaluation?.after?.[theme.id],
        ]),
      ];
    })
    .map((row) => ({ row, key: row.map(csvCell).join(csvSeparator) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);
  return toCsv(header, rows);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Every rating and comment of a cohort, one line each, as the feedback page lists them (after
 * each meeting, the objectives agreed, both closing self-evaluations): for the team's own reading,
 * so pairs are named by their participants (no address). French headers and values; the codes
 * (pair id, role, step) sit in the last columns, for machines.
 */
export function feedbackEntriesCsv(entries: readonly FeedbackEntry[]): string {
  return toCsv(
    [
      "Binôme",
      "Qui",
      "Étape",
      "Date du rendez-vous",
      "Ce que c'est",
      "Note (1 à 5)",
      "A eu lieu",
      "Objectifs atteints",
      "Commentaire",
      "code_binome",
      "code_role",
      "code_etape",
    ],
    entries.map((entry) => [
      `${entry.menteeName} et ${entry.mentorName}`,
      feedbackRoleLabel[entry.role].fr,
      capitalised(theStep(entry.step).fr),
      frenchDay(entry.at),
      feedbackAboutLabel[entry.about].fr,
      entry.rating,
      entry.tookPlace,
      reachedWords(entry.objectivesReached),
      entry.comment,
      entry.pairId,
      entry.role,
      entry.step,
    ]),
  );
}
