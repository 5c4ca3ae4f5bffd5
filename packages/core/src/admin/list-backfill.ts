import { BatchWriteCommand, paginateScan, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { conditionally, documents } from "../clients/dynamodb";
import { env } from "../env";
import { keys } from "../keys";
import { type SearchKind, searchItems } from "../search";

/**
 * Brings data written before the paged lists up to what the app now writes with each record:
 * every form's search terms, each pair's line under its mentor (`keys.pairMentor`) and each
 * questionnaire's latest pair (`pairId`). Reads the table once; every write sets what the record
 * implies, so running it again changes nothing. `npm run lists:backfill` runs it.
 */

type Item = Record<string, unknown> & { pk: string; sk: string };
type Form = Item & { kind: SearchKind; id: string; cohortId: string; createdAt: string };

async function putAll(items: Record<string, unknown>[]) {
  for (let at = 0; at < items.length; at += 25) {
    let pending: Record<string, unknown>[] | undefined = items
      .slice(at, at + 25)
      .map((Item) => ({ PutRequest: { Item } }));
    while (pending?.length) {
      const result = await documents.send(
        new BatchWriteCommand({ RequestItems: { [env.tableName]: pending } }),
      );
      pending = result.UnprocessedItems?.[env.tableName] as Record<string, unknown>[] | undefined;
    }
  }
}

export async function backfillLists(): Promise<{ terms: number; links: number; paired: number }> {
  const forms: Form[] = [];
  const pairs: Item[] = [];
  for await (const page of paginateScan(
    { client: documents },
    { TableName: env.tableName, ConsistentRead: true },
  )) {
    for (const item of (page.Items ?? []) as Item[]) {
      if ((item.kind === "questionnaire" || item.kind === "mentor") && item.answers) {
        forms.push(item as Form);
      }
      if (item.kind === "pair" && item.sk === "PAIR") pairs.push(item);
    }
  }
  const terms = forms.flatMap((form) =>
    searchItems(form.kind, {
      id: form.id,
      cohortId: form.cohortId,
      answers: form.answers as Record<string, unknown>,
      ...(typeof form.expiresAt === "number" ? { expiresAt: form.expiresAt } : {}),
    }),
  );
  const mentors = new Map(forms.filter((f) => f.kind === "mentor").map((f) => [f.id, f]));
  const links = pairs.flatMap((pair) => {
    const mentor = mentors.get(String(pair.mentorId));
    if (!mentor) return [];
    const pairId = String(pair.id);
    return [
      { ...keys.pairMentor(pairId, mentor), kind: "pair-mentor", pairId, mentorId: mentor.id },
    ];
  });
  await putAll([...terms, ...links]);
  // A manager's latest pair is the one the questionnaire names.
  const latest = new Map<string, Item>();
  for (const pair of pairs) {
    const known = latest.get(String(pair.menteeId));
    if (!known || String(known.createdAt) < String(pair.createdAt)) {
      latest.set(String(pair.menteeId), pair);
    }
  }
  const questionnaires = new Map(
    forms.filter((f) => f.kind === "questionnaire").map((f) => [f.id, f]),
  );
  let paired = 0;
  for (const [menteeId, pair] of latest) {
    if (questionnaires.get(menteeId)?.pairId === pair.id) continue;
    const changed = await conditionally(
      new UpdateCommand({
        TableName: env.tableName,
        Key: keys.questionnaire(menteeId),
        UpdateExpression: "SET pairId = :pairId, #status = :paired",
        ConditionExpression: "attribute_exists(pk)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":pairId": pair.id, ":paired": "paired" },
      }),
    );
    if (changed) paired++;
  }
  return { terms: terms.length, links: links.length, paired };
}
