/**
 * Reading a container's figures straight from its cgroup (v1 and v2), located through
 * /proc/<pid>/cgroup of its init process and the cgroup mounts in /proc/self/mountinfo (no
 * assumption about the cgroup parent or the mount layout). Parsers only: the callers read files.
 */
import path from "node:path";

/** A process's cgroup membership: v1 controller → path, and its v2 path if any. */
export interface ProcCgroups {
  v1: Map<string, string>;
  v2: string | null;
}

/** Parses /proc/<pid>/cgroup ("4:memory:/x", "3:cpu,cpuacct:/x", "0::/x"). */
export function parseProcCgroup(text: string): ProcCgroups {
  const v1 = new Map<string, string>();
  let v2: string | null = null;
  for (const line of text.split("\n")) {
    const m = /^(\d+):([^:]*):(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, hierarchy, controllers = "", cgPath = ""] = m;
    if (hierarchy === "0" && controllers === "") {
      v2 = cgPath;
      continue;
    }
    for (const c of controllers.split(",")) if (c) v1.set(c, cgPath);
  }
  return { v1, v2 };
}

export interface CgroupMount {
  version: 1 | 2;
  /** v1 controllers of this hierarchy (super options), empty for v2 */
  controllers: string[];
  /** the cgroup path that is mounted (mountinfo field 4) */
  root: string;
  mountPoint: string;
}

const unescapeMount = (s: string) =>
  s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/** Super options of a v1 cgroup mount that are not controllers. */
const NOT_CONTROLLERS = new Set([
  "rw",
  "ro",
  "xattr",
  "noprefix",
  "clone_children",
  "cpuset_v2_mode",
]);

/** The cgroup and cgroup2 mounts of /proc/self/mountinfo. */
export function parseCgroupMounts(mountinfo: string): CgroupMount[] {
  const out: CgroupMount[] = [];
  for (const line of mountinfo.split("\n")) {
    const sep = line.indexOf(" - ");
    if (sep < 0) continue;
    const left = line.slice(0, sep).split(" ");
    const right = line.slice(sep + 3).split(" ");
    const [fsType, , superOptions = ""] = right;
    const root = left[3];
    const mountPoint = left[4];
    if (root === undefined || mountPoint === undefined) continue;
    if (fsType === "cgroup2") {
      out.push({
        version: 2,
        controllers: [],
        root: unescapeMount(root),
        mountPoint: unescapeMount(mountPoint),
      });
    } else if (fsType === "cgroup") {
      const controllers = superOptions
        .split(",")
        .filter((o) => o && !NOT_CONTROLLERS.has(o) && !o.includes("="));
      out.push({
        version: 1,
        controllers,
        root: unescapeMount(root),
        mountPoint: unescapeMount(mountPoint),
      });
    }
  }
  return out;
}

/** Where a cgroup path of a mounted hierarchy lives in the filesystem. */
export function dirIn(mount: CgroupMount, cgPath: string): string {
  const rel = path.posix.relative(mount.root, cgPath);
  // a path outside the mounted subtree (another cgroup namespace view): take it as it is
  const inside = rel === "" || (!rel.startsWith("..") && !path.posix.isAbsolute(rel));
  return path.posix.join(mount.mountPoint, inside ? rel : cgPath);
}

export type CgroupKind = "v1" | "v2";

/** The directory of one controller of a process: its v1 hierarchy if mounted, else its v2 cgroup. */
function controllerDir(
  cgroups: ProcCgroups,
  mounts: CgroupMount[],
  controller: string,
): { dir: string; kind: CgroupKind } | null {
  const v1Path = cgroups.v1.get(controller);
  const v1Mount = mounts.find((m) => m.version === 1 && m.controllers.includes(controller));
  if (v1Path !== undefined && v1Mount) return { dir: dirIn(v1Mount, v1Path), kind: "v1" };
  const v2Mount = mounts.find((m) => m.version === 2);
  if (cgroups.v2 !== null && v2Mount) return { dir: dirIn(v2Mount, cgroups.v2), kind: "v2" };
  return null;
}

/** The files that hold one process's figures; null where its cgroup lacks the controller. */
export interface CgroupFiles {
  /** v1: cpuacct.usage (ns); v2: cpu.stat (usage_usec) */
  cpu: { file: string; kind: CgroupKind } | null;
  /** v1: memory.usage_in_bytes and memory.limit_in_bytes; v2: memory.current and memory.max */
  memory: { usageFile: string; statFile: string; limitFile: string; kind: CgroupKind } | null;
  /** v1: blkio.throttle.io_service_bytes and blkio.io_service_bytes_recursive; v2: io.stat */
  io: { files: string[]; kind: CgroupKind } | null;
  /** pids.current */
  pids: string | null;
}

