/**
 * Memory sizes as `docker run -m` reads them: binary units (1k = 1024 bytes), case-insensitive,
 * with optional `i`/`b` (`512m`, `512MiB`, `1.5g`, `64 MB`, `1048576`). Pure and browser-safe.
 */

const UNITS: Record<string, number> = {
  "": 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

const SIZE = /^(\d+(?:\.\d*)?|\.\d+)\s*([kmgtp]?)(i?)(b?)$/i;

/** Bytes for a size like `512m`; null when the text is not a size. Fractions round down. */
export function parseSize(text: string): number | null {
  const match = SIZE.exec(text.trim());
  if (!match) return null;
  const [, amount, unit = "", i = "", b = ""] = match;
  // "512i" alone is not a unit; "1kb", "1kib" and "1b" are.
  if (i && !unit) return null;
  if (!unit && !b && amount!.includes(".")) return null;
  const bytes = Math.floor(Number(amount) * UNITS[unit.toLowerCase()]!);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

/** The shortest exact `docker run` spelling of a byte count: `512m`, `1g`, `1536k`, `1000`. */
export function formatSize(bytes: number): string {
  for (const unit of ["p", "t", "g", "m", "k"]) {
    const size = UNITS[unit]!;
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

/** A byte count for people: `512 MiB`, `1.5 GiB`, `900 B`. */
export function describeSize(bytes: number): string {
  const names = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes;
  let index = 0;
  while (value >= 1024 && index < names.length - 1) {
    value /= 1024;
    index += 1;
  }
  const shown = index === 0 ? String(value) : String(Math.round(value * 10) / 10);
  return `${shown} ${names[index]}`;
}
