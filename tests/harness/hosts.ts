/**
 * Simulated Docker hosts on one machine, for multi-host integration tests.
 *
 * Layout of one run (id = 6 hex chars, unique per run):
 *   bridge  bh<id>            in the root namespace, gateway 10.99.X.1/24 (X chosen free)
 *   netns   bh<id>h<i>        one per host, eth0 = 10.99.X.(10+i), no default route
 *   veth    bh<id>v<i>        root side of host i's eth0, enslaved to the bridge
 *   dockerd                   one per host, run inside its netns and its own UTS namespace
 *   state   /tmp/berth-harness/runs/<id>/h<i>/{data,exec,docker.sock,dockerd.log}
 *   iptables FORWARD rules    tagged with the comment "berth-harness:<id>"
 *
 * Needs root, iproute2, iptables, util-linux (nsenter, unshare), docker.io, busybox-static.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import http from "node:http";
import path from "node:path";
import {
  pidsInMountNamespace,
  startSshd,
  stopMountNamespaces,
  type SimSsh,
  type SshdOptions,
} from "./sshd";

/** Tag of the local busybox image loaded into every simulated host's engine. */
export const BUSYBOX_IMAGE = "berth-test/busybox:1";
/** Root of all state this harness keeps on disk. */
export const HARNESS_ROOT = "/tmp/berth-harness";
/** Debian's Docker CLI (matches the 20.10 engine; /usr/local/bin/docker is a different one). */
export const DOCKER_CLI = "/usr/bin/docker";

const RUNS_DIR = path.join(HARNESS_ROOT, "runs");
const IMAGES_DIR = path.join(HARNESS_ROOT, "images");
const SUBNETS_DIR = path.join(HARNESS_ROOT, "subnets");
const LOGS_DIR = path.join(HARNESS_ROOT, "last-logs");
const DOCKERD = "/usr/sbin/dockerd";
const BUSYBOX_BIN = "/bin/busybox";
const NAME_PREFIX = "bh";
const RUN_ID_RE = /^[0-9a-f]{6}$/;
const TAG_PREFIX = "berth-harness:";
const SWARM_ADDR_POOL = "10.200.0.0/16";
const SUBNET_BASE = [10, 99] as const; // bridge subnets are 10.99.X.0/24
const SYS_PATH = "/usr/sbin:/usr/bin:/sbin:/bin:/usr/local/sbin:/usr/local/bin";
const MAX_HOSTS = 150;
/** dockerd gets a clean environment (no DOCKER_* or proxy settings of the test process). */
const DAEMON_ENV = { PATH: SYS_PATH, HOME: "/root" } as Record<string, string> as NodeJS.ProcessEnv;

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the command's stdin (stdin is closed otherwise). */
  input?: string | Buffer;
  /** SIGKILL the command after this long (default 60 s). */
  timeoutMs?: number;
  /** Resolve with the result instead of rejecting when the exit code is not 0. */
  allowFail?: boolean;
  /** Extra environment variables; undefined removes one inherited from this process. */
  env?: Record<string, string | undefined>;
}

export interface SimHost {
  /** 1-based. */
  index: number;
  /** Hostname inside the host (docker info Name, swarm node name). */
  name: string;
  /** Network namespace name (/run/netns/<netns>). */
  netns: string;
  /** Address of the host's eth0, reachable from the root namespace and from the other hosts. */
  ip: string;
  /** Path of the engine's API socket. */
  dockerSocket: string;
  /** "unix://" + dockerSocket, for DOCKER_HOST. */
  dockerHost: string;
  dockerdPid: number;
  /** State directory of this host (data-root, exec-root, log). */
  stateDir: string;
  /** dockerd's log file. */
  dockerdLog: string;
  /** Run a command inside the host's network (and UTS) namespace. */
  exec(args: string[], opts?: RunOptions): Promise<RunResult>;
  /** Run /usr/bin/docker against this host's engine. */
  docker(args: string[], opts?: RunOptions): Promise<RunResult>;
  /** The host's SSH server, when started with the `sshd` option. */
  ssh?: SimSsh;
  /** Stop this host's engine (SIGTERM, as a machine shutting down would); its state stays. */
  stopEngine(): Promise<void>;
  /** Start the engine again on the same state (a swarm node rejoins its swarm by itself). */
  startEngine(): Promise<void>;
}

export interface StartTimings {
  networkMs: number;
  dockerdMs: number;
  imageMs: number;
  swarmMs: number;
  totalMs: number;
}

export interface SimHosts {
  runId: string;
  hosts: SimHost[];
  /** Root-namespace address on the bridge: servers in the root namespace listen here. */
  gatewayIp: string;
  /** CIDR of the bridge subnet, e.g. "10.99.3.0/24". */
  subnet: string;
  bridge: string;
  stateDir: string;
  swarm: boolean;
  timings: StartTimings;
  /** Duration of the last completed stop(), in ms. */
  stopMs?: number;
  /** Tear everything down. Idempotent. */
  stop(): Promise<void>;
}

