import Anser from "anser";
import { logTimeKey, logTimeToUnix, type LogResume } from "@/lib/protocol";

/**
 * Pure helpers of the log viewer: exact resume, compact line storage, search and ANSI → styled
 * segments. Nothing here produces HTML: segments carry plain text that the viewer renders as
 * React text nodes. Log time conversions are the protocol's (lib/protocol/log-time.ts).
 */

export type Stream = "out" | "err";
export type IncomingLine = { s: Stream; t: string; m: string };

/** Where a subscription stands, per output stream, to resume it without duplicates or gaps. */
export type ResumePoint = LogResume;

export const START: ResumePoint = {};

/**
 * Advance the resume point over lines just received (in order): each stream's `since` becomes
 * its last line's time, `skip` the number of its received lines with exactly that time —
 * including lines from earlier batches when the time did not change.
 */
export function advanceResume(point: ResumePoint, lines: readonly IncomingLine[]): ResumePoint {
  const next: ResumePoint = { ...point };
  for (const line of lines) {
    const unix = logTimeToUnix(line.t);
    if (unix === null) continue;
    const mark = next[line.s];
    next[line.s] =
      mark?.since === unix ? { since: unix, skip: mark.skip + 1 } : { since: unix, skip: 1 };
  }
  return next;
}

// ---------------------------------------------------------------------------------------------
// ANSI

export type Segment = {
  text: string;
  /** CSS colours ("rgb(…)") or null */
  fg: string | null;
  bg: string | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  /** inside a search match */
  mark: boolean;
  /** inside the current search match */
  current: boolean;
};

const ESC = "\u001b";

function plainSegment(text: string): Segment {
  return {
    text,
    fg: null,
    bg: null,
    bold: false,
    dim: false,
    italic: false,
    underline: false,
    strike: false,
    mark: false,
    current: false,
  };
}

const rgb = (v: string): string | null => (v ? `rgb(${v})` : null);

/** ANSI text → styled segments (anser's JSON, never its HTML). Plain text when no escape. */
export function ansiSegments(raw: string): Segment[] {
  if (!raw.includes(ESC)) return raw ? [plainSegment(raw)] : [];
  const entries = Anser.ansiToJson(raw, { json: true, remove_empty: true, use_classes: false });
  const out: Segment[] = [];
  for (const e of entries) {
    if (!e.content) continue;
    const decorations = e.decorations ?? [];
    const reverse = decorations.includes("reverse");
    let fg = rgb(e.fg_truecolor || e.fg);
    let bg = rgb(e.bg_truecolor || e.bg);
    if (reverse) [fg, bg] = [bg ?? "rgb(15,23,42)", fg ?? "rgb(226,232,240)"];
    out.push({
      ...plainSegment(decorations.includes("hidden") ? " ".repeat(e.content.length) : e.content),
      fg,
      bg,
      bold: decorations.includes("bold"),
      dim: decorations.includes("dim"),
      italic: decorations.includes("italic"),
      underline: decorations.includes("underline"),
      strike: decorations.includes("strikethrough"),
    });
  }
  return out;
}

