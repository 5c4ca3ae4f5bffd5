import type { TestProject } from "vitest/node";
import { startLocalServices } from "../../functions/local/services";

/**
 * One DynamoDB Local and one SES v2 local server for the whole run: the integration and API tests
 * talk to the real emulators, never to mocks. Each worker creates its own table (see setup.ts).
 */
export default async function setup(project: TestProject) {
  const services = await startLocalServices();
  project.provide("dynamodbEndpoint", services.dynamodbEndpoint);
  project.provide("sesEndpoint", services.sesEndpoint);
  return () => services.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    sesEndpoint: string;
  }
}