export interface StartHostsOptions {
  /** Form a swarm: init on host 1, join the others as workers, wait until all are Ready. */
  swarm?: boolean;
  /**
   * The test forms a swarm itself (through Berth): tear the hosts down as a swarm all the same
   * (services first, then containers, the first host's engine last).
   */
  swarmTeardown?: boolean;
  /** Passed to every dockerd as --insecure-registry. */
  insecureRegistries?: string[];
  /** An SSH server on every host (true), or on the first hosts with these options each. */
  sshd?: boolean | SshdOptions[];
}

// ---------------------------------------------------------------------------------------------
// processes

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const debug = (msg: string) => {
  if (process.env.BERTH_HARNESS_DEBUG)
    console.error(`[harness ${new Date().toISOString()}] ${msg}`);
};

/** Run a command (argument array, no shell) and collect its output. */
export function runCommand(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...opts.env };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"], env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.stdin.on("error", () => {});
    child.stdin.end(opts.input ?? undefined);
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const res: RunResult = {
        code,
        signal,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      };
      if (code === 0 || opts.allowFail) resolve(res);
      else {
        const why = signal ? `killed by ${signal}` : `exited ${code}`;
        reject(
          new Error(`${cmd} ${args.join(" ")} ${why}: ${res.stderr.trim() || res.stdout.trim()}`),
        );
      }
    });
  });
}

function runSync(cmd: string, args: string[]): { code: number | null; stdout: string } {
  const r = spawnSync(cmd, args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout ?? "" };
}

function readCmdline(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return null;
  }
}

/** Alive and not a zombie. */
function pidAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

function procStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function killPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

/** Only a dockerd we started: our binary with this host's data root. */
function isOurDockerd(pid: number, hostDir: string): boolean {
  const cmd = readCmdline(pid);
  if (!cmd || !pidAlive(pid)) return false;
  const i = cmd.indexOf("--data-root");
  return cmd[0] === DOCKERD && i >= 0 && cmd[i + 1] === path.join(hostDir, "data");
}

/** Every process whose command line mentions one of our state dirs (dockerd, containerd, shims). */
function pidsMentioning(dirPrefix: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    const cmd = readCmdline(pid);
    if (cmd && cmd.some((a) => a.startsWith(dirPrefix) || a.includes(`=${dirPrefix}`))) {
      if (pidAlive(pid)) pids.push(pid);
    }
  }
  return pids;
}

async function waitGone(pids: number[], timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (!pids.some(pidAlive)) return true;
    if (Date.now() > end) return false;
    await sleep(25);
  }
}

// ---------------------------------------------------------------------------------------------
// cgroups: containers of host i live under the cgroup parent bh<id>h<i>, so that processes of a
// crashed run can be found and killed.

function useCgroupParent(): boolean {
  return !existsSync("/run/systemd/system");
}

function cgroupDirs(name: string): string[] {
  const root = "/sys/fs/cgroup";
  const dirs: string[] = [];
  const candidates = [root];
  try {
    for (const d of readdirSync(root)) candidates.push(path.join(root, d));
  } catch {
    return dirs;
  }
  for (const c of candidates) {
    const p = path.join(c, name);
    try {
      if (statSync(p).isDirectory()) dirs.push(p);
    } catch {
      /* not there */
    }
  }
  return dirs;
}

function walkDirs(dir: string, out: string[] = []): string[] {
  out.push(dir);
  try {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walkDirs(path.join(dir, e.name), out);
    }
  } catch {
    /* vanished */
  }
  return out;
}

function cgroupPids(name: string): number[] {
  const pids = new Set<number>();
  for (const top of cgroupDirs(name)) {
    for (const d of walkDirs(top)) {
      try {
        for (const l of readFileSync(path.join(d, "cgroup.procs"), "utf8").split("\n")) {
          if (l.trim()) pids.add(Number(l));
        }
      } catch {
        /* vanished */
      }
    }
  }
  return [...pids];
}

