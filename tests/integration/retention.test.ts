import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { clock } from "#core/clock";
import { env } from "#core/env";
import { keys } from "#core/keys";
import * as questionnaire from "#core/questionnaire";
import { closedPairExpiry, unpairedRecordExpiry } from "#core/retention";
import { questionnaireAnswers } from "../support/fixtures";

const read = async (key: { pk: string; sk: string }) =>
  (
    await documents.send(
      new GetCommand({ TableName: env.tableName, Key: key, ConsistentRead: true }),
    )
  ).Item;

const day = 24 * 3600 * 1000;

describe("retention rules", () => {
  it("keeps an unpaired form twelve months and a closed pair's data twelve months after closure", () => {
    const at = new Date("2026-03-31T10:00:00Z");
    expect(new Date(unpairedRecordExpiry(at) * 1000).toISOString()).toBe(
      "2027-03-31T10:00:00.000Z",
    );
    expect(new Date(closedPairExpiry(at) * 1000).toISOString()).toBe("2027-03-31T10:00:00.000Z");
  });
});

describe("retention of submitted forms", () => {
  it("gives a new questionnaire and its uniqueness claim the unpaired expiry", async () => {
    const answers = questionnaireAnswers();
    const before = clock.now();
    const { id } = await questionnaire.submit(answers);
    const record = await read(keys.questionnaire(id));
    const claim = await read(keys.submissionClaim("questionnaire", "vague-1", answers.email));
    expect(record?.expiresAt).toBeGreaterThanOrEqual(unpairedRecordExpiry(before));
    expect(record?.expiresAt).toBeLessThanOrEqual(unpairedRecordExpiry(clock.now()));
    expect(claim?.expiresAt).toBe(record?.expiresAt);
    const acknowledgement = await read(keys.emailSent(`ack#questionnaire#${id}`));
    expect(acknowledgement?.expiresAt).toBeGreaterThanOrEqual(unpairedRecordExpiry(before));
  });

  it("restarts the unpaired retention when the answers change", async () => {
    const answers = questionnaireAnswers();
    const { id } = await questionnaire.submit(answers);
    const first = (await read(keys.questionnaire(id)))?.expiresAt as number;
    clock.advanceBy(30 * day);
    await questionnaire.submit({ ...answers, goal: "Un autre objectif" });
    const later = (await read(keys.questionnaire(id)))?.expiresAt as number;
    expect(later - first).toBeGreaterThanOrEqual(29 * 24 * 3600);
  });

  it("adds no expiry to a record whose retention a pair has taken over", async () => {
    const answers = questionnaireAnswers();
    const { id } = await questionnaire.submit(answers);
    await documents.send(
      new UpdateCommand({
        TableName: env.tableName,
        Key: keys.questionnaire(id),
        UpdateExpression: "REMOVE expiresAt",
      }),
    );
    await questionnaire.submit({ ...answers, goal: "Encore un autre objectif" });
    expect((await read(keys.questionnaire(id)))?.expiresAt).toBeUndefined();
  });
});
