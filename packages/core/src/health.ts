import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { documents } from "./clients/dynamodb";
import { type Dependency, reportDown, reportUp } from "./dependency";
import { env } from "./env";

/**
 * `/health`: asks each service the app needs for a real answer, through its real client. A part
 * that does not answer within a few seconds counts as unavailable (and is logged once, see
 * dependency.ts); the answer names it.
 */
export type HealthCheck = { part: Dependency; probe: () => Promise<unknown> };

export type Health = { ok: boolean; parts: Partial<Record<Dependency, "ok" | "unavailable">> };

const probeTimeoutMs = 3_000;

/** A read of a key no entity uses: it proves the table exists and answers, and costs half a read. */
export const tableCheck: HealthCheck = {
  part: "table",
  probe: () =>
    documents.send(
      new GetCommand({ TableName: env.tableName, Key: { pk: "HEALTH", sk: "HEALTH" } }),
      { abortSignal: AbortSignal.timeout(probeTimeoutMs) },
    ),
};

export async function checkHealth(checks: readonly HealthCheck[]): Promise<Health> {
  const results = await Promise.all(
    checks.map(async ({ part, probe }) => {
      try {
        await withTimeout(probe());
        reportUp(part);
        return [part, "ok"] as const;
      } catch (error) {
        reportDown(part, error);
        return [part, "unavailable"] as const;
      }
    }),
  );
  return {
    ok: results.every(([, state]) => state === "ok"),
    parts: Object.fromEntries(results),
  };
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), probeTimeoutMs);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
