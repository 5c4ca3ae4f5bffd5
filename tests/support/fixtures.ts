import type { MentorApplication } from "#core/mentor";
import type { Pair } from "#core/pair/model";
import type { Questionnaire } from "#core/questionnaire";
import { uniqueEmail } from "./inbox";

/** Valid answers, as a person would give them; each test overrides what it is about. */
export function questionnaireAnswers(overrides: Partial<Questionnaire> = {}): Questionnaire {
  return {
    firstName: "Claire",
    lastName: "Martin",
    email: uniqueEmail("claire"),
    directorate: "Direction générale des entreprises",
    role: "Sous-directrice",
    comfort: {
      "social-networks": 1,
      "collaborative-tools": 2,
      "artificial-intelligence": 1,
      "data-business-models": 3,
      "digital-identity-security": 2,
    },
    priorityThemes: ["artificial-intelligence", "social-networks"],
    goal: "Identifier ce que l'IA peut apporter à mon service",
    formats: ["video", "site"],
    availability: ["morning"],
    consent: true,
    ...overrides,
  };
}

export function mentorAnswers(overrides: Partial<MentorApplication> = {}): MentorApplication {
  return {
    firstName: "Yanis",
    lastName: "Benali",
    email: uniqueEmail("yanis"),
    directorate: "Secrétariat général",
    role: "Chargé de projets numériques",
    grade: "B",
    themes: [
      { theme: "social-networks", level: 3 },
      { theme: "artificial-intelligence", level: 4 },
    ],
    motivation: "Transmettre ce que j'utilise tous les jours.",
    formats: ["video"],
    availability: ["morning", "lunch"],
    capacity: 2,
    consent: true,
    ...overrides,
  };
}

/** The same answers as an HTML form would post them. */
export function questionnaireForm(answers: Questionnaire): URLSearchParams {
  const form = new URLSearchParams();
  for (const key of ["firstName", "lastName", "email", "directorate", "role", "goal"] as const) {
    form.set(key, answers[key]);
  }
  for (const [theme, level] of Object.entries(answers.comfort))
    form.set(`comfort.${theme}`, String(level));
  for (const theme of answers.priorityThemes) form.append("priorityThemes", theme);
  for (const format of answers.formats) form.append("formats", format);
  for (const slot of answers.availability) form.append("availability", slot);
  if (answers.consent) form.set("consent", "on");
  return form;
}

export function mentorForm(answers: MentorApplication): URLSearchParams {
  const form = new URLSearchParams();
  for (const key of [
    "firstName",
    "lastName",
    "email",
    "directorate",
    "role",
    "grade",
    "motivation",
  ] as const) {
    form.set(key, answers[key]);
  }
  for (const offer of answers.themes) form.set(`themes.${offer.theme}`, String(offer.level));
  for (const format of answers.formats) form.append("formats", format);
  for (const slot of answers.availability) form.append("availability", slot);
  form.set("capacity", String(answers.capacity));
  if (answers.consent) form.set("consent", "on");
  return form;
}

/** A running pair in its sessions, one held, as the workflow stores it. */
export function pairRecord(overrides: Partial<Pair> & { id: string }): Pair {
  return {
    cohortId: "vague-test",
    menteeId: "mentee-1",
    mentorId: "mentor-1",
    phase: "sessions",
    status: "active",
    needsAttention: false,
    settings: {
      sessions: 3,
      pauseMonths: 3,
      reminderHoursBefore: 24,
      allowSameManagementLine: false,
    },
    sessionsPlanned: 3,
    sessionsDone: 1,
    executionName: overrides.id,
    createdAt: "2026-01-05T09:00:00.000Z",
    updatedAt: "2026-01-05T09:00:00.000Z",
    ...overrides,
  };
}
