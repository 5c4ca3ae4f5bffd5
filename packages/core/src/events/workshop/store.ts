import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { documents, getItem, queryAll, queryList } from "../../clients/dynamodb";
import { env } from "../../env";
import { keys } from "../../keys";
import type { Feedback, WorkshopRecord } from "./model";

/** The workshop's records in the table: the workshop, its participants, their feedback. */

export type Participant = {
  participantKey: string;
  email: string;
  firstName?: string;
  lastName?: string;
  source: "head-of-service" | "registration";
  addedAt: string;
};

export type StoredFeedback = Feedback & { participantKey: string; at: string };

export const getWorkshop = (id: string) => getItem<WorkshopRecord>(keys.workshop(id));

export async function requireWorkshop(id: string): Promise<WorkshopRecord> {
  const workshop = await getWorkshop(id);
  if (!workshop) throw new Error(`No workshop ${id}`);
  return workshop;
}

/** Every workshop, newest request first. */
export const listWorkshops = async () =>
  (await queryList<WorkshopRecord>(keys.workshops())).reverse();

export const listParticipants = (id: string) => {
  const { pk, skPrefix } = keys.workshopItems(id, "participant");
  return queryAll<Participant>({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
    ConsistentRead: true,
  });
};

export const listFeedback = (id: string) => {
  const { pk, skPrefix } = keys.workshopItems(id, "feedback");
  return queryAll<StoredFeedback>({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
    ConsistentRead: true,
  });
};

export async function getParticipant(id: string, participantKey: string) {
  const { Item } = await documents.send(
    new GetCommand({
      TableName: env.tableName,
      Key: keys.workshopParticipant(id, participantKey),
      ConsistentRead: true,
    }),
  );
  return Item as Participant | undefined;
}

/** Sets a few fields of the workshop, on a condition when one is given. */
export function workshopUpdate(
  id: string,
  fields: Record<string, unknown>,
  condition?: { expression: string; values?: Record<string, unknown> },
) {
  const entries = Object.entries(fields);
  return {
    TableName: env.tableName,
    Key: keys.workshop(id),
    UpdateExpression: `SET ${entries.map((_, index) => `#f${index} = :f${index}`).join(", ")}`,
    ExpressionAttributeNames: {
      ...Object.fromEntries(entries.map(([name], index) => [`#f${index}`, name])),
      // The condition names attributes as `#name`.
      ...Object.fromEntries(
        [...(condition?.expression ?? "").matchAll(/#(\w+)/g)].map(([placeholder, name]) => [
          placeholder,
          name as string,
        ]),
      ),
    },
    ExpressionAttributeValues: {
      ...Object.fromEntries(entries.map(([, value], index) => [`:f${index}`, value])),
      ...condition?.values,
    },
    ConditionExpression: condition
      ? `attribute_exists(pk) AND (${condition.expression})`
      : "attribute_exists(pk)",
  };
}

export async function updateWorkshop(
  id: string,
  fields: Record<string, unknown>,
  condition?: { expression: string; values?: Record<string, unknown> },
) {
  const { Attributes } = await documents.send(
    new UpdateCommand({ ...workshopUpdate(id, fields, condition), ReturnValues: "ALL_NEW" }),
  );
  return Attributes as WorkshopRecord;
}

/**
 * The hours of each workshop a mentor led and that its mentors confirmed took place (for their
 * record of work): one entry per workshop, its duration. A workshop never confirmed counts for
 * nothing, as a pair's session no one confirmed.
 */
export async function ledHours(mentorId: string): Promise<number[]> {
  return (await listWorkshops())
    .filter(
      (workshop) =>
        workshop.mentorIds?.includes(mentorId) &&
        workshop.outcome?.tookPlace === true &&
        workshop.schedule !== undefined,
    )
    .map((workshop) => (workshop.schedule?.durationMinutes ?? 0) / 60);
}
