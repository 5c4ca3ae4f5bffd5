import { targetTable } from "./table-target";

/**
 * `npm run outbox`: how many emails wait in the outbox of the table `npm start` uses, or of the
 * stage's table on AWS with `TABLE_NAME` set (see `targetTable`).
 */
targetTable();

const { queuedEmails } = await import("#core/email/outbox");
const waiting = await queuedEmails({ limit: 1000 });
const kinds = new Map<string, number>();
for (const purpose of waiting) {
  const kind = purpose.split("#")[0] ?? "";
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
}
console.log(
  `${waiting.length} courriel(s) en attente / email(s) waiting${
    waiting.length ? ` (${[...kinds].map(([kind, count]) => `${kind}: ${count}`).join(", ")})` : ""
  }`,
);
