/**
 * Benchmarks for the live half of Berth, each next to the Engine API used directly:
 * - log follow throughput of a container that printed BENCH_LOG_LINES (1,000,000) lines, through
 *   engine → agent → server → a socket.io client, and time to the first lines with tail 100;
 * - exec echo round trip over 1,000 keystrokes;
 * - the agent's cgroup stats sweep for 100 running containers vs Docker's stats API;
 * - the server's memory while a client reads a log slower than it is produced.
 */
import http from "node:http";
import { readFile } from "node:fs/promises";
import type { UiSocket } from "@/components/ui/use-ui-socket";
import { UiEvents, decodeLogBatch, type LogOptionsInput, type UiPushPayload } from "@/lib/protocol";
import { createDockerClient } from "../../agent/src/engine/docker-client";
import { ContainerStatsSweeper } from "../../agent/src/metrics/container-stats";
import { BUSYBOX_IMAGE, type SimHost } from "../harness/hosts";
import { accepted, startStack } from "../harness/stack";

const LOG_LINES = Number(process.env.BENCH_LOG_LINES ?? 1_000_000);
const LOG_ROUNDS = Number(process.env.BENCH_LOG_ROUNDS ?? 3);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 1000);
const SWEEP_CONTAINERS = Number(process.env.BENCH_SWEEP_CONTAINERS ?? 100);

const pct = (v: number[], p: number) =>
  [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor((p / 100) * v.length))] ?? NaN;

function engineGet(
  host: SimHost,
  urlPath: string,
): Promise<{ bytes: number; firstByteMs: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let first = 0;
    http
      .get({ socketPath: host.dockerSocket, path: urlPath }, (res) => {
        res.on("data", (d: Buffer) => {
          if (!first) first = performance.now() - t0;
          bytes += d.length;
        });
        res.on("end", () => resolve({ bytes, firstByteMs: first, ms: performance.now() - t0 }));
      })
      .on("error", reject);
  });
}

async function rss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

async function serverPid(port: number): Promise<number> {
  for (const entry of await (await import("node:fs/promises")).readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cmd = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    const env = await readFile(`/proc/${entry}/environ`, "utf8").catch(() => "");
    if (cmd.includes("dist/server.js") && env.includes(`PORT=${port}\0`)) return Number(entry);
  }
  throw new Error("server process not found");
}

function followLog(ui: UiSocket, hostId: string, options: LogOptionsInput, ackDelayMs = 0) {
  return new Promise<{ lines: number; ms: number; firstMs: number; reason: string }>(
    (resolve, reject) => {
      const t0 = performance.now();
      let lines = 0;
      let first = 0;
      let id = "";
      const onBatch = (b: UiPushPayload<typeof UiEvents.logsBatch>, done: () => void) => {
        // One subscription at a time on this socket: a batch that beats the reply is ours.
        if (id && b.subscriptionId !== id) return;
        if (!first) first = performance.now() - t0;
        // A client reads every line: decode them as the browser does.
        lines += decodeLogBatch(b.data).length;
        if (ackDelayMs) setTimeout(done, ackDelayMs);
        else done();
      };
      const onEnd = (e: UiPushPayload<typeof UiEvents.logsEnd>) => {
        if (id && e.subscriptionId !== id) return;
        ui.off(UiEvents.logsBatch, onBatch);
        ui.off(UiEvents.logsEnd, onEnd);
        resolve({ lines, ms: performance.now() - t0, firstMs: first, reason: e.reason });
      };
      ui.on(UiEvents.logsBatch, onBatch);
      ui.on(UiEvents.logsEnd, onEnd);
      ui.timeout(30_000)
        .emitWithAck(UiEvents.logsSubscribe, { hostId, options })
        .then((r) => {
          if (r.ok) id = r.subscriptionId;
          else reject(new Error(r.error.message));
        }, reject);
    },
  );
}

