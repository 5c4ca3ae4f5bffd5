import { cancellationReasons, type TransactItem } from "../clients/dynamodb";
import { env } from "../env";
import { keys } from "../keys";
import type { EventKind } from "./payload";

/**
 * The one condition "the event is still on at this date version": written with every email that
 * depends on the date (an invitation, a reminder, a confirmation) and with every change of the
 * event's record, so that an email crossing a move or a cancellation is not queued and a change
 * made on a stale reading is refused. `sequence` is the date version the caller read or the
 * workflow's runner passed to its step, never one read again next to the write.
 */

type KindRecord = {
  key: (eventId: string) => { pk: string; sk: string };
  /** The status of the record while the event is on. */
  on: string;
  /** Network meetings written before they had a status are on. */
  unsetStatusIsOn: boolean;
};

const records: Record<EventKind, KindRecord> = {
  workshop: { key: keys.workshop, on: "scheduled", unsetStatusIsOn: false },
  barnum: { key: keys.barnum, on: "published", unsetStatusIsOn: false },
  network: { key: keys.networkMeeting, on: "scheduled", unsetStatusIsOn: true },
};

export type Condition = {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
};

/**
 * The condition on the event's own record, for an Update of it or a ConditionCheck; its names are
 * `#status` and `#sequence` (an update of the record may use them too). A record written before
 * it had a `sequence` is at version 0. Its top level is an AND: joined to others with AND as is,
 * within parentheses to anything else.
 */
export function stillOnCondition(kind: EventKind, sequence: number): Condition {
  const record = records[kind];
  const status = record.unsetStatusIsOn
    ? "(attribute_not_exists(#status) OR #status = :stillOnStatus)"
    : "#status = :stillOnStatus";
  const version =
    sequence === 0
      ? "(attribute_not_exists(#sequence) OR #sequence = :stillOnSequence)"
      : "#sequence = :stillOnSequence";
  return {
    // Not wrapped: DynamoDB refuses redundant parentheses, and a caller may wrap it once.
    expression: `${status} AND ${version}`,
    names: { "#status": "status", "#sequence": "sequence" },
    values: { ":stillOnStatus": record.on, ":stillOnSequence": sequence },
  };
}

/** The same condition as one item of a transaction that writes something else. */
export function stillOnCheck(kind: EventKind, eventId: string, sequence: number): TransactItem {
  const condition = stillOnCondition(kind, sequence);
  return {
    ConditionCheck: {
      TableName: env.tableName,
      Key: records[kind].key(eventId),
      ConditionExpression: condition.expression,
      ExpressionAttributeNames: condition.names,
      ExpressionAttributeValues: condition.values,
    },
  };
}

/**
 * Whether a transaction was refused because the event moved on (moved, cancelled, ended) by the
 * still-on condition at `index`: from the error a transaction threw, or the reasons `transact()`
 * returned. Any other refusal (an email queued already, a conflict) is not.
 */
export function movedOn(refusal: unknown, index: number): boolean {
  const reasons = Array.isArray(refusal) ? (refusal as string[]) : cancellationReasons(refusal);
  return reasons?.[index] === "ConditionalCheckFailed";
}