/** Picks, per controller, the v1 hierarchy when the process has it, else its v2 cgroup. */
export function locateCgroupFiles(cgroups: ProcCgroups, mounts: CgroupMount[]): CgroupFiles {
  const cpu = controllerDir(cgroups, mounts, "cpuacct");
  const memory = controllerDir(cgroups, mounts, "memory");
  const io = controllerDir(cgroups, mounts, "blkio");
  const pids = controllerDir(cgroups, mounts, "pids");
  const inDir = (found: { dir: string; kind: CgroupKind }, v1: string, v2: string) =>
    path.posix.join(found.dir, found.kind === "v1" ? v1 : v2);
  return {
    cpu: cpu && { file: inDir(cpu, "cpuacct.usage", "cpu.stat"), kind: cpu.kind },
    memory: memory && {
      usageFile: inDir(memory, "memory.usage_in_bytes", "memory.current"),
      statFile: inDir(memory, "memory.stat", "memory.stat"),
      limitFile: inDir(memory, "memory.limit_in_bytes", "memory.max"),
      kind: memory.kind,
    },
    io: io && {
      files:
        io.kind === "v1"
          ? [
              path.posix.join(io.dir, "blkio.throttle.io_service_bytes"),
              path.posix.join(io.dir, "blkio.io_service_bytes_recursive"),
            ]
          : [path.posix.join(io.dir, "io.stat")],
      kind: io.kind,
    },
    pids: pids && path.posix.join(pids.dir, "pids.current"),
  };
}

/**
 * Finds processes' cgroup files through /proc: the cgroup mounts once, then each process's
 * /proc/<pid>/cgroup. `read` reads a whole file and throws when it is not there.
 */
export class CgroupLocator {
  private mounts: CgroupMount[] | null = null;

  constructor(
    private readonly read: (file: string) => string,
    private readonly procRoot = "/proc",
  ) {}

  /** Throws when the process is gone. */
  filesOf(pid: number): CgroupFiles {
    this.mounts ??= parseCgroupMounts(this.read(path.posix.join(this.procRoot, "self/mountinfo")));
    const cgroups = parseProcCgroup(
      this.read(path.posix.join(this.procRoot, String(pid), "cgroup")),
    );
    return locateCgroupFiles(cgroups, this.mounts);
  }
}

/** "key value" lines (memory.stat, cpu.stat). */
export function parseFlatKeyed(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const [k, v] = line.trim().split(/\s+/);
    if (k && v !== undefined && /^-?\d+$/.test(v)) out.set(k, Number(v));
  }
  return out;
}

/** CPU time used so far in nanoseconds, from cpuacct.usage (v1) or cpu.stat (v2). */
export function parseCpuUsageNs(text: string, kind: CgroupKind): number | null {
  if (kind === "v1") {
    const t = text.trim();
    return /^\d+$/.test(t) ? Number(t) : null;
  }
  const usec = parseFlatKeyed(text).get("usage_usec");
  return usec === undefined ? null : usec * 1000;
}

/**
 * Memory in use as `docker stats` shows it: usage minus inactive page cache
 * (v1: memory.usage_in_bytes − total_inactive_file; v2: memory.current − inactive_file).
 */
export function memoryWorkingSet(
  usageText: string,
  statText: string,
  kind: CgroupKind,
): number | null {
  const t = usageText.trim();
  if (!/^\d+$/.test(t)) return null;
  const usage = Number(t);
  const stat = parseFlatKeyed(statText);
  const inactive = stat.get(kind === "v1" ? "total_inactive_file" : "inactive_file") ?? 0;
  return Math.max(0, usage - (inactive < usage ? inactive : 0));
}

/** CPU share between two readings; 100 = one full CPU (like docker stats). */
export function cpuPercentOf(
  prev: { cpuNs: number; atNs: number },
  cur: { cpuNs: number; atNs: number },
): number | null {
  const wall = cur.atNs - prev.atNs;
  const cpu = cur.cpuNs - prev.cpuNs;
  if (wall <= 0 || cpu < 0) return null;
  return Math.round((cpu / wall) * 100 * 100) / 100;
}

/** v1 reports "no limit" as a huge page-aligned number (2^63 − 4096 and the like). */
const V1_UNLIMITED = 2 ** 60;

/** memory.limit_in_bytes (v1) or memory.max (v2); null when unlimited or unreadable. */
export function parseMemoryLimit(text: string): number | null {
  const t = text.trim();
  if (t === "max" || !/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= V1_UNLIMITED ? null : n;
}

export interface BlockBytes {
  read: number;
  write: number;
}

/** v1 blkio.*io_service_bytes*: "8:0 Read 4096" rows (Total rows are skipped). */
export function parseBlkioServiceBytes(text: string): BlockBytes {
  const out = { read: 0, write: 0 };
  for (const line of text.split("\n")) {
    const [, op, v] = line.trim().split(/\s+/);
    if (v === undefined || !/^\d+$/.test(v)) continue;
    if (op === "Read") out.read += Number(v);
    else if (op === "Write") out.write += Number(v);
  }
  return out;
}

/** v2 io.stat: "8:0 rbytes=4096 wbytes=0 rios=1 ..." per device. */
export function parseIoStat(text: string): BlockBytes {
  const out = { read: 0, write: 0 };
  for (const line of text.split("\n")) {
    for (const field of line.trim().split(/\s+/).slice(1)) {
      const eq = field.indexOf("=");
      const key = field.slice(0, eq);
      const v = Number(field.slice(eq + 1));
      if (!Number.isFinite(v)) continue;
      if (key === "rbytes") out.read += v;
      else if (key === "wbytes") out.write += v;
    }
  }
  return out;
}
