import { GetCommand, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { env } from "#core/env";
import { keys } from "#core/keys";
import { cancelPair } from "#core/pair/actions";
import { startPair } from "#core/pair/start";
import { closePair } from "#core/pair/steps";
import { submit } from "#core/questionnaire";
import { closedPairExpiry } from "#core/retention";
import { uniqueEmail } from "../support/inbox";
import { day, newPair, pairOf, runDefaultPair, schedule, useEngine } from "./support";

/**
 * The privacy notice's promise for pairs, on the local engine: a running pair's forms never
 * expire; an ended pair's data and its participants' forms expire 12 months after the end.
 */

const { engine } = useEngine();
const cohortId = "vague-test";

type Item = Record<string, unknown> & { pk: string; sk: string; expiresAt?: number };

const read = async (key: { pk: string; sk: string }) =>
  (
    await documents.send(
      new GetCommand({ TableName: env.tableName, Key: key, ConsistentRead: true }),
    )
  ).Item as Item | undefined;

async function scanAll(filter: string, values: Record<string, unknown>): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: env.tableName,
        FilterExpression: filter,
        ExpressionAttributeValues: values,
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Everything stored about a pair: under its partition, its emails' dedupe records, its links. */
async function itemsOfPair(pairId: string) {
  const partition = (
    await documents.send(
      new QueryCommand({
        TableName: env.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.pair(pairId).pk },
        ConsistentRead: true,
      }),
    )
  ).Items as Item[];
  const emails = await scanAll("begins_with(pk, :prefix)", {
    ":prefix": keys.emailSent(`pair#${pairId}#`).pk,
  });
  const links = await scanAll("begins_with(pk, :prefix) AND pairId = :pairId", {
    ":prefix": "LINK#",
    ":pairId": pairId,
  });
  return { partition, emails, links };
}

/** A form and its uniqueness claim. */
async function formItems(kind: "questionnaire" | "mentor", id: string, email: string) {
  const record = await read(kind === "questionnaire" ? keys.questionnaire(id) : keys.mentor(id));
  const claim = await read(keys.submissionClaim(kind, cohortId, email));
  return [record, claim];
}

/** What a link's item expires on by itself (links.ts keeps it 90 days past its validity). */
const ownLinkExpiry = (link: Item) =>
  Math.ceil((new Date(link.validUntil as string).getTime() + 90 * day) / 1000);

const expectExpiry = (item: Item | undefined, expected: number) => {
  expect(item, "item exists").toBeDefined();
  expect(
    Math.abs((item?.expiresAt ?? 0) - expected),
    `${item?.pk} ${item?.sk}`,
  ).toBeLessThanOrEqual(1);
};

async function expectPairExpires(pairId: string, expected: number) {
  const { partition, emails, links } = await itemsOfPair(pairId);
  expect(partition.length).toBeGreaterThan(3);
  expect(emails.length).toBeGreaterThan(1);
  expect(links.length).toBeGreaterThan(0);
  for (const item of [...partition, ...emails]) expectExpiry(item, expected);
  for (const link of links) expectExpiry(link, Math.max(ownLinkExpiry(link), expected));
}

/** A second mentee paired with an existing mentor. */
async function pairWithMentor(mentorId: string) {
  const menteeEmail = uniqueEmail("cadre");
  const mentee = await submit(
    {
      firstName: "Marc",
      lastName: "Leroy",
      email: menteeEmail,
      directorate: "DGE",
      role: "Chef de bureau",
      comfort: {
        "social-networks": 2,
        "collaborative-tools": 2,
        "artificial-intelligence": 1,
        "data-business-models": 2,
        "digital-identity-security": 2,
      },
      priorityThemes: ["artificial-intelligence"],
      goal: "Comprendre l'IA générative",
      formats: ["video"],
      availability: ["morning"],
      consent: true,
    } as never,
    cohortId,
  );
  const pairId = `pair-${Math.random().toString(36).slice(2, 10)}`;
  await startPair({ pairId, cohortId, menteeId: mentee.id, mentorId });
  return { pairId, menteeId: mentee.id, menteeEmail };
}

