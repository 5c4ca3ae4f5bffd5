import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A TCP proxy in front of the SES local server, imported first by a fault test file so that the
 * app's SES client (and the outbox's sender) reach SES through it. `cut()` refuses every
 * connection and drops the open ones, as an SES outage would; `restore()` lets them through.
 * The test's own reads of the inbox go to SES directly (`inboxEndpoint`).
 */
export const inboxEndpoint = process.env.AWS_ENDPOINT_URL_SESV2 as string;
const target = new URL(inboxEndpoint);
const open = new Set<Socket>();

const server: Server = createServer((client) => {
  const upstream = connect(Number(target.port), target.hostname);
  for (const socket of [client, upstream]) {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.on("error", () => socket.destroy());
  }
  client.pipe(upstream).pipe(client);
});

const listen = (port = 0) =>
  new Promise<number>((resolve) =>
    server.listen(port, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    }),
  );

const port = await listen();
process.env.AWS_ENDPOINT_URL_SESV2 = `http://127.0.0.1:${port}`;

export const sesProxy = {
  cut: () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of open) socket.destroy();
    }),
  restore: async () => {
    await listen(port);
  },
  close: () =>
    new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy();
      if (!server.listening) resolve();
      else server.close(() => resolve());
    }),
};
