import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { documents } from "#core/clients/dynamodb";
import { countDelta } from "#core/counts";
import { rebuildCounts, recountCohort } from "#core/counts-rebuild";
import { cohortFigures, readCounts } from "#core/counts-store";
import { env } from "#core/env";
import { keys } from "#core/keys";
import { cancelPair } from "#core/pair/actions";
import { startPair } from "#core/pair/start";
import { closePair } from "#core/pair/steps";
import { getPair, updatePair } from "#core/pair/store";
import { pairRecord } from "../support/fixtures";
import { answer, newPair, runDefaultPair, runMeeting, useEngine } from "./support";

const { engine } = useEngine();

/**
 * The figures page reads counts maintained with each change; what keeps them honest is that they
 * equal, at every point, the counts recomputed from every record. Pairs here run on the local
 * engine through the same verbs as the links and the team's pages, with steps delivered twice.
 */
describe("a cohort's maintained counts", () => {
  it("equal the counts recomputed from every record after real pairs ran, steps redelivered", async () => {
    const completed = await newPair();
    const cancelled = await newPair();
    // A second start of the same pair (a redelivered confirmation) creates and counts nothing.
    await startPair({
      pairId: completed.pairId,
      cohortId: "vague-test",
      menteeId: (await getPair(completed.pairId))?.menteeId as string,
      mentorId: completed.mentorId,
    });
    await engine().settle();
    await runMeeting(engine(), cancelled.pairId, "preparation");
    expect(
      await answer(cancelled.pairId, "preparation", "confirm", "mentee", {
        tookPlace: true,
        satisfaction: 4,
      }),
    ).toBe("recorded");
    expect(await cancelPair(cancelled.pairId, "Mutation du cadre")).toBe("done");
    // The team's second click on "annuler" changes nothing.
    expect(await cancelPair(cancelled.pairId, "Mutation du cadre")).toBe("unchanged");

    await runDefaultPair(engine(), completed.pairId);
    await engine().settle();
    const closed = await getPair(completed.pairId);
    expect(closed?.status).toBe("closed");
    // The closure task retried after it ran (a Lambda timeout, a redelivery): nothing moves.
    await closePair(completed.pairId);
    await updatePair(completed.pairId, { phase: "closed", status: "closed" });

    const maintained = await readCounts("vague-test");
    expect(maintained).toEqual(await recountCohort("vague-test"));
    const figures = await cohortFigures("vague-test");
    expect(figures.funnel.map((step) => step.count)).toEqual([2, 2, 1, 1, 1, 1]);
    expect([figures.closed, figures.cancelledByTeam, figures.stoppedAutomatically]).toEqual([
      1, 1, 0,
    ]);
    expect(figures.satisfactionByRole.mentor.answers).toBe(6);
    expect(figures.satisfactionByRole.mentee).toEqual({ average: 4, answers: 1 });
    expect(figures.selfEvaluation.find((theme) => theme.theme === "social-networks")).toEqual(
      expect.objectContaining({ count: 1, before: 1, after: 3 }),
    );
  });

  it("are rebuilt from the records written before they were maintained, and a second rebuild finds no drift", async () => {
    const { pairId } = await newPair();
    await engine().settle();
    // A pair written as it was before the counts existed: the counts do not know it.
    const old = pairRecord({
      id: `old-${pairId}`,
      phase: "closed",
      status: "closed",
      outcome: "completed",
      feedbackScores: [5, 4],
    });
    await documents.send(
      new PutCommand({
        TableName: env.tableName,
        Item: {
          ...keys.pair(old.id),
          ...keys.pairList(old.cohortId, old.createdAt, old.id),
          kind: "pair",
          ...old,
        },
      }),
    );
    expect(await readCounts("vague-test")).not.toEqual(await recountCohort("vague-test"));
    const first = await rebuildCounts("vague-test");
    expect(first.drift).toEqual(countDelta(undefined, old));
    expect(await readCounts("vague-test")).toEqual(await recountCohort("vague-test"));
    // Maintained again from there on: a change of the old pair counts in the same transaction.
    await updatePair(old.id, { menteeFeedbackScores: [3] });
    expect(await readCounts("vague-test")).toEqual(await recountCohort("vague-test"));
    expect((await rebuildCounts("vague-test")).drift).toEqual({});
  });
});
