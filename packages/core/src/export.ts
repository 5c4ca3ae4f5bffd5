import type { MentorRecord } from "./mentor";
import type { Pair } from "./pair/model";
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

const day = (iso: string | undefined) => iso?.slice(0, 10) ?? "";

export type PeopleIndex = {
  questionnaires: Map<string, QuestionnaireRecord>;
  mentors: Map<string, MentorRecord>;
};

/** The pairs, with names and addresses: for the programme team's own follow-up. */
export function pairsCsv(pairs: readonly Pair[], people: PeopleIndex): string {
  const header = [
    "Binôme",
    "Vague",
    "Cadre",
    "Adresse du cadre",
    "Direction du cadre",
    "Mentor",
    "Adresse du mentor",
    "Phase",
    "Statut",
    "Séances faites",
    "Séances prévues",
    "À surveiller",
    "Créé le",
    "Terminé le",
    "Motif d'annulation",
  ];
  const rows = [...pairs]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((pair) => {
      const mentee = people.questionnaires.get(pair.menteeId)?.answers;
      const mentor = people.mentors.get(pair.mentorId)?.answers;
      return [
        pair.id,
        pair.cohortId,
        mentee ? `${mentee.firstName} ${mentee.lastName}` : "",
        mentee?.email,
        mentee?.directorate,
        mentor ? `${mentor.firstName} ${mentor.lastName}` : "",
        mentor?.email,
        pair.phase,
        pair.status,
        pair.sessionsDone,
        pair.sessionsPlanned,
        pair.needsAttention,
        day(pair.createdAt),
        day(pair.closedAt),
        pair.cancelReason,
      ];
    });
  return toCsv(header, rows);
}

/**
 * Feedback without anyone in it: no id, name, address, direction, free text or date that would
 * point back to a person. Rows are sorted by their content, not by creation, so their order
 * cannot be matched with the pairs export.
 */
export function feedbackCsv(pairs: readonly Pair[]): string {
  const header = [
    "Vague",
    "Statut",
    "Séances faites",
    "Satisfaction moyenne (1 à 5)",
    "Nombre de retours",
    "Heures de mentorat",
    ...themes.flatMap((theme) => [
      `${theme.label.fr} — avant (1 à 4)`,
      `${theme.label.fr} — après (1 à 4)`,
    ]),
  ];
  const rows = pairs
    .filter((pair) => (pair.feedbackScores?.length ?? 0) > 0 || pair.selfEvaluation?.after)
    .map((pair): Cell[] => {
      const scores = pair.feedbackScores ?? [];
      const average =
        scores.length === 0
          ? null
          : Math.round((scores.reduce((total, score) => total + score, 0) / scores.length) * 10) /
            10;
      return [
        pair.cohortId,
        pair.status,
        pair.sessionsDone,
        average,
        scores.length,
        pair.mentorHours,
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
