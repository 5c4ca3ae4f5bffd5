import { describe, expect, it } from "vitest";
import { clock } from "#core/clock";
import { app } from "../../functions/api/app";
import { localApp } from "../../functions/local/app";
import { parseDuration } from "../../functions/local/engine";
import { useEngine } from "./support";

useEngine();

const post = (target: { request: typeof app.request }, body: unknown) =>
  target.request("/api/dev/clock", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const day = 24 * 3600 * 1000;

describe("the local clock endpoint", () => {
  it("is absent from the deployed API", async () => {
    const before = clock.now().getTime();
    const response = await post(app, { advance: "P30D" });
    expect(response.status).toBe(404);
    expect(clock.now().getTime() - before).toBeLessThan(60_000);
  });

  it("moves the local clock and the Step Functions service's clock forward by an ISO 8601 duration", async () => {
    const before = clock.now().getTime();
    const response = await post(localApp, { advance: "P30D" });
    expect(response.status).toBe(200);
    const { now } = (await response.json()) as { now: string };
    const moved = clock.now().getTime() - before;
    expect(moved).toBeGreaterThanOrEqual(30 * day);
    expect(moved).toBeLessThan(30 * day + 60_000);
    expect(Math.abs(new Date(now).getTime() - clock.now().getTime())).toBeLessThan(60_000);
  });

  it("moves three calendar months for P3M, not 90 days", async () => {
    const before = clock.now();
    expect((await post(localApp, { advance: "P3M" })).status).toBe(200);
    const expected = new Date(before);
    expected.setUTCDate(1);
    expected.setUTCMonth(expected.getUTCMonth() + 3);
    expected.setUTCDate(
      Math.min(
        before.getUTCDate(),
        new Date(Date.UTC(expected.getUTCFullYear(), expected.getUTCMonth() + 1, 0)).getUTCDate(),
      ),
    );
    const moved = clock.now().getTime() - before.getTime();
    expect(Math.abs(moved - (expected.getTime() - before.getTime()))).toBeLessThan(60_000);
  });

  it("counts months on the calendar, keeping the day or the month's last day", () => {
    const from = (iso: string) => new Date(iso);
    expect(parseDuration("P3M", from("2026-12-01T10:00:00Z"))).toBe(
      Date.parse("2027-03-01T10:00:00Z") - Date.parse("2026-12-01T10:00:00Z"),
    );
    expect(parseDuration("P1M", from("2027-01-31T00:00:00Z"))).toBe(28 * day);
    expect(parseDuration("P1Y", from("2028-02-29T00:00:00Z"))).toBe(365 * day);
    expect(parseDuration("P1M2DT3H", from("2026-04-10T00:00:00Z"))).toBe(
      (30 + 2) * day + 3 * 3600_000,
    );
  });

  it("refuses what is not a duration", async () => {
    expect((await post(localApp, { advance: "demain" })).status).toBe(400);
    const now = new Date();
    expect(parseDuration("PT36H", now)).toBe(36 * 3600 * 1000);
    expect(parseDuration("P1DT12H", now)).toBe(36 * 3600 * 1000);
    expect(parseDuration("P", now)).toBeUndefined();
  });
});
