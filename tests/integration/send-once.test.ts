import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { sendOnce } from "#core/email/send";
import { env } from "#core/env";
import { keys } from "#core/keys";
import { emailsTo, uniqueEmail } from "../support/inbox";

const message = (to: string, subject = "Objet") => ({
  to: [to],
  subject,
  text: "Texte",
  html: "<p>Texte</p>",
});

describe("sending an email at most once per purpose", () => {
  it("sends the first time and does nothing for the same purpose again", async () => {
    const to = uniqueEmail();
    expect(await sendOnce(`test#${to}`, message(to))).toBe("sent");
    expect(await sendOnce(`test#${to}`, message(to))).toBe("already-sent");
    expect(await emailsTo(to)).toHaveLength(1);
  });

  it("sends once when two retries race for the same purpose", async () => {
    const to = uniqueEmail();
    const results = await Promise.all([
      sendOnce(`race#${to}`, message(to)),
      sendOnce(`race#${to}`, message(to)),
    ]);
    expect(results.sort()).toEqual(["already-sent", "sent"]);
    expect(await emailsTo(to)).toHaveLength(1);
  });

  it("releases the purpose when SES refuses the message, so that a retry can send it", async () => {
    const to = uniqueEmail();
    // The SES local server refuses a message without a subject, as SES does.
    await expect(sendOnce(`refused#${to}`, message(to, ""))).rejects.toThrow();
    const claim = await documents.send(
      new GetCommand({ TableName: env.tableName, Key: keys.emailSent(`refused#${to}`) }),
    );
    expect(claim.Item).toBeUndefined();
    expect(await sendOnce(`refused#${to}`, message(to))).toBe("sent");
    expect(await emailsTo(to)).toHaveLength(1);
  });
});
