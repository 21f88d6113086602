/** Cumulative CPU time of all CPUs, in USER_HZ ticks, from the `cpu` line of /proc/stat. */
export interface CpuTimes {
  total: number;
  idle: number;
}

export function parseCpuTimes(procStat: string): CpuTimes {
  const line = procStat.split("\n").find((l) => /^cpu\s/.test(l));
  if (!line) throw new Error("/proc/stat has no aggregate cpu line");
  // user nice system idle iowait irq softirq steal [guest guest_nice: already inside user/nice]
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
    line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map((v) => Number(v) || 0);
  return {
    total: user + nice + system + idle + iowait + irq + softirq + steal,
    idle: idle + iowait,
  };
}

/** Busy share of all CPUs between two readings, 0..100 (0 when no time passed). */
export function cpuPercentBetween(prev: CpuTimes, cur: CpuTimes): number {
  const total = cur.total - prev.total;
  const idle = cur.idle - prev.idle;
  if (total <= 0) return 0;
  const percent = (100 * (total - idle)) / total;
  return Math.round(Math.min(100, Math.max(0, percent)) * 100) / 100;
}
