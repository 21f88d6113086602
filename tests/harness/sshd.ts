/**
 * An SSH server per simulated host, for SSH onboarding tests. Each runs in the host's network
 * and UTS namespaces and in a mount namespace of its own, where
 *   /etc /opt /var/lib /var/log   are overlays (this machine's files below, the host's changes
 *                                 in <hostDir>/root/upper), so installers on two hosts never
 *                                 see each other's /opt/berth-agent or /etc/berth-agent.env;
 *   /run                          is an empty tmpfs (no systemd: the installer's fallback runs);
 *   /run/docker.sock              is the host's own engine socket (unless `engine: false`).
 * Everything started over SSH stays in that mount namespace, which is how teardown finds it.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import net from "node:net";
import path from "node:path";
import { runCommand, type RunOptions, type RunResult } from "./hosts";

export interface SshdOptions {
  /** Bind the host's engine at /run/docker.sock (default true). */
  engine?: boolean;
  /** Replace /etc/os-release inside the host (e.g. to play another distribution). */
  osRelease?: string;
  /** Replace the host's apt sources with this sources.list (e.g. a local file: repository). */
  aptSources?: string;
  /** Empty directories (tmpfs) inside the host, e.g. an engine's data root it will start. */
  emptyDirs?: string[];
  /** A login user besides root, with the same password; no sudo unless `userSudo`. */
  user?: string;
  /** Allow `user` passwordless sudo (a NOPASSWD entry in this host's own /etc/sudoers.d). */
  userSudo?: boolean;
  /**
   * Programs replaced inside this host only (bound over the path in its mount namespace), by
   * path: a shell script each, e.g. one that never returns to play a hung command.
   */
  stubs?: Record<string, string>;
}

export interface SimSsh {
  address: string;
  port: number;
  user: "root";
  /** root's password inside this host (its /etc/shadow is the overlay's). */
  password: string;
  /** An authorised OpenSSH private key, encrypted with `keyPassphrase`. */
  privateKey: string;
  keyPassphrase: string;
  sshdPid: number;
  /** The mount namespace (as /proc/<pid>/ns/mnt reads) everything started over SSH lives in. */
  mountNamespace: string;
  /** SHA256:… of the current host key, as `ssh-keygen -l` prints it. */
  fingerprint(): Promise<string>;
  /** A new host key, served from now on (sshd re-reads its keys on SIGHUP). */
  rotateHostKey(): Promise<void>;
  /** A path of this host's file system, as seen from the test (e.g. "/var/lib/berth-agent"). */
  hostPath(p: string): string;
  /** Run a command inside this host's mount, network and UTS namespaces. */
  exec(args: string[], opts?: RunOptions): Promise<RunResult>;
  /** Pids of every process in this host's mount namespace other than sshd's listener. */
  processes(): number[];
}

const SSHD = "/usr/sbin/sshd";
const OVERLAID = ["etc", "opt", "var/lib", "var/log", "var/cache"];

