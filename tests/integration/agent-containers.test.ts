/**
 * The agent's container handlers, live list, cgroup sweep and export stream, driven in-process
 * against a real engine in a simulated host; every effect is checked with the engine's own
 * inspect output (docker CLI) or the cgroup files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  AgentCommandName,
  AgentCommandResult,
  ContainerChange,
  ContainerSummary,
  ProgressMessage,
  RunSpecInput,
  WireError,
} from "@/lib/protocol";
import type { CommandContext } from "../../agent/src/engine/command-types";
import { ContainerFeed } from "../../agent/src/engine/container-feed";
import { dispatchCommand } from "../../agent/src/engine/dispatch";
import { EngineEventWatcher } from "../../agent/src/engine/engine-events";
import {
  locateCgroupFiles,
  memoryWorkingSet,
  parseCgroupMounts,
  parseCpuUsageNs,
  parseProcCgroup,
} from "../../agent/src/metrics/cgroup";
import { ContainerStatsSweeper } from "../../agent/src/metrics/container-stats";
import { commandRegistry } from "../../agent/src/engine/registry";
import { streamRegistry } from "../../agent/src/streams/registry";
import { MAX_CHUNK_BYTES, StreamManager } from "../../agent/src/streams/stream-manager";
import {
  BUSYBOX_IMAGE,
  runCommand,
  startHosts,
  type SimHost,
  type SimHosts,
} from "../harness/hosts";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const HTTPD = ["httpd", "-f", "-p", "80", "-h", "/etc"];
/** sh as PID 1 with a TERM handler: stops in about a second (busybox ignores TERM as PID 1). */
const STOPPABLE = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"];

let sim: SimHosts;
let host: SimHost;
let docker: Docker;
let ctx: CommandContext;
let scratch: string;
const progress: ProgressMessage[] = [];

type Reply<N extends AgentCommandName> =
  { ok: true; result: AgentCommandResult<N> } | { ok: false; error: WireError };

async function call<N extends AgentCommandName>(
  command: N,
  params: unknown,
  callId?: string,
): Promise<Reply<N>> {
  return (await dispatchCommand({ command, params, callId }, commandRegistry, ctx)) as Reply<N>;
}

async function ok<N extends AgentCommandName>(
  command: N,
  params: unknown,
): Promise<AgentCommandResult<N>> {
  const reply = await call(command, params);
  if (!reply.ok) throw new Error(`${command}: ${reply.error.code} ${reply.error.message}`);
  return reply.result;
}

const create = (spec: RunSpecInput) => ok("container.create", { spec });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function inspect(ref: string): Promise<any> {
  return JSON.parse((await host.docker(["inspect", ref])).stdout)[0];
}

async function names(): Promise<string[]> {
  const out = (await host.docker(["ps", "-a", "--format", "{{.Names}}"])).stdout;
  return out.split("\n").filter(Boolean).sort();
}

function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 3000 }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("timeout")));
  });
}

async function eventually<T>(fn: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (e) {
      if (Date.now() > end) throw e;
      await sleep(100);
    }
  }
}

beforeAll(async () => {
  sim = await startHosts(1);
  host = sim.hosts[0]!;
  docker = new Docker({ socketPath: host.dockerSocket });
  ctx = {
    docker,
    socketPath: host.dockerSocket,
    sendProgress: (m) => progress.push(m),
  };
  scratch = mkdtempSync(path.join(tmpdir(), "berth-agent-containers-"));
  writeFileSync(path.join(scratch, "hello.txt"), "hello from the host\n");
  await host.docker(["network", "create", "appnet"]);
  await host.docker(["network", "create", "backnet"]);
});

