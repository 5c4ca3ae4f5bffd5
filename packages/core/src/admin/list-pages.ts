import { getMany, type ListKey, queryListPage } from "../clients/dynamodb";
import { fullName } from "../fields";
import { keys } from "../keys";
import type { MentorRecord } from "../mentor";
import type { Pair } from "../pair/model";
import type { StoredQuestionnaire } from "../questionnaire";
import { findForms, type SearchKind } from "../search";
import type { Filter, MentorRow, QuestionnaireRow } from "./follow-up";
import { type ListName, readCursor, signCursor } from "./list-cursor";

/**
 * The team's lists, a page at a time: one Query on the list's partition (index `gsi1`) from the
 * cursor, and one BatchGet of what the rows name (a questionnaire's pair, a pair's people; a
 * mentor's pairs after one small Query per mentor shown, in parallel), never a whole cohort. What is stored on the listed item (a questionnaire's
 * pair, a mentor's selection, a pair's phase, status and attention) is filtered by DynamoDB; what
 * lies on another item (the pair of a questionnaire or a mentor) is filtered on the page, and a
 * read stops after `budget` items: the page then says how far it looked, and "Suivants" goes on.
 */

export const pageSize = 50;
/** A search shows the first people it finds: a name or an address is meant to name a few. */
export const searchLimit = 20;
/** At most this many items of the list are read for one page of a filtered list. */
const budget = 1_000;
const window = 200;

export type ListPage<Row> = {
  rows: Row[];
  /** The signed cursor of the next page, when there is more to read. */
  next?: string;
  /** How many items were read when the budget ran out before the page was full. */
  scanned?: number;
  /** A search that found more people than a page shows. */
  more?: boolean;
};

export type PageRequest = Filter & { cursor?: string; search?: string };

export class InvalidCursor extends Error {
  constructor() {
    super("The list cursor is not one this list signed");
  }
}

type Stored = Record<string, unknown> & { pk: string; sk: string; gsi1pk: string; gsi1sk: string };
const keyOf = ({ pk, sk, gsi1pk, gsi1sk }: Stored): ListKey => ({ pk, sk, gsi1pk, gsi1sk });

type DynamoFilter = Parameters<typeof queryListPage>[1]["filter"];

/**
 * Reads the list from the cursor until a page is full, the list ends or the budget is spent;
 * `toRows` turns a window of items into rows (undefined: filtered out), with one BatchGet.
 */
async function collect<Item extends Stored, Row>(
  list: ListName,
  where: { gsi1pk: string; gsi1skPrefix?: string },
  request: { cursor?: string; filter?: DynamoFilter; joinedFilter: boolean },
  toRows: (items: Item[]) => Promise<(Row | undefined)[]>,
): Promise<ListPage<Row>> {
  let start: ListKey | undefined;
  if (request.cursor) {
    start = readCursor(list, request.cursor, where);
    if (!start) throw new InvalidCursor();
  }
  const filtered = request.filter !== undefined || request.joinedFilter;
  const rows: Row[] = [];
  let read = 0;
  for (;;) {
    const limit = filtered ? Math.min(window, budget - read) : pageSize - rows.length;
    const page = await queryListPage<Item>(where, { limit, start, filter: request.filter });
    read += limit;
    const mapped = await toRows(page.items);
    for (const [index, row] of mapped.entries()) {
      if (row === undefined) continue;
      rows.push(row);
      if (rows.length === pageSize) {
        const last = index === page.items.length - 1 && !page.next;
        return last ? { rows } : { rows, next: signCursor(list, keyOf(page.items[index] as Item)) };
      }
    }
    start = page.next;
    if (!start) return { rows };
    if (read >= budget) return { rows, next: signCursor(list, start), scanned: read };
  }
}

const byId = <T extends { id: string }>(items: T[]) =>
  new Map(items.map((item) => [item.id, item]));

const pairsNamed = async (ids: string[]) =>
  byId(await getMany<Pair>([...new Set(ids)].map((id) => keys.pair(id))));

/** A pair's state as the lists filter it (the questionnaire's and mentor's pair filters). */
function pairMatches(pair: Pair | undefined, filter: Filter) {
  if (filter.phase && pair?.phase !== filter.phase) return false;
  if (
    filter.needsAttention !== undefined &&
    (pair?.needsAttention ?? false) !== filter.needsAttention
  )
    return false;
  return true;
}

async function questionnaireRowsOf(questionnaires: StoredQuestionnaire[], filter: Filter) {
  const pairs = await pairsNamed(
    questionnaires.flatMap((item) => (item.pairId ? [item.pairId] : [])),
  );
  return questionnaires.map((questionnaire): QuestionnaireRow | undefined => {
    const pair = questionnaire.pairId ? pairs.get(questionnaire.pairId) : undefined;
    const status = questionnaire.pairId ? "paired" : "waiting";
    if (filter.status && filter.status !== status) return undefined;
    return pairMatches(pair, filter) ? { questionnaire, status, pair } : undefined;
  });
}

