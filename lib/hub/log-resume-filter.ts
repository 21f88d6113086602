import {
  RESUME_MARGIN_SECONDS,
  logTimeKey,
  parseLogRecord,
  shiftUnixTime,
  unixTimeKey,
  type LogResume,
} from "@/lib/protocol";

type Mark = { key: string; skipLeft: number };

/**
 * Drops the lines a resuming view already holds from a read that starts before them (see
 * resumeSince): per stream, every line stamped before its mark and the first `skip` at the mark.
 * Once a line is stamped later than every mark plus the margin, nothing older can follow and
 * the rest passes untouched.
 */
export class LogResumeFilter {
  private readonly marks: Partial<Record<"out" | "err", Mark>> = {};
  private readonly horizon: string;
  private done = false;

  constructor(resume: LogResume) {
    let latest = "";
    for (const s of ["out", "err"] as const) {
      const mark = resume[s];
      if (!mark) continue;
      const key = unixTimeKey(mark.since);
      this.marks[s] = { key, skipLeft: mark.skip };
      if (key > latest) latest = key;
    }
    this.horizon = unixTimeKey(shiftUnixTime(latest, RESUME_MARGIN_SECONDS));
    this.done = latest === "";
  }

  /** Everything from here on passes untouched. */
  get finished(): boolean {
    return this.done;
  }

  /** `text` holds whole log records, each ending with a newline; returns the ones to send. */
  apply(text: string): string {
    let out = "";
    let start = 0;
    while (!this.done && start < text.length) {
      const nl = text.indexOf("\n", start);
      const end = nl < 0 ? text.length : nl + 1;
      if (this.keep(text.slice(start, nl < 0 ? end : nl))) out += text.slice(start, end);
      start = end;
    }
    return out + text.slice(start);
  }

  private keep(record: string): boolean {
    const line = parseLogRecord(record);
    const key = line ? logTimeKey(line.t) : "";
    if (!line || key === "") return true;
    if (key > this.horizon) {
      this.done = true;
      return true;
    }
    const mark = this.marks[line.s];
    if (!mark) return true;
    if (key < mark.key) return false;
    if (key === mark.key && mark.skipLeft > 0) {
      mark.skipLeft -= 1;
      return false;
    }
    return true;
  }
}