afterAll(async () => {
  await sim?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("container.create maps every RunSpec option", () => {
  it("creates, starts and publishes a web server with all host options", async () => {
    const res = await create({
      image: BUSYBOX_IMAGE,
      name: "web",
      command: HTTPD,
      hostname: "webhost",
      workingDir: "/etc",
      env: [
        { key: "GREETING", value: "hello world" },
        { key: "EMPTY", value: "" },
      ],
      ports: [
        { containerPort: 80, hostPort: 18080 },
        { containerPort: 53, hostPort: 15353, protocol: "udp", hostIp: host.ip },
        { containerPort: 81 },
      ],
      publishAll: true,
      volumes: [{ name: "webdata", target: "/data" }],
      binds: [{ source: scratch, target: "/mnt/host", readOnly: true }],
      tmpfs: [{ target: "/scratch", options: "size=1m" }],
      networks: [
        { name: "appnet", aliases: ["www", "frontend"] },
        { name: "backnet", aliases: ["web-back"] },
      ],
      restartPolicy: { name: "on-failure", maxRetries: 3 },
      cpus: 0.5,
      memoryBytes: 64 * 1024 * 1024,
      pidsLimit: 50,
      readOnlyRootfs: true,
      capAdd: ["NET_ADMIN"],
      capDrop: ["MKNOD"],
      noNewPrivileges: true,
      labels: { "com.example.app": "web", tier: "front" },
      healthcheck: {
        test: ["CMD", "true"],
        intervalSeconds: 1,
        timeoutSeconds: 2,
        startPeriodSeconds: 0.5,
        retries: 2,
      },
    });
    expect(res.name).toBe("web");
    expect(res.id).toMatch(/^[0-9a-f]{64}$/);

    const i = await inspect("web");
    expect(i.Id).toBe(res.id);
    expect(i.State.Running).toBe(true);
    expect(i.Config.Cmd).toEqual(HTTPD);
    expect(i.Config.Hostname).toBe("webhost");
    expect(i.Config.WorkingDir).toBe("/etc");
    expect(i.Config.Env).toEqual(expect.arrayContaining(["GREETING=hello world", "EMPTY="]));
    expect(Object.keys(i.Config.ExposedPorts).sort()).toEqual(["53/udp", "80/tcp", "81/tcp"]);
    expect(i.Config.Labels).toMatchObject({ "com.example.app": "web", tier: "front" });
    expect(i.Config.Healthcheck).toEqual({
      Test: ["CMD", "true"],
      Interval: 1e9,
      Timeout: 2e9,
      StartPeriod: 5e8,
      Retries: 2,
    });
    const hc = i.HostConfig;
    expect(hc.PortBindings).toEqual({
      "80/tcp": [{ HostIp: "", HostPort: "18080" }],
      "53/udp": [{ HostIp: host.ip, HostPort: "15353" }],
      "81/tcp": [{ HostIp: "", HostPort: "" }],
    });
    expect(hc.PublishAllPorts).toBe(true);
    // no host port asked: the engine picked one
    expect(Number(i.NetworkSettings.Ports["81/tcp"][0].HostPort)).toBeGreaterThan(0);
    expect(i.NetworkSettings.Ports["53/udp"]).toEqual([{ HostIp: host.ip, HostPort: "15353" }]);
    expect(hc.Mounts).toEqual([
      { Type: "volume", Source: "webdata", Target: "/data" },
      { Type: "bind", Source: scratch, Target: "/mnt/host", ReadOnly: true },
    ]);
    const mounts = Object.fromEntries(
      (i.Mounts as Array<{ Destination: string; RW: boolean; Name?: string }>).map((m) => [
        m.Destination,
        m,
      ]),
    );
    expect(mounts["/data"]).toMatchObject({ Name: "webdata", RW: true });
    expect(mounts["/mnt/host"]).toMatchObject({ RW: false });
    expect(hc.Tmpfs).toEqual({ "/scratch": "size=1m" });
    expect(hc.NetworkMode).toBe("appnet");
    expect(i.NetworkSettings.Networks.appnet.Aliases).toEqual(
      expect.arrayContaining(["www", "frontend"]),
    );
    expect(i.NetworkSettings.Networks.backnet.Aliases).toEqual(
      expect.arrayContaining(["web-back"]),
    );
    expect(hc.RestartPolicy).toEqual({ Name: "on-failure", MaximumRetryCount: 3 });
    expect(hc.NanoCpus).toBe(5e8);
    expect(hc.Memory).toBe(64 * 1024 * 1024);
    expect(hc.PidsLimit).toBe(50);
    expect(hc.ReadonlyRootfs).toBe(true);
    expect(hc.Privileged).toBe(false);
    expect(hc.CapAdd).toEqual(["NET_ADMIN"]);
    expect(hc.CapDrop).toEqual(["MKNOD"]);
    expect(hc.SecurityOpt).toEqual(["no-new-privileges:true"]);
    expect(hc.AutoRemove).toBe(false);

    // the published port answers from the root namespace; the bind is there and read-only
    const res80 = await eventually(() => httpGet(`http://${host.ip}:18080/hostname`));
    expect(res80).toEqual({ status: 200, body: "webhost\n" });
    const cat = await host.docker(["exec", "web", "cat", "/mnt/host/hello.txt"]);
    expect(cat.stdout).toBe("hello from the host\n");
    const touch = await host.docker(["exec", "web", "touch", "/mnt/host/x"], { allowFail: true });
    expect(touch).toMatchObject({
      code: 1,
      stderr: "touch: /mnt/host/x: Read-only file system\n",
    });
    const rootWrite = await host.docker(["exec", "web", "touch", "/x"], { allowFail: true });
    expect(rootWrite).toMatchObject({ code: 1, stderr: "touch: /x: Read-only file system\n" });
    // the alias resolves for others on the network
    await host.docker([
      "run",
      "--rm",
      "--network",
      "appnet",
      BUSYBOX_IMAGE,
      "ping",
      "-c1",
      "-W2",
      "www",
    ]);
    // healthcheck runs: the list reports it
    const row = await eventually(async () => {
      const list = await ok("container.list", {});
      const r = list.containers.find((c) => c.name === "web");
      if (r?.health !== "healthy") throw new Error(`health ${r?.health}`);
      return r;
    });
    expect(row).toMatchObject({
      name: "web",
      image: BUSYBOX_IMAGE,
      state: "running",
      labels: { tier: "front" },
    });
    expect(row.status).toMatch(/\(healthy\)/);
    expect(row.networks.sort()).toEqual(["appnet", "backnet"]);
    expect(row.ports).toEqual(
      expect.arrayContaining([{ privatePort: 80, publicPort: 18080, type: "tcp", ip: "0.0.0.0" }]),
    );
    expect(row.createdAt).toBeGreaterThan(Date.now() - 120_000);
  });

  it("sets entrypoint, command, user, workdir, auto-remove and leaves it created with start=false", async () => {
    const res = await create({
      image: BUSYBOX_IMAGE,
      name: "oneshot",
      entrypoint: ["/bin/sh", "-c"],
      command: ["sleep 300"],
      user: "1000:1000",
      workingDir: "/tmp",
      privileged: false,
      autoRemove: true,
      start: false,
    });
    const i = await inspect(res.id);
    expect(i.State.Status).toBe("created");
    expect(i.Config.Entrypoint).toEqual(["/bin/sh", "-c"]);
    expect(i.Config.Cmd).toEqual(["sleep 300"]);
    expect(i.Config.User).toBe("1000:1000");
    expect(i.Config.WorkingDir).toBe("/tmp");
    expect(i.HostConfig.AutoRemove).toBe(true);
    expect(i.HostConfig.RestartPolicy.Name).toBe("");
    await ok("container.start", { id: "oneshot" });
    const id = (await host.docker(["exec", "oneshot", "id", "-u"])).stdout.trim();
    expect(id).toBe("1000");
    await ok("container.kill", { id: "oneshot" });
    await eventually(async () => expect(await names()).not.toContain("oneshot"));
  });

  it("sets the other restart policies and privileged mode", async () => {
    for (const policy of ["always", "unless-stopped", "no"] as const) {
      const res = await create({
        image: BUSYBOX_IMAGE,
        command: ["true"],
        restartPolicy: { name: policy },
        privileged: policy === "always",
        start: false,
      });
      const i = await inspect(res.id);
      expect(i.HostConfig.RestartPolicy).toEqual({
        Name: policy === "no" ? "" : policy,
        MaximumRetryCount: 0,
      });
      expect(i.HostConfig.Privileged).toBe(policy === "always");
      expect(res.name).toBe(i.Name.replace(/^\//, "")); // engine-generated name
      await ok("container.remove", { id: res.id });
    }
  });
});

describe("container lifecycle", () => {
  it("stops with a timeout, kills with a signal, pauses, restarts, renames and removes", async () => {
    await create({
      image: BUSYBOX_IMAGE,
      name: "life",
      command: ["sh", "-c", "trap 'exit 42' USR1; while :; do sleep 0.2; done"],
      volumes: [{ name: "lifevol", target: "/v" }],
    });
    // busybox as PID 1 ignores TERM: the timeout decides how long stop waits
    let t = Date.now();
    await ok("container.stop", { id: "life", timeoutSeconds: 1 });
    expect(Date.now() - t).toBeLessThan(5000);
    let i = await inspect("life");
    expect(i.State.Running).toBe(false);
    expect(i.State.ExitCode).toBe(137);
    await ok("container.stop", { id: "life" }); // already stopped: fine

    await ok("container.start", { id: "life" });
    await ok("container.start", { id: "life" }); // already running: fine
    await ok("container.kill", { id: "life", signal: "SIGUSR1" });
    i = await eventually(async () => {
      const x = await inspect("life");
      if (x.State.Running) throw new Error("still running");
      return x;
    });
    expect(i.State.ExitCode).toBe(42);

    await ok("container.start", { id: "life" });
    await ok("container.pause", { id: "life" });
    expect((await inspect("life")).State.Paused).toBe(true);
    const paused = (await ok("container.list", {})).containers.find((c) => c.name === "life");
    expect(paused?.state).toBe("paused");
    await ok("container.unpause", { id: "life" });
    expect((await inspect("life")).State.Paused).toBe(false);

    const before = (await inspect("life")).State.StartedAt;
    t = Date.now();
    await ok("container.restart", { id: "life", timeoutSeconds: 1 });
    expect(Date.now() - t).toBeLessThan(5000);
    i = await inspect("life");
    expect(i.State.Running).toBe(true);
    expect(i.State.StartedAt).not.toBe(before);

    await ok("container.rename", { id: "life", name: "life2" });
    expect(await names()).toContain("life2");
    expect(await names()).not.toContain("life");

    const refused = await call("container.remove", { id: "life2" });
    expect(refused).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    await ok("container.remove", { id: "life2", force: true, removeVolumes: true });
    expect(await names()).not.toContain("life2");
    // named volumes are not anonymous: they stay
    expect((await host.docker(["volume", "ls", "-q"])).stdout).toContain("lifevol");
    const gone = await call("container.inspect", { id: "life2" });
    expect(gone).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("inspects, lists processes, diffs and commits", async () => {
    const { id } = await create({
      image: BUSYBOX_IMAGE,
      name: "worker",
      command: ["sh", "-c", "echo hi > /added.txt; rm /bin/vi; exec sleep 3600"],
    });
    const { inspect: raw } = await ok("container.inspect", { id: "worker" });
    expect(raw.Id).toBe(id);
    expect((raw.Config as { Cmd: string[] }).Cmd[0]).toBe("sh");

    const top = await eventually(async () => {
      const r = await ok("container.top", { id: "worker" });
      if (!r.processes.some((p) => p.join(" ").includes("sleep 3600"))) throw new Error("no sleep");
      return r;
    });
    expect(top.titles).toEqual(expect.arrayContaining(["PID", "CMD"]));

    const diff = await eventually(async () => {
      const r = await ok("container.diff", { id: "worker" });
      if (!r.changes.some((c) => c.path === "/added.txt")) throw new Error("not yet");
      return r;
    });
    expect(diff.changes).toEqual(
      expect.arrayContaining([
        { path: "/added.txt", kind: "added" },
        { path: "/bin/vi", kind: "deleted" },
        { path: "/bin", kind: "modified" },
      ]),
    );

    const { imageId } = await ok("container.commit", {
      id: "worker",
      repository: "berth-test/committed",
      tag: "v1",
      comment: "made by a test",
      author: "Berth tests",
    });
    expect(imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    const img = JSON.parse(
      (await host.docker(["image", "inspect", "berth-test/committed:v1"])).stdout,
    )[0];
    expect(img.Id).toBe(imageId);
    expect(img.Comment).toBe("made by a test");
    expect(img.Author).toBe("Berth tests");
    const out = await host.docker(["run", "--rm", "berth-test/committed:v1", "cat", "/added.txt"]);
    expect(out.stdout).toBe("hi\n");
    await ok("container.remove", { id: "worker", force: true });
  });
});

describe("container errors leave nothing behind", () => {
  it("port already allocated", async () => {
    await create({
      image: BUSYBOX_IMAGE,
      name: "port-a",
      command: HTTPD,
      ports: [{ containerPort: 80, hostPort: 18081 }],
    });
    const before = await names();
    const reply = await call("container.create", {
      spec: {
        image: BUSYBOX_IMAGE,
        name: "port-b",
        command: HTTPD,
        ports: [{ containerPort: 80, hostPort: 18081 }],
      },
    });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: "ENGINE_ERROR",
        message: expect.stringMatching(/18081.*port is already allocated/),
      },
    });
    expect(await names()).toEqual(before);
    await ok("container.remove", { id: "port-a", force: true });
  });

  it("name in use", async () => {
    const before = await names();
    const reply = await call("container.create", { spec: { image: BUSYBOX_IMAGE, name: "web" } });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: "CONFLICT",
        message: expect.stringMatching(/The container name "\/web" is already in use/),
      },
    });
    expect(await names()).toEqual(before);
  });

  it("no such image (the pull fails)", async () => {
    const before = await names();
    // A registry on the host's own loopback where nothing listens: the pull fails without any
    // traffic leaving the test's namespaces.
    const reply = await call(
      "container.create",
      { spec: { image: "127.0.0.1:9/berth-test/does-not-exist:1" } },
      "call-pull",
    );
    expect(reply).toEqual({
      ok: false,
      error: {
        code: "NOT_FOUND",
        message: expect.stringMatching(
          /^No such image: 127\.0\.0\.1:9\/berth-test\/does-not-exist:1 \(pull failed: .+\)$/,
        ),
      },
    });
    expect(await names()).toEqual(before);
  });

  it("invalid mount", async () => {
    const before = await names();
    const reply = await call("container.create", {
      spec: { image: BUSYBOX_IMAGE, binds: [{ source: "/nonexistent/berth-path", target: "/x" }] },
    });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: "ENGINE_ERROR",
        message: expect.stringMatching(
          /bind source path does not exist: \/nonexistent\/berth-path/,
        ),
      },
    });
    expect(await names()).toEqual(before);
  });

  it("bad params never reach the engine", async () => {
    const reply = await call("container.create", { spec: { image: "", memoryBytes: 10 } });
    expect(reply).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
  });
});

