/**
 * Log times. The engine stamps each line in RFC 3339 with nanoseconds
 * ("2024-05-01T10:00:00.123456789Z"); `since`, `until` and resume marks take UNIX seconds with a
 * fraction of up to nine digits ("1714557600.123456789"). A double holds about 16 digits, so the
 * conversions work on strings and no digit is lost.
 */

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|z|[+-]\d{2}:?\d{2})$/;

/**
 * "2024-05-01T12:00:00.12+02:00" → "1714557600.120000000": the engine's line timestamp as UNIX
 * seconds with a nine-digit fraction. Null when it is not an RFC 3339 time from 1970 on.
 */
export function logTimeToUnix(timestamp: string): string | null {
  const match = RFC3339.exec(timestamp.trim());
  if (!match) return null;
  const [, date, time, fraction = "", zone = "Z"] = match;
  const offset = /^[Zz]$/.test(zone) ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${date}T${time}${offset}`);
  if (!Number.isFinite(ms) || ms < 0) return null;
  return `${ms / 1000}.${fraction.slice(0, 9).padEnd(9, "0")}`;
}

/** Milliseconds since the epoch (a date picked in the browser) → UNIX log time. */
export function unixTimeFromMs(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const milli = Math.round(ms - whole * 1000);
  return `${whole}.${String(milli).padStart(3, "0")}000000`;
}

/** A UNIX log time moved by whole seconds (never before the epoch), fraction kept. */
export function shiftUnixTime(unix: string, seconds: number): string {
  const [whole = "0", fraction = ""] = unix.split(".");
  return `${Math.max(0, Number(whole) + seconds)}.${fraction.padEnd(9, "0")}`;
}

/** UNIX log time → a key that sorts as text: zero-padded seconds and a nine-digit fraction. */
export function unixTimeKey(unix: string): string {
  const [whole = "", fraction = ""] = unix.split(".");
  return `${whole.padStart(12, "0")}.${fraction.padEnd(9, "0")}`;
}

/** An engine timestamp as a key that sorts as text (see unixTimeKey); "" when it is none. */
export function logTimeKey(timestamp: string): string {
  const unix = logTimeToUnix(timestamp);
  return unix === null ? "" : unixTimeKey(unix);
}
