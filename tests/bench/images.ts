/**
 * Images: bytes moved through Berth next to the Engine API used directly.
 * - build from a context of BENCH_CONTEXT_MIB (256) MiB: HTTP upload → server → agent (acked
 *   chunks) → the engine's build endpoint, vs posting the same tar to the engine's /build;
 * - `docker save` of the built image as a download, vs the engine's /images/get;
 * - `docker load` of that tar as an upload, vs posting it to the engine's /images/load;
 * - the server's and the agent's memory (RSS) while the bytes pass through them.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import { tarParts } from "@/lib/images/tar";
import type { SimHost } from "../harness/hosts";
import { startStack } from "../harness/stack";
import { findPid, peakRss } from "./process-memory";

const CONTEXT_MIB = Number(process.env.BENCH_CONTEXT_MIB ?? 256);
const MiB = 1024 * 1024;

/** One request to the engine's API socket; the response body is read to its end. */
function engine(
  host: SimHost,
  method: string,
  urlPath: string,
  body?: Buffer,
): Promise<{ ms: number; bytes: number; text: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        socketPath: host.dockerSocket,
        method,
        path: urlPath,
        headers: { "content-type": "application/x-tar" },
      },
      (res) => {
        let bytes = 0;
        let tail = "";
        res.on("data", (d: Buffer) => {
          bytes += d.length;
          // the build's output is text; a save's tar is not decoded
          if (urlPath.startsWith("/build")) tail = (tail + d.toString("utf8")).slice(-2000);
        });
        res.on("end", () => resolve({ ms: performance.now() - t0, bytes, text: tail }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const rate = (bytes: number, ms: number) => `${(bytes / MiB / (ms / 1000)).toFixed(0)} MiB/s`;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;

export async function run(): Promise<void> {
  const stack = await startStack();
  const host = stack.hosts[0]!;
  const session = stack.admin;
  const hostId = stack.hostIds[0]!;
  const statePath = path.join(stack.stateDir, `${host.name}.json`);
  try {
    const pids = [
      await findPid("dist/server.js", `PORT=${stack.server.port}\0`),
      await findPid("agent.cjs", statePath),
    ];
    const base = `/api/hosts/${hostId}/images`;

    // incompressible data: no layer of the engine's storage gets it cheaper than it is
    const context = Buffer.from(
      await new Blob(
        tarParts([
          {
            path: "Dockerfile",
            data: new TextEncoder().encode("FROM scratch\nCOPY big.bin /big.bin\n"),
          },
          { path: "big.bin", data: randomBytes(CONTEXT_MIB * MiB) },
        ]) as BlobPart[],
      ).arrayBuffer(),
    );

    const direct = await engine(host, "POST", "/build?t=bench/direct:1&rm=1", context);
    if (!direct.text.includes("Successfully tagged"))
      throw new Error(`direct build failed: ${direct.text}`);
    const berth = await peakRss(pids, async () => {
      const query = new URLSearchParams({ options: JSON.stringify({ tags: ["bench/berth:1"] }) });
      const res = await session.fetch(`${base}/build?${query}`, {
        method: "POST",
        body: new Blob([new Uint8Array(context)]),
      });
      if (res.status !== 200) throw new Error(`build failed: ${await res.text()}`);
    });
    console.log(
      `  build, ${mib(context.length)} context: engine directly ${(direct.ms / 1000).toFixed(1)} s (${rate(context.length, direct.ms)}), ` +
        `through Berth ${(berth.ms / 1000).toFixed(1)} s (${rate(context.length, berth.ms)})`,
    );
    console.log(
      `  RSS during the build: server ${mib(berth.before[0]!)} → peak ${mib(berth.peak[0]!)}, ` +
        `agent ${mib(berth.before[1]!)} → peak ${mib(berth.peak[1]!)}`,
    );

    const savedDirect = await engine(host, "GET", "/images/get?names=bench/berth:1");
    const parts: Buffer[] = [];
    const saved = await peakRss(pids, async () => {
      const res = await session.fetch(`${base}/save?ref=bench/berth:1`);
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        parts.push(Buffer.from(chunk));
      }
    });
    const tar = Buffer.concat(parts);
    console.log(
      `  save, ${mib(tar.length)}: engine directly ${rate(savedDirect.bytes, savedDirect.ms)}, through Berth ${rate(tar.length, saved.ms)}; ` +
        `peak RSS server ${mib(saved.peak[0]!)}, agent ${mib(saved.peak[1]!)}`,
    );

    await engine(host, "DELETE", "/images/bench/berth:1");
    const loadedDirect = await engine(host, "POST", "/images/load?quiet=1", tar);
    await engine(host, "DELETE", "/images/bench/berth:1");
    const loaded = await peakRss(pids, async () => {
      const res = await session.fetch(`${base}/load`, {
        method: "POST",
        body: new Blob([new Uint8Array(tar)]),
      });
      if (res.status !== 200) throw new Error(`load failed: ${await res.text()}`);
    });
    console.log(
      `  load, ${mib(tar.length)}: engine directly ${rate(tar.length, loadedDirect.ms)}, through Berth ${rate(tar.length, loaded.ms)}; ` +
        `peak RSS server ${mib(loaded.peak[0]!)}, agent ${mib(loaded.peak[1]!)}`,
    );
  } finally {
    await stack.stop();
  }
}
