import { createConnection, createServer, type Socket } from "node:net";

/**
 * A TCP proxy in front of a real service, that a test cuts the way an outage would:
 * - `refuse`: nothing listens any more and open connections are reset (a stopped service);
 * - `lose-answers`: requests still reach the service, which acts on them, but every answer is
 *   dropped and the connection reset (a network that fails after the write: the outcome is
 *   unknown to the client).
 * The app reaches it through the SDK's `AWS_ENDPOINT_URL_*` variable, as an operator would.
 */
export type CuttableProxy = {
  endpoint: string;
  cut: (mode: "refuse" | "lose-answers") => Promise<void>;
  restore: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startProxy(upstream: string): Promise<CuttableProxy> {
  const target = new URL(upstream);
  let mode: "open" | "refuse" | "lose-answers" = "open";
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const service = createConnection(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(service);
    const forget = () => {
      sockets.delete(client);
      sockets.delete(service);
      client.destroy();
      service.destroy();
    };
    client.on("error", forget).on("close", forget);
    service.on("error", forget).on("close", forget);
    client.on("data", (chunk) => service.write(chunk));
    service.on("data", (chunk) => {
      if (mode === "lose-answers") client.resetAndDestroy();
      else client.write(chunk);
    });
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });
  const port = await listen(0);
  const resetAll = () => {
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
  };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    cut: async (how) => {
      mode = how;
      if (how === "refuse" && server.listening) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          resetAll();
        });
      }
      if (how === "lose-answers" && !server.listening) await listen(port);
    },
    restore: async () => {
      mode = "open";
      if (!server.listening) await listen(port);
    },
    close: async () => {
      resetAll();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
