import type { ListKey } from "../clients/dynamodb";
import { signToken, verifyToken } from "../signed-token";

/**
 * Where the next page of a list starts: DynamoDB's key, signed with the links' key (signed-token.ts)
 * under the list's own scope, so a cursor cannot be forged, altered, or carried to another list
 * or cohort (its partition is checked against the one asked for).
 */

export type ListName = "questionnaires" | "mentors" | "pairs";

const scope = (list: ListName) => `list-cursor.v1.${list}`;
const idPattern = /^[A-Za-z0-9_-]{1,3000}$/;

export const signCursor = (list: ListName, key: ListKey) =>
  signToken(scope(list), Buffer.from(JSON.stringify(key)).toString("base64url"));

/** The key a cursor names, if it is one this app signed for this list's partition (and prefix). */
export function readCursor(
  list: ListName,
  cursor: string,
  where: { gsi1pk: string; gsi1skPrefix?: string },
): ListKey | undefined {
  const verified = verifyToken(scope(list), cursor, idPattern);
  if (!verified.ok) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(verified.id, "base64url").toString("utf8"));
    if (!key || typeof key !== "object" || Array.isArray(key)) return undefined;
    const values = Object.values(key);
    if (values.length > 4 || values.some((value) => typeof value !== "string")) return undefined;
    const { gsi1pk, gsi1sk } = key as { gsi1pk?: string; gsi1sk?: string };
    const inside = gsi1pk === where.gsi1pk && String(gsi1sk).startsWith(where.gsi1skPrefix ?? "");
    return inside ? (key as ListKey) : undefined;
  } catch {
    return undefined;
  }
}
