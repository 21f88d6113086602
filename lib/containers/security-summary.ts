/**
 * A security checklist for one container, read from its raw Engine API inspect JSON
 * (GET /containers/{id}/json). Pure and browser-safe.
 */
import { describeSize } from "./parse-size";

export type SecurityLevel = "ok" | "warn" | "danger";

export interface SecurityItem {
  /** Stable id: "user", "privileged", "capAdd", …, or "mount:<host path>" per sensitive mount. */
  key: string;
  label: string;
  level: SecurityLevel;
  detail: string;
}

export interface SecuritySummary {
  items: SecurityItem[];
}

/** Capabilities that on their own let a process escape or take over the host or its network. */
export const DANGEROUS_CAPABILITIES: readonly string[] = [
  "ALL",
  "SYS_ADMIN",
  "SYS_MODULE",
  "SYS_RAWIO",
  "SYS_PTRACE",
  "SYS_BOOT",
  "SYS_TIME",
  "NET_ADMIN",
  "DAC_READ_SEARCH",
  "MAC_ADMIN",
  "MAC_OVERRIDE",
  "BPF",
  "PERFMON",
  "SYSLOG",
];

/** Host paths a container must not get without a host admin's say-so. */
const SENSITIVE_ROOTS = [
  "/etc",
  "/proc",
  "/sys",
  "/dev",
  "/boot",
  "/root",
  "/home",
  "/run",
  "/var/run",
  "/var/lib/docker",
  "/var/lib/containerd",
  "/var/lib/kubelet",
  "/usr",
  "/bin",
  "/sbin",
  "/lib",
  "/lib32",
  "/lib64",
  "/libx32",
];

const ENGINE_SOCKET = /\/(docker|containerd|podman|crio|cri-dockerd|dockershim)\.sock$/;

