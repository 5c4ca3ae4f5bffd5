import { createHmac, randomBytes } from "node:crypto";
import { DeleteCommand, GetCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { clock } from "#core/clock";
import { env } from "#core/env";
import { keys } from "#core/keys";
import { answerSchema, issueLink, markLinkUsed, readLink, releaseLink } from "#core/links";

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
  it("claims a link once: the second use says already used", async () => {
    const token = tokenOf(await issueLink(binding()));
    const linkId = token.split(".")[0] as string;
    expect(await markLinkUsed(linkId)).toBe("first-use");
    expect(await markLinkUsed(linkId)).toBe("already-used");
    const reading = await readLink(token);
    expect(reading.ok && reading.link.usedAt).toBeInstanceOf(Date);
  });

  it("lets only one of two simultaneous clicks through", async () => {
    const linkId = tokenOf(await issueLink(binding())).split(".")[0] as string;
    const results = await Promise.all([1, 2, 3, 4].map(() => markLinkUsed(linkId)));
    expect(results.filter((result) => result === "first-use")).toHaveLength(1);
  });

  it("never claims a link that does not exist", async () => {
    expect(await markLinkUsed(randomBytes(16).toString("base64url"))).toBe("already-used");
  });

  it("can be given back when the answer could not be delivered", async () => {
    const linkId = tokenOf(await issueLink(binding())).split(".")[0] as string;
    await markLinkUsed(linkId);
    await releaseLink(linkId);
    expect(await markLinkUsed(linkId)).toBe("first-use");
  });

  it("still says used, not expired, when a used link is opened after its expiry", async () => {
    const token = tokenOf(await issueLink(binding({ expiresAt: inDays(1) })));
    await markLinkUsed(token.split(".")[0] as string);
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

describe("what a link accepts", () => {
  const parse = (purpose: Parameters<typeof answerSchema>[0], input: unknown, who = "mentor") =>
    v.safeParse(answerSchema(purpose, who as "mentor" | "mentee"), input);

  it("turns a Paris date and time into a UTC instant", () => {
    const year = clock.now().getUTCFullYear() + 1;
    const result = parse("schedule", {
      date: `15/01/${year}`,
      time: "14h30",
      durationMinutes: "60",
      format: "video",
      location: " https://visio.example.gouv.fr/abc ",
    });
    expect(result.success).toBe(true);
    expect(result.output).toEqual({
      startsAt: `${year}-01-15T13:30:00.000Z`,
      durationMinutes: 60,
      format: "video",
      location: "https://visio.example.gouv.fr/abc",
    });
  });

  it("refuses a date in the past, in French, on the date field", () => {
    const result = parse("schedule", {
      date: "2020-01-15",
      time: "10:00",
      durationMinutes: "60",
      format: "phone",
    });
    expect(result.success).toBe(false);
    expect(result.issues?.[0]?.message).toBe("Choisissez une date et une heure à venir.");
    expect(result.issues && v.getDotPath(result.issues[0] as v.BaseIssue<unknown>)).toBe("date");
  });

  it("refuses an impossible date and a missing time with French messages", () => {
    const result = parse("reschedule", {
      date: "31/02/2030",
      time: undefined,
      durationMinutes: "60",
      format: "site",
    });
    expect(result.success).toBe(false);
    const messages = result.issues?.map((issue) => issue.message);
    expect(messages).toContain("Saisissez une date valide, par exemple 17/03/2026.");
    expect(messages).toContain("Indiquez l'heure.");
  });

  it("asks for a rating when the meeting took place, not when it did not", () => {
    expect(parse("confirm", { tookPlace: "yes" }).issues?.[0]?.message).toBe(
      "Choisissez une note de 1 à 5.",
    );
    expect(parse("confirm", { tookPlace: "no" }).output).toEqual({ tookPlace: false });
    expect(
      parse("confirm", { tookPlace: "yes", satisfaction: "4", comment: "Top" }).output,
    ).toEqual({ tookPlace: true, satisfaction: 4, comment: "Top" });
  });

  it("accepts 3 to 10 sessions with the objectives", () => {
    expect(parse("objectives", { objectives: "LinkedIn", sessions: "3" }).output).toEqual({
      objectives: "LinkedIn",
      sessions: 3,
    });
    expect(parse("objectives", { objectives: "LinkedIn", sessions: "10" }).success).toBe(true);
    for (const sessions of ["2", "11", "trois", ""]) {
      expect(parse("objectives", { objectives: "LinkedIn", sessions }).issues?.[0]?.message).toBe(
        "Indiquez un nombre de séances entre 3 et 10.",
      );
    }
  });

  it("asks the mentee to rate every theme of the questionnaire, and the mentor their experience", () => {
    const comfort = {
      "social-networks": "3",
      "collaborative-tools": "4",
      "artificial-intelligence": "2",
      "data-business-models": "2",
      "digital-identity-security": "3",
    };
    expect(parse("self-evaluation", { comfort }, "mentee").output).toEqual({
      comfort: {
        "social-networks": 3,
        "collaborative-tools": 4,
        "artificial-intelligence": 2,
        "data-business-models": 2,
        "digital-identity-security": 3,
      },
    });
    const missing = parse(
      "self-evaluation",
      { comfort: { ...comfort, "social-networks": undefined } },
      "mentee",
    );
    expect(missing.issues?.[0]?.message).toBe("Choisissez un niveau pour ce thème.");
    expect(parse("self-evaluation", { comfort }, "mentor").success).toBe(false);
    expect(parse("self-evaluation", { comfort, experience: "5" }, "mentor").success).toBe(true);
  });
});
