import * as v from "valibot";
import type { MentorRecord } from "../mentor";
import {
  outcomeOf,
  type Pair,
  type PairOutcome,
  type PairPhase,
  type PairStatus,
} from "../pair/model";
import { type Localised, programme } from "../programme";
import type { StoredQuestionnaire } from "../questionnaire";

/**
 * The programme team's follow-up lists: questionnaires, mentors and pairs of a cohort, each with
 * what it relates to, filtered by phase, status and "needs attention". Pure: the labels, the
 * filters and the rows' shape; list-pages.ts reads them a page at a time.
 */

export const phases: readonly { id: PairPhase; label: Localised }[] = [
  { id: "introduction", label: { fr: "Présentation", en: "Introduction" } },
  { id: "preparation", label: { fr: "Rendez-vous de préparation", en: "Preparation call" } },
  { id: "sessions", label: { fr: "Séances", en: "Sessions" } },
  { id: "pause", label: { fr: "Pause", en: "Pause" } },
  { id: "follow-up", label: { fr: "Séance de suivi", en: "Follow-up session" } },
  { id: "closure", label: { fr: "Clôture", en: "Closure" } },
  { id: "closed", label: { fr: "Terminé", en: "Closed" } },
];

export const pairStatuses: readonly { id: PairStatus; label: Localised }[] = [
  { id: "active", label: { fr: "En cours", en: "Active" } },
  { id: "paused", label: { fr: "En pause", en: "Paused" } },
  { id: "closed", label: { fr: "Terminé", en: "Closed" } },
  { id: "cancelled", label: { fr: "Annulé", en: "Cancelled" } },
  { id: "failed", label: { fr: "En échec", en: "Failed" } },
];

const outcomeLabels: Record<PairOutcome, Localised> = {
  completed: { fr: "Terminé", en: "Completed" },
  stopped: { fr: "Arrêté automatiquement", en: "Stopped automatically" },
  cancelled: { fr: "Annulé par l'équipe", en: "Cancelled by the team" },
};

const runningLabels: Record<PairStatus, Localised> = {
  active: { fr: "En cours", en: "Running" },
  paused: { fr: "En pause", en: "Paused" },
  failed: { fr: "Incident à traiter", en: "Incident to handle" },
  closed: { fr: "Terminé", en: "Completed" },
  cancelled: { fr: "Annulé par l'équipe", en: "Cancelled by the team" },
};

/** The pair's state in a word, as people say it: how it ended, or how it runs. */
export const pairStateLabel = (pair: Pick<Pair, "status" | "outcome">): Localised => {
  const outcome = outcomeOf(pair);
  return outcome ? outcomeLabels[outcome] : runningLabels[pair.status];
};

export const questionnaireStatuses = [
  { id: "waiting", label: { fr: "En attente d'un binôme", en: "Waiting for a pair" } },
  { id: "paired", label: { fr: "En binôme", en: "Paired" } },
] as const;

export const mentorStatuses = [
  { id: "applied", label: { fr: "Candidature reçue", en: "Application received" } },
  { id: "selected", label: { fr: "Retenu", en: "Selected" } },
  { id: "waiting-list", label: { fr: "Liste d'attente", en: "Waiting list" } },
  { id: "not-selected", label: { fr: "Non retenu", en: "Not selected" } },
] as const;

export const phaseLabel = (phase: PairPhase) =>
  phases.find((item) => item.id === phase)?.label ?? { fr: phase, en: phase };
export const pairStatusLabel = (status: PairStatus) =>
  pairStatuses.find((item) => item.id === status)?.label ?? { fr: status, en: status };

const flag = v.pipe(
  v.picklist(["1", "0", "true", "false", "oui", "non", ""], "Indiquez 1 (oui) ou 0 (non)."),
  v.transform((value) =>
    value === "" ? undefined : value === "1" || value === "true" || value === "oui",
  ),
);

/**
 * The filters of every list, as query parameters (`?cohort=vague-1&phase=sessions&attention=1`),
 * with the page's cursor and a search.
 */
export const ListQuerySchema = v.object({
  cohort: v.optional(
    v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Cette vague n'existe pas.")),
  ),
  phase: v.optional(
    v.union(
      [v.literal(""), v.picklist(phases.map((item) => item.id))],
      "Cette phase n'existe pas.",
    ),
  ),
  status: v.optional(v.pipe(v.string(), v.maxLength(20, "Ce statut n'existe pas."))),
  attention: v.optional(flag),
  /** Where the page starts: the `next` of the previous page (a signed cursor). */
  cursor: v.optional(v.pipe(v.string(), v.maxLength(4000, "Ce curseur de page n'est pas valide."))),
  /** A name or an address, or their start (accents and capitals do not matter). */
  q: v.optional(v.pipe(v.string(), v.maxLength(120, "Une recherche tient en 120 caractères."))),
});

export type ListQuery = v.InferOutput<typeof ListQuerySchema>;

export type Filter = {
  cohortId: string;
  phase?: PairPhase;
  status?: string;
  needsAttention?: boolean;
};

export function toFilter(query: ListQuery): Filter {
  return {
    cohortId: query.cohort || programme.openCohortId,
    phase: query.phase ? query.phase : undefined,
    status: query.status ? query.status : undefined,
    needsAttention: query.attention,
  };
}

const matchesPair = (pair: Pair | undefined, filter: Filter) => {
  if (filter.phase && pair?.phase !== filter.phase) return false;
  if (filter.status && pair?.status !== filter.status) return false;
  if (
    filter.needsAttention !== undefined &&
    (pair?.needsAttention ?? false) !== filter.needsAttention
  ) {
    return false;
  }
  return true;
};

/** A list's filters, with the page's cursor and the search (empty ones dropped). */
export function toPageRequest(query: ListQuery): Filter & { cursor?: string; search?: string } {
  const search = query.q?.trim();
  return {
    ...toFilter(query),
    ...(query.cursor ? { cursor: query.cursor } : {}),
    ...(search ? { search } : {}),
  };
}

export function filterPairs(pairs: readonly Pair[], filter: Filter): Pair[] {
  return pairs.filter((pair) => matchesPair(pair, filter));
}

export type QuestionnaireRow = {
  questionnaire: StoredQuestionnaire;
  status: "waiting" | "paired";
  pair?: Pair;
};

export type MentorRow = {
  mentor: MentorRecord;
  pairs: Pair[];
  /** Pairs that still hold one of the mentor's places (running or paused). */
  placesTaken: number;
  needsAttention: boolean;
};

/**
 * The link to a pair's execution in the Step Functions console, or, locally, on the local
 * service's page for it (`localEndpoint`); undefined when no state machine is known.
 */
export function executionConsoleUrl(
  stateMachineArn: string | undefined,
  executionName: string,
  localEndpoint?: string,
): string | undefined {
  const match = /^arn:(aws[\w-]*):states:([\w-]+):(\d+):stateMachine:([\w-]+)$/.exec(
    stateMachineArn ?? "",
  );
  if (!match) return undefined;
  const [, partition, region, account, machine] = match;
  const executionArn = `arn:${partition}:states:${region}:${account}:execution:${machine}:${executionName}`;
  if (localEndpoint) {
    return `${localEndpoint.replace("127.0.0.1", "localhost")}/executions/${encodeURIComponent(executionArn)}`;
  }
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}