function removeCgroups(name: string): void {
  for (const top of cgroupDirs(name)) {
    for (const d of walkDirs(top).reverse()) {
      try {
        rmdirSync(d);
      } catch {
        /* busy or gone */
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// names, run metadata

interface RunMeta {
  runId: string;
  ownerPid: number;
  ownerStart: string | null;
  bridge: string;
  subnet: string | null;
  hostCount: number;
  dockerdPids: Record<string, number>;
  /** Mount namespaces of the hosts' sshd: whatever was started over SSH lives there. */
  mountNamespaces?: string[];
}

const names = (runId: string) => ({
  bridge: `${NAME_PREFIX}${runId}`,
  netns: (i: number) => `${NAME_PREFIX}${runId}h${i}`,
  veth: (i: number) => `${NAME_PREFIX}${runId}v${i}`,
  cgroup: (i: number) => `${NAME_PREFIX}${runId}h${i}`,
  tag: `${TAG_PREFIX}${runId}`,
  runDir: path.join(RUNS_DIR, runId),
});

function writeMeta(meta: RunMeta): void {
  const dir = names(meta.runId).runDir;
  writeFileSync(path.join(dir, "meta.json.tmp"), JSON.stringify(meta, null, 2));
  renameSync(path.join(dir, "meta.json.tmp"), path.join(dir, "meta.json"));
}

function readMeta(dir: string): RunMeta | null {
  try {
    return JSON.parse(readFileSync(path.join(dir, "meta.json"), "utf8")) as RunMeta;
  } catch {
    return null;
  }
}

function ownerAlive(meta: RunMeta): boolean {
  return pidAlive(meta.ownerPid) && procStartTime(meta.ownerPid) === meta.ownerStart;
}

// ---------------------------------------------------------------------------------------------
// networking helpers

function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
}

function overlaps(a: string, aLen: number, b: string, bLen: number): boolean {
  const len = Math.min(aLen, bLen);
  if (len === 0) return true;
  const shift = 32 - len;
  return ipToInt(a) >>> shift === ipToInt(b) >>> shift;
}

function usedNetworks(): Array<[string, number]> {
  const nets: Array<[string, number]> = [];
  const cidr = /(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?/;
  for (const line of runSync("ip", ["-o", "-4", "addr", "show"]).stdout.split("\n")) {
    const m = /inet (\d+\.\d+\.\d+\.\d+)\/(\d+)/.exec(line);
    if (m) nets.push([m[1]!, Number(m[2])]);
  }
  for (const line of runSync("ip", ["-4", "route", "show", "table", "all"]).stdout.split("\n")) {
    const first = line.trim().split(/\s+/);
    const tok = ["local", "broadcast", "unicast"].includes(first[0] ?? "") ? first[1] : first[0];
    const m = tok ? cidr.exec(tok) : null;
    if (m && m.index === 0) nets.push([m[1]!, m[2] ? Number(m[2]) : 32]);
  }
  return nets;
}

/** Reserve a free 10.99.X.0/24 (a lock file per subnet makes concurrent runs pick distinct ones). */
function reserveSubnet(runId: string): string {
  mkdirSync(SUBNETS_DIR, { recursive: true });
  const used = usedNetworks();
  const start = randomBytes(1)[0]!;
  for (let k = 0; k < 256; k++) {
    const x = (start + k) % 256;
    const net = `${SUBNET_BASE[0]}.${SUBNET_BASE[1]}.${x}.0`;
    if (used.some(([n, l]) => overlaps(n, l, net, 24))) continue;
    try {
      closeSync(openSync(path.join(SUBNETS_DIR, net), "wx"));
      writeFileSync(path.join(SUBNETS_DIR, net), runId);
      return net;
    } catch {
      /* taken by a concurrent run */
    }
  }
  throw new Error("no free 10.99.X.0/24 subnet for the simulated hosts' bridge");
}

function releaseSubnets(runId: string): void {
  let files: string[] = [];
  try {
    files = readdirSync(SUBNETS_DIR);
  } catch {
    return;
  }
  for (const f of files) {
    try {
      if (readFileSync(path.join(SUBNETS_DIR, f), "utf8").trim() === runId) {
        unlinkSync(path.join(SUBNETS_DIR, f));
      }
    } catch {
      /* gone */
    }
  }
}

/** Our tagged rules, as "-A FORWARD ..." lines from iptables -S. */
function taggedRules(): Array<{ runId: string; spec: string[] }> {
  const rules: Array<{ runId: string; spec: string[] }> = [];
  const out = runSync("iptables", ["-w", "-S", "FORWARD"]).stdout;
  for (const line of out.split("\n")) {
    const m = /--comment "?berth-harness:([0-9a-f]{6})"?/.exec(line);
    if (!m || !line.startsWith("-A FORWARD ")) continue;
    const spec = line.slice("-A FORWARD ".length).replace(/"/g, "").split(/\s+/).filter(Boolean);
    rules.push({ runId: m[1]!, spec });
  }
  return rules;
}

function removeTaggedRules(runId: string): void {
  for (const r of taggedRules()) {
    if (r.runId === runId) runSync("iptables", ["-w", "-D", "FORWARD", ...r.spec]);
  }
}

function listNetns(): string[] {
  return runSync("ip", ["netns", "list"])
    .stdout.split("\n")
    .map((l) => l.trim().split(/\s+/)[0] ?? "")
    .filter(Boolean);
}

function listLinks(): string[] {
  return runSync("ip", ["-o", "link", "show"])
    .stdout.split("\n")
    .map((l) => /^\d+:\s+([^:@\s]+)/.exec(l)?.[1] ?? "")
    .filter(Boolean);
}

function decodeMountPath(p: string): string {
  return p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

function unmountUnder(dir: string): void {
  let mounts: string[] = [];
  try {
    mounts = readFileSync("/proc/self/mounts", "utf8")
      .split("\n")
      .map((l) => decodeMountPath(l.split(" ")[1] ?? ""))
      .filter((m) => m === dir || m.startsWith(dir + "/"));
  } catch {
    return;
  }
  mounts.sort((a, b) => b.length - a.length);
  for (const m of mounts) runSync("umount", ["-l", m]);
}

// ---------------------------------------------------------------------------------------------
// forced cleanup (crashed earlier runs, process exit)

const RESOURCE_RE = new RegExp(`^${NAME_PREFIX}([0-9a-f]{6})(?:[hv]\\d+)?$`);

/** Remove everything of one run without asking any daemon: SIGKILL, unmount, delete. */
function forceCleanup(runId: string, hostCount?: number): void {
  const n = names(runId);
  const prefix = n.runDir + "/";
  const cgroupNames = new Set<string>();
  for (let i = 1; i <= (hostCount ?? 0); i++) cgroupNames.add(n.cgroup(i));
  for (const top of cgroupDirs("")) {
    try {
      for (const d of readdirSync(top)) {
        const m = RESOURCE_RE.exec(d);
        if (m && m[1] === runId) cgroupNames.add(d);
      }
    } catch {
      /* not a dir */
    }
  }
  for (const ns of readMeta(n.runDir)?.mountNamespaces ?? []) {
    for (const pid of pidsInMountNamespace(ns)) killPid(pid, "SIGKILL");
  }
  for (const pid of pidsMentioning(prefix)) killPid(pid, "SIGKILL");
  for (const cg of cgroupNames) for (const pid of cgroupPids(cg)) killPid(pid, "SIGKILL");
  unmountUnder(n.runDir);
  for (const ns of listNetns()) {
    const m = RESOURCE_RE.exec(ns);
    if (m && m[1] === runId) runSync("ip", ["netns", "del", ns]);
  }
  for (const l of listLinks()) {
    const m = RESOURCE_RE.exec(l);
    if (m && m[1] === runId && /v\d+$/.test(l)) runSync("ip", ["link", "del", l]);
  }
  if (listLinks().includes(n.bridge)) runSync("ip", ["link", "del", n.bridge]);
  removeTaggedRules(runId);
  for (const cg of cgroupNames) removeCgroups(cg);
  rmSync(n.runDir, { recursive: true, force: true });
  releaseSubnets(runId);
}

/** Remove leftovers of earlier runs of this harness whose owning process is gone. */
function cleanupStale(): void {
  // List resources first and live runs second: a run creates its directory before any resource,
  // so a resource seen here whose run is not live is really an orphan.
  const ids = new Set<string>();
  for (const x of [...listNetns(), ...listLinks()]) {
    const m = RESOURCE_RE.exec(x);
    if (m) ids.add(m[1]!);
  }
  for (const r of taggedRules()) ids.add(r.runId);
  try {
    for (const f of readdirSync(SUBNETS_DIR)) {
      const id = readFileSync(path.join(SUBNETS_DIR, f), "utf8").trim();
      if (RUN_ID_RE.test(id)) ids.add(id);
    }
  } catch {
    /* none */
  }
  const live = new Set<string>();
  const metas = new Map<string, RunMeta | null>();
  try {
    for (const id of readdirSync(RUNS_DIR)) {
      if (!RUN_ID_RE.test(id)) continue;
      const meta = readMeta(path.join(RUNS_DIR, id));
      // A directory without meta may be one being created right now: leave it if it is new.
      if (!meta) {
        const age = Date.now() - statSync(path.join(RUNS_DIR, id)).mtimeMs;
        if (age < 60_000) live.add(id);
        else ids.add(id);
        continue;
      }
      metas.set(id, meta);
      if (ownerAlive(meta)) live.add(id);
      else ids.add(id);
    }
  } catch {
    /* no runs dir */
  }
  for (const id of ids) {
    if (live.has(id)) continue;
    forceCleanup(id, metas.get(id)?.hostCount);
  }
}

// ---------------------------------------------------------------------------------------------
// exit handling

const liveRuns = new Map<string, SimHosts>();
const liveHostCounts = new Map<string, number>();
let handlersInstalled = false;

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", () => {
    for (const [id, count] of liveHostCounts) forceCleanup(id, count);
  });
  const signals: Array<[NodeJS.Signals, number]> = [
    ["SIGINT", 2],
    ["SIGTERM", 15],
    ["SIGHUP", 1],
  ];
  for (const [sig, num] of signals) {
    process.once(sig, () => {
      void Promise.allSettled([...liveRuns.values()].map((r) => r.stop())).then(() =>
        process.exit(128 + num),
      );
    });
  }
}

// ---------------------------------------------------------------------------------------------
// engine helpers

function enginePing(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: "/_ping", timeout: 1000 }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve(res.statusCode === 200 && body === "OK"));
      res.on("error", () => resolve(false));
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
  });
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