describe("retention of a pair's data, on the local engine", () => {
  it("takes the unpaired expiry off both forms and their claims while the pair runs", async () => {
    const { pairId, menteeEmail, mentorEmail, mentorId } = await newPair();
    await engine().settle();
    const pair = await pairOf(pairId);
    const forms = [
      ...(await formItems("questionnaire", pair.menteeId, menteeEmail)),
      ...(await formItems("mentor", mentorId, mentorEmail)),
    ];
    expect(forms.every((item) => item !== undefined)).toBe(true);
    expect(forms.map((item) => item?.expiresAt)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const { partition, emails } = await itemsOfPair(pairId);
    expect([...partition, ...emails].every((item) => item.expiresAt === undefined)).toBe(true);
  });

  it("gives every item of a closed pair and both forms an expiry twelve months after closure", async () => {
    const { pairId, menteeEmail, mentorEmail, mentorId } = await newPair({ assistant: true });
    await runDefaultPair(engine(), pairId);
    const pair = await pairOf(pairId);
    expect(pair.status).toBe("closed");
    const expected = closedPairExpiry(new Date(pair.closedAt as string));
    await expectPairExpires(pairId, expected);
    const forms = [
      ...(await formItems("questionnaire", pair.menteeId, menteeEmail)),
      ...(await formItems("mentor", mentorId, mentorEmail)),
    ];
    for (const form of forms) expectExpiry(form, expected);
  });

  it("sets the same expiry when the closing step is retried a day later", async () => {
    const { pairId, menteeEmail } = await newPair();
    await runDefaultPair(engine(), pairId);
    const before = await pairOf(pairId);
    const expected = closedPairExpiry(new Date(before.closedAt as string));
    await engine().advance(day);
    await closePair(pairId);
    expect((await pairOf(pairId)).closedAt).toBe(before.closedAt);
    await expectPairExpires(pairId, expected);
    for (const form of await formItems("questionnaire", before.menteeId, menteeEmail)) {
      expectExpiry(form, expected);
    }
  });

  it("gives a pair cancelled by the programme team and both forms the closure expiry", async () => {
    const { pairId, menteeEmail, mentorEmail, mentorId } = await newPair();
    await engine().settle();
    expect(await schedule(pairId, "preparation", 5)).toBe("recorded");
    expect(await cancelPair(pairId, "Départ du mentoré")).toBe("done");
    await engine().settle();
    const pair = await pairOf(pairId);
    expect(pair.status).toBe("cancelled");
    const expected = closedPairExpiry(new Date(pair.closedAt as string));
    await expectPairExpires(pairId, expected);
    const forms = [
      ...(await formItems("questionnaire", pair.menteeId, menteeEmail)),
      ...(await formItems("mentor", mentorId, mentorEmail)),
    ];
    for (const form of forms) expectExpiry(form, expected);
    // A second click of the team changes nothing.
    await engine().advance(day);
    expect(await cancelPair(pairId, "Encore")).toBe("unchanged");
    await expectPairExpires(pairId, expected);
  });

  it("gives a pair the workflow ended after a long silence the closure expiry", async () => {
    const { pairId, menteeEmail } = await newPair();
    await engine().settle();
    await engine().advance(7 * day + 60 * 60 * 1000);
    // Two nudges, the team's alert, then the end (see paths.test.ts).
    await engine().advance(7 * day);
    await engine().advance(7 * day);
    await engine().advance(14 * day);
    const pair = await pairOf(pairId);
    expect(pair.status).toBe("cancelled");
    const expected = closedPairExpiry(new Date(pair.closedAt as string));
    await expectPairExpires(pairId, expected);
    for (const form of await formItems("questionnaire", pair.menteeId, menteeEmail)) {
      expectExpiry(form, expected);
    }
  });

  it("keeps a mentor's application without expiry until the last of their pairs ends", async () => {
    const first = await newPair();
    const second = await pairWithMentor(first.mentorId);
    await engine().settle();
    expect(await cancelPair(first.pairId, "Mutation du mentoré")).toBe("done");
    const firstPair = await pairOf(first.pairId);
    const firstExpiry = closedPairExpiry(new Date(firstPair.closedAt as string));
    for (const form of await formItems("questionnaire", firstPair.menteeId, first.menteeEmail)) {
      expectExpiry(form, firstExpiry);
    }
    const mentorForms = () => formItems("mentor", first.mentorId, first.mentorEmail);
    expect((await mentorForms()).map((item) => item?.expiresAt)).toEqual([undefined, undefined]);
    expect(
      (await formItems("questionnaire", second.menteeId, second.menteeEmail)).map(
        (item) => item?.expiresAt,
      ),
    ).toEqual([undefined, undefined]);

    await engine().advance(30 * day);
    expect(await cancelPair(second.pairId, "Fin de mission")).toBe("done");
    const secondPair = await pairOf(second.pairId);
    const secondExpiry = closedPairExpiry(new Date(secondPair.closedAt as string));
    expect(secondExpiry - firstExpiry).toBeGreaterThan(29 * 24 * 3600);
    for (const form of await mentorForms()) expectExpiry(form, secondExpiry);
    await expectPairExpires(second.pairId, secondExpiry);
  });
});
