import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { startOutboxSender } from "./outbox";
import {
  ensureTable,
  type LocalServices,
  type LocalServicesOptions,
  pointSdkAt,
  startLocalServices,
} from "./services";

/**
 * The whole system on one machine: DynamoDB Local, the SES v2 local server, the Step Functions
 * service and the Hono app, with the same code that runs on Lambda. Only endpoints differ, set
 * here before the app is loaded.
 */
export type LocalRuntimeOptions = {
  port?: number;
  dynamodbPort?: number;
  sesPort?: number;
  dataDirectory?: string;
  /** Services already running (`npm start` reads the SDK's `AWS_ENDPOINT_URL_*` variables). */
  existing?: LocalServicesOptions["existing"];
  /** SFN_LOCAL_PORT (a free port when absent). */
  stepFunctionsPort?: number;
  /** Where the Step Functions service keeps its journal; in memory when absent. */
  stepFunctionsDataDirectory?: string;
};

export type LocalRuntime = {
  appUrl: string;
  inboxUrl: string;
  /** The Step Functions API (the local service, or the one AWS_ENDPOINT_URL_SFN named). */
  stepFunctionsEndpoint: string;
  /** Whether this runtime started the Step Functions service (not given by AWS_ENDPOINT_URL_SFN). */
  stepFunctionsOwn: boolean;
  /** RUNNING executions the local service resumed from its journal. */
  resumedExecutions: number;
  services: LocalServices;
  stop: () => Promise<void>;
};

export const localTableName = "binome-local";

export function configureLocalEnvironment(services: LocalServices, appUrl: string) {
  process.env.BINOME_LOCAL = "1";
  process.env.TABLE_NAME ??= localTableName;
  pointSdkAt(services);
  process.env.SENDER_ADDRESS ??= "mentorat-inverse@example.gouv.fr";
  process.env.APP_URL = appUrl;
  process.env.AWS_REGION ??= "eu-west-3";
  process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
}

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const services = await startLocalServices(options);
  const port = options.port ?? 3000;
  configureLocalEnvironment(services, `http://localhost:${port}`);
  await ensureTable(services.dynamodbEndpoint, process.env.TABLE_NAME as string);
  // Loaded only now: the AWS clients read their endpoints when their module is first imported.
  const { localApp } = await import("./app");
  // The pair workflow runs on the local Step Functions service (the definition rendered from the
  // construct), reached through the SDK; unless AWS_ENDPOINT_URL_SFN already names one.
  const stepFunctions = await startStepFunctions(options);
  // Every email leaves through the outbox: its sender reads the table's stream, as on AWS.
  const outbox = startOutboxSender({
    endpoint: services.dynamodbEndpoint,
    tableName: process.env.TABLE_NAME as string,
  });
  const server = serve({ fetch: localApp.fetch, port, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const actualPort = (server.address() as AddressInfo).port;
  process.env.APP_URL = `http://localhost:${actualPort}`;
  return {
    appUrl: `http://localhost:${actualPort}`,
    inboxUrl: services.sesEndpoint.replace("127.0.0.1", "localhost"),
    stepFunctionsEndpoint: stepFunctions.endpoint,
    stepFunctionsOwn: stepFunctions.own,
    resumedExecutions: stepFunctions.resumed,
    services,
    // In order: no new request, the workflow's running tasks finish, the outbox's batch is handed
    // over, then DynamoDB and SES stop.
    stop: async () => {
      await closeGently(server);
      await stepFunctions.stop();
      await outbox.stop();
      await services.stop();
    },
  };
}

async function startStepFunctions(options: LocalRuntimeOptions) {
  const given = process.env.AWS_ENDPOINT_URL_SFN;
  const { localEventStateMachineArn, localStateMachineArn } = await import(
    "../../stacks/workflow/render"
  );
  process.env.STATE_MACHINE_ARN ??= localStateMachineArn;
  process.env.EVENT_STATE_MACHINE_ARN ??= localEventStateMachineArn;
  if (given) return { endpoint: given, own: false, resumed: 0, stop: async () => {} };
  const { startLocalStepFunctions } = await import("./engine");
  const service = await startLocalStepFunctions({
    port: options.stepFunctionsPort,
    dataDirectory: options.stepFunctionsDataDirectory,
  });
  return {
    ...service,
    own: true,
    stop: async () => {
      await service.stop();
      delete process.env.AWS_ENDPOINT_URL_SFN;
    },
  };
}

/** Stops taking requests; those in progress get a few seconds to finish. */
function closeGently(server: ReturnType<typeof serve>): Promise<void> {
  const http = server as import("node:http").Server;
  return new Promise<void>((resolve) => {
    const cut = setTimeout(() => http.closeAllConnections?.(), 5000);
    http.close(() => {
      clearTimeout(cut);
      resolve();
    });
    http.closeIdleConnections?.();
  });
}
