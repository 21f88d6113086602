export interface MemoryUsage {
  totalBytes: number;
  availableBytes: number;
  /** total − available: page cache and reclaimable slab do not count as used */
  usedBytes: number;
}

export function parseMeminfo(procMeminfo: string): MemoryUsage {
  const kb = new Map<string, number>();
  for (const line of procMeminfo.split("\n")) {
    const m = /^([\w()]+):\s+(\d+)/.exec(line);
    if (m?.[1] && m[2]) kb.set(m[1], Number(m[2]));
  }
  const total = kb.get("MemTotal");
  if (total === undefined) throw new Error("/proc/meminfo has no MemTotal");
  // Kernels before 3.14 lack MemAvailable: estimate it the way `free` did.
  const available =
    kb.get("MemAvailable") ??
    (kb.get("MemFree") ?? 0) +
      (kb.get("Buffers") ?? 0) +
      (kb.get("Cached") ?? 0) +
      (kb.get("SReclaimable") ?? 0);
  const totalBytes = total * 1024;
  const availableBytes = Math.min(totalBytes, available * 1024);
  return { totalBytes, availableBytes, usedBytes: totalBytes - availableBytes };
}
