import { ALERT_HOST_METRICS, type AlertHostMetric } from "@/lib/protocol";

/** What alerts say, in words. */

/** Longest matched line an alert's message quotes (its details hold the whole matched part). */
const QUOTED_LINE_MAX = 300;

export function formatMetric(metric: AlertHostMetric, value: number): string {
  const { unit } = ALERT_HOST_METRICS[metric];
  if (unit === "percent") return `${Math.round(value)}%`;
  if (unit === "load") return value.toFixed(2);
  const units = ["B/s", "KB/s", "MB/s", "GB/s"];
  let v = value;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 120) return `${min} minutes`;
  return `${Math.round(min / 60)} hours`;
}

export function metricFired(
  metric: AlertHostMetric,
  value: number,
  op: "above" | "below",
  threshold: number,
  forSeconds: number,
  host: string,
): string {
  const during = forSeconds > 0 ? ` for ${forSeconds} s` : "";
  return `${ALERT_HOST_METRICS[metric].label} ${formatMetric(metric, value)}${during} on ${host} (${op} ${formatMetric(metric, threshold)})`;
}

export function metricResolved(
  metric: AlertHostMetric,
  value: number,
  op: "above" | "below",
  threshold: number,
  host: string,
): string {
  const back = op === "above" ? "below" : "above";
  return `${ALERT_HOST_METRICS[metric].label} back to ${formatMetric(metric, value)} on ${host} (${back} ${formatMetric(metric, threshold)} again)`;
}

export const offlineFired = (host: string, ms: number) =>
  `${host} has been offline for ${formatDuration(ms)}`;
export const offlineResolved = (host: string) => `${host} is back online`;

export const exitFired = (name: string, code: number) => `${name} exited with code ${code}`;
export const oomFired = (name: string) => `${name} was killed: out of memory`;
export const runningAgain = (name: string) => `${name} is running again`;
export const containerRemoved = (name: string) => `${name} was removed`;
export const unhealthyFired = (name: string, ms: number) =>
  ms >= 1000 ? `${name} has been unhealthy for ${formatDuration(ms)}` : `${name} is unhealthy`;
export const healthyAgain = (name: string) => `${name} is healthy again`;
export const stoppedUnhealthy = (name: string) => `${name} stopped`;
export const restartsFired = (name: string, count: number, windowMinutes: number) =>
  `${name} restarted ${count} times in ${windowMinutes} minute${windowMinutes === 1 ? "" : "s"}`;
export const restartsResolved = (name: string, limit: number, windowMinutes: number) =>
  `${name} restarted at most ${limit} time${limit === 1 ? "" : "s"} in the last ${windowMinutes} minute${windowMinutes === 1 ? "" : "s"}`;

export function logFired(pattern: RegExp, name: string, line: string): string {
  const quoted = line.length > QUOTED_LINE_MAX ? `${line.slice(0, QUOTED_LINE_MAX)}…` : line;
  return `Line matched ${String(pattern)} in ${name}: ${quoted}`;
}
export const logResolved = (pattern: RegExp, name: string, quietSeconds: number) =>
  `No line matched ${String(pattern)} in ${name} for ${formatDuration(quietSeconds * 1000)}`;

export const imageFired = (ref: string) => `${ref} has a newer image in its registry`;
export const imageResolved = (ref: string) => `${ref} is up to date`;

export const hostRemoved = (host: string) => `${host} was removed from Berth`;
export const ruleGone = () => "The rule was disabled or changed its scope";
