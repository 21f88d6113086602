import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceResume, START } from "@/components/logs/log-model";
import type { UiSocket } from "@/components/ui/use-ui-socket";
import {
  EXEC_OUTPUT_WINDOW,
  UiEvents,
  decodeLogBatch,
  type LogLine,
  type LogOptionsInput,
  type LogResume,
} from "@/lib/protocol";
import { BUSYBOX_IMAGE, type SimHosts } from "../harness/hosts";
import type { TestSession } from "../harness/session";
import { accepted, request, startStack, waitFor, type Stack } from "../harness/stack";

/** Logs, terminals and container stats from a real engine through agent → server → /ui socket. */
let stack: Stack;
let sim: SimHosts;
let admin: TestSession;
let ui: UiSocket;
let hostId = "";

type Follow = { lines: LogLine[]; ends: Array<{ reason: string; message?: string }>; ack: boolean };

/**
 * Every subscription's batches, kept from the first one: a batch can reach the client in the
 * same network read as the subscribe reply, before the test knows the subscription's id.
 */
const follows = new Map<string, Follow>();
const early = new Map<string, Array<{ data: ArrayBuffer | Uint8Array; done: () => void }>>();
const earlyEnds = new Map<string, { reason: string; message?: string }>();

function collect(socket: UiSocket): void {
  socket.on(UiEvents.logsBatch, (batch, done) => {
    const follow = follows.get(batch.subscriptionId);
    if (!follow) {
      early.set(batch.subscriptionId, [
        ...(early.get(batch.subscriptionId) ?? []),
        { data: batch.data, done },
      ]);
      return;
    }
    follow.lines.push(...decodeLogBatch(batch.data));
    if (follow.ack) done();
  });
  socket.on(UiEvents.logsEnd, (end) => {
    const follow = follows.get(end.subscriptionId);
    if (follow) follow.ends.push(end);
    else earlyEnds.set(end.subscriptionId, end);
  });
}

/** Subscribes and collects lines, acking every batch like the browser does. */
async function follow(options: LogOptionsInput, resume?: LogResume, ack = true) {
  const { subscriptionId: id } = await accepted(ui, UiEvents.logsSubscribe, {
    hostId,
    options,
    resume,
  });
  const state: Follow = { lines: [], ends: [], ack };
  follows.set(id, state);
  for (const batch of early.get(id) ?? []) {
    state.lines.push(...decodeLogBatch(batch.data));
    if (ack) batch.done();
  }
  early.delete(id);
  const ended = earlyEnds.get(id);
  if (ended) state.ends.push(ended);
  earlyEnds.delete(id);
  return { id, lines: state.lines, ends: state.ends };
}

beforeAll(async () => {
  stack = await startStack();
  ({ sim, admin } = stack);
  hostId = stack.hostIds[0]!;
  ui = admin.uiSocket();
  collect(ui);
  await new Promise<void>((resolve, reject) => {
    ui.once("connect", () => resolve());
    ui.once("connect_error", reject);
  });
  const host = sim.hosts[0]!;
  await host.docker([
    "run",
    "-d",
    "--name",
    "talker",
    BUSYBOX_IMAGE,
    "sh",
    "-c",
    'for i in $(seq 1 3000); do echo "line $i"; echo "err $i" >&2; done; printf "\\033[31mred\\033[0m <img src=x onerror=alert(1)>\\n"; sleep 600',
  ]);
  await new Promise((r) => setTimeout(r, 1500));
}, 180_000);

afterAll(async () => {
  ui?.close();
  await stack?.stop();
});

