import "../bootstrap/tracing";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { deliverStreamRecords, type StreamRecord } from "#core/email/outbox";
import { flushMetrics, maskedError } from "#core/observability";

/**
 * The outbox's sender: fed by the table's stream (new outbox items only, see the event source
 * mapping in stacks/Email.ts); the local runtime feeds it DynamoDB Local's stream the same way.
 * What SES could not take is reported back (`batchItemFailures`), and the stream gives it again.
 */
export const handler = async (event: Pick<DynamoDBStreamEvent, "Records">) => {
  try {
    return await deliverStreamRecords(event.Records as StreamRecord[]);
  } catch (error) {
    // The runtime logs what leaves the handler whole: its name and masked message only.
    throw maskedError(error);
  } finally {
    flushMetrics();
  }
};