interface HostInternal extends SimHost {
  exitCode: Promise<number | null>;
}

async function startDockerd(
  runId: string,
  i: number,
  ip: string,
  opts: StartHostsOptions,
): Promise<HostInternal> {
  const n = names(runId);
  const hostDir = path.join(n.runDir, `h${i}`);
  mkdirSync(hostDir, { recursive: true });
  const name = `host${i}`;
  const netns = n.netns(i);
  const dockerSocket = path.join(hostDir, "docker.sock");
  const dockerdLog = path.join(hostDir, "dockerd.log");
  const configFile = path.join(hostDir, "daemon.json");
  writeFileSync(configFile, "{}\n"); // never pick up the machine's /etc/docker/daemon.json

  const dockerdArgs = [
    "--config-file",
    configFile,
    "--data-root",
    path.join(hostDir, "data"),
    "--exec-root",
    path.join(hostDir, "exec"),
    "--pidfile",
    path.join(hostDir, "docker.pid"),
    "-H",
    `unix://${dockerSocket}`,
    "--bip",
    `172.30.${i}.1/24`,
    "--default-address-pool",
    `base=10.${100 + i}.0.0/16,size=24`,
    "--log-level",
    "info",
  ];
  if (useCgroupParent()) dockerdArgs.push("--cgroup-parent", `/${n.cgroup(i)}`);
  for (const r of opts.insecureRegistries ?? []) dockerdArgs.push("--insecure-registry", r);

  // nsenter (not "ip netns exec", which remounts /sys and hides the cgroup mounts dockerd needs);
  // unshare --uts plus a one-line exec wrapper gives each host its own hostname. Every step
  // execs, so the spawned pid is dockerd's.
  const spawnEngine = async (): Promise<{ pid: number; exitCode: Promise<number | null> }> => {
    const log = openSync(dockerdLog, "a");
    const child = spawn(
      "nsenter",
      [
        `--net=/run/netns/${netns}`,
        "--",
        "unshare",
        "--uts",
        "--",
        "/bin/sh",
        "-c",
        'hostname "$0" && exec "$@"',
        name,
        DOCKERD,
        ...dockerdArgs,
      ],
      {
        stdio: ["ignore", log, log],
        detached: true,
        env: DAEMON_ENV,
      },
    );
    closeSync(log);
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not spawn dockerd for ${name}`);
    child.unref();
    let exited = false;
    const exitCode = new Promise<number | null>((resolve) => {
      child.on("exit", (code) => {
        exited = true;
        resolve(code);
      });
      child.on("error", () => {
        exited = true;
        resolve(null);
      });
    });

    const deadline = Date.now() + 30_000;
    while (!(await enginePing(dockerSocket))) {
      if (exited) throw new Error(`dockerd of ${name} exited during start:\n${tail(dockerdLog)}`);
      if (Date.now() > deadline)
        throw new Error(`dockerd of ${name} not ready:\n${tail(dockerdLog)}`);
      await sleep(30);
    }
    return { pid, exitCode };
  };
  const { pid, exitCode } = await spawnEngine();

  const host: HostInternal = {
    index: i,
    name,
    netns,
    ip,
    dockerSocket,
    dockerHost: `unix://${dockerSocket}`,
    dockerdPid: pid,
    stateDir: hostDir,
    dockerdLog,
    exitCode,
    exec(args, o) {
      const ns = [`--net=/run/netns/${netns}`];
      if (isOurDockerd(host.dockerdPid, hostDir)) ns.push(`--uts=/proc/${host.dockerdPid}/ns/uts`);
      return runCommand("nsenter", [...ns, "--", ...args], o);
    },
    docker(args, o) {
      return runCommand(DOCKER_CLI, ["-H", `unix://${dockerSocket}`, ...args], {
        ...o,
        env: {
          DOCKER_BUILDKIT: "0",
          DOCKER_CONFIG: path.join(hostDir, "cli"),
          DOCKER_CONTEXT: undefined,
          DOCKER_TLS_VERIFY: undefined,
          DOCKER_CERT_PATH: undefined,
          ...o?.env,
        },
      });
    },
    async stopEngine() {
      await stopDockerd(host);
    },
    async startEngine() {
      if (isOurDockerd(host.dockerdPid, hostDir)) return;
      const restarted = await spawnEngine();
      host.dockerdPid = restarted.pid;
      host.exitCode = restarted.exitCode;
    },
  };
  return host;
}