/** `/a/./b/../c//` → `/a/c`; null for a relative path. */
function normalizePath(path: string): string | null {
  const p = path.trim();
  if (!p.startsWith("/")) return null;
  const parts: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/**
 * True for host paths whose bind mount gives a container power over the host: `/`, system
 * directories (/etc, /proc, /sys, /dev, /boot, /usr …), home directories, the engine's socket
 * and state, anything inside those, and any directory that contains one of them (`/var`).
 */
export function isSensitiveHostPath(path: string): boolean {
  const p = normalizePath(path);
  if (p === null) return false;
  if (p === "/") return true;
  if (ENGINE_SOCKET.test(p)) return true;
  return SENSITIVE_ROOTS.some(
    (root) => p === root || p.startsWith(`${root}/`) || root.startsWith(`${p}/`),
  );
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {};
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

const capName = (cap: string) => cap.trim().toUpperCase().replace(/^CAP_/, "");
const list = (names: string[]) => names.join(", ");

interface HostMount {
  source: string;
  target: string;
  readOnly: boolean;
}

function bindMounts(inspect: Json, host: Json): HostMount[] {
  const found: HostMount[] = [];
  for (const m of Array.isArray(inspect.Mounts) ? inspect.Mounts : []) {
    const mount = obj(m);
    if (str(mount.Type) !== "bind") continue;
    found.push({
      source: str(mount.Source),
      target: str(mount.Destination),
      readOnly: mount.RW === false,
    });
  }
  for (const bind of strings(host.Binds)) {
    const [source = "", target = "", options = ""] = bind.split(":");
    if (!source.startsWith("/")) continue;
    found.push({ source, target, readOnly: options.split(",").includes("ro") });
  }
  for (const m of Array.isArray(host.Mounts) ? host.Mounts : []) {
    const mount = obj(m);
    if (str(mount.Type) !== "bind") continue;
    found.push({
      source: str(mount.Source),
      target: str(mount.Target),
      readOnly: mount.ReadOnly === true,
    });
  }
  const seen = new Set<string>();
  return found.filter((m) => {
    const id = `${m.source}\u0000${m.target}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

interface Published {
  ip: string;
  hostPort: string;
  port: string;
}

function publishedPorts(inspect: Json, host: Json): Published[] {
  const read = (map: Json) =>
    Object.entries(map).flatMap(([port, bindings]) =>
      (Array.isArray(bindings) ? bindings : []).map((b) => ({
        ip: str(obj(b).HostIp),
        hostPort: str(obj(b).HostPort),
        port,
      })),
    );
  const live = read(obj(obj(inspect.NetworkSettings).Ports));
  return live.length > 0 ? live : read(obj(host.PortBindings));
}

const isAllInterfaces = (ip: string) => ip === "" || ip === "0.0.0.0" || ip === "::";
const isLoopback = (ip: string) => /^127\./.test(ip) || ip === "::1" || ip === "localhost";

function namespaceItem(
  key: string,
  label: string,
  mode: string,
  hostLevel: SecurityLevel,
  hostDetail: string,
  ownDetail: string,
): SecurityItem {
  if (mode === "host") return { key, label, level: hostLevel, detail: hostDetail };
  if (mode.startsWith("container:"))
    return { key, label, level: "ok", detail: `Shared with container ${mode.slice(10)}.` };
  return { key, label, level: "ok", detail: ownDetail };
}

/** The checklist, in a fixed order; sensitive mounts get one item each. */
export function securitySummary(inspect: Record<string, unknown>): SecuritySummary {
  const config = obj(inspect.Config);
  const host = obj(inspect.HostConfig);
  const items: SecurityItem[] = [];
  const add = (key: string, label: string, level: SecurityLevel, detail: string) =>
    items.push({ key, label, level, detail });

  // User
  const user = str(config.User).trim();
  const uid = user.split(":")[0]!;
  if (uid === "" || uid === "0" || uid === "root")
    add(
      "user",
      "User",
      "warn",
      user === "" ? "Runs as root: the image names no user." : `Runs as root (${user}).`,
    );
  else add("user", "User", "ok", `Runs as ${user}, not root.`);

  // Privileged
  const privileged = host.Privileged === true;
  add(
    "privileged",
    "Privileged",
    privileged ? "danger" : "ok",
    privileged
      ? "Privileged: every capability and every host device; it can take over the host."
      : "Not privileged.",
  );

  // Capabilities
  const added = strings(host.CapAdd).map(capName);
  const dangerous = added.filter((c) => DANGEROUS_CAPABILITIES.includes(c));
  if (added.length === 0) add("capAdd", "Added capabilities", "ok", "None added.");
  else if (dangerous.length > 0)
    add(
      "capAdd",
      "Added capabilities",
      "danger",
      `Adds ${list(added)}; ${list(dangerous)} can be used to break out or reach into the host.`,
    );
  else add("capAdd", "Added capabilities", "warn", `Adds ${list(added)}.`);

  const dropped = strings(host.CapDrop).map(capName);
  if (dropped.includes("ALL"))
    add("capDrop", "Dropped capabilities", "ok", "Drops all capabilities it does not add back.");
  else if (dropped.length > 0)
    add(
      "capDrop",
      "Dropped capabilities",
      "warn",
      `Drops ${list(dropped)} but keeps the rest of the engine's default set.`,
    );
  else
    add(
      "capDrop",
      "Dropped capabilities",
      "warn",
      "Keeps the engine's default capabilities; --cap-drop ALL would remove them.",
    );

  // Filesystem and privilege escalation
  add(
    "readOnlyRootfs",
    "Read-only root filesystem",
    host.ReadonlyRootfs === true ? "ok" : "warn",
    host.ReadonlyRootfs === true
      ? "The root filesystem is read-only."
      : "The container can write anywhere in its own filesystem.",
  );
  const securityOpt = strings(host.SecurityOpt).map((o) => o.trim());
  const noNewPrivileges = securityOpt.some((o) => /^no-new-privileges([:=](true|1))?$/i.test(o));
  add(
    "noNewPrivileges",
    "No new privileges",
    noNewPrivileges ? "ok" : "warn",
    noNewPrivileges
      ? "Processes cannot gain privileges (setuid binaries are neutered)."
      : "Processes can gain privileges through setuid binaries.",
  );
  if (securityOpt.some((o) => /^seccomp[:=]unconfined$/i.test(o)))
    add("seccomp", "Seccomp", "warn", "Seccomp is off: every system call is allowed.");
  if (securityOpt.some((o) => /^apparmor[:=]unconfined$/i.test(o)))
    add("apparmor", "AppArmor", "warn", "AppArmor is off for this container.");

  // Limits
  const memory = num(host.Memory);
  add(
    "memoryLimit",
    "Memory limit",
    memory > 0 ? "ok" : "warn",
    memory > 0
      ? `Limited to ${describeSize(memory)}.`
      : "No limit: it can use all of the host's memory.",
  );
  const nanoCpus = num(host.NanoCpus);
  const quota = num(host.CpuQuota);
  const period = num(host.CpuPeriod) || 100_000;
  const cpus = nanoCpus > 0 ? nanoCpus / 1e9 : quota > 0 ? quota / period : 0;
  const cpuset = str(host.CpusetCpus);
  if (cpus > 0)
    add(
      "cpuLimit",
      "CPU limit",
      "ok",
      `Limited to ${Math.round(cpus * 100) / 100} CPU${cpus === 1 ? "" : "s"}.`,
    );
  else if (cpuset) add("cpuLimit", "CPU limit", "ok", `Pinned to CPUs ${cpuset}.`);
  else add("cpuLimit", "CPU limit", "warn", "No limit: it can use every CPU on the host.");
  const pids = num(host.PidsLimit);
  add(
    "pidsLimit",
    "Process limit",
    pids > 0 ? "ok" : "warn",
    pids > 0
      ? `At most ${pids} processes.`
      : "No limit: a runaway process can fill the host's process table.",
  );

  // Host mounts and devices
  const sensitive = bindMounts(inspect, host).filter((m) => isSensitiveHostPath(m.source));
  if (sensitive.length === 0)
    add("mounts", "Host paths", "ok", "No sensitive host paths are mounted.");
  for (const m of sensitive) {
    const path = normalizePath(m.source)!;
    const socket = ENGINE_SOCKET.test(path);
    const mode = m.readOnly ? "read-only" : "read-write";
    const level: SecurityLevel = socket || path === "/" || !m.readOnly ? "danger" : "warn";
    const detail = socket
      ? `${m.source} is the container engine's socket, mounted at ${m.target}: whoever controls the container controls the host.`
      : `${m.source} on the host is mounted ${mode} at ${m.target}.`;
    add(`mount:${m.source}`, "Host path", level, detail);
  }
  const devices = (Array.isArray(host.Devices) ? host.Devices : [])
    .map((d) => str(obj(d).PathOnHost))
    .filter(Boolean);
  if (devices.length > 0)
    add("devices", "Host devices", "warn", `Has access to ${list(devices)} on the host.`);

  // Namespaces
  const networkMode = str(host.NetworkMode);
  items.push(
    namespaceItem(
      "networkMode",
      "Network",
      networkMode,
      "warn",
      "Shares the host's network: it can bind any host port and reach services listening only on the host.",
      networkMode === "none" ? "No network." : "Own network namespace.",
    ),
    namespaceItem(
      "pidMode",
      "Processes",
      str(host.PidMode),
      "danger",
      "Shares the host's process namespace: it sees every process on the host.",
      "Own process namespace.",
    ),
    namespaceItem(
      "ipcMode",
      "IPC",
      str(host.IpcMode),
      "warn",
      "Shares the host's IPC namespace (shared memory, semaphores).",
      "Own IPC namespace.",
    ),
  );
  if (str(host.UTSMode) === "host")
    add(
      "utsMode",
      "Hostname",
      "warn",
      "Shares the host's UTS namespace and can change its hostname.",
    );

  // Published ports
  const ports = publishedPorts(inspect, host);
  const open = ports.filter((p) => isAllInterfaces(p.ip));
  if (networkMode === "host")
    add(
      "ports",
      "Published ports",
      "warn",
      "Host network: every port it listens on is open on the host.",
    );
  else if (open.length > 0) {
    const shown = [...new Set(open.map((p) => `${p.hostPort || "?"}→${p.port}`))];
    add(
      "ports",
      "Published ports",
      "warn",
      `Open on all interfaces: ${list(shown)}. Bind to 127.0.0.1 if only this host should reach them.`,
    );
  } else if (ports.length === 0 && host.PublishAllPorts === true)
    add("ports", "Published ports", "warn", "Publishes every exposed port on all interfaces.");
  else if (ports.length === 0) add("ports", "Published ports", "ok", "No ports published.");
  else if (ports.every((p) => isLoopback(p.ip)))
    add("ports", "Published ports", "ok", "Published on this host's loopback only.");
  else
    add(
      "ports",
      "Published ports",
      "ok",
      `Published on ${list([...new Set(ports.map((p) => p.ip))])} only.`,
    );

  return { items };
}
