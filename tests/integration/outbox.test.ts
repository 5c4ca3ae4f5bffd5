import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { deliver, outboxItem, queueEmail } from "#core/email/outbox";
import { env } from "#core/env";
import { emailsTo, outboxDrained, uniqueEmail } from "../support/inbox";

const message = (to: string, subject = "Objet") => ({
  to: [to],
  subject,
  text: "Texte",
  html: "<p>Texte</p>",
});

const read = async (key: { pk: string; sk: string }) =>
  (
    await documents.send(
      new GetCommand({ TableName: env.tableName, Key: { pk: key.pk, sk: key.sk } }),
    )
  ).Item;

describe("the outbox", () => {
  it("delivers a queued email once, and queues nothing for the same purpose again", async () => {
    const to = uniqueEmail();
    expect(await queueEmail(`test#${to}`, message(to))).toBe("queued");
    expect(await queueEmail(`test#${to}`, message(to))).toBe("already-queued");
    expect(await emailsTo(to)).toHaveLength(1);
    expect(await deliver(`test#${to}`)).toBe("skipped");
    expect(await emailsTo(to)).toHaveLength(1);
  });

  it("queues and delivers once when two retries race for the same purpose", async () => {
    const to = uniqueEmail();
    const results = await Promise.all([
      queueEmail(`race#${to}`, message(to)),
      queueEmail(`race#${to}`, message(to)),
    ]);
    expect(results.sort()).toEqual(["already-queued", "queued"]);
    expect(await emailsTo(to)).toHaveLength(1);
  });

  it("sends once when two senders deliver the same email at the same moment", async () => {
    const to = uniqueEmail();
    await queueEmail(`twice#${to}`, message(to));
    const results = await Promise.all([deliver(`twice#${to}`), deliver(`twice#${to}`)]);
    expect(results.filter((result) => result === "sent").length).toBeLessThanOrEqual(1);
    expect(await emailsTo(to)).toHaveLength(1);
  });

  it("sends once when one sender's lanes deliver the same email at the same moment", async () => {
    const to = uniqueEmail();
    await queueEmail(`lanes#${to}`, message(to));
    // The same owner, as two lanes of one Lambda container or one local process would use.
    const results = await Promise.all([
      deliver(`lanes#${to}`, "one-sender"),
      deliver(`lanes#${to}`, "one-sender"),
    ]);
    expect(results.filter((result) => result === "sent").length).toBeLessThanOrEqual(1);
    expect(await emailsTo(to)).toHaveLength(1);
  });

  it("keeps the subject and drops the body once the email left, and marks its log line sent", async () => {
    const to = uniqueEmail();
    const log = { pk: `TEST#${to}`, sk: "LOG", kind: "test-log" };
    await queueEmail(`kept#${to}`, message(to), { log });
    expect(await read(log)).toMatchObject({ kind: "test-log", delivery: "queued" });
    await outboxDrained();
    const item = await outboxItem(`kept#${to}`);
    expect(item).toMatchObject({ status: "sent", subject: "Objet" });
    expect(item?.email).toBeUndefined();
    expect(item?.gsi1pk).toBeUndefined();
    expect(await read(log)).toMatchObject({ delivery: "sent", settledAt: expect.any(String) });
  });

  it("logs nothing twice when the same purpose is queued again", async () => {
    const to = uniqueEmail();
    const first = { pk: `TEST#${to}`, sk: "LOG#1" };
    const second = { pk: `TEST#${to}`, sk: "LOG#2" };
    expect(await queueEmail(`logged#${to}`, message(to), { log: first })).toBe("queued");
    expect(await queueEmail(`logged#${to}`, message(to), { log: second })).toBe("already-queued");
    expect(await read(second)).toBeUndefined();
  });

  it("takes an email SES refuses for good out of the backlog, sent to no one", async () => {
    const to = uniqueEmail();
    // The SES local server refuses a message without a subject, as SES does.
    await queueEmail(`refused#${to}`, message(to, ""));
    await outboxDrained();
    expect(await outboxItem(`refused#${to}`)).toMatchObject({ status: "failed" });
    expect(await emailsTo(to)).toHaveLength(0);
  });
});