async function busyboxHash(): Promise<string> {
  return createHash("sha256").update(readFileSync(BUSYBOX_BIN)).digest("hex").slice(0, 16);
}

/** Build the busybox image once (cached as a tar keyed by the binary's hash), load everywhere. */
async function loadBusybox(runDir: string, hosts: SimHost[], retry = true): Promise<void> {
  mkdirSync(IMAGES_DIR, { recursive: true });
  const tar = path.join(IMAGES_DIR, `busybox-${await busyboxHash()}.tar`);
  let rest = hosts;
  if (!existsSync(tar)) {
    const first = hosts[0]!;
    const ctx = path.join(runDir, "busybox-image");
    mkdirSync(ctx, { recursive: true });
    copyFileSync(BUSYBOX_BIN, path.join(ctx, "busybox"));
    writeFileSync(
      path.join(ctx, "Dockerfile"),
      [
        "FROM scratch",
        "COPY busybox /bin/busybox",
        'RUN ["/bin/busybox","--install","-s","/bin"]',
        'CMD ["sh"]',
        "",
      ].join("\n"),
    );
    await first.docker(["build", "-q", "-t", BUSYBOX_IMAGE, ctx], { timeoutMs: 120_000 });
    const tmp = `${tar}.${process.pid}.${randomBytes(3).toString("hex")}.tmp`;
    await first.docker(["save", "-o", tmp, BUSYBOX_IMAGE]);
    renameSync(tmp, tar); // atomic: a concurrent run sees a complete tar or none
    rmSync(ctx, { recursive: true, force: true });
    rest = hosts.slice(1);
  }
  try {
    await Promise.all(rest.map((h) => h.docker(["load", "-q", "-i", tar], { timeoutMs: 120_000 })));
  } catch (err) {
    if (rest.length !== hosts.length || !retry) throw err;
    rmSync(tar, { force: true }); // unreadable cache: build it again
    await loadBusybox(runDir, hosts, false);
  }
}