describe("log streams", () => {
  it("delivers every line in order with stdout and stderr told apart, like docker logs", async () => {
    const { lines } = await follow({ id: "talker", follow: false, tail: "all" });
    await waitFor("6001 lines", () => lines.length >= 6001);
    const out = lines.filter((l) => l.s === "out").map((l) => l.m);
    const err = lines.filter((l) => l.s === "err").map((l) => l.m);
    expect(out.slice(0, 3000)).toEqual(Array.from({ length: 3000 }, (_, i) => `line ${i + 1}`));
    expect(err).toEqual(Array.from({ length: 3000 }, (_, i) => `err ${i + 1}`));
    expect(out.at(-1)).toBe("\u001b[31mred\u001b[0m <img src=x onerror=alert(1)>");
    const engine = await sim.hosts[0]!.docker(["logs", "talker"]);
    expect(out.join("\n")).toBe(engine.stdout.trimEnd());
  });

  it("honours tail and resumes from a timestamp without repeating or losing lines", async () => {
    const all = await follow({ id: "talker", follow: false, tail: "all" });
    await waitFor("all lines", () => all.ends.length === 1);
    expect(all.lines).toHaveLength(6001);
    const tail = await follow({ id: "talker", follow: false, tail: 10 });
    await waitFor("10 lines", () => tail.ends.length === 1);
    expect(tail.lines).toEqual(all.lines.slice(-10));
    // stdout and stderr interleaved, cut anywhere: the resumed view neither repeats nor loses
    for (const cut of [1, 2999, 3000, 4501, 6000]) {
      const held = all.lines.slice(0, cut);
      const resumed = await follow(
        { id: "talker", follow: false, tail: 10 },
        advanceResume(START, held),
      );
      await waitFor(`resumed after ${cut}`, () => resumed.ends.length === 1);
      expect([...held, ...resumed.lines].map((l) => `${l.s} ${l.m}`)).toEqual(
        all.lines.map((l) => `${l.s} ${l.m}`),
      );
    }
  });

  it("follows new lines live", async () => {
    await sim.hosts[0]!.docker([
      "run",
      "-d",
      "--name",
      "ticker",
      BUSYBOX_IMAGE,
      "sh",
      "-c",
      "i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.2; done",
    ]);
    const live = await follow({ id: "ticker", follow: true, tail: 0 });
    await waitFor("3 live ticks", () => live.lines.length >= 3);
    const numbers = live.lines.map((l) => Number(l.m.split(" ")[1]));
    expect(numbers.slice(1).every((n, i) => n === numbers[i]! + 1)).toBe(true);
    ui.emit(UiEvents.logsUnsubscribe, { subscriptionId: live.id });
  });

  it("tells a reader that never acknowledges that it fell behind, instead of growing memory", async () => {
    await sim.hosts[0]!.docker([
      "run",
      "-d",
      "--name",
      "flood",
      BUSYBOX_IMAGE,
      "sh",
      "-c",
      "seq 1 400000; sleep 600",
    ]);
    const slow = await follow({ id: "flood", follow: true, tail: "all" }, undefined, false);
    const end = await waitFor("behind", () => slow.ends[0], 60_000);
    expect(end.reason).toBe("behind");
  });

  it("downloads the whole log as text", async () => {
    const res = await admin.fetch(`/api/hosts/${hostId}/containers/talker/logs?timestamps=0`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="talker.log"');
    const text = await res.text();
    expect(text).toContain("line 3000\n");
    expect(text).toContain("[stderr] err 3000\n");
  });
});

describe("terminals", () => {
  /** A shell in the talker container, 80×24; its session id. */
  async function startShell(): Promise<string> {
    const started = await accepted(ui, UiEvents.execStart, {
      hostId,
      id: "talker",
      cmd: ["sh"],
      cols: 80,
      rows: 24,
    });
    return started.sessionId;
  }

  it("holds a flood of output at the container until the terminal has shown it", async () => {
    const output: string[] = [];
    const onOutput = (m: { data: string }) => output.push(m.data);
    ui.on(UiEvents.execOutput, onOutput);
    try {
      const sessionId = await startShell();
      const received = () => output.reduce((n, d) => n + d.length, 0);
      // 50,000 lines of 40 characters, and no ack from this terminal
      const row = "x".repeat(40);
      ui.emit(UiEvents.execInput, {
        sessionId,
        data: `yes ${row} | head -n 50000; echo flood-$((1+1))\n`,
      });
      await waitFor("the window to fill", () => received() >= EXEC_OUTPUT_WINDOW);
      await new Promise((r) => setTimeout(r, 500));
      expect(received()).toBeLessThan(EXEC_OUTPUT_WINDOW + 64 * 1024);
      expect(output.join("")).not.toContain("flood-2");
      // acks let it flow, step by step, as xterm sends them
      while (!output.join("").includes("flood-2\r\n")) {
        ui.emit(UiEvents.execAck, { sessionId, shown: received() });
        await new Promise((r) => setTimeout(r, 20));
      }
      const rows = output
        .join("")
        .split("\r\n")
        .filter((l) => l === row);
      expect(rows).toHaveLength(50000);
      ui.emit(UiEvents.execClose, { sessionId });
    } finally {
      ui.off(UiEvents.execOutput, onOutput);
    }
  });

  it("runs a command in a TTY, follows resizes and records the session in the audit log", async () => {
    const output: string[] = [];
    ui.on(UiEvents.execOutput, (m) => output.push(m.data));
    const exits: Array<{ exitCode: number | null }> = [];
    ui.on(UiEvents.execExit, (m) => exits.push(m));
    const sessionId = await startShell();
    ui.emit(UiEvents.execInput, { sessionId, data: "echo hel''lo\n" });
    await waitFor("hello echoed", () => output.join("").includes("hello"));
    ui.emit(UiEvents.execResize, { sessionId, cols: 100, rows: 40 });
    await new Promise((r) => setTimeout(r, 200));
    ui.emit(UiEvents.execInput, { sessionId, data: "stty size; exit 3\n" });
    await waitFor("exit", () => exits[0]);
    expect(output.join("")).toContain("40 100");
    expect(exits[0]!.exitCode).toBe(3);
    const { db } = await import("@/lib/db");
    // this session's row: the one that ended with its exit code
    let rows: Array<{ params: unknown }> = [];
    for (let tries = 0; tries < 50 && rows.length === 0; tries += 1) {
      rows = (await db.auditEvent.findMany({ where: { action: "container.exec" } })).filter((r) =>
        JSON.stringify(r.params).includes('"exitCode":3'),
      );
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]!.params).toMatchObject({ cmd: ["sh"], exitCode: 3 });
  });

  it("refuses a terminal in a stopped container with the engine's reason", async () => {
    await sim.hosts[0]!.docker(["create", "--name", "sleeper", BUSYBOX_IMAGE, "sleep", "1"]);
    const started = await request(ui, UiEvents.execStart, {
      hostId,
      id: "sleeper",
      cmd: ["sh"],
      cols: 80,
      rows: 24,
    });
    expect(started).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not running/i) },
    });
  });
});

describe("container stats", () => {
  it("streams plausible CPU, memory and process counts every second", async () => {
    await sim.hosts[0]!.docker([
      "run",
      "-d",
      "--name",
      "burner",
      "--memory",
      "64m",
      BUSYBOX_IMAGE,
      "sh",
      "-c",
      "while :; do :; done",
    ]);
    const samples: Array<{
      cpuPercent: number | null;
      memoryBytes: number | null;
      memoryLimitBytes: number | null;
      pids: number | null;
    }> = [];
    const reply = await accepted(ui, UiEvents.statsSubscribe, { hostId, containerId: "burner" });
    ui.on(UiEvents.statsSample, (m) => {
      if (m.subscriptionId === reply.subscriptionId) samples.push(m.sample);
    });
    await waitFor(
      "3 samples with CPU",
      () => samples.filter((s) => s.cpuPercent !== null).length >= 3,
      15_000,
    );
    const last = samples.at(-1)!;
    expect(last.cpuPercent!).toBeGreaterThan(10);
    expect(last.memoryBytes!).toBeGreaterThan(0);
    expect(last.memoryLimitBytes).toBe(64 * 1024 * 1024);
    expect(last.pids).toBe(1); // the shell runs its loop itself
  });
});
