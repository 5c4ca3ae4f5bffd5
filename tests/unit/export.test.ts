import { describe, expect, it } from "vitest";
import { byteOrderMark, csvCell, feedbackCsv, pairsCsv, toCsv } from "#core/export";
import type { MentorRecord } from "#core/mentor";
import type { Pair } from "#core/pair/model";
import type { QuestionnaireRecord } from "#core/questionnaire";
import { mentorAnswers, questionnaireAnswers } from "../support/fixtures";

function pair(overrides: Partial<Pair> = {}): Pair {
  return {
    id: "binome-1",
    cohortId: "vague-1",
    menteeId: "q1",
    mentorId: "m1",
    phase: "sessions",
    status: "active",
    needsAttention: true,
    settings: {
      sessions: 3,
      pauseMonths: 3,
      reminderHoursBefore: 24,
      allowSameManagementLine: false,
    },
    sessionsPlanned: 3,
    sessionsDone: 1,
    executionName: "binome-1",
    createdAt: "2026-02-03T10:00:00.000Z",
    updatedAt: "2026-02-03T10:00:00.000Z",
    ...overrides,
  };
}

/** Splits a CSV the way a spreadsheet does (quotes, doubled quotes, separators inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ";") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && body[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += char;
  }
  return rows;
}

describe("CSV for French Excel", () => {
  it("starts with a UTF-8 byte-order mark, separates with semicolons and ends lines with CRLF", () => {
    const csv = toCsv(["Nom", "Valeur"], [["Éloïse", 3.5]]);
    expect(csv.startsWith(byteOrderMark)).toBe(true);
    expect(csv).toBe(`${byteOrderMark}Nom;Valeur\r\nÉloïse;3,5\r\n`);
  });

  it("quotes cells holding a separator, a quote or a line break, doubling the quotes", () => {
    expect(csvCell('Dit "bonjour"')).toBe('"Dit ""bonjour"""');
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell("ligne 1\nligne 2")).toBe('"ligne 1\nligne 2"');
    expect(csvCell(" espace")).toBe('" espace"');
    expect(parseCsv(toCsv(["x"], [['a;"b"\r\nc']]))).toEqual([["x"], ['a;"b"\r\nc']]);
  });

  it("neutralises text that a spreadsheet would run as a formula", () => {
    for (const value of ['=HYPERLINK("http://evil")', "+1", "-2+3", "@SUM(A1)", "\tx"]) {
      expect(csvCell(value).replace(/^"/, "").startsWith("'")).toBe(true);
    }
    expect(csvCell(-2)).toBe("-2");
  });

  it("writes yes/no, empty cells and dates the French way", () => {
    expect(csvCell(true)).toBe("oui");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(null)).toBe("");
  });
});

describe("the pairs export", () => {
  it("has one line per pair with the names, addresses, phase and status", () => {
    const questionnaire = {
      id: "q1",
      cohortId: "vague-1",
      answers: questionnaireAnswers({ lastName: "=cmd" }),
    } as QuestionnaireRecord;
    const mentor = {
      id: "m1",
      cohortId: "vague-1",
      answers: mentorAnswers(),
      status: "selected",
    } as MentorRecord;
    const rows = parseCsv(
      pairsCsv([pair({ cancelReason: 'Départ ; "mutation"' })], {
        questionnaires: new Map([["q1", questionnaire]]),
        mentors: new Map([["m1", mentor]]),
      }),
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]?.slice(0, 2)).toEqual(["Cadre", "Adresse du cadre"]);
    const line = rows[1] as string[];
    expect(line[0]).toBe("Claire =cmd");
    expect(line[1]).toBe(questionnaire.answers.email);
    expect(line[4]).toBe(mentor.answers.email);
    // French words for people; the codes in their own columns at the end, for machines.
    expect(line.slice(6, 12)).toEqual(["Séances", "En cours", "1", "3", "oui", "03/02/2026"]);
    expect(line[13]).toBe('Départ ; "mutation"');
    expect(line.slice(-4)).toEqual(["binome-1", "sessions", "active", ""]);
    expect(rows[0]?.slice(-4)).toEqual(["code_binome", "code_etape", "code_statut", "code_issue"]);
  });
});

describe("the anonymised feedback export", () => {
  it("contains no id, name, address, reason or free text, only figures", () => {
    const csv = feedbackCsv([
      pair({
        id: "binome-secret",
        cancelReason: "Claire Martin est partie",
        objectives: "Créer le compte LinkedIn de Claire",
        feedbackScores: [4, 5],
        mentorHours: 3,
        selfEvaluation: { before: { "social-networks": 1 }, after: { "social-networks": 3 } },
      }),
    ]);
    expect(csv).not.toContain("binome-secret");
    expect(csv).not.toContain("Claire");
    expect(csv).not.toContain("q1");
    expect(csv).not.toContain("m1");
    const rows = parseCsv(csv);
    expect(rows[1]?.slice(0, 10)).toEqual([
      "vague-1",
      "En cours",
      "1",
      "4,5",
      "2",
      "",
      "0",
      "",
      "",
      "3",
    ]);
  });

  it("leaves out pairs without any feedback and orders lines by content, not by creation", () => {
    const rows = parseCsv(
      feedbackCsv([
        pair({ id: "a", createdAt: "2026-01-01T00:00:00Z", feedbackScores: [5] }),
        pair({ id: "b", createdAt: "2026-01-02T00:00:00Z", feedbackScores: [2] }),
        pair({ id: "c" }),
      ]),
    );
    expect(rows.slice(1).map((row) => row[3])).toEqual(["2", "5"]);
  });
});
