import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { conditionally, documents, getItem, queryList } from "./clients/dynamodb";
import { clock } from "./clock";
import { env } from "./env";
import { keys } from "./keys";
import { logger } from "./observability";
import type { CohortSettings } from "./pair/model";
import { maxPauseMonths } from "./pair/rules";
import { programme } from "./programme";

/**
 * A cohort ("vague") gathers the questionnaires and mentor applications of one matching round and
 * carries the settings its pairs start with. A cohort without a record (such as the open cohort
 * before anyone configured it) runs on the programme's defaults.
 */

export type { CohortSettings } from "./pair/model";

export type Cohort = {
  id: string;
  name: string;
  settings: CohortSettings;
  /** Pairs the programme team ruled out; matching never proposes them. */
  excludedPairs: [menteeId: string, mentorId: string][];
  createdAt: string;
  updatedAt: string;
};

const integerBetween = (min: number, max: number, message: string) =>
  v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));

export const CohortSettingsSchema = v.strictObject({
  sessions: integerBetween(
    1,
    programme.defaults.maxSessions,
    `Le nombre de séances va de 1 à ${programme.defaults.maxSessions}.`,
  ),
  pauseMonths: integerBetween(1, maxPauseMonths, `La pause dure de 1 à ${maxPauseMonths} mois.`),
  reminderHoursBefore: integerBetween(
    1,
    168,
    "Le rappel part entre 1 et 168 heures (7 jours) avant le rendez-vous.",
  ),
  allowSameManagementLine: v.boolean(
    "Indiquez si un mentor peut accompagner quelqu'un de sa ligne hiérarchique.",
  ),
});

export const CohortIdSchema = v.pipe(
  v.string("Indiquez l'identifiant de la vague."),
  v.trim(),
  v.toLowerCase(),
  v.regex(
    /^[a-z0-9][a-z0-9-]{0,39}$/,
    "L'identifiant de la vague ne contient que des lettres minuscules, des chiffres et des tirets (40 caractères au plus), par exemple vague-2.",
  ),
);

export const NewCohortSchema = v.strictObject({
  id: CohortIdSchema,
  name: v.pipe(
    v.string("Indiquez le nom de la vague."),
    v.trim(),
    v.nonEmpty("Indiquez le nom de la vague."),
    v.maxLength(100, "100 caractères au plus."),
  ),
  settings: v.optional(CohortSettingsSchema),
});

export type NewCohort = v.InferOutput<typeof NewCohortSchema>;

export const defaultSettings = (): CohortSettings => ({
  sessions: programme.defaults.sessions,
  pauseMonths: programme.defaults.pauseMonths,
  reminderHoursBefore: programme.defaults.reminderHoursBefore,
  allowSameManagementLine: programme.defaults.allowSameManagementLine,
});

/** What a cohort without a record looks like: its id as its name, the programme's defaults. */
function implicitCohort(id: string): Cohort {
  const epoch = new Date(0).toISOString();
  return {
    id,
    name: id,
    settings: defaultSettings(),
    excludedPairs: [],
    createdAt: epoch,
    updatedAt: epoch,
  };
}

export async function getCohort(id: string): Promise<Cohort | undefined> {
  const item = await getItem<Record<string, unknown>>(keys.cohort(id));
  return item ? toCohort(item) : undefined;
}

/** The cohort, or what it would be with the programme's defaults when nobody configured it yet. */
export async function getCohortOrDefaults(id: string): Promise<Cohort> {
  return (await getCohort(id)) ?? implicitCohort(id);
}

/** The settings of a cohort as its record reads (no record yet: the programme's defaults). */
export function cohortSettingsOf(item: Record<string, unknown> | undefined): CohortSettings {
  return item ? toCohort(item).settings : defaultSettings();
}

/** The settings a pair of this cohort starts with (read by the workflow). */
export async function getCohortSettings(cohortId: string): Promise<CohortSettings> {
  return (await getCohortOrDefaults(cohortId)).settings;
}

/** Every configured cohort, plus the open cohort even when it has no record yet. */
export async function listCohorts(): Promise<Cohort[]> {
  const items = await queryList<Record<string, unknown>>(keys.cohorts());
  const cohorts = items.map(toCohort);
  if (!cohorts.some((cohort) => cohort.id === programme.openCohortId)) {
    cohorts.unshift(implicitCohort(programme.openCohortId));
  }
  return cohorts;
}

