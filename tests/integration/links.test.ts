import { createHmac, randomBytes } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { clock } from "#core/clock";
import { env } from "#core/env";
import { keys } from "#core/keys";
import { issueLink, linkUse, readLink } from "#core/links";

const day = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(clock.now().getTime() + days * day);
const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

const binding = (overrides: Partial<Parameters<typeof issueLink>[0]> = {}) => ({
  pairId: `pair-${randomBytes(4).toString("hex")}`,
  step: "session-2",
  purpose: "schedule" as const,
  recipient: "mentor" as const,
  expiresAt: inDays(14),
  ...overrides,
});

/** Changes one character of a string, keeping it in the base64url alphabet. */
const flip = (text: string, index: number) =>
  text.slice(0, index) + (text[index] === "A" ? "B" : "A") + text.slice(index + 1);

describe("issuing and reading a link", () => {
  it("gives a URL under /lien that reveals neither the pair, the step nor the purpose", async () => {
    const input = binding();
    const url = await issueLink(input);
    expect(url.startsWith(`${env.appUrl}/lien/`)).toBe(true);
    const token = tokenOf(url);
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    for (const secret of [input.pairId, "session", "schedule", "mentor"]) {
      expect(url).not.toContain(secret);
    }
  });

  it("reads back the pair, step, purpose and recipient it was bound to", async () => {
    const input = binding({ purpose: "confirm", recipient: "mentee", step: "preparation" });
    const reading = await readLink(tokenOf(await issueLink(input)));
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.link).toMatchObject({
      pairId: input.pairId,
      step: "preparation",
      purpose: "confirm",
      recipient: "mentee",
    });
    expect(reading.link.expiresAt.toISOString()).toBe(input.expiresAt.toISOString());
    expect(reading.link.usedAt).toBeUndefined();
  });

  it("gives two links for the same step different tokens", async () => {
    const input = binding();
    expect(await issueLink(input)).not.toBe(await issueLink(input));
  });
});

describe("refusing a link", () => {
  it("says tampered when one character of the signature changes", async () => {
    const token = tokenOf(await issueLink(binding()));
    const altered = flip(token, token.length - 5);
    expect(await readLink(altered)).toEqual({ ok: false, reason: "tampered" });
  });

  it("says tampered when the id is changed to another one, even an existing one", async () => {
    const [first, second] = [
      tokenOf(await issueLink(binding())),
      tokenOf(await issueLink(binding())),
    ] as [string, string];
    const swapped = `${second.split(".")[0]}.${first.split(".")[1]}`;
    expect(await readLink(swapped)).toEqual({ ok: false, reason: "tampered" });
  });

  it("says tampered for a token signed with another key", async () => {
    const linkId = randomBytes(16).toString("base64url");
    const forged = createHmac("sha256", "another key").update(`link.v1.${linkId}`).digest();
    expect(await readLink(`${linkId}.${forged.toString("base64url")}`)).toEqual({
      ok: false,
      reason: "tampered",
    });
  });

  it.each([
    ["an empty token", ""],
    ["a word", "bonjour"],
    ["a token without its signature", "AAAAAAAAAAAAAAAAAAAAAA"],
    ["a truncated token", "AAAAAAAAAAAAAAAAAAAAAA.AAAA"],
    ["characters outside base64url", `${"A".repeat(22)}.${"A".repeat(42)}=`],
  ])("says malformed for %s", async (_name, token) => {
    expect(await readLink(token)).toEqual({ ok: false, reason: "malformed" });
  });

  it("says unknown for a correctly signed link that was never stored", async () => {
    const token = tokenOf(await issueLink(binding()));
    const linkId = token.split(".")[0] as string;
    await documents.send(new DeleteCommand({ TableName: env.tableName, Key: keys.link(linkId) }));
    expect(await readLink(token)).toEqual({ ok: false, reason: "unknown" });
  });

  it("says expired once the clock passes its expiry, not before", async () => {
    const token = tokenOf(await issueLink(binding({ expiresAt: inDays(2) })));
    clock.advanceBy(1 * day);
    expect((await readLink(token)).ok).toBe(true);
    clock.advanceBy(1 * day + 1000);
    expect(await readLink(token)).toEqual({ ok: false, reason: "expired" });
  });

  it("keeps the item of an expired link long enough to say expired rather than unknown", async () => {
    const expiresAt = inDays(1);
    const token = tokenOf(await issueLink(binding({ expiresAt })));
    const linkId = token.split(".")[0] as string;
    const { Item } = await documents.send(
      new GetCommand({ TableName: env.tableName, Key: keys.link(linkId) }),
    );
    expect(Item?.expiresAt).toBeGreaterThan(expiresAt.getTime() / 1000 + 30 * 24 * 3600);
  });
});

describe("using a link once", () => {
  /** Uses a link as the answer's transaction does, alone: whether its condition let it through. */
  const use = (linkId: string) =>
    documents.send(new TransactWriteCommand({ TransactItems: [linkUse(linkId)] })).then(
      () => "first-use",
      (error) => {
        if (error instanceof TransactionCanceledException) return "already-used";
        throw error;
      },
    );

  it("uses a link once: the second use says already used", async () => {
    const token = tokenOf(await issueLink(binding()));
    const linkId = token.split(".")[0] as string;
    expect(await use(linkId)).toBe("first-use");
    expect(await use(linkId)).toBe("already-used");
    const reading = await readLink(token);
    expect(reading.ok && reading.link.usedAt).toBeInstanceOf(Date);
  });

  it("lets only one of simultaneous clicks through", async () => {
    const linkId = tokenOf(await issueLink(binding())).split(".")[0] as string;
    const results = await Promise.all([1, 2, 3, 4].map(() => use(linkId)));
    expect(results.filter((result) => result === "first-use")).toHaveLength(1);
  });

  it("never uses a link that does not exist", async () => {
    expect(await use(randomBytes(16).toString("base64url"))).toBe("already-used");
  });

  it("still says used, not expired, when a used link is opened after its expiry", async () => {
    const token = tokenOf(await issueLink(binding({ expiresAt: inDays(1) })));
    await use(token.split(".")[0] as string);
    clock.advanceBy(2 * day);
    const reading = await readLink(token);
    expect(reading.ok && reading.link.usedAt).toBeInstanceOf(Date);
  });

  it("stores ids and the binding only: no name, no address", async () => {
    const linkId = tokenOf(await issueLink(binding())).split(".")[0] as string;
    const { Item } = await documents.send(
      new GetCommand({ TableName: env.tableName, Key: keys.link(linkId) }),
    );
    expect(Object.keys(Item ?? {}).sort()).toEqual(
      [
        "createdAt",
        "expiresAt",
        "kind",
        "linkId",
        "pairId",
        "pk",
        "purpose",
        "recipient",
        "sk",
        "step",
        "validUntil",
      ].sort(),
    );
  });
});
