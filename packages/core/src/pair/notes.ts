import { PutCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { requestKey } from "../admin/request-key";
import { conditionally, queryAll } from "../clients/dynamodb";
import { clock } from "../clock";
import { env } from "../env";
import { shortText } from "../fields";
import { keys } from "../keys";
import { closedPairExpiry } from "../retention";
import { isRunning } from "./rules";
import { getPair } from "./store";

/**
 * The programme team's notes on a pair: who wrote it, when, and what. A note may say anything
 * about the people of the pair, so it is never logged; it lives under the pair and expires with
 * it (the retention pass gives every item of the pair its expiry; a note written after that pass,
 * on an ended pair, takes the same expiry when it is written). It is in each participant's copy
 * of their data and deleted when either asks for erasure (see `privacy/holdings.ts`).
 */
export type PairNote = { at: string; author: string; text: string };

export const NoteSchema = v.strictObject({
  author: shortText("Indiquez qui écrit cette note.", 100),
  text: shortText("Écrivez la note.", 2000),
  requestKey,
});

export type NoteInput = v.InferOutput<typeof NoteSchema>;

/** Adds the note once per form: the same form posted again adds nothing. */
export async function addNote(
  pairId: string,
  note: NoteInput,
): Promise<"added" | "already-added" | "unknown-pair"> {
  const pair = await getPair(pairId);
  if (!pair) return "unknown-pair";
  const expiresAt = isRunning(pair)
    ? undefined
    : closedPairExpiry(new Date(pair.closedAt ?? pair.updatedAt));
  const written = await conditionally(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...keys.pairNote(pairId, note.requestKey),
        kind: "pair-note",
        pairId,
        at: clock.now().toISOString(),
        author: note.author,
        text: note.text,
        ...(expiresAt ? { expiresAt } : {}),
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  return written ? "added" : "already-added";
}

/** The pair's notes, oldest first. */
export async function listNotes(pairId: string): Promise<PairNote[]> {
  const { pk, skPrefix } = keys.pairItems(pairId, "note");
  const items = await queryAll<PairNote>({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
    ConsistentRead: true,
  });
  return items
    .map(({ at, author, text }) => ({ at, author, text }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
