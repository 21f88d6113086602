/**
 * The agent's log and stats streams and exec sessions, driven in-process against a real engine
 * in a simulated host and checked against the engine's own output (docker CLI).
 */
import { readFileSync } from "node:fs";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  EXEC_OUTPUT_WINDOW,
  logTimeToUnix,
  parseLogBatch,
  ContainerStatsSampleSchema,
  LogLineSchema,
  type ContainerStatsSample,
  type LogLine,
  type WireError,
} from "@/lib/protocol";
import { ExecSessions, type ExecExit } from "../../agent/src/exec/exec-sessions";
import { parseMeminfo } from "../../agent/src/metrics/memory";
import { streamRegistry } from "../../agent/src/streams/registry";
import { MAX_CHUNK_BYTES, StreamManager } from "../../agent/src/streams/stream-manager";
import { BUSYBOX_IMAGE, startHosts, type SimHost, type SimHosts } from "../harness/hosts";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const IDLE = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"];

let sim: SimHosts;
let host: SimHost;
let docker: Docker;

beforeAll(async () => {
  sim = await startHosts(1);
  host = sim.hosts[0]!;
  docker = new Docker({ socketPath: host.dockerSocket });
});

afterAll(async () => {
  await sim?.stop();
});

async function until<T>(fn: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error("timed out");
    await sleep(20);
  }
}

async function run(args: string[]): Promise<string> {
  return (await host.docker(["run", "-d", ...args])).stdout.trim();
}

interface OpenedStream {
  chunks: Buffer[];
  records: () => unknown[];
  ended: Promise<{ error?: WireError }>;
  cancel: () => void;
}

/** Opens one stream through a StreamManager whose sink acks at once. */
async function openStream(stream: string, params: unknown): Promise<OpenedStream> {
  const chunks: Buffer[] = [];
  let endResolve: (v: { error?: WireError }) => void = () => {};
  const ended = new Promise<{ error?: WireError }>((r) => (endResolve = r));
  const manager = new StreamManager(
    streamRegistry,
    { docker, socketPath: host.dockerSocket },
    {
      chunk: async (_id, data) => void chunks.push(Buffer.from(data)),
      end: (_id, error) => endResolve({ error }),
    },
  );
  const reply = await manager.handleOpen({ streamId: "s1", stream, params });
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { wire: reply.error });
  const text = () => Buffer.concat(chunks).toString("utf8");
  return {
    chunks,
    // logs come as log records, the other streams as NDJSON
    records: () =>
      stream === "container.logs"
        ? parseLogBatch(text())
        : text()
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l) as unknown),
    ended,
    cancel: () => manager.handleCancel({ streamId: "s1" }),
  };
}

async function logsOf(
  params: Record<string, unknown>,
): Promise<{ lines: LogLine[]; chunks: Buffer[] }> {
  const s = await openStream("container.logs", { follow: false, tail: "all", ...params });
  const end = await s.ended;
  expect(end.error).toBeUndefined();
  return { lines: s.records().map((r) => LogLineSchema.parse(r)), chunks: s.chunks };
}

/** RFC 3339 with nanoseconds → "seconds.nanoseconds" as the API takes it. */
const unixOf = (t: string): string => logTimeToUnix(t) ?? "";

