import { MetricUnit } from "@aws-lambda-powertools/metrics";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { documents, getItem } from "./clients/dynamodb";
import { clock } from "./clock";
import { type Bilingual, render } from "./email/layout";
import { queueEmail } from "./email/outbox";
import { env } from "./env";
import { keys, normaliseEmail } from "./keys";
import { logger, metrics } from "./observability";
import { programme } from "./programme";

/**
 * Whether a person can still be reached by email. SES reports bounces and complaints (through the
 * configuration set's event destination); a permanent bounce or a complaint makes the address
 * unreachable: it is recorded, and the programme team is told once so they can fix the address or
 * contact the person another way. SES itself stops sending to it (the configuration set's
 * suppression list), so nothing here needs to block later sends.
 */
export type DeliveryProblem = {
  /** SES's id of this bounce or complaint: the same report delivered twice has the same id. */
  feedbackId: string;
  kind: "bounce" | "complaint";
  /** For a bounce: `Permanent` (the address does not exist), `Transient` or `Undetermined`. */
  bounceType?: string;
  recipients: string[];
  /** When SES reported it (ISO 8601). */
  reportedAt: string;
};

export type ProblemOutcome = { unreachable: string[]; teamAlerted: boolean };

/**
 * Pure: a hard bounce or a complaint makes an address unreachable. A transient bounce (mailbox
 * full, server down) is reported by SES only after it gave up retrying, but the address itself is
 * fine: the next message may well arrive, so it changes nothing.
 */
export function makesUnreachable(problem: Pick<DeliveryProblem, "kind" | "bounceType">) {
  return problem.kind === "complaint" || problem.bounceType === "Permanent";
}

export async function recordDeliveryProblem(problem: DeliveryProblem): Promise<ProblemOutcome> {
  if (!makesUnreachable(problem)) {
    logger.info("Delivery problem that leaves the address reachable", {
      feedbackId: problem.feedbackId,
      kind: problem.kind,
      bounceType: problem.bounceType,
    });
    return { unreachable: [], teamAlerted: false };
  }
  const unreachable = [...new Set(problem.recipients.map(normaliseEmail))];
  for (const email of unreachable) {
    await documents.send(
      new PutCommand({
        TableName: env.tableName,
        Item: {
          ...keys.unreachable(email),
          kind: "unreachable",
          email,
          reason: problem.kind,
          feedbackId: problem.feedbackId,
          reportedAt: problem.reportedAt,
          recordedAt: clock.now().toISOString(),
        },
      }),
    );
  }
  metrics.addMetric("UnreachableAddresses", MetricUnit.Count, unreachable.length);
  logger.warn("Addresses marked unreachable", {
    feedbackId: problem.feedbackId,
    kind: problem.kind,
    count: unreachable.length,
  });
  return { unreachable, teamAlerted: await alertTeam(problem, unreachable) };
}

export async function isUnreachable(email: string): Promise<boolean> {
  // Read as the address's state when the email leaves: an eventually consistent read suffices.
  return (await getItem(keys.unreachable(email), { consistent: false })) !== undefined;
}

/**
 * One alert per SES report, even when the report is delivered twice. The addresses are in the body
 * only: the subject is kept in the table with the outbox item. The team's own address is
 * never alerted about itself: that message would bounce in turn and start a loop.
 */
async function alertTeam(problem: DeliveryProblem, unreachable: string[]): Promise<boolean> {
  const team = normaliseEmail(programme.contactEmail);
  const others = unreachable.filter((email) => email !== team);
  if (others.length < unreachable.length) {
    logger.error("The programme team's own address is unreachable", {
      feedbackId: problem.feedbackId,
    });
  }
  if (others.length === 0) return false;
  await queueEmail(`unreachable#${problem.feedbackId}`, {
    to: [programme.contactEmail],
    ...render(unreachableAlert(problem.kind, others)),
  });
  return true;
}

export function unreachableAlert(kind: DeliveryProblem["kind"], addresses: string[]): Bilingual {
  const list = addresses.join(", ");
  const several = addresses.length > 1;
  return {
    subject: several
      ? `${programme.name} : ${addresses.length} adresses sont injoignables`
      : `${programme.name} : une adresse est injoignable`,
    fr: [
      "Bonjour,",
      kind === "bounce"
        ? several
          ? `Un message du programme n'a pas pu être remis, ces adresses n'existent pas ou n'acceptent plus de courrier : ${list}.`
          : `Un message du programme n'a pas pu être remis, l'adresse n'existe pas ou n'accepte plus de courrier : ${list}.`
        : several
          ? `Les destinataires ont signalé un message du programme comme indésirable : ${list}.`
          : `Le destinataire a signalé un message du programme comme indésirable : ${list}.`,
      several
        ? "Le programme n'enverra plus de message à ces adresses. Vérifiez-les auprès des personnes ou de leurs assistants, corrigez leurs dossiers, et suivez leurs binômes en cours : sans message, elles ne recevront ni invitation ni rappel."
        : "Le programme n'enverra plus de message à cette adresse. Vérifiez-la auprès de la personne ou de son assistant, corrigez son dossier, et suivez ses binômes en cours : sans message, elle ne recevra ni invitation ni rappel.",
    ],
    en: [
      "Hello,",
      kind === "bounce"
        ? several
          ? `A message from the programme could not be delivered, these addresses do not exist or no longer accept mail: ${list}.`
          : `A message from the programme could not be delivered, the address does not exist or no longer accepts mail: ${list}.`
        : several
          ? `The recipients marked a message from the programme as spam: ${list}.`
          : `The recipient marked a message from the programme as spam: ${list}.`,
      several
        ? "The programme will send no more messages to these addresses. Check them with the people or their assistants, correct their records, and follow their ongoing pairs: without email they receive no invitation and no reminder."
        : "The programme will send no more messages to this address. Check it with the person or their assistant, correct their record, and follow their ongoing pairs: without email they receive no invitation and no reminder.",
    ],
  };
}