export async function run(): Promise<void> {
  const stack = await startStack();
  const host = stack.hosts[0]!;
  const session = stack.admin;
  const hostId = stack.hostIds[0]!;
  const port = stack.server.port;
  try {
    const ui = session.uiSocket();
    await new Promise<void>((resolve, reject) => {
      ui.once("connect", () => resolve());
      ui.once("connect_error", reject);
    });

    // Logs
    await host.docker([
      "run",
      "--name",
      "printer",
      BUSYBOX_IMAGE,
      "sh",
      "-c",
      `seq 1 ${LOG_LINES}`,
    ]);
    // Rounds alternate between the two, and the medians are compared: one round alone swings
    // by a third on a shared machine.
    const rawMs: number[] = [];
    const berthMs: number[] = [];
    let berthLines = 0;
    for (let round = 0; round < LOG_ROUNDS; round += 1) {
      const raw = await engineGet(
        host,
        "/containers/printer/logs?stdout=1&stderr=1&follow=1&timestamps=1",
      );
      rawMs.push(raw.ms);
      const berth = await followLog(ui, hostId, { id: "printer", follow: true, tail: "all" });
      berthMs.push(berth.ms);
      berthLines = berth.lines;
    }
    const raw = { ms: pct(rawMs, 50) };
    const viaBerth = { ms: pct(berthMs, 50), lines: berthLines };
    const rawTail = await engineGet(
      host,
      "/containers/printer/logs?stdout=1&stderr=1&tail=100&timestamps=1",
    );
    const tail = await followLog(ui, hostId, { id: "printer", follow: false, tail: 100 });
    console.log(`log follow, ${LOG_LINES} lines, median of ${LOG_ROUNDS} alternating rounds:`);
    console.log(
      `  rounds (ms): direct ${rawMs.map((v) => v.toFixed(0)).join(" ")}; Berth ${berthMs.map((v) => v.toFixed(0)).join(" ")}`,
    );
    console.log(
      `  Engine API direct          ${(LOG_LINES / (raw.ms / 1000)).toFixed(0)} lines/s (${raw.ms.toFixed(0)} ms)`,
    );
    console.log(
      `  engine → agent → server → socket.io client  ${(viaBerth.lines / (viaBerth.ms / 1000)).toFixed(0)} lines/s (${viaBerth.ms.toFixed(0)} ms, ${viaBerth.lines} lines)`,
    );
    console.log(`  ratio                      ${(raw.ms / viaBerth.ms).toFixed(2)}× (goal ≥ 0.9×)`);
    console.log(
      `  first lines, tail 100: direct ${rawTail.firstByteMs.toFixed(1)} ms, through Berth ${tail.firstMs.toFixed(1)} ms (goal ≤ 50 ms)`,
    );

    // Exec
    const docker = createDockerClient(host.dockerSocket);
    const rawTimes: number[] = [];
    {
      await host.docker(["run", "-d", "--name", "shell", BUSYBOX_IMAGE, "sleep", "3600"]);
      const exec = await docker
        .getContainer("shell")
        .exec({ Cmd: ["cat"], AttachStdin: true, AttachStdout: true, Tty: true });
      const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
      let waiter: (() => void) | null = null;
      stream.on("data", () => waiter?.());
      for (let i = 0; i < KEYSTROKES; i += 1) {
        const t0 = performance.now();
        await new Promise<void>((resolve) => {
          waiter = resolve;
          stream.write("a");
        });
        rawTimes.push(performance.now() - t0);
      }
      stream.end();
    }
    const berthTimes: number[] = [];
    {
      const started = await accepted(ui, UiEvents.execStart, {
        hostId,
        id: "shell",
        cmd: ["cat"],
        cols: 80,
        rows: 24,
      });
      let waiter: (() => void) | null = null;
      // echoes are far below the window a terminal acks in (EXEC_ACK_EVERY): no acks needed here
      ui.on(UiEvents.execOutput, () => waiter?.());
      for (let i = 0; i < KEYSTROKES; i += 1) {
        const t0 = performance.now();
        await new Promise<void>((resolve) => {
          waiter = resolve;
          ui.emit(UiEvents.execInput, { sessionId: started.sessionId, data: "a" });
        });
        berthTimes.push(performance.now() - t0);
      }
      ui.emit(UiEvents.execClose, { sessionId: started.sessionId });
    }
    console.log(`exec echo round trip, ${KEYSTROKES} keystrokes:`);
    console.log(
      `  Engine API direct  p50 ${pct(rawTimes, 50).toFixed(2)} ms  p99 ${pct(rawTimes, 99).toFixed(2)} ms`,
    );
    console.log(
      `  through Berth      p50 ${pct(berthTimes, 50).toFixed(2)} ms  p99 ${pct(berthTimes, 99).toFixed(2)} ms (goal p50 ≤ raw + 0.5 ms, p99 ≤ 2 × raw)`,
    );

    // Stats sweep
    for (let i = 0; i < SWEEP_CONTAINERS; i += 1) {
      await docker
        .createContainer({ Image: BUSYBOX_IMAGE, Cmd: ["sleep", "3600"], name: `sweep-${i}` })
        .then((c) => c.start());
    }
    const sweeper = new ContainerStatsSweeper(docker, () => undefined);
    await sweeper.sweep();
    const cpu: number[] = [];
    const wall: number[] = [];
    const reads: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await sweeper.sweep();
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      reads.push(sweeper.lastReadMs);
    }
    const statsApi = await engineGet(host, "/containers/sweep-0/stats?stream=false");
    console.log(`stats sweep, ${SWEEP_CONTAINERS + 1} running containers:`);
    console.log(
      `  agent sweep: CPU p50 ${pct(cpu, 50).toFixed(1)} ms, wall p50 ${pct(wall, 50).toFixed(1)} ms (cgroup reads ${pct(reads, 50).toFixed(1)} ms; the running set comes from engine events) — goal ≤ 10 ms`,
    );
    console.log(`  Docker stats API: ${statsApi.ms.toFixed(0)} ms for ONE container`);

    // Slow reader
    await host.docker([
      "run",
      "-d",
      "--name",
      "flood",
      BUSYBOX_IMAGE,
      "sh",
      "-c",
      "while :; do seq 1 100000; done",
    ]);
    const pid = await serverPid(port);
    const before = await rss(pid);
    let peak = before;
    const trace: number[] = [];
    let ticks = 0;
    const timer = setInterval(
      () =>
        void rss(pid).then((v) => {
          peak = Math.max(peak, v);
          if (++ticks % 10 === 0) trace.push(Math.round((v - before) / 1048576));
        }),
      200,
    );
    const slow = followLog(ui, hostId, { id: "flood", follow: true, tail: 0 }, 50);
    await Promise.race([slow, new Promise((r) => setTimeout(r, 20_000))]);
    clearInterval(timer);
    console.log(`server memory with a slow log reader (acks 50 ms late) for 20 s:`);
    console.log(
      `  RSS before ${(before / 1048576).toFixed(0)} MiB, peak ${(peak / 1048576).toFixed(0)} MiB, growth ${((peak - before) / 1048576).toFixed(1)} MiB (goal ≤ 50 MB)`,
    );
    console.log(`  growth every 2 s (MiB): ${trace.join(" ")}`);
    ui.close();
  } finally {
    await stack.stop();
  }
}
