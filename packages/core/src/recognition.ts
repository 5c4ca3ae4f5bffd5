import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import { clock } from "./clock";
import { getMentor } from "./mentor";
import type { Pair } from "./pair/model";
import { listPairs } from "./pair/store";
import { programme } from "./programme";
import { formatDay, formatHours, plural } from "./words";

/**
 * What a mentor did for the programme, and the attestation that says so. Mentors gain visibility
 * with their hierarchy: the programme team (or the mentor) downloads a dated PDF, signed with the
 * programme's name, listing the pairs accompanied, the sessions held and the hours given.
 */

export type MentorRecordOfWork = {
  mentorId: string;
  name: string;
  role: string;
  directorate: string;
  pairs: number;
  pairsCompleted: number;
  sessionsHeld: number;
  hours: number;
  since?: string;
};

const asMentor = (mentorId: string) => (pair: Pair) =>
  pair.mentorId === mentorId || pair.firstMentorId === mentorId;

/** Pure: the record of a mentor's work, from their pairs (a reassigned mentor keeps theirs). */
export function recordOfWork(
  mentor: { id: string; firstName: string; lastName: string; role: string; directorate: string },
  pairs: readonly Pair[],
): MentorRecordOfWork {
  const theirs = pairs.filter(asMentor(mentor.id));
  const completed = theirs.filter((pair) => pair.status === "closed");
  const since = theirs
    .map((pair) => pair.createdAt)
    .sort()
    .at(0);
  return {
    mentorId: mentor.id,
    name: `${mentor.firstName} ${mentor.lastName}`,
    role: mentor.role,
    directorate: mentor.directorate,
    pairs: theirs.length,
    pairsCompleted: completed.length,
    sessionsHeld: theirs.reduce((total, pair) => total + (pair.sessionsDone ?? 0), 0),
    hours: theirs.reduce((total, pair) => total + (pair.mentorHours ?? 0), 0),
    ...(since ? { since } : {}),
  };
}

export async function loadRecordOfWork(mentorId: string): Promise<MentorRecordOfWork | undefined> {
  const mentor = await getMentor(mentorId);
  if (!mentor) return undefined;
  const pairs = await listPairs({ cohortId: mentor.cohortId });
  return recordOfWork({ id: mentor.id, ...mentor.answers }, pairs);
}

/** Pure: the attestation's sentences, in French (the language of the hierarchy it is shown to). */
export function attestationLines(record: MentorRecordOfWork, issuedAt: Date): string[] {
  const lines = [
    `${programme.name} atteste que ${record.name}, ${record.role} (${record.directorate}), participe au programme de mentorat inversé en tant que mentor${record.since ? ` depuis le ${formatDay(new Date(record.since)).fr}` : ""}.`,
    "",
    `${plural("fr", record.pairs, "cadre accompagné", "cadres accompagnés")}, dont ${plural("fr", record.pairsCompleted, "parcours mené", "parcours menés")} jusqu'à la clôture ;`,
    `${plural("fr", record.sessionsHeld, "séance tenue", "séances tenues")} ;`,
    `${formatHours(record.hours).fr} de mentorat.`,
    "",
    "Le mentorat inversé associe un agent, mentor, à un cadre qu'il accompagne dans ses usages numériques : préparation, séances d'une heure, séance de suivi et bilan.",
    "",
    `Fait le ${formatDay(issuedAt).fr}.`,
    `L'équipe d'animation ${programme.name} — ${programme.contactEmail}`,
  ];
  // The PDF's standard font speaks WinAnsi: the narrow no-break space becomes a no-break space.
  return lines.map((line) => line.replaceAll("\u202f", "\u00a0"));
}

const wrap = (text: string, width: number, measure: (text: string) => number): string[] => {
  if (text === "") return [""];
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) > width && line) {
      out.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) out.push(line);
  return out;
};

/** The attestation as a one-page A4 PDF, dated today on the programme's clock. */
export async function attestationPdf(record: MentorRecordOfWork): Promise<Uint8Array> {
  const issuedAt = clock.now();
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Attestation de mentorat — ${record.name}`);
  pdf.setAuthor(programme.name);
  pdf.setSubject("Attestation de participation au programme de mentorat inversé");
  pdf.setLanguage("fr-FR");
  pdf.setCreationDate(issuedAt);
  const page = pdf.addPage([595.28, 841.89]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const margin = 64;
  const width = page.getWidth() - 2 * margin;
  let y = page.getHeight() - margin;
  page.drawRectangle({ x: margin, y: y + 8, width, height: 4, color: rgb(0, 0, 0.57) });
  y -= 32;
  page.drawText(programme.name, { x: margin, y, size: 14, font: bold });
  y -= 40;
  page.drawText("Attestation de participation", { x: margin, y, size: 22, font: bold });
  y -= 36;
  const size = 12;
  for (const line of attestationLines(record, issuedAt)) {
    for (const part of wrap(line, width, (text) => regular.widthOfTextAtSize(text, size))) {
      page.drawText(part, { x: margin, y, size, font: regular });
      y -= 18;
    }
  }
  return pdf.save();
}
