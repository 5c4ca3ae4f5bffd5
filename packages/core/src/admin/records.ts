import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { documents } from "../clients/dynamodb";
import { env } from "../env";
import { keys } from "../keys";
import type { MentorRecord } from "../mentor";
import type { QuestionnaireRecord } from "../questionnaire";
import { table } from "../table";

/**
 * Reading the submitted records for the programme team: questionnaires and mentor applications of
 * a cohort (through the list index) and one record by id.
 */

/** A questionnaire as stored: `status` says whether its author has a pair yet. */
export type StoredQuestionnaire = QuestionnaireRecord & {
  status?: "waiting" | "paired";
  pairId?: string;
};

/** All items of one list partition, oldest first, page after page. */
export async function queryList<T>(gsi1pk: string): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new QueryCommand({
        TableName: env.tableName,
        IndexName: table.listIndex.name,
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": gsi1pk },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

async function getItem<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
  const result = await documents.send(
    new GetCommand({ TableName: env.tableName, Key: key, ConsistentRead: true }),
  );
  return result.Item as T | undefined;
}

const listPartition = (key: { gsi1pk: string }) => key.gsi1pk;

export const listQuestionnaires = (cohortId: string) =>
  queryList<StoredQuestionnaire>(listPartition(keys.questionnaireList(cohortId, "", "")));

export const listMentors = (cohortId: string) =>
  queryList<MentorRecord>(listPartition(keys.mentorList(cohortId, "", "")));

export const getQuestionnaire = (id: string) =>
  getItem<StoredQuestionnaire>(keys.questionnaire(id));

export const getMentor = (id: string) => getItem<MentorRecord>(keys.mentor(id));

/** A person's name as the programme team reads it. */
export const fullName = (answers: { firstName: string; lastName: string }) =>
  `${answers.firstName} ${answers.lastName}`;
