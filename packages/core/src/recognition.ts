import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { staffedHours } from "./barnum/store";
import { documents, getItem } from "./clients/dynamodb";
import { clock } from "./clock";
import { emailTo } from "./email/invitation";
import type { Bilingual } from "./email/layout";
import { queueEmail } from "./email/outbox";
import { env } from "./env";
import { ledHours } from "./events/workshop/store";
import { email } from "./fields";
import { keys } from "./keys";
import { getMentor } from "./mentor";
import { attendedHours } from "./network/store";
import { logger } from "./observability";
import type { Pair } from "./pair/model";
import { listPairs } from "./pair/store";
import { programme } from "./programme";
import { de, formatDay, formatHours, frenchSpacing, plural, que } from "./words";

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
  workshopsLed: number;
  barnumsStaffed: number;
  networkMeetings: number;
  /** Every hour given to the programme: the pairs, the workshops, the BarNum', the network. */
  hours: number;
  hoursByKind: { pairs: number; workshops: number; barnums: number; network: number };
  since?: string;
};

/** What a mentor did beside their pairs: the hours of each event, one entry per event. */
export type EventsOfMentor = { workshops: number[]; barnums: number[]; network: number[] };

const noEvents: EventsOfMentor = { workshops: [], barnums: [], network: [] };
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

const asMentor = (mentorId: string) => (pair: Pair) =>
  pair.mentorId === mentorId || pair.firstMentorId === mentorId;

/** Pure: the record of a mentor's work, from their pairs (a reassigned mentor keeps theirs). */
export function recordOfWork(
  mentor: { id: string; firstName: string; lastName: string; role: string; directorate: string },
  pairs: readonly Pair[],
  events: EventsOfMentor = noEvents,
): MentorRecordOfWork {
  const theirs = pairs.filter(asMentor(mentor.id));
  const completed = theirs.filter((pair) => pair.status === "closed");
  const pairHours = theirs.reduce((total, pair) => total + (pair.mentorHours ?? 0), 0);
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
    workshopsLed: events.workshops.length,
    barnumsStaffed: events.barnums.length,
    networkMeetings: events.network.length,
    hours: pairHours + sum(events.workshops) + sum(events.barnums) + sum(events.network),
    hoursByKind: {
      pairs: pairHours,
      workshops: sum(events.workshops),
      barnums: sum(events.barnums),
      network: sum(events.network),
    },
    ...(since ? { since } : {}),
  };
}

/**
 * The events a mentor took part in: each workshop they led that took place, each BarNum' they
 * confirmed they would staff, each network meeting they attended (its duration).
 */
export async function eventsOfMentor(mentorId: string): Promise<EventsOfMentor> {
  const [workshops, barnums, network] = await Promise.all([
    ledHours(mentorId),
    staffedHours(mentorId),
    attendedHours(mentorId),
  ]);
  return { workshops, barnums, network };
}

export async function loadRecordOfWork(mentorId: string): Promise<MentorRecordOfWork | undefined> {
  const mentor = await getMentor(mentorId);
  if (!mentor) return undefined;
  const [pairs, events] = await Promise.all([
    listPairs({ cohortId: mentor.cohortId }),
    eventsOfMentor(mentorId),
  ]);
  return recordOfWork({ id: mentor.id, ...mentor.answers }, pairs, events);
}

