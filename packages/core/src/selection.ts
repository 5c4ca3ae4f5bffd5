import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { conditionally, documents, getItem } from "./clients/dynamodb";
import { clock } from "./clock";
import type { Bilingual } from "./email/layout";
import { render } from "./email/layout";
import { outboxPut } from "./email/outbox";
import { env } from "./env";
import { optionalText } from "./fields";
import { keys } from "./keys";
import type { MentorRecord } from "./mentor";
import { logger } from "./observability";
import { type Localised, programme } from "./programme";
import { unpairedRecordExpiry } from "./retention";

/**
 * Mentor selection: the interview grid (three criteria on four levels, each with a note) and the
 * decision, which the applicant learns by email. Only selected mentors are matched.
 */

export const criteria = [
  {
    id: "digitalMaturity",
    label: { fr: "Maturité numérique", en: "Digital maturity" },
  },
  {
    id: "teachingAptitude",
    label: { fr: "Goût et aptitude pour la transmission", en: "Teaching aptitude" },
  },
  {
    id: "seniorCoaching",
    label: {
      fr: "Aisance pour accompagner des cadres dirigeants",
      en: "Ability to coach senior managers",
    },
  },
] as const satisfies readonly { id: string; label: Localised }[];

export type CriterionId = (typeof criteria)[number]["id"];

export const gridLevels: readonly { value: 1 | 2 | 3 | 4; label: Localised }[] = [
  { value: 1, label: { fr: "Insuffisant", en: "Insufficient" } },
  { value: 2, label: { fr: "À conforter", en: "Needs strengthening" } },
  { value: 3, label: { fr: "Satisfaisant", en: "Satisfactory" } },
  { value: 4, label: { fr: "Excellent", en: "Excellent" } },
];

export const decisions = ["selected", "waiting-list", "not-selected"] as const;
export type Decision = (typeof decisions)[number];

export const decisionLabels: Record<Decision | "applied", Localised> = {
  applied: { fr: "Candidature reçue", en: "Application received" },
  selected: { fr: "Retenu", en: "Selected" },
  "waiting-list": { fr: "Liste d'attente", en: "Waiting list" },
  "not-selected": { fr: "Non retenu", en: "Not selected" },
};

const criterionSchema = (label: string) =>
  v.strictObject({
    level: v.pipe(
      v.number(`Choisissez un niveau pour « ${label} ».`),
      v.integer(`Choisissez un niveau pour « ${label} ».`),
      v.minValue(1, `Choisissez un niveau pour « ${label} ».`),
      v.maxValue(4, `Choisissez un niveau pour « ${label} ».`),
    ),
    note: optionalText(1000),
  });

export const InterviewSchema = v.strictObject({
  grid: v.strictObject(
    {
      digitalMaturity: criterionSchema(criteria[0].label.fr),
      teachingAptitude: criterionSchema(criteria[1].label.fr),
      seniorCoaching: criterionSchema(criteria[2].label.fr),
    },
    "Remplissez la grille d'entretien.",
  ),
  decision: v.picklist(
    decisions,
    "Choisissez une décision : retenu, liste d'attente ou non retenu.",
  ),
  comment: optionalText(2000),
});

export type Interview = v.InferOutput<typeof InterviewSchema>;

export type RecordedInterview = Interview & { recordedAt: string };

/** A mentor record as the programme team sees it, with its interview once recorded. */
export type SelectedMentorRecord = MentorRecord & { interview?: RecordedInterview };

/** Pure: only a selected mentor is offered to the matching. */
export const canBeMatched = (mentor: Pick<MentorRecord, "status">) => mentor.status === "selected";

/** Pure: the grid's total (3 to 12), shown beside the decision to help compare applicants. */
export const gridTotal = (grid: Interview["grid"]) =>
  grid.digitalMaturity.level + grid.teachingAptitude.level + grid.seniorCoaching.level;