describe("container.recreate", () => {
  const spec = (version: string, command: string[] = STOPPABLE): RunSpecInput => ({
    image: BUSYBOX_IMAGE,
    command: ["sh", "-c", `httpd -p 80 -h /etc; ${command.at(-1)}`],
    ports: [{ containerPort: 80, hostPort: 18090 }],
    labels: { version },
  });

  it("keeps the old container when the new one fails, replaces it when the new one runs", async () => {
    const old = await create({ ...spec("1"), name: "app" });
    await eventually(() => httpGet(`http://${host.ip}:18090/hostname`));

    // the replacement exits at once: the old one stays (same id, running, answering)
    const failed = await call("container.recreate", {
      id: "app",
      spec: { ...spec("2"), command: ["sh", "-c", "exit 3"] },
    });
    expect(failed).toEqual({
      ok: false,
      error: {
        code: "ENGINE_ERROR",
        message:
          "The new container did not keep running; it is exited (exit code 3). The old container was kept.",
      },
    });
    let i = await inspect("app");
    expect(i.Id).toBe(old.id);
    expect(i.State.Running).toBe(true);
    expect(i.Config.Labels.version).toBe("1");
    expect((await names()).filter((n) => n.startsWith("app"))).toEqual(["app"]);
    await eventually(() => httpGet(`http://${host.ip}:18090/hostname`));

    // a replacement that cannot even be created: the old one is not touched at all
    const startedAt = (await inspect("app")).State.StartedAt;
    const bad = await call("container.recreate", {
      id: "app",
      spec: { ...spec("2"), binds: [{ source: "/nonexistent/berth-path", target: "/x" }] },
    });
    expect(bad).toEqual({
      ok: false,
      error: {
        code: "ENGINE_ERROR",
        message: expect.stringMatching(
          /bind source path does not exist: \/nonexistent\/berth-path/,
        ),
      },
    });
    i = await inspect("app");
    expect(i.Id).toBe(old.id);
    expect(i.State.StartedAt).toBe(startedAt);

    // a working replacement takes over the name and the port
    const res = await ok("container.recreate", { id: "app", spec: spec("2") });
    expect(res.name).toBe("app");
    expect(res.id).not.toBe(old.id);
    i = await inspect("app");
    expect(i.Id).toBe(res.id);
    expect(i.State.Running).toBe(true);
    expect(i.Config.Labels.version).toBe("2");
    expect((await names()).filter((n) => n.startsWith("app"))).toEqual(["app"]);
    const gone = await host.docker(["inspect", old.id], { allowFail: true });
    expect(gone).toMatchObject({ code: 1, stderr: `Error: No such object: ${old.id}\n` });
    await eventually(() => httpGet(`http://${host.ip}:18090/hostname`));

    // without shared host ports the new one starts beside the old; spec.name renames
    const res2 = await ok("container.recreate", {
      id: "app",
      spec: { ...spec("3"), ports: [], name: "app-renamed" },
    });
    expect(res2.name).toBe("app-renamed");
    expect((await names()).filter((n) => n.startsWith("app"))).toEqual(["app-renamed"]);
    await ok("container.remove", { id: "app-renamed", force: true });
  });
});