/** Pure: the attestation's sentences, in French (the language of the hierarchy it is shown to). */
export function attestationLines(record: MentorRecordOfWork, issuedAt: Date): string[] {
  const lines = [
    `${programme.name} atteste ${que(record.name)}, ${record.role} (${record.directorate}), participe au programme de mentorat inversé en tant que mentor${record.since ? ` depuis le ${formatDay(new Date(record.since)).fr}` : ""}.`,
    "",
    `${plural("fr", record.pairs, "cadre accompagné", "cadres accompagnés")}, dont ${plural("fr", record.pairsCompleted, "parcours mené", "parcours menés")} jusqu'à la clôture ;`,
    `${plural("fr", record.sessionsHeld, "séance tenue", "séances tenues")} ;`,
    `${formatHours(record.hoursByKind.pairs).fr} de mentorat en binôme ;`,
    `${plural("fr", record.workshopsLed, "atelier collectif animé", "ateliers collectifs animés")} (${formatHours(record.hoursByKind.workshops).fr}) ;`,
    `${plural("fr", record.barnumsStaffed, "BarNum' tenu", "BarNum' tenus")} (${formatHours(record.hoursByKind.barnums).fr}) ;`,
    `${plural("fr", record.networkMeetings, "rencontre du réseau des mentors", "rencontres du réseau des mentors")} (${formatHours(record.hoursByKind.network).fr}) ;`,
    `soit ${formatHours(record.hours).fr} au total.`,
    "",
    "Le mentorat inversé associe un agent, mentor, à un cadre qu'il accompagne dans ses usages numériques : préparation, séances d'une heure, séance de suivi et bilan.",
    "",
    `Fait le ${formatDay(issuedAt).fr}.`,
    `L'équipe d'animation ${programme.name} — ${programme.contactEmail}`,
  ];
  // The PDF's standard font speaks WinAnsi: the narrow no-break space becomes a no-break space.
  return lines.map((line) => frenchSpacing(line).replaceAll("\u202f", "\u00a0"));
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
  // Loaded on first use: the PDF library is a third of the web function's bundle.
  const { PDFDocument, rgb, StandardFonts } = await import("pdf-lib");
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

// ---------------------------------------------------------------------------------------------
// The mentor's consent to send the attestation to their manager, and the sending.
// ---------------------------------------------------------------------------------------------

export const ConsentSchema = v.object({
  managerEmail: email("Indiquez l'adresse de votre responsable."),
  agree: v.literal(true, "Cochez la case pour donner votre accord."),
});

export type ManagerConsent = { mentorId: string; managerEmail: string; consentedAt: string };

export async function recordConsent(mentorId: string, managerEmail: string): Promise<void> {
  await documents.send(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...keys.mentorConsent(mentorId),
        kind: "mentor-consent",
        mentorId,
        managerEmail,
        consentedAt: clock.now().toISOString(),
      },
    }),
  );
  logger.info("Mentor consent to send the attestation recorded", { mentorId });
}

export async function withdrawConsent(mentorId: string): Promise<void> {
  await documents.send(
    new DeleteCommand({ TableName: env.tableName, Key: keys.mentorConsent(mentorId) }),
  );
  logger.info("Mentor consent to send the attestation withdrawn", { mentorId });
}

export async function getConsent(mentorId: string): Promise<ManagerConsent | undefined> {
  const item = await getItem<ManagerConsent>(keys.mentorConsent(mentorId));
  return item
    ? { mentorId, managerEmail: item.managerEmail, consentedAt: item.consentedAt }
    : undefined;
}

/**
 * Sends the attestation to the mentor's manager, only with the mentor's recorded consent, through
 * the outbox: at most once a day (a second click the same day queues nothing).
 */
export async function sendAttestationToManager(
  mentorId: string,
): Promise<"queued" | "already-queued" | "no-consent" | "not-found"> {
  const [consent, record] = await Promise.all([getConsent(mentorId), loadRecordOfWork(mentorId)]);
  if (!record) return "not-found";
  if (!consent) return "no-consent";
  const pdf = await attestationPdf(record);
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(clock.now());
  const outcome = await queueEmail(`attestation#${mentorId}#${day}`, {
    ...emailTo(consent.managerEmail, attestationForManager(record)),
    attachments: [
      {
        fileName: "attestation-mentorat.pdf",
        contentType: "application/pdf",
        content: Buffer.from(pdf).toString("base64"),
        encoding: "base64",
      },
    ],
  });
  logger.info("Attestation sent to the manager", { mentorId, outcome });
  return outcome;
}

/** To the mentor's line manager, with the attestation attached (exported for its tests). */
export function attestationForManager(record: MentorRecordOfWork): Bilingual {
  return {
    subject: `${programme.name} : attestation de mentorat ${de(record.name)}`,
    fr: [
      "Bonjour,",
      `${record.name} est mentor du programme de mentorat inversé ${programme.name} et a souhaité que vous receviez son attestation, jointe à ce message.`,
      `En bref : ${plural("fr", record.pairs, "cadre accompagné", "cadres accompagnés")}, ${plural("fr", record.workshopsLed, "atelier collectif animé", "ateliers collectifs animés")}, ${plural("fr", record.barnumsStaffed, "BarNum' tenu", "BarNum' tenus")}, ${plural("fr", record.networkMeetings, "rencontre du réseau", "rencontres du réseau")}, ${formatHours(record.hours).fr} au total.`,
      "Merci de l'engagement que vous lui permettez.",
    ],
    en: [
      "Hello,",
      `${record.name} is a mentor of the ${programme.name} reverse-mentoring programme and asked that you receive their attestation, attached.`,
      `In short: ${plural("en", record.pairs, "manager coached", "managers coached")}, ${plural("en", record.workshopsLed, "collective workshop led", "collective workshops led")}, ${plural("en", record.barnumsStaffed, "BarNum' staffed", "BarNum' staffed")}, ${plural("en", record.networkMeetings, "network meeting", "network meetings")}, ${formatHours(record.hours).en} in all.`,
      "Thank you for making their commitment possible.",
    ],
  };
}