function mountNamespaceOf(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/ns/mnt`);
  } catch {
    return null;
  }
}

/** Every process whose mount namespace is `ns`. */
export function pidsInMountNamespace(ns: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    if (mountNamespaceOf(Number(name)) === ns) pids.push(Number(name));
  }
  return pids;
}

/** Whether something accepts TCP connections there (reachable over the harness bridge). */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, timeout: 500 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function keygen(file: string, passphrase: string): Promise<void> {
  rmSync(file, { force: true });
  rmSync(`${file}.pub`, { force: true });
  await runCommand("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-C", "", "-f", file]);
}

export async function startSshd(
  host: { name: string; netns: string; ip: string; dockerSocket: string; dockerdPid: number },
  hostDir: string,
  opts: SshdOptions = {},
): Promise<SimSsh> {
  const dir = path.join(hostDir, "ssh");
  const root = path.join(hostDir, "root");
  mkdirSync(dir, { recursive: true });
  for (const d of OVERLAID) {
    mkdirSync(path.join(root, "upper", d), { recursive: true });
    mkdirSync(path.join(root, "work", d), { recursive: true });
  }
  const hostKey = path.join(dir, "host_ed25519");
  const clientKey = path.join(dir, "client_ed25519");
  const password = randomBytes(12).toString("base64url");
  const keyPassphrase = randomBytes(12).toString("base64url");
  await keygen(hostKey, "");
  await keygen(clientKey, keyPassphrase);
  writeFileSync(path.join(dir, "authorized_keys"), readFileSync(`${clientKey}.pub`));
  const config = path.join(dir, "sshd_config");
  writeFileSync(
    config,
    [
      `ListenAddress ${host.ip}:22`,
      `HostKey ${hostKey}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      "PermitRootLogin yes",
      "PasswordAuthentication yes",
      "KbdInteractiveAuthentication no",
      "PubkeyAuthentication yes",
      `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
      "StrictModes no",
      "UsePAM no",
      "UseDNS no",
      "",
    ].join("\n"),
  );
  if (opts.osRelease !== undefined) writeFileSync(path.join(dir, "os-release"), opts.osRelease);
  if (opts.aptSources !== undefined) writeFileSync(path.join(dir, "sources.list"), opts.aptSources);
  const stubs = Object.entries(opts.stubs ?? {}).map(([target, script], i) => {
    const file = path.join(dir, `stub-${i}`);
    writeFileSync(file, script, { mode: 0o755 });
    return `mount --bind ${file} ${target}`;
  });

  // Inside the new mount namespace: overlays, a private /run, the engine socket, root's
  // password in the overlaid /etc/shadow, then exec sshd (so the spawned pid is sshd's).
  const setup = [
    "set -e",
    ...OVERLAID.map(
      (d) =>
        `mount -t overlay overlay -o lowerdir=/${d},upperdir=${root}/upper/${d},workdir=${root}/work/${d} /${d}`,
    ),
    "mount -t tmpfs -o mode=0755 tmpfs /run",
    "mkdir -p /run/sshd",
    opts.engine === false
      ? ""
      : `touch /run/docker.sock && mount --bind ${host.dockerSocket} /run/docker.sock`,
    // /etc/os-release is a symlink into /usr: remove it before writing, or /usr/lib changes
    opts.osRelease === undefined
      ? ""
      : `rm -f /etc/os-release && cp ${dir}/os-release /etc/os-release`,
    opts.aptSources === undefined
      ? ""
      : `rm -rf /etc/apt/sources.list.d/* && cp ${dir}/sources.list /etc/apt/sources.list`,
    ...(opts.emptyDirs ?? []).map((d) => `mkdir -p ${d} && mount -t tmpfs tmpfs ${d}`),
    `echo "root:${password}" | chpasswd`,
    opts.user === undefined
      ? ""
      : `useradd -M -d /tmp -s /bin/sh ${opts.user} && echo "${opts.user}:${password}" | chpasswd`,
    opts.user !== undefined && opts.userSudo
      ? `mkdir -p /etc/sudoers.d && echo "${opts.user} ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/berth-test && chmod 0440 /etc/sudoers.d/berth-test`
      : "",
    ...stubs,
    `exec ${SSHD} -D -e -f ${config}`,
  ]
    .filter(Boolean)
    .join("\n");
  const log = openSync(path.join(dir, "sshd.log"), "a");
  const child = spawn(
    "nsenter",
    [
      `--net=/run/netns/${host.netns}`,
      `--uts=/proc/${host.dockerdPid}/ns/uts`,
      "--",
      "unshare",
      "--mount",
      "--propagation",
      "private",
      "--",
      "/bin/sh",
      "-c",
      setup,
    ],
    { stdio: ["ignore", log, log], detached: true },
  );
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start sshd for ${host.name}`);
  child.unref();

  // ready when sshd (the exec'd process) listens on the host's address
  const deadline = Date.now() + 15_000;
  for (;;) {
    let cmd = "";
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] ?? "";
    } catch {
      /* exited: reported below */
    }
    // sshd rewrites its command line ("sshd: /usr/sbin/sshd -D … [listener]")
    const listening = cmd.includes(SSHD) && (await accepts(host.ip, 22));
    if (listening) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      // sshd rewrites its command line, so no sweep by path would find it later
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* already gone */
      }
      throw new Error(
        `sshd of ${host.name} did not start:\n${readFileSync(path.join(dir, "sshd.log"), "utf8")}`,
      );
    }
    await new Promise((r) => setTimeout(r, 30));
  }
  const mountNamespace = mountNamespaceOf(pid);
  if (!mountNamespace) throw new Error(`sshd of ${host.name} exited`);

  return {
    address: host.ip,
    port: 22,
    user: "root",
    password,
    privateKey: readFileSync(clientKey, "utf8"),
    keyPassphrase,
    sshdPid: pid,
    mountNamespace,
    async fingerprint() {
      const out = (await runCommand("ssh-keygen", ["-l", "-E", "sha256", "-f", `${hostKey}.pub`]))
        .stdout;
      const fingerprint = out.split(" ")[1];
      if (!fingerprint) throw new Error(`no fingerprint in ${out}`);
      return fingerprint;
    },
    async rotateHostKey() {
      await keygen(hostKey, "");
      process.kill(pid, "SIGHUP");
      // sshd re-executes itself on SIGHUP; it serves the new key once it listens again
      await new Promise((r) => setTimeout(r, 300));
    },
    hostPath(p) {
      const rel = p.replace(/^\/+/, "");
      const base = OVERLAID.find((d) => rel === d || rel.startsWith(`${d}/`));
      if (!base) throw new Error(`${p} is not one of this host's own paths`);
      return path.join(root, "upper", rel);
    },
    exec(args, o) {
      return runCommand(
        "nsenter",
        [
          `--mount=/proc/${pid}/ns/mnt`,
          `--net=/run/netns/${host.netns}`,
          `--uts=/proc/${host.dockerdPid}/ns/uts`,
          "--",
          ...args,
        ],
        o,
      );
    },
    processes() {
      return pidsInMountNamespace(mountNamespace).filter((p) => p !== pid);
    },
  };
}

/** Stop everything in these mount namespaces (sshd and whatever it started); SIGKILL stragglers. */
export async function stopMountNamespaces(namespaces: string[]): Promise<void> {
  const pids = () => namespaces.flatMap((ns) => pidsInMountNamespace(ns));
  for (const p of pids()) {
    try {
      process.kill(p, "SIGTERM");
    } catch {
      /* gone */
    }
  }
  const end = Date.now() + 3_000;
  while (pids().length && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  for (const p of pids()) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      /* gone */
    }
  }
}