describe("container.export stream", () => {
  it("sends the filesystem as acked chunks of at most 256 KiB, then ends", async () => {
    await create({ image: BUSYBOX_IMAGE, name: "exp", command: ["sleep", "3600"] });
    const chunks: Buffer[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    let ended: { error?: WireError } | null = null;
    let endStream = () => {};
    const done = new Promise<void>((resolve) => (endStream = resolve));
    const manager = new StreamManager(streamRegistry, ctx, {
      chunk: async (_id, data) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        chunks.push(Buffer.from(data));
        await sleep(1); // a slow reader
        inFlight -= 1;
      },
      end: (_id, error) => {
        ended = { error };
        endStream();
      },
    });
    expect(
      await manager.handleOpen({
        streamId: "s1",
        stream: "container.export",
        params: { id: "exp" },
      }),
    ).toEqual({ ok: true });
    await done;
    expect(ended).toEqual({ error: undefined });
    expect(maxInFlight).toBe(1); // the next chunk waits for the ack
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    const tar = path.join(scratch, "exp.tar");
    writeFileSync(tar, Buffer.concat(chunks));
    const list = (await runCommand("tar", ["-tf", tar])).stdout.split("\n");
    expect(list).toContain("bin/busybox");
  });

  it("refuses unknown containers and streams, and stops on cancel", async () => {
    const ends: string[] = [];
    let chunkCount = 0;
    let release: () => void = () => {};
    const manager = new StreamManager(streamRegistry, ctx, {
      chunk: () => {
        chunkCount += 1;
        return new Promise<void>((r) => (release = r)); // never acked until released
      },
      end: (id) => ends.push(id),
    });
    expect(
      await manager.handleOpen({
        streamId: "x",
        stream: "container.export",
        params: { id: "nope" },
      }),
    ).toEqual({ ok: false, error: { code: "NOT_FOUND", message: "No such container: nope" } });
    expect(await manager.handleOpen({ streamId: "x", stream: "image.save", params: {} })).toEqual({
      ok: false,
      error: {
        code: "BAD_REQUEST",
        message:
          "invalid params for image.save: refs: Invalid input: expected array, received undefined",
      },
    });
    expect(
      await manager.handleOpen({
        streamId: "c1",
        stream: "container.export",
        params: { id: "exp" },
      }),
    ).toEqual({ ok: true });
    await eventually(async () => expect(chunkCount).toBe(1));
    manager.handleCancel({ streamId: "c1" });
    release();
    await sleep(200);
    expect(chunkCount).toBe(1);
    expect(ends).toEqual([]);
    expect(manager.openCount).toBe(0);
    // closeAll (disconnect) ends every open stream the same way
    expect(
      await manager.handleOpen({
        streamId: "c2",
        stream: "container.export",
        params: { id: "exp" },
      }),
    ).toEqual({ ok: true });
    await eventually(async () => expect(chunkCount).toBe(2));
    manager.closeAll();
    expect(manager.openCount).toBe(0);
    await ok("container.remove", { id: "exp", force: true });
  });
});

