import { flushMetrics, logger, maskedError, withoutPersonalData } from "#core/observability";
import { isTransient, TransientStepError } from "#core/pair/errors";
import {
  awaitStep,
  closePair,
  giveUp,
  introduce,
  invite,
  nudgeOrEscalate,
  planThePause,
  recordFailure,
  recordNoShow,
  remind,
} from "#core/pair/steps";
import type { StepPayload } from "#core/workflow/payload";

/**
 * The pair steps Lambda: every Task of the pair workflow calls it with one typed payload and an
 * `action`. Transient failures are rethrown as `TransientStepError` (the state machine retries
 * them with backoff and jitter); anything else keeps its name for the Catch.
 */
export async function runStep(payload: StepPayload): Promise<unknown> {
  const { pairId } = payload;
  const step = payload.step ?? "";
  switch (payload.action) {
    case "introduce":
      return introduce(pairId);
    case "await":
      return awaitStep(payload);
    case "invite":
      return invite(payload);
    case "remind":
      return remind(payload);
    case "record-no-show":
      return recordNoShow(pairId, step);
    case "nudge":
      return nudgeOrEscalate(pairId);
    case "give-up":
      return giveUp(pairId);
    case "plan-pause":
      return planThePause(pairId);
    case "close":
      return closePair(pairId);
    case "record-failure":
      return recordFailure(payload);
  }
}

export const handler = async (payload: StepPayload): Promise<unknown> => {
  logger.appendKeys({ pairId: payload.pairId, action: payload.action, step: payload.step });
  try {
    return (await runStep(payload)) ?? null;
  } catch (error) {
    if (isTransient(error)) {
      logger.warn("Transient step failure", { error: (error as Error).name });
      // The message goes into the execution's history: no address may travel with it.
      throw new TransientStepError(withoutPersonalData((error as Error).message));
    }
    logger.error("Step failed", { error: (error as Error).name });
    // Its name is what the Catch matches, its message the Cause in the execution history: a
    // fresh error of the same name, its message masked the same way.
    throw maskedError(error);
  } finally {
    flushMetrics();
    logger.removeKeys(["pairId", "action", "step"]);
  }
};
