import { closeSync, openSync, readSync } from "node:fs";
import type Docker from "dockerode";
import { METRICS_INTERVAL_WATCHED_MS, type ContainerStatsItem } from "@/lib/protocol";
import { describeError, log } from "../log";
import type { ContainerUsage } from "../engine/command-types";
import {
  CgroupLocator,
  cpuPercentOf,
  memoryWorkingSet,
  parseCpuUsageNs,
  type CgroupFiles,
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

/** Engine events keep the running set; a full list call reconciles it this often. */
const RELIST_MS = 60_000;

let readBuffer = Buffer.alloc(64 * 1024);

/**
 * cgroup and /proc files are generated in memory by the kernel: a synchronous read takes
 * microseconds, far less than a trip through libuv's thread pool. (They report size 0: read
 * to the end into one reused buffer that grows when needed.)
 */
function readText(file: string): string {
  const fd = openSync(file, "r");
  try {
    // until a read returns nothing: proc files may come a page per read
    let n = 0;
    for (;;) {
      if (n === readBuffer.length)
        readBuffer = Buffer.concat([readBuffer, Buffer.alloc(readBuffer.length)]);
      const got = readSync(fd, readBuffer, n, readBuffer.length - n, null);
      if (got === 0) return readBuffer.toString("utf8", 0, n);
      n += got;
    }
  } finally {
    closeSync(fd);
  }
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
  private readonly cgroups: CgroupLocator;
  private intervalMs = STATS_INTERVAL_IDLE_MS;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private sweeping: Promise<ContainerStatsItem[]> | null = null;
  private lastError: string | null = null;
  /** Ids of running and paused containers, kept from engine events; null until listed. */
  private runningIds: Set<string> | null = null;
  private listedAt = 0;
  /** Events that arrive while a list call is out, applied to its answer. */
  private eventsDuringList: Array<[string, string]> | null = null;
  /** Duration of the last sweep in ms (for logs and benchmarks). */
  lastSweepMs = 0;
  /** The part of it spent reading cgroup files (and inspecting new containers). */
  lastReadMs = 0;

  constructor(
    private readonly docker: Docker,
    private readonly emit: (items: ContainerStatsItem[]) => void,
    procRoot = "/proc",
  ) {
    this.cgroups = new CgroupLocator(readText, procRoot);
  }

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
    this.eventsDuringList?.push([action, id]);
    this.applyEvent(action, id);
  }

  /** The event stream was reopened: events may have been missed, list again. */
  resync(): void {
    this.runningIds = null;
  }

  private applyEvent(action: string, id: string): void {
    if (action === "start" || action === "restart") {
      this.located.delete(id);
      this.prevCpu.delete(id);
      this.runningIds?.add(id);
    } else if (action === "die" || action === "destroy") {
      this.located.delete(id);
      this.prevCpu.delete(id);
      this.latest.delete(id);
      this.runningIds?.delete(id);
    }
  }

  private async runningContainers(): Promise<string[]> {
    if (this.runningIds && performance.now() - this.listedAt < RELIST_MS) {
      return [...this.runningIds];
    }
    this.eventsDuringList = [];
    try {
      const listed = (await this.docker.listContainers({
        filters: { status: ["running", "paused"] },
      })) as Array<{ Id: string }>;
      this.runningIds = new Set(listed.map((c) => c.Id));
      this.listedAt = performance.now();
      for (const [action, id] of this.eventsDuringList) this.applyEvent(action, id);
    } finally {
      this.eventsDuringList = null;
    }
    return [...this.runningIds];
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
    const running = await this.runningContainers();
    const tList = performance.now();
    const measured = await Promise.all(running.map((id) => this.measure(id)));
    const items = measured.filter((i) => i !== null);
    this.lastReadMs = performance.now() - tList;
    const alive = new Set(running);
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
    const located = { pid, files: this.cgroups.filesOf(pid) };
    this.located.set(id, located);
    return located;
  }

  /** Null when the container turned out not to run (an event the sweep has not seen yet). */
  private async measure(id: string, retried = false): Promise<ContainerStatsItem | null> {
    const item: ContainerStatsItem = { id, cpuPercent: null, memoryBytes: null };
    let loc: Located | null;
    try {
      loc = await this.locate(id);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) return item; // e.g. no /proc access
      loc = null;
    }
    if (!loc) {
      this.runningIds?.delete(id);
      return null;
    }
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
      // the cgroup went away (container stopped or restarted): find it again, or drop it
      this.located.delete(id);
      this.prevCpu.delete(id);
      if (!retried) return this.measure(id, true);
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
