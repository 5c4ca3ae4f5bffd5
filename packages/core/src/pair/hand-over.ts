import { workflowEngine } from "../workflow/engine";
import { claimDelivery, getWait, releaseDelivery } from "./store";

/**
 * Hands a pair's resolved answer to the token that waits now: the one way an answer reaches the
 * execution, from the link that recorded it and from the execution's next wait alike. The
 * delivery is claimed before it is sent, so the two never hand it to the same token twice. A
 * token that stopped waiting a moment ago (its step timed out) says "gone": the answer stays
 * resolved, and the step's next wait — which the execution always reaches — takes it over (see
 * `nextWait`).
 */
export async function handOver(pairId: string): Promise<void> {
  const gone = new Set<string>();
  for (let round = 0; round < 3; round++) {
    const wait = await getWait(pairId);
    if (!wait?.resolvedAt || wait.deliveredTo === wait.token || gone.has(wait.token)) return;
    if (!(await claimDelivery(pairId, wait.token))) continue;
    let sent: "delivered" | "gone";
    try {
      sent = await (await workflowEngine()).sendTaskSuccess(wait.token, wait.output ?? {});
    } catch (error) {
      // Not sent (Step Functions unavailable): the next attempt may claim it again.
      await releaseDelivery(pairId, wait.token);
      throw error;
    }
    if (sent === "delivered") return;
    gone.add(wait.token);
    await releaseDelivery(pairId, wait.token);
  }
}