async function formSwarm(hosts: SimHost[]): Promise<void> {
  const [manager, ...workers] = hosts;
  if (!manager) return;
  await manager.docker([
    "swarm",
    "init",
    "--advertise-addr",
    manager.ip,
    "--listen-addr",
    `${manager.ip}:2377`,
    "--default-addr-pool",
    SWARM_ADDR_POOL,
  ]);
  const token = (await manager.docker(["swarm", "join-token", "-q", "worker"])).stdout.trim();
  await Promise.all(
    workers.map((w) =>
      w.docker([
        "swarm",
        "join",
        "--token",
        token,
        "--advertise-addr",
        w.ip,
        "--listen-addr",
        `${w.ip}:2377`,
        `${manager.ip}:2377`,
      ]),
    ),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    const out = (await manager.docker(["node", "ls", "--format", "{{.Status}}"])).stdout;
    const ready = out.split("\n").filter((s) => s.trim() === "Ready").length;
    if (ready === hosts.length) return;
    if (Date.now() > deadline) throw new Error(`swarm: only ${ready}/${hosts.length} nodes Ready`);
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------
// teardown

function logSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function logSince(file: string, offset: number): string {
  try {
    const fd = openSync(file, "r");
    try {
      const len = Math.max(0, statSync(file).size - offset);
      const buf = Buffer.alloc(Math.min(len, 1 << 20));
      const n = readSync(fd, buf, 0, buf.length, offset);
      return buf.subarray(0, n).toString();
    } finally {
      closeSync(fd);
    }
  } catch {
    return "";
  }
}

/**
 * SIGTERM dockerd and wait for it to exit; SIGKILL after a timeout. Once it has logged "Daemon
 * shutdown complete" (its state is saved) it only waits for its containerd to go away, which
 * takes another second: SIGKILL it right then, the state is thrown away anyway.
 */
async function stopDockerd(h: HostInternal, timeoutMs = 10_000): Promise<void> {
  const pid = h.dockerdPid;
  if (!isOurDockerd(pid, h.stateDir)) return;
  const offset = logSize(h.dockerdLog);
  killPid(pid, "SIGTERM");
  const end = Date.now() + timeoutMs;
  while (pidAlive(pid)) {
    if (Date.now() > end || logSince(h.dockerdLog, offset).includes("Daemon shutdown complete")) {
      if (isOurDockerd(pid, h.stateDir)) killPid(pid, "SIGKILL");
      await waitGone([pid], 5_000);
      return;
    }
    await sleep(25);
  }
}

async function gracefulStop(
  runId: string,
  hosts: HostInternal[],
  count: number,
  swarm: boolean,
): Promise<void> {
  const n = names(runId);
  const live = hosts.filter((h) => isOurDockerd(h.dockerdPid, h.stateDir));

  // 1. swarm services first (else swarm recreates the task containers we remove), on the manager
  if (swarm) {
    await Promise.all(
      live.map(async (h) => {
        const ids = (
          await h.docker(["service", "ls", "-q"], { allowFail: true, timeoutMs: 10_000 })
        ).stdout
          .split("\n")
          .filter(Boolean);
        if (ids.length) {
          await h.docker(["service", "rm", ...ids], { allowFail: true, timeoutMs: 20_000 });
        }
      }),
    );
  }
  debug(`stop ${runId}: services removed`);
  // 2. rm -f all containers (SIGKILL: busybox as PID 1 ignores SIGTERM). Tasks of removed
  // services are being stopped by swarm with a grace period and refuse rm -f while "removal is
  // in progress": kill them and retry until none is left. Then stop dockerd.
  await Promise.all(
    live.map(async (h) => {
      const end = Date.now() + 15_000;
      for (;;) {
        const ps = await h.docker(["ps", "-aq"], { allowFail: true, timeoutMs: 10_000 });
        const ids = ps.stdout.split("\n").filter(Boolean);
        if (!ids.length || ps.code !== 0 || Date.now() > end) break;
        await h.docker(["kill", ...ids], { allowFail: true, timeoutMs: 10_000 });
        await h.docker(["rm", "-f", ...ids], { allowFail: true, timeoutMs: 30_000 });
      }
      debug(`stop ${runId}: ${h.name} containers removed`);
    }),
  );
  // 3. stop the engines. In a swarm, workers first: a node that leaves after its peers waits 5 s
  // for a gossip "node leave" broadcast nobody acknowledges.
  const stopAll = (hs: HostInternal[]) =>
    Promise.all(
      hs.map(async (h) => {
        await stopDockerd(h);
        debug(`stop ${runId}: ${h.name} dockerd stopped`);
      }),
    );
  if (swarm) {
    await stopAll(live.filter((h) => h.index !== 1));
    await stopAll(live.filter((h) => h.index === 1));
  } else {
    await stopAll(live);
  }
  // 4. the SSH servers and everything started over SSH (installed agents), then anything else
  // of ours still running (containerd, shims, container processes)
  await stopMountNamespaces(hosts.flatMap((h) => (h.ssh ? [h.ssh.mountNamespace] : [])));
  let rest = pidsMentioning(n.runDir + "/");
  for (let i = 1; i <= count; i++) rest.push(...cgroupPids(n.cgroup(i)));
  rest = [...new Set(rest)];
  if (rest.length) {
    for (const p of rest) killPid(p, "SIGTERM");
    if (!(await waitGone(rest, 2_000))) {
      for (const p of rest) killPid(p, "SIGKILL");
      await waitGone(rest, 3_000);
    }
  }
  // 5. mounts, namespaces, links, rules, cgroups, state
  for (const h of hosts) {
    try {
      mkdirSync(LOGS_DIR, { recursive: true });
      copyFileSync(h.dockerdLog, path.join(LOGS_DIR, `${h.name}-dockerd.log`));
    } catch {
      /* no log */
    }
  }
  debug(`stop ${runId}: processes gone`);
  unmountUnder(n.runDir);
  await Promise.all(
    Array.from({ length: count }, (_, k) =>
      runCommand("ip", ["netns", "del", n.netns(k + 1)], { allowFail: true }),
    ),
  );
  // netns destruction is asynchronous: wait until the kernel has removed the root-side veths
  const vethRe = new RegExp(`^${n.bridge}v\\d+$`);
  const end = Date.now() + 10_000;
  while (listLinks().some((l) => vethRe.test(l)) && Date.now() < end) await sleep(25);
  debug(`stop ${runId}: namespaces gone`);
  forceCleanup(runId, count); // idempotent sweep: bridge, rules, cgroups, state dir, subnet lock
}

// ---------------------------------------------------------------------------------------------
// start

export async function startHosts(count: number, opts: StartHostsOptions = {}): Promise<SimHosts> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_HOSTS) {
    throw new Error(`startHosts: count must be 1..${MAX_HOSTS}`);
  }
  if (process.getuid?.() !== 0) throw new Error("startHosts needs root");
  const t0 = Date.now();
  mkdirSync(RUNS_DIR, { recursive: true });
  cleanupStale();
  installExitHandlers();

  let runId = randomBytes(3).toString("hex");
  while (existsSync(path.join(RUNS_DIR, runId))) runId = randomBytes(3).toString("hex");
  const n = names(runId);
  mkdirSync(n.runDir, { recursive: true });
  const meta: RunMeta = {
    runId,
    ownerPid: process.pid,
    ownerStart: procStartTime(process.pid),
    bridge: n.bridge,
    subnet: null,
    hostCount: count,
    dockerdPids: {},
  };
  writeMeta(meta);
  liveHostCounts.set(runId, count);

  const hosts: HostInternal[] = [];
  const swarm = opts.swarm ?? false;
  let stopPromise: Promise<void> | undefined;
  const timings: StartTimings = { networkMs: 0, dockerdMs: 0, imageMs: 0, swarmMs: 0, totalMs: 0 };
  let net = "";

  const sim: SimHosts = {
    runId,
    hosts,
    gatewayIp: "",
    subnet: "",
    bridge: n.bridge,
    stateDir: n.runDir,
    swarm,
    timings,
    stop() {
      stopPromise ??= (async () => {
        const ts = Date.now();
        try {
          await gracefulStop(runId, hosts, count, swarm || (opts.swarmTeardown ?? false));
        } finally {
          liveRuns.delete(runId);
          liveHostCounts.delete(runId);
          sim.stopMs = Date.now() - ts;
        }
      })();
      return stopPromise;
    },
  };
  liveRuns.set(runId, sim);

  try {
    // network
    let t = Date.now();
    net = reserveSubnet(runId);
    const base = net.split(".").slice(0, 3).join(".");
    sim.gatewayIp = `${base}.1`;
    sim.subnet = `${net}/24`;
    meta.subnet = sim.subnet;
    writeMeta(meta);
    await runCommand("ip", ["link", "add", n.bridge, "type", "bridge"]);
    await runCommand("ip", ["addr", "add", `${sim.gatewayIp}/24`, "dev", n.bridge]);
    await runCommand("ip", ["link", "set", n.bridge, "up"]);
    // bridged traffic passes the root namespace's FORWARD chain (br_netfilter), whose policy a
    // dockerd there sets to DROP: accept traffic between our hosts, drop anything leaving the bridge.
    const tag = ["-m", "comment", "--comment", n.tag];
    await runCommand("iptables", [
      "-w",
      "-I",
      "FORWARD",
      "-i",
      n.bridge,
      "!",
      "-o",
      n.bridge,
      ...tag,
      "-j",
      "DROP",
    ]);
    await runCommand("iptables", [
      "-w",
      "-I",
      "FORWARD",
      "-i",
      n.bridge,
      "-o",
      n.bridge,
      ...tag,
      "-j",
      "ACCEPT",
    ]);
    const ips: string[] = [];
    await Promise.all(
      Array.from({ length: count }, async (_, k) => {
        const i = k + 1;
        const ns = n.netns(i);
        const ip = `${base}.${10 + i}`;
        ips[i] = ip;
        await runCommand("ip", ["netns", "add", ns]);
        await runCommand("ip", [
          "link",
          "add",
          n.veth(i),
          "type",
          "veth",
          "peer",
          "name",
          "eth0",
          "netns",
          ns,
        ]);
        await runCommand("ip", ["link", "set", n.veth(i), "master", n.bridge, "up"]);
        await runCommand("ip", ["-n", ns, "addr", "add", `${ip}/24`, "dev", "eth0"]);
        await runCommand("ip", ["-n", ns, "link", "set", "eth0", "up"]);
        await runCommand("ip", ["-n", ns, "link", "set", "lo", "up"]);
        // deliberately no default route: the hosts reach only each other and the gateway
      }),
    );
    timings.networkMs = Date.now() - t;

    // engines
    t = Date.now();
    const started = await Promise.allSettled(
      Array.from({ length: count }, async (_, k) => {
        const h = await startDockerd(runId, k + 1, ips[k + 1]!, opts);
        hosts[k] = h;
        meta.dockerdPids[h.name] = h.dockerdPid;
        writeMeta(meta);
        return h;
      }),
    );
    const failed = started.find((s) => s.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
    timings.dockerdMs = Date.now() - t;

    t = Date.now();
    await loadBusybox(n.runDir, hosts);
    timings.imageMs = Date.now() - t;

    if (opts.sshd) {
      const each = opts.sshd === true ? hosts.map(() => ({})) : opts.sshd;
      meta.mountNamespaces = [];
      for (const [k, sshdOptions] of each.entries()) {
        const h = hosts[k];
        if (!h) break;
        h.ssh = await startSshd(h, h.stateDir, sshdOptions);
        meta.mountNamespaces.push(h.ssh.mountNamespace);
        writeMeta(meta);
      }
    }

    if (swarm) {
      t = Date.now();
      await formSwarm(hosts);
      timings.swarmMs = Date.now() - t;
    }
    timings.totalMs = Date.now() - t0;
    return sim;
  } catch (err) {
    // keep any started host in the list so stop() finds its dockerd
    for (let k = hosts.length - 1; k >= 0; k--) if (!hosts[k]) hosts.splice(k, 1);
    await sim.stop().catch(() => {});
    throw err;
  }
}
