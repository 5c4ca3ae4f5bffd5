// Runs one Lambda bundle as the Node 22 runtime would: a fresh process importing the ESM file and
// calling its `handler`. Usage: node invoke-bundle.mjs <bundle.mjs>, the event as JSON on stdin.
// Prints {"result": …} or {"error": …} as the last line of stdout.
import { pathToFileURL } from "node:url";

const [bundle] = process.argv.slice(2);
let input = "";
for await (const chunk of process.stdin) input += chunk;
const context = {
  functionName: "bundle-test",
  awsRequestId: "bundle-test-request",
  invokedFunctionArn: "arn:aws:lambda:eu-west-3:123456789012:function:bundle-test",
  getRemainingTimeInMillis: () => 30_000,
};
try {
  const { handler } = await import(pathToFileURL(bundle).href);
  const result = await handler(JSON.parse(input), context);
  process.stdout.write(`\n${JSON.stringify({ result: result ?? null })}\n`);
} catch (error) {
  process.stdout.write(`\n${JSON.stringify({ error: String(error?.stack ?? error) })}\n`);
}