describe("live container list", () => {
  it("sends a snapshot, then an upsert within a second of a CLI start and a remove on destroy", async () => {
    const snapshots: ContainerSummary[][] = [];
    const changes: Array<{ at: number; change: ContainerChange }> = [];
    const feed = new ContainerFeed(docker, {
      snapshot: (list) => snapshots.push(list),
      change: (change) => changes.push({ at: Date.now(), change }),
    });
    const watcher = new EngineEventWatcher(docker, host.dockerSocket, () => {}, {
      onEvent: (e) => {
        if (e.Type === "container") feed.onEvent(e.Action, e.Actor.ID);
      },
    });
    watcher.start();
    try {
      await feed.start();
      expect(snapshots).toHaveLength(1);
      expect(snapshots[0]!.map((c) => c.name)).toContain("web");
      await sleep(300); // the event stream is open

      const started = Date.now();
      const id = (
        await host.docker(["run", "-d", "--name", "evt", BUSYBOX_IMAGE, "sleep", "300"])
      ).stdout.trim();
      const cliDone = Date.now();
      const up = await eventually(async () => {
        const c = changes.find(
          (x) =>
            x.change.kind === "upsert" &&
            x.change.container.id === id &&
            x.change.container.state === "running",
        );
        if (!c) throw new Error("no upsert yet");
        return c;
      }, 3000);
      expect(up.at - cliDone).toBeLessThan(1000);
      expect(up.at - started).toBeLessThan(3000);
      // create + start within the 50 ms window became few messages, not one per event
      expect(changes.filter((x) => x.change.kind === "upsert").length).toBeLessThanOrEqual(2);

      await host.docker(["rm", "-f", "evt"]);
      await eventually(async () => {
        const last = changes.at(-1)?.change;
        expect(last).toEqual({ kind: "remove", id });
      }, 3000);
    } finally {
      watcher.stop();
      feed.stop();
    }
  });
});

