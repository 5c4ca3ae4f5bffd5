import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { documents, getItem } from "../clients/dynamodb";
import { env } from "../env";
import { keys } from "../keys";

/**
 * The server-side record of each programme-team browser session. The sealed cookie proves who
 * signed in; the record says the session is still open. Signing out deletes it, so an old cookie
 * replayed afterwards (copied, or kept by a shared computer) is refused. The record holds no
 * personal data, and DynamoDB's TTL removes it once the session has expired.
 */

export async function openSessionRecord(sessionId: string, expiresAt: number) {
  await documents.send(
    new PutCommand({
      TableName: env.tableName,
      Item: { ...keys.adminSession(sessionId), kind: "admin-session", expiresAt },
    }),
  );
}

/** Strongly consistent: a session closed a moment ago must not pass on a lagging replica. */
export async function isSessionOpen(sessionId: string, nowSeconds: number): Promise<boolean> {
  const item = await getItem<{ expiresAt?: unknown }>(keys.adminSession(sessionId));
  // TTL deletes expired items within days, not at once: the expiry itself is checked too.
  return typeof item?.expiresAt === "number" && item.expiresAt > nowSeconds;
}

export async function closeSessionRecord(sessionId: string) {
  await documents.send(
    new DeleteCommand({ TableName: env.tableName, Key: keys.adminSession(sessionId) }),
  );
}