export type CreateOutcome = { status: "created"; cohort: Cohort } | { status: "exists" };

export async function createCohort(input: NewCohort): Promise<CreateOutcome> {
  const now = clock.now().toISOString();
  const cohort: Cohort = {
    id: input.id,
    name: input.name,
    settings: input.settings ?? defaultSettings(),
    excludedPairs: [],
    createdAt: now,
    updatedAt: now,
  };
  const created = await conditionally(
    new PutCommand({
      TableName: env.tableName,
      Item: {
        ...keys.cohort(cohort.id),
        ...keys.cohortList(cohort.id),
        kind: "cohort",
        id: cohort.id,
        name: cohort.name,
        settings: cohort.settings,
        createdAt: now,
        updatedAt: now,
      },
      ConditionExpression: "attribute_not_exists(pk)",
    }),
  );
  if (!created) return { status: "exists" };
  logger.info("Cohort created", { cohortId: cohort.id });
  return { status: "created", cohort };
}

/**
 * Changes a cohort, creating its record on first use (the open cohort exists before anyone
 * configures it). One conditional-free update: its parts are atomic, so two people editing at
 * once never lose each other's change.
 */
async function upsert(
  id: string,
  change: { set?: string; add?: string; remove?: string },
  values: Record<string, unknown>,
): Promise<Cohort> {
  const now = clock.now().toISOString();
  const list = keys.cohortList(id);
  const set = [
    change.set,
    "updatedAt = :now, kind = :kind, id = :id, gsi1pk = :listPk, gsi1sk = :listSk",
    "#name = if_not_exists(#name, :id), createdAt = if_not_exists(createdAt, :now)",
    change.set?.startsWith("settings")
      ? undefined
      : "settings = if_not_exists(settings, :defaults)",
  ].filter(Boolean);
  const parts = [`SET ${set.join(", ")}`];
  if (change.add) parts.push(`ADD ${change.add}`);
  if (change.remove) parts.push(`DELETE ${change.remove}`);
  const result = await documents.send(
    new UpdateCommand({
      TableName: env.tableName,
      Key: keys.cohort(id),
      UpdateExpression: parts.join(" "),
      ExpressionAttributeNames: { "#name": "name" },
      ExpressionAttributeValues: {
        ...values,
        ":now": now,
        ":kind": "cohort",
        ":id": id,
        ":listPk": list.gsi1pk,
        ":listSk": list.gsi1sk,
        ...(change.set?.startsWith("settings") ? {} : { ":defaults": defaultSettings() }),
      },
      ReturnValues: "ALL_NEW",
    }),
  );
  return toCohort(result.Attributes ?? {});
}

/** Pairs already started keep the settings they started with; new pairs take these. */
export async function updateSettings(id: string, settings: CohortSettings): Promise<Cohort> {
  const cohort = await upsert(id, { set: "settings = :settings" }, { ":settings": settings });
  logger.info("Cohort settings changed", { cohortId: id });
  return cohort;
}

/** Exclusions are kept as a string set of `menteeId|mentorId`: adding one is a single atomic ADD. */
const exclusionEntry = (menteeId: string, mentorId: string) => `${menteeId}|${mentorId}`;

/** Rules a pair out of this cohort's matching (kept when the proposal is run again). */
export function excludePair(id: string, menteeId: string, mentorId: string) {
  return upsert(
    id,
    { add: "exclusions :entry" },
    { ":entry": new Set([exclusionEntry(menteeId, mentorId)]) },
  );
}

export function allowPair(id: string, menteeId: string, mentorId: string) {
  return upsert(
    id,
    { remove: "exclusions :entry" },
    { ":entry": new Set([exclusionEntry(menteeId, mentorId)]) },
  );
}

function toCohort(item: Record<string, unknown>): Cohort {
  return {
    id: String(item.id),
    name: String(item.name ?? item.id),
    settings: { ...defaultSettings(), ...(item.settings as Partial<CohortSettings> | undefined) },
    excludedPairs: [...((item.exclusions as Set<string> | undefined) ?? [])]
      .sort()
      .map((entry) => entry.split("|") as [string, string]),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
  };
}
