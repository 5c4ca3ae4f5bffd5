import * as v from "valibot";
import { getItem, queryList } from "./clients/dynamodb";
import { mentorApplicationAcknowledgement } from "./email/acknowledgements";
import {
  choices,
  consent,
  email,
  optionalEmail,
  optionalText,
  personName,
  shortText,
} from "./fields";
import { keys } from "./keys";
import { availabilityIds, formatIds, programme, themeIds } from "./programme";
import { type SubmissionOutcome, submitOnce } from "./submission";

/** The mentor application: an agent volunteers, offers themes with a level, and is interviewed. */

export const grades = ["A+", "A", "B", "C", "contractuel", "apprenti"] as const;

const offeredTheme = v.strictObject({
  theme: v.picklist(themeIds as [string, ...string[]], "Ce thème n'existe pas."),
  level: v.pipe(
    v.number("Indiquez votre niveau pour ce thème."),
    v.integer("Indiquez votre niveau pour ce thème."),
    v.minValue(1, "Indiquez votre niveau pour ce thème."),
    v.maxValue(4, "Indiquez votre niveau pour ce thème."),
  ),
});

export const MentorApplicationSchema = v.strictObject({
  firstName: personName("prénom"),
  lastName: personName("nom"),
  email: email("Indiquez votre adresse électronique professionnelle."),
  directorate: shortText("Indiquez votre direction ou votre service."),
  role: shortText("Indiquez votre fonction."),
  grade: v.picklist(grades, "Choisissez votre catégorie."),
  site: optionalText(100),
  managerEmail: optionalEmail("Saisissez l'adresse de votre responsable."),
  themes: v.pipe(
    v.array(offeredTheme, "Choisissez au moins un thème que vous pouvez transmettre."),
    v.minLength(1, "Choisissez au moins un thème que vous pouvez transmettre."),
    v.check(
      (items) => new Set(items.map((item) => item.theme)).size === items.length,
      "Chaque thème ne compte qu'une fois.",
    ),
  ),
  motivation: shortText("Dites-nous en quelques mots pourquoi vous souhaitez être mentor.", 2000),
  formats: choices(formatIds, "Choisissez au moins une façon de rencontrer votre mentoré."),
  availability: choices(
    availabilityIds as [string, ...string[]],
    "Indiquez au moins un moment où vous êtes habituellement disponible.",
  ),
  availabilityNote: optionalText(500),
  capacity: v.pipe(
    v.number("Indiquez combien de cadres vous pouvez accompagner."),
    v.integer("Indiquez combien de cadres vous pouvez accompagner."),
    v.minValue(1, "Vous pouvez accompagner entre 1 et 3 cadres à la fois."),
    v.maxValue(
      programme.maxMenteesPerMentor,
      "Vous pouvez accompagner entre 1 et 3 cadres à la fois.",
    ),
  ),
  consent,
});

export type MentorApplication = v.InferOutput<typeof MentorApplicationSchema>;

export type MentorRecord = {
  id: string;
  cohortId: string;
  answers: MentorApplication;
  status: "applied" | "selected" | "waiting-list" | "not-selected";
  createdAt: string;
  updatedAt: string;
};

/** Stores an application for the open cohort and acknowledges it once. */
export async function apply(
  answers: MentorApplication,
  cohortId: string = programme.openCohortId,
): Promise<SubmissionOutcome> {
  return submitOnce({
    kind: "mentor",
    cohortId,
    email: answers.email,
    answers,
    entityKey: keys.mentor,
    listKey: (createdAt, id) => keys.mentorList(cohortId, createdAt, id),
    initial: { status: "applied" },
    acknowledgement: mentorApplicationAcknowledgement(answers.firstName),
  });
}

/**
 * The mentor applications of a cohort, oldest first (the list also files each mentor's pairs
 * after them, see `keys.pairMentor`: those are left out here).
 */
export const listMentors = async (cohortId: string) =>
  (await queryList<MentorRecord & { kind?: string }>(keys.mentors(cohortId))).filter(
    (item) => item.kind === "mentor",
  );

export const getMentor = (id: string) => getItem<MentorRecord>(keys.mentor(id));