/** A page of a cohort's questionnaires, oldest first, with their pair. */
export async function questionnairePage(request: PageRequest): Promise<ListPage<QuestionnaireRow>> {
  if (request.search) {
    const found = await searchForms<StoredQuestionnaire>("questionnaire", request);
    const rows = await questionnaireRowsOf(found.forms, request);
    return { rows: rows.filter((row) => row !== undefined), more: found.more };
  }
  const status =
    request.status === "paired" || request.status === "waiting" ? request.status : undefined;
  return collect<StoredQuestionnaire & Stored, QuestionnaireRow>(
    "questionnaires",
    keys.questionnaires(request.cohortId),
    {
      cursor: request.cursor,
      filter: status
        ? { expression: `attribute_${status === "paired" ? "" : "not_"}exists(pairId)` }
        : undefined,
      joinedFilter: request.phase !== undefined || request.needsAttention !== undefined,
    },
    (items) => questionnaireRowsOf(items, request),
  );
}

type MentorItem = MentorRecord;
type PairLink = Stored & { kind: "pair-mentor"; pairId: string; mentorId: string };
type MentorListItem = (MentorItem & Stored) | PairLink;

const isLink = (item: MentorListItem): item is PairLink => item.kind === "pair-mentor";

/** One mentor's pairs, for a search (the list pages read them with the mentors). */
async function pairIdsOfMentors(mentors: MentorItem[]) {
  const lists = await Promise.all(
    mentors.map(async (mentor) => {
      const ids: string[] = [];
      let start: ListKey | undefined;
      do {
        const page = await queryListPage<{ pairId: string }>(keys.pairsOfMentor(mentor), {
          limit: 100,
          start,
        });
        ids.push(...page.items.map((item) => item.pairId));
        start = page.next;
      } while (start);
      return [mentor.id, ids] as const;
    }),
  );
  return new Map(lists);
}

async function mentorRowsOf(
  mentors: MentorItem[],
  pairIds: Map<string, readonly string[]>,
  filter: Filter,
) {
  const pairs = await pairsNamed([...pairIds.values()].flat());
  return mentors.map((mentor): MentorRow | undefined => {
    const own = (pairIds.get(mentor.id) ?? []).flatMap((id) => {
      const pair = pairs.get(id);
      return pair && pair.mentorId === mentor.id ? [pair] : [];
    });
    const row: MentorRow = {
      mentor,
      pairs: own,
      placesTaken: own.filter((pair) => pair.status === "active" || pair.status === "paused")
        .length,
      needsAttention: own.some((pair) => pair.needsAttention),
    };
    if (filter.status && mentor.status !== filter.status) return undefined;
    if (filter.phase && !own.some((pair) => pair.phase === filter.phase)) return undefined;
    if (filter.needsAttention !== undefined && row.needsAttention !== filter.needsAttention)
      return undefined;
    return row;
  });
}

/**
 * A page of a cohort's mentors, oldest application first, with their pairs: the list files each
 * mentor's pairs right after them (`keys.pairMentor`), so one Query reads both. A read that ends
 * inside a mentor's pairs leaves that mentor to the next read.
 */
export async function mentorPage(request: PageRequest): Promise<ListPage<MentorRow>> {
  if (request.search) {
    const found = await searchForms<MentorItem>("mentor", request);
    const rows = await mentorRowsOf(found.forms, await pairIdsOfMentors(found.forms), request);
    return { rows: rows.filter((row) => row !== undefined), more: found.more };
  }
  const where = keys.mentors(request.cohortId);
  let start: ListKey | undefined;
  if (request.cursor) {
    start = readCursor("mentors", request.cursor, where);
    if (!start) throw new InvalidCursor();
  }
  const filter: DynamoFilter = request.status
    ? {
        expression: "#status = :status OR #kind = :link",
        names: { "#status": "status", "#kind": "kind" },
        values: { ":status": request.status, ":link": "pair-mentor" },
      }
    : undefined;
  const rows: MentorRow[] = [];
  let read = 0;
  for (;;) {
    const page = await queryListPage<MentorListItem>(where, { limit: window, start, filter });
    read += window;
    let items = page.items;
    // The last mentor's pairs may go on in the next read: that mentor waits for it.
    const lastMentor = items.findLastIndex((item) => !isLink(item));
    if (page.next && lastMentor > 0) items = items.slice(0, lastMentor);
    const mentors = items.filter((item): item is MentorItem & Stored => !isLink(item));
    const pairIds = new Map<string, string[]>();
    for (const item of items) {
      if (isLink(item))
        pairIds.set(item.mentorId, [...(pairIds.get(item.mentorId) ?? []), item.pairId]);
    }
    const mapped = await mentorRowsOf(mentors, pairIds, request);
    for (const [index, row] of mapped.entries()) {
      if (row === undefined) continue;
      rows.push(row);
      if (rows.length === pageSize) {
        const mentor = mentors[index] as MentorItem & Stored;
        const lastOfMentor = items.findLast(
          (item) => item.id === mentor.id || (isLink(item) && item.mentorId === mentor.id),
        ) as Stored;
        const end = !page.next && items[items.length - 1] === lastOfMentor;
        return end ? { rows } : { rows, next: signCursor("mentors", keyOf(lastOfMentor)) };
      }
    }
    start = items.length < page.items.length ? keyOf(items[items.length - 1] as Stored) : page.next;
    if (!start) return { rows };
    if (
      read >= budget &&
      (request.status || request.phase || request.needsAttention !== undefined)
    ) {
      return { rows, next: signCursor("mentors", start), scanned: read };
    }
  }
}

