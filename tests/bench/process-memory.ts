import { readdir, readFile } from "node:fs/promises";

/** A process's resident memory in bytes (0 once it is gone). */
export async function rss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

/** CPU time (user + system) the process has used so far, in seconds. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/** Resident memory split into anonymous (heap, code) and file-backed (the mapped binary) bytes. */
export async function rssParts(pid: number): Promise<{ anon: number; file: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { anon: kib("RssAnon") * 1024, file: kib("RssFile") * 1024 };
}

/** The process whose command line and environment hold these strings. */
export async function findPid(cmdPart: string, envPart: string): Promise<number> {
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cmd = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    const env = await readFile(`/proc/${entry}/environ`, "utf8").catch(() => "");
    if (cmd.includes(cmdPart) && env.includes(envPart)) return Number(entry);
  }
  throw new Error(`process ${cmdPart} not found`);
}

/** Peak RSS of the processes while fn runs (sampled every 100 ms), and the CPU seconds they used. */
export async function peakRss<T>(pids: number[], fn: () => Promise<T>) {
  const before = await Promise.all(pids.map(rss));
  const cpuBefore = await Promise.all(pids.map(cpuSeconds));
  const peak = [...before];
  const timer = setInterval(() => {
    void Promise.all(pids.map(rss)).then((now) =>
      now.forEach((v, i) => (peak[i] = Math.max(peak[i]!, v))),
    );
  }, 100);
  try {
    const t0 = performance.now();
    const value = await fn();
    const ms = performance.now() - t0;
    const cpu = (await Promise.all(pids.map(cpuSeconds))).map((c, i) => c - cpuBefore[i]!);
    return { value, ms, before, peak, cpu };
  } finally {
    clearInterval(timer);
  }
}