describe("cgroup CPU/memory sweep", () => {
  it("measures a container burning CPU like its cgroup files say", async () => {
    const { id } = await create({
      image: BUSYBOX_IMAGE,
      name: "burner",
      command: ["sh", "-c", "while :; do :; done"],
    });
    const emitted: number[] = [];
    const sweeper = new ContainerStatsSweeper(docker, (items) => emitted.push(items.length));
    ctx.containerUsage = (cid) => sweeper.usage(cid);

    // the test's own reading of the same cgroup, located independently
    const pid = (await inspect(id)).State.Pid as number;
    const files = locateCgroupFiles(
      parseProcCgroup(readFileSync(`/proc/${pid}/cgroup`, "utf8")),
      parseCgroupMounts(readFileSync("/proc/self/mountinfo", "utf8")),
    );
    // whatever the cgroup driver and version, the container's cgroup is named after its id
    expect(files.cpu?.file).toContain(id);
    expect(files.memory?.usageFile).toContain(id);
    const cpuNs = () => parseCpuUsageNs(readFileSync(files.cpu!.file, "utf8"), files.cpu!.kind)!;

    await sweeper.sweep(); // baseline
    const c0 = cpuNs();
    const t0 = process.hrtime.bigint();
    await sleep(1500);
    const items = await sweeper.sweep();
    const c1 = cpuNs();
    const t1 = process.hrtime.bigint();
    const expected = ((c1 - c0) / Number(t1 - t0)) * 100;

    const mine = items.find((x) => x.id === id)!;
    expect(mine.cpuPercent).toBeGreaterThan(10);
    expect(Math.abs(mine.cpuPercent! - expected)).toBeLessThan(20);
    const mem = memoryWorkingSet(
      readFileSync(files.memory!.usageFile, "utf8"),
      readFileSync(files.memory!.statFile, "utf8"),
      files.memory!.kind,
    )!;
    expect(mine.memoryBytes).toBeGreaterThan(0);
    expect(Math.abs(mine.memoryBytes! - mem)).toBeLessThan(4 * 1024 * 1024);
    // every running container is measured, stopped ones are not
    const running = (await host.docker(["ps", "-q", "--no-trunc"])).stdout
      .split("\n")
      .filter(Boolean);
    expect(items.map((x) => x.id).sort()).toEqual(running.sort());

    // container.list carries the latest figures
    const row = (await ok("container.list", {})).containers.find((c) => c.id === id)!;
    expect(row.cpuPercent).toBe(mine.cpuPercent);
    expect(row.memoryBytes).toBe(mine.memoryBytes);
    const done = (
      await host.docker(["run", "-d", "--name", "done", BUSYBOX_IMAGE, "true"])
    ).stdout.trim();
    await host.docker(["wait", done]);
    await sweeper.sweep();
    const stopped = (await ok("container.list", {})).containers.find((c) => c.id === done);
    expect(stopped).toMatchObject({ state: "exited", cpuPercent: null, memoryBytes: null });
    await host.docker(["rm", done]);

    // a restart gives a new pid: the cache follows the start event
    await ok("container.restart", { id, timeoutSeconds: 0 });
    sweeper.onContainerEvent("start", id);
    await sweeper.sweep();
    await sleep(500);
    const after = (await sweeper.sweep()).find((x) => x.id === id)!;
    expect(after.cpuPercent).toBeGreaterThan(5);

    // between list calls the running set follows engine events; a stop it missed drops out
    const late = (
      await host.docker(["run", "-d", "--name", "late", BUSYBOX_IMAGE, "sleep", "3600"])
    ).stdout.trim();
    expect((await sweeper.sweep()).map((x) => x.id)).not.toContain(late);
    sweeper.onContainerEvent("start", late);
    expect((await sweeper.sweep()).map((x) => x.id)).toContain(late);
    await host.docker(["kill", late]);
    expect((await sweeper.sweep()).map((x) => x.id)).not.toContain(late);
    await host.docker(["rm", "-f", late]);
    await ok("container.remove", { id, force: true });
    ctx.containerUsage = undefined;
  });

  it("sweeps 50 containers in one pass (cost reported)", async () => {
    const count = 50;
    const ids: string[] = [];
    for (let k = 0; k < count; k += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, count - k) }, (_, j) =>
          host.docker(["run", "-d", "--name", `many${k + j}`, BUSYBOX_IMAGE, "sleep", "3600"]),
        ),
      );
      ids.push(...batch.map((r) => r.stdout.trim()));
    }
    const sweeper = new ContainerStatsSweeper(docker, () => {});
    await sweeper.sweep();
    const first = sweeper.lastSweepMs; // includes one inspect per container (pid lookup)
    const times: number[] = [];
    const reads: number[] = [];
    for (let k = 0; k < 5; k++) {
      const items = await sweeper.sweep();
      times.push(sweeper.lastSweepMs);
      reads.push(sweeper.lastReadMs);
      expect(items.filter((x) => ids.includes(x.id) && x.memoryBytes !== null)).toHaveLength(count);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const readMedian = [...reads].sort((a, b) => a - b)[Math.floor(reads.length / 2)]!;
    const cpuBefore = process.cpuUsage();
    await sweeper.sweep();
    const cpu = process.cpuUsage(cpuBefore);
    console.log(
      `cgroup sweep of ${count + 1}+ containers: first ${first.toFixed(1)} ms (with pid lookups), ` +
        `then median ${median.toFixed(1)} ms wall (${readMedian.toFixed(1)} ms of it reading cgroup files), ` +
        `${((cpu.user + cpu.system) / 1000).toFixed(1)} ms CPU`,
    );
    expect(median).toBeLessThan(1000);
    await host.docker(["rm", "-f", ...ids], { timeoutMs: 120_000 });
  });
});

describe("command progress plumbing", () => {
  it("gives a handler emitProgress only when the request had a callId", async () => {
    const seen: Array<string | undefined> = [];
    const registry = {
      ...commandRegistry,
      "engine.ping": async (_p: unknown, c: CommandContext) => {
        seen.push(c.callId);
        c.emitProgress?.({ phase: "pull", status: "Downloading", id: "abc", current: 1, total: 2 });
        return { ok: true as const };
      },
    };
    progress.length = 0;
    await dispatchCommand({ command: "engine.ping", params: {}, callId: "c-1" }, registry, ctx);
    await dispatchCommand({ command: "engine.ping", params: {} }, registry, ctx);
    expect(seen).toEqual(["c-1", undefined]);
    expect(progress).toEqual([
      {
        callId: "c-1",
        progress: { phase: "pull", status: "Downloading", id: "abc", current: 1, total: 2 },
      },
    ]);
  });
});