/** The text of a line without escape sequences (what search sees). */
export function stripAnsi(raw: string): string {
  if (!raw.includes(ESC)) return raw;
  // SGR sequences (the common case) go fast; anything else is left to anser, whose output the
  // viewer renders, so search offsets match what is shown.
  const fast = raw.replace(SGR, "");
  if (!fast.includes(ESC)) return fast;
  return ansiSegments(raw)
    .map((s) => s.text)
    .join("");
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/g;

/** Every [start, end) range where `query` occurs in `text`, case-insensitive. */
export function findRanges(text: string, query: string): [number, number][] {
  if (!query) return [];
  const hay = text.toLowerCase();
  const needle = query.toLowerCase();
  const out: [number, number][] = [];
  let from = 0;
  for (;;) {
    const at = hay.indexOf(needle, from);
    if (at < 0) break;
    out.push([at, at + needle.length]);
    from = at + Math.max(1, needle.length);
  }
  return out;
}

/**
 * Split segments at match ranges (offsets into the concatenated text) and flag the parts
 * inside a match; `currentRange` (an index into `ranges`) is flagged as the current match.
 */
export function markSegments(
  segments: readonly Segment[],
  ranges: readonly [number, number][],
  currentRange = -1,
): Segment[] {
  if (ranges.length === 0) return segments.slice();
  const out: Segment[] = [];
  let offset = 0;
  for (const seg of segments) {
    const segStart = offset;
    const segEnd = offset + seg.text.length;
    offset = segEnd;
    let cursor = segStart;
    for (let r = 0; r < ranges.length; r += 1) {
      const [a, b] = ranges[r]!;
      if (b <= cursor || a >= segEnd) continue;
      const start = Math.max(a, cursor);
      const end = Math.min(b, segEnd);
      if (start > cursor) {
        out.push({ ...seg, text: seg.text.slice(cursor - segStart, start - segStart) });
      }
      out.push({
        ...seg,
        text: seg.text.slice(start - segStart, end - segStart),
        mark: true,
        current: r === currentRange,
      });
      cursor = end;
    }
    if (cursor < segEnd) out.push({ ...seg, text: seg.text.slice(cursor - segStart) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Storage

export const DEFAULT_MAX_LINES = 1_000_000;

/**
 * Lines in parallel arrays, oldest first, at most `max` (older ones are dropped in chunks and
 * counted). `text` is the plain text (for search); `raw` keeps the original only for lines that
 * had escape sequences. Lines of one source are appended in arrival order; a line from another
 * source that is older than the newest is inserted where its time belongs (merged views).
 */
export class LogStore {
  text: string[] = [];
  raw: (string | undefined)[] = [];
  time: string[] = [];
  key: string[] = [];
  stream: Uint8Array = new Uint8Array(1024);
  source: Uint16Array = new Uint16Array(1024);
  /** lines dropped from the front since the last clear */
  dropped = 0;
  /** changes whenever indices of existing lines move (insert in the middle, trim, clear) */
  generation = 0;

  constructor(readonly max = DEFAULT_MAX_LINES) {}

  get length(): number {
    return this.text.length;
  }

  private grow(need: number) {
    if (need <= this.stream.length) return;
    let size = this.stream.length;
    while (size < need) size *= 2;
    const s = new Uint8Array(size);
    s.set(this.stream);
    this.stream = s;
    const src = new Uint16Array(size);
    src.set(this.source);
    this.source = src;
  }

  /** Add lines (in their own order) from one source. */
  add(lines: readonly IncomingLine[], source = 0): void {
    for (const line of lines) {
      const n = this.text.length;
      const k = logTimeKey(line.t);
      const plain = stripAnsi(line.m);
      const raw = plain === line.m ? undefined : line.m;
      let at = n;
      // One source keeps the engine's order (stdout and stderr stamps can be slightly out of
      // order); only lines from another source (merged views) are placed by time.
      if (k && n > 0 && this.key[n - 1]! > k && this.source[n - 1] !== source) {
        let lo = 0;
        let hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (this.key[mid]! <= k) lo = mid + 1;
          else hi = mid;
        }
        at = lo;
      }
      this.grow(n + 1);
      if (at === n) {
        this.text.push(plain);
        this.raw.push(raw);
        this.time.push(line.t);
        this.key.push(k);
        this.stream[n] = line.s === "err" ? 1 : 0;
        this.source[n] = source;
      } else {
        this.text.splice(at, 0, plain);
        this.raw.splice(at, 0, raw);
        this.time.splice(at, 0, line.t);
        this.key.splice(at, 0, k);
        this.stream.copyWithin(at + 1, at, n);
        this.source.copyWithin(at + 1, at, n);
        this.stream[at] = line.s === "err" ? 1 : 0;
        this.source[at] = source;
        this.generation += 1;
      }
    }
    this.trim();
  }

  /** Drop the oldest lines beyond `max`, in chunks of a tenth so this stays cheap. */
  private trim() {
    const n = this.text.length;
    if (n <= this.max) return;
    const slack = Math.max(1, Math.floor(this.max / 10));
    const drop = Math.min(n, n - this.max + slack);
    this.text.splice(0, drop);
    this.raw.splice(0, drop);
    this.time.splice(0, drop);
    this.key.splice(0, drop);
    this.stream.copyWithin(0, drop, n);
    this.source.copyWithin(0, drop, n);
    this.dropped += drop;
    this.generation += 1;
  }

  clear(): void {
    this.text = [];
    this.raw = [];
    this.time = [];
    this.key = [];
    this.dropped = 0;
    this.generation += 1;
  }

  isErr(i: number): boolean {
    return this.stream[i] === 1;
  }
}

/**
 * Indices of lines containing `query`, kept up to date incrementally while lines are only
 * appended; rebuilt when the store's indices moved or the query changed.
 */
export class MatchIndex {
  matches: number[] = [];
  private query = "";
  private generation = -1;
  private scanned = 0;

  update(store: LogStore, query: string): number[] {
    const q = query.toLowerCase();
    if (q !== this.query || store.generation !== this.generation) {
      this.query = q;
      this.generation = store.generation;
      this.scanned = 0;
      this.matches = [];
    }
    if (!q) {
      this.scanned = store.length;
      return this.matches;
    }
    const text = store.text;
    for (let i = this.scanned; i < text.length; i += 1) {
      if (text[i]!.toLowerCase().includes(q)) this.matches.push(i);
    }
    this.scanned = text.length;
    return this.matches;
  }
}

// ---------------------------------------------------------------------------------------------
// Presentation helpers

const PALETTE = [
  "#0284c7",
  "#16a34a",
  "#c026d3",
  "#ea580c",
  "#4f46e5",
  "#0d9488",
  "#db2777",
  "#ca8a04",
  "#7c3aed",
  "#dc2626",
  "#2563eb",
  "#65a30d",
];

/** A stable colour for a container name (same name → same colour on every page load). */
export function colourFor(name: string): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i += 1) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return PALETTE[(h >>> 0) % PALETTE.length]!;
}

/** "2024-05-01T10:00:00.123456789Z" → "2024-05-01 12:00:00.123" in local time. */
export function formatLogTime(t: string): string {
  const unix = logTimeToUnix(t);
  if (unix === null) return t;
  const [sec = "0", frac = ""] = unix.split(".");
  const d = new Date(Number(sec) * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${frac.slice(0, 3)}`;
}
