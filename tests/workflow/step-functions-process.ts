/**
 * The local Step Functions service alone, in a process of its own, for the tests that kill it
 * (tests/workflow/durability.test.ts). It inherits the test's environment (DynamoDB Local, the SES
 * local server, the test's table) and reads:
 *   SFN_LOCAL_PORT, SFN_DATA_DIRECTORY  where it listens and keeps its journal;
 *   HANG_AFTER_ACTION                  a steps action whose first call runs, then never returns
 *                                       (the task is in flight when the process is killed).
 * It prints "ready <resumed executions>" once it answers.
 */
import { startLocalStepFunctions } from "../../functions/local/engine";
import { handler } from "../../functions/workflow/steps";

const hangAfter = process.env.HANG_AFTER_ACTION;
let hung = false;

const service = await startLocalStepFunctions({
  port: Number(process.env.SFN_LOCAL_PORT),
  dataDirectory: process.env.SFN_DATA_DIRECTORY,
  handler: async (payload) => {
    const result = await handler(payload);
    if (payload.action === hangAfter && !hung) {
      hung = true;
      console.log(`hanging after ${payload.action}`);
      await new Promise(() => {});
    }
    return result;
  },
});
console.log(`ready ${service.resumed}`);
