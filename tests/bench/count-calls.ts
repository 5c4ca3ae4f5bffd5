/**
 * What confirming a cohort costs in DynamoDB calls: `npx tsx tests/bench/count-calls.ts [pairs]`
 * runs `scale-confirm-run.ts` (default 300 pairs) with every command the document client sends
 * counted by its name and the shape of its keys (`PAIR/WAIT`: the prefixes of pk and sk; a
 * transaction lists its items), then prints the counts per pair on stderr, largest first. The
 * counts include what the executions and the outbox's sender did until the process ended, not
 * only the bench's window.
 */
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

type Key = { pk?: unknown; sk?: unknown } | undefined;
type Command = { constructor: { name: string }; input?: Input };
type Input = { Key?: Key; Item?: Key; TransactItems?: Record<string, { Key?: Key; Item?: Key }>[] };

const pairs = Number(process.argv[2] ?? 300);
const counts = new Map<string, number>();

const prefix = (value: unknown) => String(value ?? "").split("#")[0];
const shape = (key: Key) => (key ? `${prefix(key.pk)}/${prefix(key.sk)}` : "");

function describe(name: string, input: Input): string {
  if (input.TransactItems) {
    const items = input.TransactItems.map((item) => {
      const [operation, body] = Object.entries(item)[0] ?? ["?", {}];
      return `${operation} ${shape(body.Key ?? body.Item)}`;
    });
    return `${name} [${items.length}: ${items.join(", ")}]`;
  }
  return `${name} ${shape(input.Key ?? input.Item)}`.trim();
}

const send = DynamoDBDocumentClient.prototype.send;
Object.assign(DynamoDBDocumentClient.prototype, {
  send(this: DynamoDBDocumentClient, command: Command, ...rest: unknown[]) {
    const label = describe(command.constructor.name.replace(/Command$/, ""), command.input ?? {});
    counts.set(label, (counts.get(label) ?? 0) + 1);
    return Reflect.apply(send, this, [command, ...rest]);
  },
});

process.on("exit", () => {
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  console.error(`${(total / pairs).toFixed(1)} calls per pair:`);
  for (const [label, count] of [...counts].sort((a, b) => b[1] - a[1])) {
    console.error(`  ${(count / pairs).toFixed(2)}  ${label}`);
  }
});

process.argv[2] = String(pairs);
await import("./scale-confirm-run");
