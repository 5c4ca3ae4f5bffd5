import type { TestProject } from "vitest/node";
import { freePort, startDynamoDbLocal, startLocalServices } from "../../functions/local/services";

/**
 * The emulators for the whole run: the integration and API tests talk to the real ones, never to
 * mocks. One SES v2 local server, and one DynamoDB Local per worker: DynamoDB Local runs every
 * request of all its tables on a single SQLite thread, so three files sharing one queued behind
 * it (a plain GetItem took 100–170 ms in the middle of the suite, 3 ms on its own, and the
 * limits test, 41 s alone, took 576 s). Each file still creates its own table (see setup.ts).
 */
export default async function setup(project: TestProject) {
  const services = await startLocalServices();
  const more = await Promise.all(
    Array.from({ length: Math.max(0, project.config.maxWorkers - 1) }, async () =>
      startDynamoDbLocal(await freePort()),
    ),
  );
  project.provide("dynamodbEndpoints", [
    services.dynamodbEndpoint,
    ...more.map((dynamodb) => dynamodb.endpoint),
  ]);
  project.provide("sesEndpoint", services.sesEndpoint);
  return async () => {
    await Promise.all([services.stop(), ...more.map((dynamodb) => dynamodb.stop())]);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    /** One per worker: a file uses its worker's (`VITEST_POOL_ID`, 1 to `maxWorkers`). */
    dynamodbEndpoints: string[];
    sesEndpoint: string;
  }
}
