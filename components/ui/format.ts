const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 || unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${UNITS[unit]}`;
}

export function formatAgo(at: number | null, now = Date.now()): string {
  if (at === null) return "never";
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** Engine timestamps come as seconds (list) or ISO text (inspect); the browser wants ms. */
export function toMs(at: number | string | null | undefined): number | null {
  if (at === null || at === undefined || at === "") return null;
  if (typeof at === "string") {
    const parsed = Date.parse(at);
    // The engine writes 0001-01-01T00:00:00Z for "never".
    return Number.isNaN(parsed) || parsed <= 0 ? null : parsed;
  }
  if (!Number.isFinite(at) || at <= 0) return null;
  return at < 1e12 ? at * 1000 : at;
}

export function formatRelative(at: number | string | null | undefined, now = Date.now()): string {
  const ms = toMs(at);
  if (ms === null) return "—";
  const seconds = Math.round((now - ms) / 1000);
  if (seconds < 0) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  if (seconds < 86400 * 60) return `${Math.floor(seconds / 86400)} d ago`;
  return new Date(ms).toLocaleDateString();
}

export function formatDateTime(at: number | string | null | undefined): string {
  const ms = toMs(at);
  return ms === null ? "—" : new Date(ms).toLocaleString();
}

export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)}%`;
}
