import { promises as fs } from "node:fs";
import path from "node:path";
import type { HostSample } from "@/lib/protocol";
import { sleep } from "../backoff";
import { cpuPercentBetween, parseCpuTimes, type CpuTimes } from "./cpu";
import { readDiskUsage } from "./disk";
import { parseLoadavg } from "./load";
import { parseMeminfo } from "./memory";
import { parseNetDev, ratePerSecond, type NetCounters } from "./network";

const MIN_WINDOW_MS = 500;

interface Reading {
  atMonotonicMs: number;
  cpu: CpuTimes;
  net: NetCounters;
}

/** Reads one host sample from /proc; rates are over the time since the previous reading. */
export class HostSampler {
  private prev: Reading | null = null;

  constructor(
    /** the Docker root dir once known */
    private readonly diskPath: () => string | undefined,
    private readonly procRoot = "/proc",
  ) {}

  /** Takes the baseline reading so the first sample has real rates. */
  async prime(): Promise<void> {
    const [stat, netDev] = await Promise.all([this.read("stat"), this.read("net/dev")]);
    this.prev = {
      atMonotonicMs: performance.now(),
      cpu: parseCpuTimes(stat),
      net: parseNetDev(netDev),
    };
  }

  async sample(): Promise<HostSample> {
    // A window of a few milliseconds gives noise, not a CPU figure: wait for a usable one.
    const since = this.prev ? performance.now() - this.prev.atMonotonicMs : MIN_WINDOW_MS;
    if (since < MIN_WINDOW_MS) await sleep(MIN_WINDOW_MS - since);
    const [stat, meminfo, netDev, loadavg, disk] = await Promise.all([
      this.read("stat"),
      this.read("meminfo"),
      this.read("net/dev"),
      this.read("loadavg"),
      readDiskUsage(this.diskPath()),
    ]);
    const now: Reading = {
      atMonotonicMs: performance.now(),
      cpu: parseCpuTimes(stat),
      net: parseNetDev(netDev),
    };
    const prev = this.prev ?? now;
    this.prev = now;
    const seconds = (now.atMonotonicMs - prev.atMonotonicMs) / 1000;
    const mem = parseMeminfo(meminfo);
    return {
      at: Date.now(),
      cpuPercent: cpuPercentBetween(prev.cpu, now.cpu),
      memUsedBytes: mem.usedBytes,
      memTotalBytes: mem.totalBytes,
      diskUsedBytes: disk.usedBytes,
      diskTotalBytes: disk.totalBytes,
      netRxBytesPerSec: ratePerSecond(prev.net.rxBytes, now.net.rxBytes, seconds),
      netTxBytesPerSec: ratePerSecond(prev.net.txBytes, now.net.txBytes, seconds),
      ...parseLoadavg(loadavg),
    };
  }

  private read(file: string): Promise<string> {
    return fs.readFile(path.join(this.procRoot, file), "utf8");
  }
}
