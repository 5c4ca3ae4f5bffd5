/**
 * What the scripted outages (faults-dynamodb.ts, faults-ses.ts) share: the local services, the
 * cuttable proxy (tests/faults/proxy.ts) in front of the one service that fails, the app's SDK
 * pointed through it as an operator would (`AWS_ENDPOINT_URL_*`), a table of its own, and a
 * direct read of what the table really holds for a person. Each script runs in its own process.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { localCredentials } from "#core/clients/local";
import { keys } from "#core/keys";
import { ensureTable, pointSdkAt, startLocalServices } from "../../functions/local/services";
import { startProxy } from "../faults/proxy";

export const submissions = Number(process.env.BENCH_FAULT_SUBMISSIONS ?? 100);

export async function startOutage(failing: "dynamodb" | "ses") {
  const services = await startLocalServices();
  const proxy = await startProxy(
    failing === "dynamodb" ? services.dynamodbEndpoint : services.sesEndpoint,
  );
  process.env.BINOME_LOCAL = "1";
  process.env.TABLE_NAME = `binome-bench-faults-${failing}-${Date.now()}`;
  process.env.SENDER_ADDRESS ??= "mentorat-inverse@example.gouv.fr";
  process.env.APP_URL ??= "http://localhost:3000";
  process.env.AWS_REGION ??= "eu-west-3";
  process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";
  process.env.POWERTOOLS_METRICS_DISABLED ??= "true";
  await ensureTable(services.dynamodbEndpoint, process.env.TABLE_NAME);
  pointSdkAt({
    dynamodbEndpoint: failing === "dynamodb" ? proxy.endpoint : services.dynamodbEndpoint,
    sesEndpoint: failing === "ses" ? proxy.endpoint : services.sesEndpoint,
  });
  const table = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: services.dynamodbEndpoint,
      region: "eu-west-3",
      credentials: localCredentials,
    }),
  );
  const read = async (Key: Record<string, unknown>) =>
    (
      await table.send(
        new GetCommand({ TableName: process.env.TABLE_NAME, Key, ConsistentRead: true }),
      )
    ).Item;
  return {
    services,
    proxy,
    /** A person's questionnaire as the table holds it: the uniqueness claim and its record. */
    storedFor: async (email: string) => {
      const claim = await read(keys.submissionClaim("questionnaire", "vague-1", email));
      const record = claim ? await read(keys.questionnaire(claim.id as string)) : undefined;
      return { claim: Boolean(claim), record: Boolean(record) };
    },
    stop: async () => {
      table.destroy();
      await proxy.close();
      await services.stop();
    },
  };
}
