import type * as v from "valibot";
import {
  answerFromForm,
  type LinkBinding,
  type LinkReading,
  linkUse,
  type PostedForm,
  parseAnswer,
  readLink,
} from "../links";
import { logger } from "../observability";
import { type AnswerInput, type AnswerOutcome, decideAnswer } from "./answer-rules";
import { TransientStepError } from "./errors";
import { handOver } from "./hand-over";
import { getMeeting, getPair, getWait, recordAnswer } from "./store";

export type { AnswerInput, AnswerOutcome } from "./answer-rules";

/**
 * A person's answer, given through a link, reaching the step of the pair's execution that waits
 * for it. The link's use, the answer and all it changes are one DynamoDB transaction conditioned
 * on what the answer was decided from (the wait's revision, the meeting's version): of two answers
 * only one changes anything, and an answer is either stored whole or not at all. Then it is handed
 * to the waiting task token at once (the token never leaves the server).
 */
export type LinkAnswerOutcome =
  | { kind: "refused"; reason: Extract<LinkReading, { ok: false }>["reason"] }
  | { kind: "invalid"; link: LinkBinding; issues: v.BaseIssue<unknown>[] }
  | { kind: "answered"; link: LinkBinding; outcome: AnswerOutcome };

/** The answer posted through the link `token`: checked, validated, recorded, handed over. */
export async function answerByLink(token: string, form: PostedForm): Promise<LinkAnswerOutcome> {
  const reading = await readLink(token);
  if (!reading.ok) return { kind: "refused", reason: reading.reason };
  const { link } = reading;
  if (link.usedAt) {
    // A second click: the answer is stored; if its hand-over failed, this one tries again.
    await handOverLogged(link.pairId);
    return { kind: "answered", link, outcome: "already-recorded" };
  }
  const parsed = parseAnswer(
    link.purpose,
    link.recipient,
    answerFromForm(link.purpose, link.recipient, form),
  );
  if (!parsed.success) return { kind: "invalid", link, issues: parsed.issues };
  const input = { pairId: link.pairId, step: link.step, by: link.recipient, ...parsed.answer };
  return { kind: "answered", link, outcome: await answerStep(input, link.linkId) };
}

/**
 * Records an answer to the step a pair waits on (through the link `linkId`, used by the same
 * transaction) and hands it over. What was read is decided on again when it changed meanwhile
 * (a timeout, a new wait, another answer).
 */
export async function answerStep(input: AnswerInput, linkId?: string): Promise<AnswerOutcome> {
  for (let attempt = 1; attempt <= 4; attempt++) {
    const [pair, wait, meeting] = await Promise.all([
      getPair(input.pairId),
      getWait(input.pairId),
      getMeeting(input.pairId, input.step),
    ]);
    const decision = decideAnswer({ pair, wait, meeting }, input);
    if (decision.kind === "refused") return decision.outcome;
    const written = await recordAnswer(
      input.pairId,
      decision.writes,
      linkId ? linkUse(linkId) : undefined,
      pair,
    );
    if (written === "link-used") return "already-recorded";
    if (written === "recorded") {
      if (decision.resolves) await handOverLogged(input.pairId);
      return "recorded";
    }
  }
  throw new TransientStepError("The pair kept changing while the answer was recorded");
}

/**
 * The answer is stored whatever happens here: a hand-over that fails (Step Functions
 * unavailable) is retried by the person's next click and by the step's next wait.
 */
async function handOverLogged(pairId: string) {
  try {
    await handOver(pairId);
  } catch (error) {
    logger.error("A recorded answer could not be handed to its execution yet", {
      pairId,
      error: { name: (error as Error).name },
    });
  }
}
