import { readdir, readFile } from "node:fs/promises";

/** A process's resident memory in bytes (0 once it is gone). */
export async function rss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
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

/** Peak RSS of the processes while fn runs (sampled every 100 ms). */
export async function peakRss<T>(pids: number[], fn: () => Promise<T>) {
  const before = await Promise.all(pids.map(rss));
  const peak = [...before];
  const timer = setInterval(() => {
    void Promise.all(pids.map(rss)).then((now) =>
      now.forEach((v, i) => (peak[i] = Math.max(peak[i]!, v))),
    );
  }, 100);
  try {
    const t0 = performance.now();
    const value = await fn();
    return { value, ms: performance.now() - t0, before, peak };
  } finally {
    clearInterval(timer);
  }
}
