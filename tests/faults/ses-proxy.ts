import { startProxy } from "./proxy";

/**
 * The cuttable proxy (proxy.ts) in front of the SES local server, imported first by a fault test
 * file so that the app's SES client (and the outbox's sender) reach SES through it. `cut()`
 * refuses every connection and drops the open ones, as an SES outage would; `restore()` lets them
 * through. The test's own reads of the inbox go to SES directly (`inboxEndpoint`).
 */
export const inboxEndpoint = process.env.AWS_ENDPOINT_URL_SESV2 as string;
const proxy = await startProxy(inboxEndpoint);
process.env.AWS_ENDPOINT_URL_SESV2 = proxy.endpoint;

export const sesProxy = {
  cut: () => proxy.cut("refuse"),
  restore: () => proxy.restore(),
  close: () => proxy.close(),
};
