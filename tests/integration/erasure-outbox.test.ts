import { randomUUID } from "node:crypto";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { env } from "#core/env";
import type { Item } from "#core/privacy/holdings";
import { replaceEmailUnchanged } from "#core/privacy/store";

/** Outside the outbox's key space, so the running sender never picks it up: only the rule is tried. */
const email = (): Item =>
  ({
    pk: `TEST#erasure#${randomUUID()}`,
    sk: "EMAIL",
    kind: "email",
    status: "queued",
    email: { to: ["mentor@example.fr"], subject: "Binôme avec Hélène" },
  }) as Item;

const read = async (item: Item) =>
  (
    await documents.send(
      new GetCommand({ TableName: env.tableName, Key: { pk: item.pk, sk: item.sk } }),
    )
  ).Item as Item;

const set = (item: Item, expression: string, values: Record<string, unknown>) =>
  documents.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: expression,
      ...(expression.includes("#status")
        ? { ExpressionAttributeNames: { "#status": "status" } }
        : {}),
      ExpressionAttributeValues: values,
    }),
  );

const anonymised = (item: Item) =>
  ({ ...item, email: { to: ["mentor@example.fr"], subject: "Binôme avec [effacé]" } }) as Item;

describe("erasure rewriting an email the outbox sender holds", () => {
  it("refuses a rewrite from a read the sender's claim made stale, then keeps the claim on a fresh one", async () => {
    const queued = email();
    await documents.send(new PutCommand({ TableName: env.tableName, Item: queued }));
    await set(queued, "SET leaseUntil = :until, leaseOwner = :owner", {
      ":until": Date.now() + 60_000,
      ":owner": "sender-1",
    });

    expect(await replaceEmailUnchanged(anonymised(queued), queued)).toBe(false);
    expect((await read(queued)).email).toEqual(queued.email);

    const claimed = await read(queued);
    expect(await replaceEmailUnchanged(anonymised(claimed), claimed)).toBe(true);
    const stored = await read(queued);
    expect(stored.leaseOwner).toBe("sender-1");
    expect((stored.email as { subject: string }).subject).toBe("Binôme avec [effacé]");
  });

  it("never puts an email the sender marked sent back in the queue", async () => {
    const queued = email();
    await documents.send(new PutCommand({ TableName: env.tableName, Item: queued }));
    await set(queued, "SET #status = :sent", { ":sent": "sent" });

    expect(await replaceEmailUnchanged(anonymised(queued), queued)).toBe(false);
    expect((await read(queued)).status).toBe("sent");
  });
});