describe("container.logs", () => {
  let id: string;
  let full: LogLine[];

  beforeAll(async () => {
    id = await run([
      BUSYBOX_IMAGE,
      "sh",
      "-c",
      'for i in $(seq 1 5000); do echo "line $i"; echo "err $i" >&2; done; ' +
        'printf "\\033[31mred\\033[0m <img src=x onerror=alert(1)> é😀\\n"',
    ]);
    await host.docker(["wait", id]);
    full = (await logsOf({ id })).lines;
  });

  it("delivers every line in order with the right stream, as docker logs shows them", async () => {
    const cli = await host.docker(["logs", "-t", id]);
    const asCli = (s: "out" | "err") =>
      full
        .filter((l) => l.s === s)
        .map((l) => `${l.t} ${l.m}\n`)
        .join("");
    expect(asCli("out")).toBe(cli.stdout);
    expect(asCli("err")).toBe(cli.stderr);
    const out = full.filter((l) => l.s === "out").map((l) => l.m);
    const err = full.filter((l) => l.s === "err").map((l) => l.m);
    expect(out.slice(0, 5000)).toEqual(Array.from({ length: 5000 }, (_, i) => `line ${i + 1}`));
    expect(err).toEqual(Array.from({ length: 5000 }, (_, i) => `err ${i + 1}`));
    // per stream in time order (across out and err the engine's own order is kept)
    for (const s of ["out", "err"]) {
      const ts = full.filter((l) => l.s === s).map((l) => l.t);
      expect([...ts].sort()).toEqual(ts);
    }
  });

  it("passes ANSI sequences and markup through byte-exact", () => {
    // stdout and stderr are separate pipes: the last stdout line need not be the last line.
    expect(full.filter((l) => l.s === "out").at(-1)).toMatchObject({
      s: "out",
      m: "\x1b[31mred\x1b[0m <img src=x onerror=alert(1)> é😀",
    });
  });

  it("sends whole records per chunk, never more than a chunk, and many lines to a chunk", async () => {
    const { chunks, lines } = await logsOf({ id, follow: true });
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
      expect(c[c.length - 1]).toBe(0x0a);
    }
    // the engine writes a message per line; reads that come in quick succession go out together
    expect(chunks.length).toBeLessThan(lines.length / 100);
  });

  it("honours tail and since", async () => {
    const tail = (await logsOf({ id, tail: 10 })).lines;
    expect(tail).toEqual(full.slice(-10));
    const from = full[6000]!.t;
    const since = (await logsOf({ id, since: unixOf(from) })).lines;
    // Engine stamps drop trailing zeros, so they compare as UNIX times, not as text.
    expect(since).toEqual(full.filter((l) => unixOf(l.t) >= unixOf(from)));
    expect(since.length).toBeLessThan(full.length);
  });

  it("refuses an unknown container", async () => {
    await expect(openStream("container.logs", { id: "no-such-container" })).rejects.toMatchObject({
      wire: { code: "NOT_FOUND" },
    });
  });

  it("follows new lines live and ends when the container stops", async () => {
    const live = await run([
      BUSYBOX_IMAGE,
      "sh",
      "-c",
      "trap 'exit 0' TERM; i=0; while :; do i=$((i+1)); echo \"tick $i\"; sleep 0.2; done",
    ]);
    const s = await openStream("container.logs", { id: live, follow: true, tail: 0 });
    const first = await until(() => {
      const r = s.records() as LogLine[];
      return r.length >= 3 && r;
    });
    const n = Number(/tick (\d+)/.exec(first[0]!.m)![1]);
    expect(first.slice(0, 3).map((l) => l.m)).toEqual([n, n + 1, n + 2].map((i) => `tick ${i}`));
    await host.docker(["stop", "-t", "5", live]);
    expect((await s.ended).error).toBeUndefined();
  });

  it("reads a TTY container's output as out lines without \\r", async () => {
    const tty = await run([
      "-t",
      BUSYBOX_IMAGE,
      "sh",
      "-c",
      'echo "tty one"; printf "\\033[1;32mgreen\\033[0m <img src=x onerror=alert(1)>\\n"; echo "two"',
    ]);
    await host.docker(["wait", tty]);
    const { lines } = await logsOf({ id: tty });
    expect(lines.map((l) => [l.s, l.m])).toEqual([
      ["out", "tty one"],
      ["out", "\x1b[1;32mgreen\x1b[0m <img src=x onerror=alert(1)>"],
      ["out", "two"],
    ]);
  });
});

