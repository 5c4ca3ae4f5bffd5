import * as v from "valibot";
import { getItem, queryList } from "./clients/dynamodb";
import { questionnaireContribution } from "./counts";
import { countUpdate } from "./counts-store";
import { questionnaireAcknowledgement } from "./email/acknowledgements";
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

/** The mentee's needs questionnaire: who they are, then the three questions of the programme. */

const comfortLevel = v.pipe(
  v.number("Indiquez votre aisance pour ce thème."),
  v.integer("Indiquez votre aisance pour ce thème."),
  v.minValue(1, "Indiquez votre aisance pour ce thème."),
  v.maxValue(4, "Indiquez votre aisance pour ce thème."),
);

export const ComfortSchema = v.strictObject(
  Object.fromEntries(themeIds.map((id) => [id, comfortLevel])) as Record<
    string,
    typeof comfortLevel
  >,
  "Indiquez votre aisance pour chaque thème.",
);

export const QuestionnaireSchema = v.strictObject({
  firstName: personName("prénom"),
  lastName: personName("nom"),
  email: email("Indiquez votre adresse électronique professionnelle."),
  directorate: shortText("Indiquez votre direction ou votre service."),
  role: shortText("Indiquez votre fonction."),
  site: optionalText(100),
  assistantEmail: optionalEmail("Saisissez l'adresse de votre assistant ou assistante."),
  comfort: ComfortSchema,
  priorityThemes: choices(
    themeIds as [string, ...string[]],
    "Choisissez au moins un thème à travailler.",
    1,
    programme.maxPriorityThemes,
  ),
  goal: shortText("Décrivez en une phrase votre objectif concret.", 1000),
  formats: choices(formatIds, "Choisissez au moins une façon de vous rencontrer."),
  availability: choices(
    availabilityIds as [string, ...string[]],
    "Indiquez au moins un moment où vous êtes habituellement disponible.",
  ),
  availabilityNote: optionalText(500),
  consent,
});

export type QuestionnaireInput = v.InferInput<typeof QuestionnaireSchema>;
export type Questionnaire = v.InferOutput<typeof QuestionnaireSchema>;

export type QuestionnaireRecord = {
  id: string;
  cohortId: string;
  answers: Questionnaire;
  createdAt: string;
  updatedAt: string;
};

/** Stores a questionnaire for the open cohort and acknowledges it once. */
export async function submit(
  answers: Questionnaire,
  cohortId: string = programme.openCohortId,
): Promise<SubmissionOutcome> {
  return submitOnce({
    kind: "questionnaire",
    cohortId,
    email: answers.email,
    answers,
    entityKey: keys.questionnaire,
    listKey: (createdAt, id) => keys.questionnaireList(cohortId, createdAt, id),
    initial: { status: "waiting" },
    acknowledgement: questionnaireAcknowledgement(answers.firstName),
    counted: (id) => countUpdate(cohortId, id, questionnaireContribution()),
  });
}

/** A questionnaire as stored: `status` says whether its author has a pair yet. */
export type StoredQuestionnaire = QuestionnaireRecord & {
  status?: "waiting" | "paired";
  pairId?: string;
};

/**
 * The questionnaires of a cohort, oldest first; `onPage` hears how many have been read so far,
 * page after page (the matching's progress).
 */
export const listQuestionnaires = (cohortId: string, onPage?: (read: number) => Promise<void>) =>
  queryList<StoredQuestionnaire>(keys.questionnaires(cohortId), onPage);

export const getQuestionnaire = (id: string) =>
  getItem<StoredQuestionnaire>(keys.questionnaire(id));
