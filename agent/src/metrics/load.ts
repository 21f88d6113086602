export interface LoadAverage {
  load1: number;
  load5: number;
  load15: number;
}

export function parseLoadavg(procLoadavg: string): LoadAverage {
  const [a, b, c] = procLoadavg.trim().split(/\s+/).map(Number);
  if (![a, b, c].every((v) => v !== undefined && Number.isFinite(v) && v >= 0)) {
    throw new Error("/proc/loadavg is not three load averages");
  }
  return { load1: a ?? 0, load5: b ?? 0, load15: c ?? 0 };
}
