import { readFileSync } from "node:fs";
import path from "node:path";
import type Docker from "dockerode";
import { METRICS_INTERVAL_WATCHED_MS, type ContainerStatsItem } from "@/lib/protocol";
import { describeError, log } from "../log";
import type { ContainerUsage } from "../engine/command-types";
import {
  cpuPercentOf,
  locateCgroupFiles,
  memoryWorkingSet,
  parseCgroupMounts,
  parseCpuUsageNs,
  parseProcCgroup,
  type CgroupFiles,
  type CgroupMount,
} from "./cgroup";

export const STATS_INTERVAL_IDLE_MS = 10_000;
export const STATS_INTERVAL_WATCHED_MS = 2_000;
/** After the baseline sweep, the first real figures come this soon. */
const FIRST_FIGURES_MS = 1_000;

interface Located {
  pid: number;
  files: CgroupFiles;
}

interface CpuReading {
  cpuNs: number;
  atNs: number;
}

const nowNs = () => Number(process.hrtime.bigint());

/**
 * cgroup and /proc files are generated in memory by the kernel: a synchronous read takes
 * microseconds, far less than a trip through libuv's thread pool.
 */
function readText(file: string): string {
  return readFileSync(file, "utf8");
}

/**
 * CPU and memory of all running containers in one sweep over their cgroup files (v1 or v2),
 * without Docker's stats API. Each container's cgroup is found from /proc/<pid>/cgroup of its
 * init process (pid from inspect, cached until the container starts again). Sweeps every 10 s,
 * every 2 s while host metrics are watched (1 s); the latest figures also feed container.list.
 */
export class ContainerStatsSweeper {
  private readonly located = new Map<string, Located>();
  private readonly prevCpu = new Map<string, CpuReading>();
  private latest = new Map<string, ContainerUsage>();
  private mounts: CgroupMount[] | null = null;
  private intervalMs = STATS_INTERVAL_IDLE_MS;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private sweeping: Promise<ContainerStatsItem[]> | null = null;
  private lastError: string | null = null;
  /** Duration of the last sweep in ms (for logs and benchmarks). */
  lastSweepMs = 0;
  /** The part of it spent reading cgroup files (and inspecting new containers). */
  lastReadMs = 0;

  constructor(
    private readonly docker: Docker,
    private readonly emit: (items: ContainerStatsItem[]) => void,
    private readonly procRoot = "/proc",
  ) {}

  /** Latest figures of one container, if the sweep has seen it running. */
  usage(id: string): ContainerUsage | undefined {
    return this.latest.get(id);
  }

  /** On connect: a baseline sweep now, first figures a second later, then at the interval. */
  start(): void {
    this.stop();
    this.running = true;
    void this.tick(FIRST_FIGURES_MS);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Follows the host metrics interval: 2 s sweeps while it is 1 s, else 10 s. */
  setHostInterval(hostIntervalMs: number): void {
    const next =
      hostIntervalMs <= METRICS_INTERVAL_WATCHED_MS
        ? STATS_INTERVAL_WATCHED_MS
        : STATS_INTERVAL_IDLE_MS;
    if (next === this.intervalMs) return;
    this.intervalMs = next;
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.schedule(next === STATS_INTERVAL_WATCHED_MS ? 0 : next);
  }

  get currentIntervalMs(): number {
    return this.intervalMs;
  }

  /** An engine event about a container: a (re)start changes its pid, an end removes it. */
  onContainerEvent(action: string, id: string): void {
    if (action === "start" || action === "restart") {
      this.located.delete(id);
      this.prevCpu.delete(id);
    } else if (action === "die" || action === "destroy") {
      this.located.delete(id);
      this.prevCpu.delete(id);
      this.latest.delete(id);
    }
  }

  /** One sweep over all running containers; concurrent callers share it. */
  sweep(): Promise<ContainerStatsItem[]> {
    this.sweeping ??= this.doSweep().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  private async doSweep(): Promise<ContainerStatsItem[]> {
    const t0 = performance.now();
    this.mounts ??= parseCgroupMounts(readText(path.join(this.procRoot, "self/mountinfo")));
    const running = (await this.docker.listContainers({
      filters: { status: ["running", "paused"] },
    })) as Array<{ Id: string }>;
    const tList = performance.now();
    const items = await Promise.all(running.map((c) => this.measure(c.Id)));
    this.lastReadMs = performance.now() - tList;
    const alive = new Set(running.map((c) => c.Id));
    for (const id of this.located.keys()) if (!alive.has(id)) this.located.delete(id);
    for (const id of this.prevCpu.keys()) if (!alive.has(id)) this.prevCpu.delete(id);
    this.latest = new Map(
      items.map((i) => [i.id, { cpuPercent: i.cpuPercent, memoryBytes: i.memoryBytes }]),
    );
    this.lastSweepMs = performance.now() - t0;
    return items;
  }

  private async locate(id: string): Promise<Located | null> {
    const cached = this.located.get(id);
    if (cached) return cached;
    const info = (await this.docker.getContainer(id).inspect()) as { State?: { Pid?: number } };
    const pid = info.State?.Pid ?? 0;
    if (!pid) return null;
    const cg = parseProcCgroup(readText(path.join(this.procRoot, String(pid), "cgroup")));
    const located = { pid, files: locateCgroupFiles(cg, this.mounts ?? []) };
    this.located.set(id, located);
    return located;
  }

  private async measure(id: string): Promise<ContainerStatsItem> {
    const item: ContainerStatsItem = { id, cpuPercent: null, memoryBytes: null };
    let loc: Located | null;
    try {
      loc = await this.locate(id);
    } catch {
      return item; // gone meanwhile, or no access to its /proc entry
    }
    if (!loc) return item;
    const { cpu, memory } = loc.files;
    try {
      if (cpu) {
        const cpuNs = parseCpuUsageNs(readText(cpu.file), cpu.kind);
        const atNs = nowNs();
        if (cpuNs !== null) {
          const prev = this.prevCpu.get(id);
          const cur = { cpuNs, atNs };
          if (prev) item.cpuPercent = cpuPercentOf(prev, cur);
          this.prevCpu.set(id, cur);
        }
      }
      if (memory) {
        const usage = readText(memory.usageFile);
        const stat = readText(memory.statFile);
        item.memoryBytes = memoryWorkingSet(usage, stat, memory.kind);
      }
    } catch {
      // the cgroup went away (container stopped or restarted): find it again next time
      this.located.delete(id);
      this.prevCpu.delete(id);
    }
    return item;
  }

  private async tick(nextInMs?: number): Promise<void> {
    if (!this.running) return;
    try {
      const items = await this.sweep();
      if (!this.running) return;
      this.emit(items);
      this.lastError = null;
    } catch (err) {
      const message = describeError(err);
      if (message !== this.lastError) log.warn(`container stats sweep failed: ${message}`);
      this.lastError = message;
    }
    this.schedule(nextInMs ?? this.intervalMs);
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, ms);
  }
}
