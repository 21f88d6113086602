import { describe, expect, it } from "vitest";
import { LogResumeFilter } from "@/lib/hub/log-resume-filter";
import {
  logRecord,
  logTimeToUnix,
  parseLogBatch,
  resumeSince,
  type LogLine,
  type LogResume,
} from "@/lib/protocol";
import { START, advanceResume } from "@/components/logs/log-model";

const at = (s: "out" | "err", sec: number, m: string): LogLine => ({
  s,
  t: new Date(1714557600_000 + sec * 1000).toISOString(),
  m,
});
const records = (lines: LogLine[]) => lines.map(logRecord).join("");

/** The engine's log in file order: stderr stamps lag stdout's by up to 300 ms, out of order. */
const LOG: LogLine[] = [
  at("out", 0.0, "o1"),
  at("out", 0.1, "o2"),
  at("err", 0.05, "e1"),
  at("out", 0.1, "o3"),
  at("out", 0.4, "o4"),
  at("err", 0.2, "e2"),
  at("err", 0.2, "e3"),
  at("out", 0.5, "o5"),
  at("err", 0.45, "e4"),
  at("out", 3.0, "o6"),
  at("err", 5.0, "e5"),
];

/** What the engine returns for `since`: every line stamped at or after it, in file order. */
function engineSince(since: string | null): LogLine[] {
  if (since === null) return LOG;
  return LOG.filter((l) => Number(logTimeToUnix(l.t)) >= Number(since));
}

describe("resuming a log view across stdout and stderr", () => {
  it("neither repeats nor loses a line, wherever the view was cut", () => {
    for (let cut = 1; cut < LOG.length; cut += 1) {
      const held = LOG.slice(0, cut);
      const resume: LogResume = advanceResume(START, held);
      const filter = new LogResumeFilter(resume);
      const again = engineSince(resumeSince(resume));
      // delivered in two arbitrary batches
      const half = Math.floor(again.length / 2);
      const text =
        filter.apply(records(again.slice(0, half))) + filter.apply(records(again.slice(half)));
      const got = parseLogBatch(text);
      expect(
        [...held, ...got].map((l) => l.m),
        `cut after ${cut}`,
      ).toEqual(LOG.map((l) => l.m));
    }
  });

  it("starts the read before the earliest mark, and passes everything once past the horizon", () => {
    const resume = advanceResume(START, LOG.slice(0, 6));
    expect(resumeSince(resume)).toBe("1714557598.200000000");
    const filter = new LogResumeFilter(resume);
    const late = records([at("out", 9, "x"), at("err", 0.1, "kept: past the horizon")]);
    expect(filter.apply(late)).toBe(late);
  });

  it("a view holding nothing reads from the start, unfiltered", () => {
    expect(resumeSince(START)).toBeNull();
    const text = records(LOG);
    expect(new LogResumeFilter(START).apply(text)).toBe(text);
  });
});
