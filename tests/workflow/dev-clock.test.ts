import { describe, expect, it } from "vitest";
import { clock } from "#core/clock";
import { app } from "../../functions/api/app";
import { localApp } from "../../functions/local/app";
import { parseDuration } from "../../functions/local/engine";

const post = (target: { request: typeof app.request }, body: unknown) =>
  target.request("/api/dev/clock", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("the local clock endpoint", () => {
  it("is absent from the deployed API", async () => {
    const before = clock.now().getTime();
    const response = await post(app, { advance: "P30D" });
    expect(response.status).toBe(404);
    expect(clock.now().getTime() - before).toBeLessThan(60_000);
  });

  it("moves the local clock forward by an ISO 8601 duration", async () => {
    const before = clock.now().getTime();
    const response = await post(localApp, { advance: "P30D" });
    expect(response.status).toBe(200);
    const moved = clock.now().getTime() - before;
    expect(moved).toBeGreaterThanOrEqual(30 * 24 * 3600 * 1000);
    expect(moved).toBeLessThan(30 * 24 * 3600 * 1000 + 60_000);
  });

  it("refuses what is not a duration", async () => {
    expect((await post(localApp, { advance: "demain" })).status).toBe(400);
    expect(parseDuration("PT36H")).toBe(36 * 3600 * 1000);
    expect(parseDuration("P1DT12H")).toBe(36 * 3600 * 1000);
    expect(parseDuration("P")).toBeUndefined();
  });
});