/** Pure: the email that tells the applicant the decision, French first. */
export function decisionEmail(decision: Decision, firstName: string): Bilingual {
  const hello = { fr: `Bonjour ${firstName},`, en: `Hello ${firstName},` };
  const thanks = {
    fr: "Merci d'avoir pris le temps de cet entretien pour devenir mentor du programme de mentorat inversé.",
    en: "Thank you for taking the time for this interview to become a mentor in the reverse-mentoring programme.",
  };
  const bodies: Record<Decision, { subject: string; fr: string[]; en: string[] }> = {
    selected: {
      subject: `${programme.name} : votre candidature de mentor est retenue`,
      fr: [
        "Nous avons le plaisir de vous annoncer que votre candidature est retenue.",
        "L'équipe d'animation va former les binômes : vous recevrez un message de présentation avec le cadre que vous accompagnerez, puis un lien pour proposer le rendez-vous de préparation.",
      ],
      en: [
        "We are pleased to tell you that you have been selected.",
        "The programme team will now form the pairs: you will receive an introduction to the manager you will coach, then a link to propose the preparation call.",
      ],
    },
    "waiting-list": {
      subject: `${programme.name} : votre candidature de mentor est sur liste d'attente`,
      fr: [
        "Votre candidature a retenu notre attention, mais nous avons aujourd'hui plus de mentors que de cadres à accompagner. Nous la gardons sur liste d'attente.",
        "Nous reviendrons vers vous dès qu'un binôme pourra vous être proposé, dans cette vague ou la suivante.",
      ],
      en: [
        "Your application caught our attention, but we currently have more mentors than managers to coach. We are keeping it on our waiting list.",
        "We will come back to you as soon as a pair can be offered to you, in this cohort or the next one.",
      ],
    },
    "not-selected": {
      subject: `${programme.name} : votre candidature de mentor`,
      fr: [
        "Après examen, nous ne pouvons pas retenir votre candidature pour cette vague.",
        "Les ateliers collectifs et les rencontres BarNum' restent ouverts à toutes et à tous : nous serons heureux de vous y retrouver.",
      ],
      en: [
        "Having considered it, we cannot select your application for this cohort.",
        "The collective workshops and BarNum' events remain open to everyone: we would be glad to see you there.",
      ],
    },
  };
  const body = bodies[decision];
  return {
    subject: body.subject,
    fr: [hello.fr, thanks.fr, ...body.fr],
    en: [hello.en, thanks.en, ...body.en],
  };
}

export type InterviewOutcome =
  | { status: "recorded"; mentor: SelectedMentorRecord; email: "queued" | "already-queued" }
  | { status: "not-found" };

/**
 * Records the interview and the decision on the application and queues the email that tells the
 * applicant, in one transaction: a stored decision is always told, once, even while SES is down
 * (the outbox's sender delivers it when SES is back), and a decision that could not be stored
 * queues nothing. The email is sent once per decision: saving the grid again changes nothing for
 * the applicant, and a new decision (waiting list, then selected) sends its own email.
 */
/**
 * A newly selected mentor is invited to the coming preparation session. The decision stands if
 * this fails: the network page lists them as not invited, and its button invites them.
 */
async function invitedToPreparation(mentor: MentorRecord) {
  try {
    const { inviteToComingPreparation } = await import("./network/store");
    await inviteToComingPreparation(mentor);
  } catch (error) {
    logger.warn("A selected mentor could not be invited to the preparation session yet", {
      mentorId: mentor.id,
      error: (error as Error).name,
    });
  }
}

export async function recordInterview(
  mentorId: string,
  interview: Interview,
): Promise<InterviewOutcome> {
  const key = keys.mentor(mentorId);
  const existing = await getItem<SelectedMentorRecord>(key);
  if (!existing) return { status: "not-found" };
  const recorded: RecordedInterview = { ...interview, recordedAt: clock.now().toISOString() };
  const update = {
    TableName: env.tableName,
    Key: key,
    UpdateExpression: "SET interview = :interview, #status = :status, updatedAt = :now",
    ConditionExpression: "attribute_exists(pk)",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: {
      ":interview": recorded,
      ":status": interview.decision,
      ":now": recorded.recordedAt,
    },
  };
  const message = render(decisionEmail(interview.decision, existing.answers.firstName));
  const queue = outboxPut(
    `selection#${mentorId}#${interview.decision}`,
    { to: [existing.answers.email], ...message },
    { expiresAt: unpairedRecordExpiry(clock.now()) },
  );
  let email: "queued" | "already-queued" = "queued";
  try {
    await documents.send(
      new TransactWriteCommand({ TransactItems: [{ Update: update }, { Put: queue }] }),
    );
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [onRecord, onEmail] = (error.CancellationReasons ?? []).map((reason) => reason.Code);
    if (onRecord === "ConditionalCheckFailed") return { status: "not-found" };
    if (onEmail !== "ConditionalCheckFailed") throw error;
    // This decision's email was queued already (the grid saved again): store the grid alone.
    if (!(await conditionally(new UpdateCommand(update)))) return { status: "not-found" };
    email = "already-queued";
  }
  const mentor: SelectedMentorRecord = {
    ...existing,
    interview: recorded,
    status: interview.decision,
    updatedAt: recorded.recordedAt,
  };
  logger.info("Mentor interview recorded", { mentorId, decision: interview.decision, email });
  if (interview.decision === "selected") await invitedToPreparation(mentor);
  return { status: "recorded", mentor, email };
}
