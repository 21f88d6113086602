import net from "node:net";
import { freePort } from "./ports";

export type SlowLink = {
  /** host:port to use instead of the target's */
  host: string;
  /** connections still open through the link */
  openConnections(): number;
  /** bytes carried from the target back to the clients so far */
  bytesSent(): number;
  stop(): Promise<void>;
};

/**
 * A TCP relay on `address` to `target` (host:port) that carries the target's answers at about
 * `bytesPerSecond`, as a far-away server would: long transfers stay in flight long enough for a
 * test to act on them.
 */
export async function startSlowLink(
  address: string,
  target: string,
  bytesPerSecond = 1024 * 1024,
): Promise<SlowLink> {
  const [targetHost, targetPort] = [
    target.slice(0, target.lastIndexOf(":")),
    Number(target.slice(target.lastIndexOf(":") + 1)),
  ];
  const tickMs = 20;
  const perTick = Math.max(1, Math.floor((bytesPerSecond * tickMs) / 1000));
  const sockets = new Set<net.Socket>();
  let sent = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client);
    const queue: Buffer[] = [];
    const timer = setInterval(() => {
      let budget = perTick;
      while (budget > 0 && queue.length > 0) {
        const head = queue[0]!;
        const piece = head.subarray(0, budget);
        if (piece.length === head.length) queue.shift();
        else queue[0] = head.subarray(budget);
        budget -= piece.length;
        sent += piece.length;
        client.write(piece);
      }
      if (queue.length === 0) upstream.resume();
      if (upstream.readableEnded && queue.length === 0) client.end();
    }, tickMs);
    upstream.on("data", (data: Buffer) => {
      queue.push(data);
      upstream.pause();
    });
    upstream.on("end", () => {
      if (queue.length === 0) client.end();
    });
    client.pipe(upstream);
    const close = () => {
      clearInterval(timer);
      sockets.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", close);
    client.on("error", close);
    upstream.on("error", close);
    upstream.on("close", () => {
      if (queue.length === 0) close();
    });
  });
  const port = await freePort(address);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, address, () => resolve());
  });
  return {
    host: `${address}:${port}`,
    openConnections: () => sockets.size,
    bytesSent: () => sent,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
