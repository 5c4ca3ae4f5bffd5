import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type ShardIteratorType,
} from "@aws-sdk/client-dynamodb-streams";
import { localCredentials } from "#core/clients/local";

/**
 * Locally, what Lambda's event source mapping does on AWS: reads the table's stream on DynamoDB
 * Local (through the real DynamoDB Streams client, only the endpoint changed), hands each batch
 * to the outbox's own Lambda handler, and on a reported failure reads the batch again from the
 * failed record, after a growing pause. Every few seconds it also runs the outbox's sweep, as the
 * schedule does on AWS. Stopping waits for the batch in hand.
 */
export type OutboxSender = { stop: () => Promise<void> };

export type OutboxSenderOptions = {
  endpoint: string;
  tableName: string;
  /** Pause between two reads of an idle stream. */
  pollMs?: number;
  /** Pause after a failed batch: doubled each time up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  sweepEveryMs?: number;
};

type Shard = { resume: { type: ShardIteratorType; sequence?: string }; iterator?: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startOutboxSender(options: OutboxSenderOptions): OutboxSender {
  const pollMs = options.pollMs ?? 50;
  const firstBackoff = options.backoffMs ?? 100;
  const maxBackoff = options.maxBackoffMs ?? 1500;
  const sweepEveryMs = options.sweepEveryMs ?? 5000;
  const config = { endpoint: options.endpoint, region: "eu-west-3", credentials: localCredentials };
  const dynamodb = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const shards = new Map<string, Shard>();
  const finished = new Set<string>();
  let stopped = false;
  let backoff = firstBackoff;
  let lastDescribe = 0;
  let lastSweep = Date.now();

  const handlers = import("../outbox/handler").then(async (sender) => ({
    deliver: sender.handler,
    sweep: (await import("#core/email/outbox")).sweepOutbox,
  }));

  async function streamArn(): Promise<string> {
    const { Table } = await dynamodb.send(
      new DescribeTableCommand({ TableName: options.tableName }),
    );
    if (!Table?.LatestStreamArn) throw new Error(`Table ${options.tableName} has no stream`);
    return Table.LatestStreamArn;
  }

  async function discover(arn: string) {
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        const id = shard.ShardId as string;
        if (!shards.has(id) && !finished.has(id)) {
          shards.set(id, { resume: { type: "TRIM_HORIZON" } });
        }
      }
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    lastDescribe = Date.now();
  }

  /** Reads one batch of a shard and hands it over; true when there were records. */
  async function readShard(arn: string, id: string, shard: Shard): Promise<boolean> {
    if (!shard.iterator) {
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: arn,
          ShardId: id,
          ShardIteratorType: shard.resume.type,
          SequenceNumber: shard.resume.sequence,
        }),
      );
      shard.iterator = ShardIterator;
    }
    const { Records = [], NextShardIterator } = await streams.send(
      new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 100 }),
    );
    if (Records.length) {
      const { deliver } = await handlers;
      const { batchItemFailures } = await deliver({ Records: Records as never });
      const failedAt = batchItemFailures[0]?.itemIdentifier;
      if (failedAt) {
        // As Lambda does: the batch is given again from the failed record, later.
        shard.resume = { type: "AT_SEQUENCE_NUMBER", sequence: failedAt };
        shard.iterator = undefined;
        await sleep(backoff);
        backoff = Math.min(backoff * 2, maxBackoff);
        return true;
      }
      backoff = firstBackoff;
      shard.resume = {
        type: "AFTER_SEQUENCE_NUMBER",
        sequence: Records.at(-1)?.dynamodb?.SequenceNumber,
      };
    }
    shard.iterator = NextShardIterator;
    if (!NextShardIterator) {
      shards.delete(id);
      finished.add(id);
      lastDescribe = 0;
    }
    return Records.length > 0;
  }

  async function sweep() {
    lastSweep = Date.now();
    const { sweep } = await handlers;
    await sweep(sweepEveryMs);
  }

  const loop = (async () => {
    let arn: string | undefined;
    while (!stopped) {
      try {
        arn ??= await streamArn();
        if (Date.now() - lastDescribe > 2000) await discover(arn);
        let busy = false;
        for (const [id, shard] of shards) {
          if (stopped) break;
          busy = (await readShard(arn, id, shard)) || busy;
        }
        if (Date.now() - lastSweep > sweepEveryMs) await sweep();
        if (!busy) await sleep(pollMs);
      } catch (error) {
        if (stopped) break;
        // DynamoDB Local unreachable or an iterator gone stale: read again from the last record.
        for (const shard of shards.values()) shard.iterator = undefined;
        if ((error as Error).name === "ResourceNotFoundException") arn = undefined;
        await sleep(backoff);
        backoff = Math.min(backoff * 2, maxBackoff);
      }
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      await loop;
      dynamodb.destroy();
      streams.destroy();
    },
  };
}
