/**
 * The local Step Functions service alone, in a process of its own, for the tests that kill it
 * (tests/workflow/durability.test.ts). It inherits the test's environment (DynamoDB Local, the SES
 * local server, the test's table) and reads:
 *   SFN_LOCAL_PORT, SFN_DATA_DIRECTORY  where it listens and keeps its journal;
 *   HANG_AFTER_ACTION                  a steps action whose first call runs, then never returns
 *                                       (the task is in flight when the process is killed);
 *   SCRIPT_ACTION, SCRIPT              a steps action and what its calls do, in order, e.g.
 *                                       "fail,fail,hang": the first two throw a TransientStepError,
 *                                       the third never returns ("slow": runs half a second late);
 *                                       calls past the script run.
 * It prints "ready <resumed executions>" once it answers, and each scripted call it makes. On
 * SIGINT it stops the service as `npm start` does (running steps finish) and prints "stopped".
 */
import { TransientStepError } from "#core/pair/errors";
import { startLocalStepFunctions } from "../../functions/local/engine";
import { handler } from "../../functions/workflow/steps";

const hangAfter = process.env.HANG_AFTER_ACTION;
let hung = false;
const scripted = process.env.SCRIPT_ACTION;
const script = (process.env.SCRIPT ?? "").split(",").filter(Boolean);
let calls = 0;

const service = await startLocalStepFunctions({
  port: Number(process.env.SFN_LOCAL_PORT),
  dataDirectory: process.env.SFN_DATA_DIRECTORY,
  handler: async (payload) => {
    if (payload.action === scripted && calls < script.length) {
      const step = script[calls++];
      console.log(`${payload.action} call ${calls}: ${step}`);
      if (step === "fail") throw new TransientStepError("DynamoDB is slow today");
      if (step === "hang") await new Promise(() => {});
      if (step === "slow") await new Promise((resolve) => setTimeout(resolve, 500));
    }
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
process.on("SIGINT", async () => {
  await service.stop();
  console.log("stopped");
  process.exit(0);
});