describe("exec sessions", () => {
  let id: string;
  const outputs = new Map<string, string[]>();
  const exits: ExecExit[] = [];
  let sessions: ExecSessions;
  const text = (sid: string) => (outputs.get(sid) ?? []).join("");

  beforeAll(async () => {
    id = await run([BUSYBOX_IMAGE, ...IDLE]);
    sessions = new ExecSessions(docker, host.dockerSocket, {
      output: async (sid, data) => {
        if (!outputs.has(sid)) outputs.set(sid, []);
        outputs.get(sid)!.push(data);
      },
      exit: (m) => exits.push(m),
    });
  });

  afterAll(() => sessions?.closeAll());

  it("runs a shell: echo, resize, exit code", async () => {
    const open = await sessions.open({ sessionId: "a", id, cmd: ["sh"], cols: 80, rows: 24 });
    expect(open).toEqual({ ok: true });
    sessions.input({ sessionId: "a", data: "echo hello\n" });
    await until(() => /\r\nhello\r\n/.test(text("a")));
    sessions.input({ sessionId: "a", data: "stty size\n" });
    await until(() => text("a").includes("24 80"));
    sessions.resize({ sessionId: "a", cols: 132, rows: 43 });
    await sleep(100);
    sessions.input({ sessionId: "a", data: "stty size\n" });
    await until(() => text("a").includes("43 132"));
    sessions.input({ sessionId: "a", data: "exit 3\n" });
    const exit = await until(() => exits.find((e) => e.sessionId === "a"));
    expect(exit).toEqual({ sessionId: "a", exitCode: 3 });
    expect(sessions.openCount).toBe(0);
  });

  it("reports a missing command through its exit code", async () => {
    const open = await sessions.open({
      sessionId: "b",
      id,
      cmd: ["no-such-command"],
      cols: 80,
      rows: 24,
    });
    expect(open).toEqual({ ok: true });
    const exit = await until(() => exits.find((e) => e.sessionId === "b"));
    expect([126, 127]).toContain(exit.exitCode);
  });

  it("refuses a stopped container and an unknown one with the engine's words", async () => {
    const stopped = await run([BUSYBOX_IMAGE, "true"]);
    await host.docker(["wait", stopped]);
    const reply = await sessions.open({
      sessionId: "c",
      id: stopped,
      cmd: ["sh"],
      cols: 80,
      rows: 24,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(reply.ok ? "" : reply.error.message).toMatch(/is not running/);
    const unknown = await sessions.open({
      sessionId: "d",
      id: "nope",
      cmd: ["sh"],
      cols: 80,
      rows: 24,
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("sends output only within the window of the terminal's acks, coalescing what piles up", async () => {
    const got: string[] = [];
    const slow = new ExecSessions(docker, host.dockerSocket, {
      output: (_sid, data) => void got.push(data),
      exit: (m) => exits.push(m),
    });
    const sent = () => got.reduce((n, g) => n + g.length, 0);
    // mostly 3-byte characters: the 64 KiB cuts land inside characters, which must survive
    const cmd = ["sh", "-c", "for i in $(seq 1 40000); do echo line-$i-€€€€€€€€€€; done"];
    expect(await slow.open({ sessionId: "e", id, cmd, cols: 80, rows: 24 })).toEqual({ ok: true });
    await until(() => sent() >= EXEC_OUTPUT_WINDOW);
    await sleep(300); // everything is printed meanwhile, nothing beyond the window is sent
    const held = got.length;
    expect(sent()).toBeLessThan(EXEC_OUTPUT_WINDOW + 64 * 1024);
    while (!exits.find((e) => e.sessionId === "e")) {
      slow.ack({ sessionId: "e", shown: sent() });
      await sleep(10);
    }
    // what piled up while the window was full went out in big messages, not line by line
    expect(got.length - held).toBeLessThan(200);
    for (const g of got) expect(Buffer.byteLength(g)).toBeLessThanOrEqual(64 * 1024);
    const all = got.join("");
    expect(all).not.toContain("\uFFFD");
    const lines = all.split("\r\n").filter((l) => l.startsWith("line-"));
    expect(lines).toEqual(Array.from({ length: 40000 }, (_, i) => `line-${i + 1}-€€€€€€€€€€`));
    expect(exits.find((e) => e.sessionId === "e")!.exitCode).toBe(0);
  });

  it("closes a session on request without an exit message", async () => {
    expect(await sessions.open({ sessionId: "f", id, cmd: ["sh"], cols: 80, rows: 24 })).toEqual({
      ok: true,
    });
    sessions.close({ sessionId: "f" });
    expect(sessions.openCount).toBe(0);
    await sleep(300);
    expect(exits.find((e) => e.sessionId === "f")).toBeUndefined();
  });

  it("hangs up the process of a closed session, leaving nothing behind in the container", async () => {
    const cmd = ["sleep", "4321"];
    expect(await sessions.open({ sessionId: "g", id, cmd, cols: 80, rows: 24 })).toEqual({
      ok: true,
    });
    const running = async () => (await host.docker(["top", id])).stdout.includes("4321");
    const waitFor = async (want: boolean) => {
      for (let i = 0; i < 100 && (await running()) !== want; i += 1) await sleep(50);
      expect(await running()).toBe(want);
    };
    await waitFor(true);
    sessions.close({ sessionId: "g" });
    await waitFor(false);
  });
});

describe("container.stats", () => {
  const samplesOf = (s: OpenedStream) =>
    s.records().map((r) => ContainerStatsSampleSchema.parse(r));

  it("reports CPU, memory with its limit and pids of a busy container", async () => {
    const busy = await run(["--memory", "64m", BUSYBOX_IMAGE, "sh", "-c", "while :; do :; done"]);
    const s = await openStream("container.stats", { id: busy });
    const samples = await until(() => {
      const x = samplesOf(s);
      return x.length >= 2 && x;
    }, 5000);
    s.cancel();
    const last = samples.at(-1)!;
    expect(last.cpuPercent).toBeGreaterThan(10);
    expect(last.memoryBytes).toBeGreaterThan(0);
    expect(last.memoryLimitBytes).toBe(64 * 1024 * 1024);
    expect(last.pids).toBe(1); // the shell runs its loop itself
    expect(last.netRxBytesPerSec).not.toBeNull();
    expect(last.blockReadBytesPerSec).not.toBeNull();
    expect(samples[1]!.at - samples[0]!.at).toBeGreaterThan(800);
    await host.docker(["rm", "-f", busy]);
  });

  it("counts network traffic, uses host memory without limit, nulls when stopped, ends on removal", async () => {
    const idle = await run([BUSYBOX_IMAGE, ...IDLE]);
    const gateway = (
      await host.docker(["inspect", "-f", "{{.NetworkSettings.Gateway}}", idle])
    ).stdout.trim();
    const s = await openStream("container.stats", { id: idle });
    const ping = host.docker([
      "exec",
      idle,
      "ping",
      "-c",
      "30",
      "-i",
      "0.1",
      "-s",
      "1200",
      gateway,
    ]);
    const busyNet = await until(() => {
      const x = samplesOf(s).find(
        (v: ContainerStatsSample) =>
          (v.netTxBytesPerSec ?? 0) > 1000 && (v.netRxBytesPerSec ?? 0) > 1000,
      );
      return x;
    }, 6000);
    // no limit: the host's memory, as /proc/meminfo has it
    expect(busyNet.memoryLimitBytes).toBe(
      parseMeminfo(readFileSync("/proc/meminfo", "utf8")).totalBytes,
    );
    await ping;
    await host.docker(["stop", "-t", "5", idle]);
    const stopped = await until(() => {
      const x = samplesOf(s);
      const v = x.at(-1);
      return v && v.cpuPercent === null && v.memoryBytes === null && v.pids === null && v;
    }, 5000);
    expect(stopped.netRxBytesPerSec).toBeNull();
    await host.docker(["rm", "-f", idle]);
    const end = await s.ended;
    expect(end.error?.code).toBe("NOT_FOUND");
  });
});
