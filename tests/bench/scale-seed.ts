/**
 * Large cohorts written straight into the table (BatchWriteItem), in the shape the forms store:
 * the scale benchmarks need thousands of records in seconds, not thousands of form submissions.
 */
import { randomUUID } from "node:crypto";
import { BatchWriteCommand, type BatchWriteCommandOutput } from "@aws-sdk/lib-dynamodb";
import { documents } from "#core/clients/dynamodb";
import { env } from "#core/env";
import { keys } from "#core/keys";
import { searchItems } from "#core/search";
import { mentorAnswers, questionnaireAnswers } from "../support/fixtures";

const surnames = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand"];
const firstNames = ["Claire", "Hélène", "Jean", "Sophie", "Nicolas", "Élodie", "Marc", "Inès"];

export async function writeItems(items: Record<string, unknown>[], inFlight = 8): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let at = 0; at < items.length; at += 25) batches.push(items.slice(at, at + 25));
  let next = 0;
  const worker = async () => {
    for (let batch = batches[next++]; batch; batch = batches[next++]) {
      let pending: Record<string, unknown>[] | undefined = batch.map((Item) => ({
        PutRequest: { Item },
      }));
      while (pending && pending.length > 0) {
        const result: BatchWriteCommandOutput = await documents.send(
          new BatchWriteCommand({ RequestItems: { [env.tableName]: pending } }),
        );
        pending = result.UnprocessedItems?.[env.tableName] as Record<string, unknown>[] | undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

const person = (index: number) => ({
  firstName: firstNames[index % firstNames.length] as string,
  lastName: `${surnames[index % surnames.length]}-${index}`,
  email: `personne-${index}-${randomUUID().slice(0, 8)}@example.gouv.fr`,
});

/**
 * `mentees` questionnaires and `mentors` selected mentors (3 places each) who all fit; with
 * `searchable`, each form's search terms as the forms write them, with `claimed`, each form's
 * uniqueness claim as a submission writes it, and with `pairOf`, each questionnaire marked as
 * paired with that pair as the pair's creation marks it.
 */
export async function seedCohort(
  cohortId: string,
  counts: { mentees: number; mentors: number },
  options: { searchable?: boolean; claimed?: boolean; pairOf?: (menteeId: string) => string } = {},
) {
  const now = new Date().toISOString();
  const expiresAt = Math.floor(Date.now() / 1000) + 365 * 86_400;
  const stamp = (index: number) => new Date(Date.parse(now) + index).toISOString();
  const questionnaires = Array.from({ length: counts.mentees }, (_, index) => {
    const id = randomUUID();
    const createdAt = stamp(index);
    return {
      ...keys.questionnaire(id),
      ...keys.questionnaireList(cohortId, createdAt, id),
      kind: "questionnaire",
      id,
      cohortId,
      answers: questionnaireAnswers(person(index)),
      ...(options.pairOf
        ? { status: "paired", pairId: options.pairOf(id) }
        : { status: "waiting" }),
      contentHash: id,
      createdAt,
      updatedAt: createdAt,
      expiresAt,
    };
  });
  const mentors = Array.from({ length: counts.mentors }, (_, index) => {
    const id = randomUUID();
    const createdAt = stamp(index);
    return {
      ...keys.mentor(id),
      ...keys.mentorList(cohortId, createdAt, id),
      kind: "mentor",
      id,
      cohortId,
      answers: mentorAnswers({ ...person(100_000 + index), capacity: 3 }),
      status: "selected",
      contentHash: id,
      createdAt,
      updatedAt: createdAt,
      expiresAt,
    };
  });
  const terms = options.searchable
    ? [
        ...questionnaires.flatMap((form) => searchItems("questionnaire", form)),
        ...mentors.flatMap((form) => searchItems("mentor", form)),
      ]
    : [];
  const claims = options.claimed
    ? [
        ...questionnaires.map((form) => ({ kind: "questionnaire" as const, form })),
        ...mentors.map((form) => ({ kind: "mentor" as const, form })),
      ].map(({ kind, form }) => ({
        ...keys.submissionClaim(kind, cohortId, form.answers.email),
        kind: "claim",
        id: form.id,
        expiresAt,
      }))
    : [];
  await writeItems([...questionnaires, ...mentors, ...terms, ...claims]);
  return {
    menteeIds: questionnaires.map((item) => item.id),
    mentorIds: mentors.map((item) => item.id),
    /** What a pair's line under its mentor needs (`keys.pairMentor`). */
    mentors: mentors.map(({ id, createdAt }) => ({ id, cohortId, createdAt })),
  };
}
