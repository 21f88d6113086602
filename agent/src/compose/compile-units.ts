import { ComposeFieldError } from "./compose-field-error";

type Path = (string | number)[];

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** A Go duration as compose writes them (`1m30s`, `500ms`, `2h`), in seconds; a bare number is seconds. */
export function durationSeconds(value: unknown, path: Path): number {
  if (typeof value === "number") return value;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join("") !== text) {
    throw new ComposeFieldError(path, `invalid duration "${text}" (write it like 1m30s or 10s)`);
  }
  return parts.reduce(
    (sum, part) => sum + Number(part[1]) * (DURATION_UNITS[part[2] ?? "s"] ?? 1),
    0,
  );
}

const BYTE_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
};

/** A size as compose reads it (`512m`, `1gb`, `1.5g`, a number of bytes), in bytes. */
export function sizeBytes(value: unknown, path: Path): number {
  if (typeof value === "number") return Math.round(value);
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(String(value).trim());
  if (!match)
    throw new ComposeFieldError(path, `invalid size "${String(value)}" (write it like 512m or 1g)`);
  return Math.round(Number(match[1]) * (BYTE_UNITS[(match[2] ?? "").toLowerCase()] ?? 1));
}
