import type { ChapterInput } from "./payload";

/**
 * The small port through which the domain drives executions: Step Functions, through
 * `@aws-sdk/client-sfn`, on AWS and locally alike (the local service only changes the endpoint).
 * Answers delivered to a token that no longer waits say "gone".
 */
export type Delivery = "delivered" | "gone";

export interface WorkflowEngine<Input extends object = ChapterInput> {
  /**
   * Starts an execution by name; `started: false` when that name already exists. `fresh`: the
   * caller has just created what the name is made of, so no execution can have it yet.
   */
  start(
    executionName: string,
    input: Input,
    options?: { fresh?: boolean },
  ): Promise<{ started: boolean }>;
  sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<Delivery>;
  sendTaskFailure(taskToken: string, error: string, cause: string): Promise<Delivery>;
}

let registered: WorkflowEngine | undefined;

/** Unit-level tests may isolate the domain from Step Functions; everything else uses the SDK. */
export function useWorkflowEngine(engine: WorkflowEngine | undefined) {
  registered = engine;
}

export async function workflowEngine(): Promise<WorkflowEngine> {
  if (registered) return registered;
  const { stepFunctionsEngine } = await import("./step-functions");
  registered = stepFunctionsEngine;
  return registered;
}
