import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { documents } from "../clients/dynamodb";
import { env } from "../env";
import { keys } from "../keys";
import type { MentorRecord } from "../mentor";
import type { QuestionnaireRecord } from "../questionnaire";
import type { Pair } from "./model";

/** The two people of a pair, read from the questionnaire and the mentor application. */
export type Person = { firstName: string; lastName: string; email: string };
export type PairPeople = {
  mentee: Person & { assistantEmail?: string; comfort: Record<string, number>; themes: string[] };
  mentor: Person;
};

async function get<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
  const { Item } = await documents.send(new GetCommand({ TableName: env.tableName, Key: key }));
  return Item as T | undefined;
}

export async function loadMentee(menteeId: string): Promise<PairPeople["mentee"]> {
  const record = await get<QuestionnaireRecord>(keys.questionnaire(menteeId));
  if (!record) throw new Error(`Unknown questionnaire ${menteeId}`);
  const { firstName, lastName, email, assistantEmail, comfort, priorityThemes } = record.answers;
  return { firstName, lastName, email, assistantEmail, comfort, themes: priorityThemes };
}

export async function loadMentor(mentorId: string): Promise<Person> {
  const record = await get<MentorRecord>(keys.mentor(mentorId));
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
