import { describe, expect, it } from "vitest";
import { noShowRule } from "#core/pair/rules";
import { listHistory, listMeetings } from "#core/pair/store";
import { answer, day, newPair, pairOf, purposesFor, schedule, useEngine } from "./support";

const { engine } = useEngine();

async function missed(pairId: string) {
  expect(await schedule(pairId, "preparation", 1)).toBe("recorded");
  await engine().advance(2 * day);
  return answer(pairId, "preparation", "confirm", "mentor", { tookPlace: false });
}

describe("a meeting that does not take place", () => {
  it("is asked again, alerts the programme team the second time and ends the pair the third", async () => {
    expect(noShowRule).toEqual({ escalateAt: 2, endAt: 3 });
    const { pairId } = await newPair();
    await engine().settle();

    expect(await missed(pairId)).toBe("recorded");
    expect(await purposesFor(pairId, "team")).toEqual([]);
    expect((await pairOf(pairId)).needsAttention).toBe(false);
    expect(await purposesFor(pairId, "mentor")).toContain("preparation#schedule#ask#v1");

    expect(await missed(pairId)).toBe("recorded");
    expect(await purposesFor(pairId, "team")).toEqual(["preparation#no-show#escalation"]);
    expect(await pairOf(pairId)).toMatchObject({ needsAttention: true, status: "active" });
    // The mentor may still propose a date: the team follows up.
    expect(await purposesFor(pairId, "mentor")).toContain("preparation#schedule#ask#v2");

    expect(await missed(pairId)).toBe("recorded");
    await engine().settle();
    expect(await pairOf(pairId)).toMatchObject({ status: "cancelled", needsAttention: true });
    expect((await purposesFor(pairId, "mentee")).at(-1)).toBe("cancelled");
    expect((await purposesFor(pairId, "mentor")).at(-1)).toBe("cancelled");
    expect((await listMeetings(pairId))[0]?.noShows).toBe(3);
    const events = (await listHistory(pairId)).map((entry) => entry.event);
    expect(events.filter((event) => event === "preparation.no-show")).toHaveLength(3);
    expect(events).toContain("pair.ended-after-no-shows");
    expect((await engine().stats()).executions[pairId]?.status).toBe("SUCCEEDED");
  });
});