export type PairRow = { pair: Pair; menteeName?: string; mentorName?: string };

const nameProjection = {
  expression: "id, answers.firstName, answers.lastName",
};

/** Each pair with its people's names (one BatchGet of their forms, names only). */
async function pairRowsOf(pairs: Pair[]): Promise<PairRow[]> {
  const forms = await getMany<{ id: string; answers?: { firstName?: string; lastName?: string } }>(
    pairs.flatMap((pair) => [keys.questionnaire(pair.menteeId), keys.mentor(pair.mentorId)]),
    nameProjection,
  );
  const names = new Map(
    forms.map((form) => [
      form.id,
      form.answers ? fullName({ firstName: "", lastName: "", ...form.answers }) : undefined,
    ]),
  );
  return pairs.map((pair) => ({
    pair,
    menteeName: names.get(pair.menteeId) || undefined,
    mentorName: names.get(pair.mentorId) || undefined,
  }));
}

const stripPair = (item: Record<string, unknown>) => {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, kind: _k, ...pair } = item;
  return pair as Pair;
};

/** A page of a cohort's pairs, oldest first; their phase, status and attention filter in DynamoDB. */
export async function pairPage(request: PageRequest): Promise<ListPage<PairRow>> {
  if (request.search) return searchPairs(request);
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (request.phase) {
    conditions.push("#phase = :phase");
    names["#phase"] = "phase";
    values[":phase"] = request.phase;
  }
  if (request.status) {
    conditions.push("#status = :status");
    names["#status"] = "status";
    values[":status"] = request.status;
  }
  if (request.needsAttention !== undefined) {
    conditions.push("needsAttention = :attention");
    values[":attention"] = request.needsAttention;
  }
  return collect<Pair & Stored, PairRow>(
    "pairs",
    keys.pairs(request.cohortId) as { gsi1pk: string; gsi1skPrefix: string },
    {
      cursor: request.cursor,
      filter: conditions.length
        ? {
            expression: conditions.join(" AND "),
            ...(Object.keys(names).length ? { names } : {}),
            values,
          }
        : undefined,
      joinedFilter: false,
    },
    (items) => pairRowsOf(items.map(stripPair)),
  );
}

/** The forms of a cohort a search names (one Query on the terms, one BatchGet), oldest first. */
async function searchForms<T extends { id: string; cohortId: string; createdAt: string }>(
  kind: SearchKind,
  request: PageRequest,
): Promise<{ forms: T[]; more: boolean }> {
  const found = await findForms(kind, request.cohortId, request.search ?? "", searchLimit);
  const forms = await getMany<T>(
    found.ids.map((id) => (kind === "questionnaire" ? keys.questionnaire(id) : keys.mentor(id))),
  );
  return {
    forms: forms
      .filter((form) => form.cohortId === request.cohortId)
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0)),
    more: found.more,
  };
}

/** The pairs either of whose people a search names: the manager's pair, the mentor's pairs. */
async function searchPairs(request: PageRequest): Promise<ListPage<PairRow>> {
  const [mentees, mentors] = await Promise.all([
    searchForms<StoredQuestionnaire>("questionnaire", request),
    searchForms<MentorItem>("mentor", request),
  ]);
  const ledBy = await pairIdsOfMentors(mentors.forms);
  const pairs = await pairsNamed([
    ...mentees.forms.flatMap((form) => (form.pairId ? [form.pairId] : [])),
    ...[...ledBy.values()].flat(),
  ]);
  const mentorIds = new Set(mentors.forms.map((form) => form.id));
  const menteeIds = new Set(mentees.forms.map((form) => form.id));
  const matching = [...pairs.values()]
    .filter((pair) => pair.cohortId === request.cohortId)
    .filter((pair) => menteeIds.has(pair.menteeId) || mentorIds.has(pair.mentorId))
    .filter((pair) => !request.status || pair.status === request.status)
    .filter((pair) => pairMatches(pair, request))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return { rows: await pairRowsOf(matching), more: mentees.more || mentors.more };
}
