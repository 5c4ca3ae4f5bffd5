import { getMentor } from "../mentor";
import { getQuestionnaire } from "../questionnaire";
import type { Pair } from "./model";

/** The two people of a pair, read from the questionnaire and the mentor application. */
export type Person = { firstName: string; lastName: string; email: string };
export type PairPeople = {
  mentee: Person & { assistantEmail?: string; comfort: Record<string, number>; themes: string[] };
  mentor: Person;
};

export async function loadMentee(menteeId: string): Promise<PairPeople["mentee"]> {
  const record = await getQuestionnaire(menteeId);
  if (!record) throw new Error(`Unknown questionnaire ${menteeId}`);
  const { firstName, lastName, email, assistantEmail, comfort, priorityThemes } = record.answers;
  return { firstName, lastName, email, assistantEmail, comfort, themes: priorityThemes };
}

export async function loadMentor(mentorId: string): Promise<Person> {
  const record = await getMentor(mentorId);
  if (!record) throw new Error(`Unknown mentor ${mentorId}`);
  const { firstName, lastName, email } = record.answers;
  return { firstName, lastName, email };
}

export async function loadPeople(pair: Pair): Promise<PairPeople> {
  const [mentee, mentor] = await Promise.all([
    loadMentee(pair.menteeId),
    loadMentor(pair.mentorId),
  ]);
  return { mentee, mentor };
}

/** How the other participant is reached: full name and professional address. */
export const contactOf = (person: Person) => ({
  fullName: `${person.firstName} ${person.lastName}`,
  email: person.email,
});

export const fullName = (person: Person) => `${person.firstName} ${person.lastName}`;
