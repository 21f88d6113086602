/**
 * Durations as `docker run --health-interval` reads them (Go's time.ParseDuration): `30s`,
 * `1m30s`, `500ms`, `1.5h`, `250us`. Pure and browser-safe.
 */

const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;

export interface ParseDurationOptions {
  /** Read a bare number (`30`) as seconds, as a form field may; Docker itself requires a unit. */
  bareSeconds?: boolean;
}

/** Seconds for a duration like `1m30s`; null when the text is not a duration or is negative. */
export function parseDuration(text: string, options: ParseDurationOptions = {}): number | null {
  const s = text.trim();
  if (s === "") return null;
  if (s === "0") return 0;
  if (/^(\d+(?:\.\d*)?|\.\d+)$/.test(s)) return options.bareSeconds ? Number(s) : null;
  PART.lastIndex = 0;
  let total = 0;
  let at = 0;
  for (let match = PART.exec(s); match; match = PART.exec(s)) {
    total += Number(match[1]) * UNIT_SECONDS[match[2]!]!;
    at = PART.lastIndex;
  }
  if (at !== s.length) return null;
  // Nanosecond precision, like Go; keeps 0.1 + 0.2 style noise out of the result.
  return Math.round(total * 1e9) / 1e9;
}

/** The Go-style spelling of a number of seconds: `1m30s`, `500ms`, `1h`, `1.5s`, `0s`. */
export function formatDuration(seconds: number): string {
  if (seconds <= 0) return "0s";
  const ns = Math.round(seconds * 1e9);
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trim(ns / 1e3)}us`;
  if (ns < 1e9) return `${trim(ns / 1e6)}ms`;
  const hours = Math.floor(ns / 3600e9);
  const minutes = Math.floor((ns - hours * 3600e9) / 60e9);
  const rest = (ns - hours * 3600e9 - minutes * 60e9) / 1e9;
  let out = "";
  if (hours) out += `${hours}h`;
  if (minutes) out += `${minutes}m`;
  if (rest) out += `${trim(rest)}s`;
  return out;
}

const trim = (n: number) => String(Math.round(n * 1e9) / 1e9);
