import { describe, expect, it } from "vitest";
import {
  LogTimeSchema,
  decodeLogBatch,
  logRecord,
  logTimeKey,
  logTimeToUnix,
  shiftUnixTime,
  unixTimeFromMs,
  unixTimeKey,
  parseLogBatch,
  parseLogRecord,
} from "@/lib/protocol";

describe("log protocol helpers", () => {
  it("converts engine timestamps to the UNIX seconds `since` takes, keeping every digit", () => {
    expect(logTimeToUnix("2024-05-01T10:00:00.123456789Z")).toBe("1714557600.123456789");
    expect(logTimeToUnix("2024-05-01T10:00:00.000000123Z")).toBe("1714557600.000000123");
  });

  it("pads fractions the engine trims (Go drops trailing zeros) and missing ones", () => {
    expect(logTimeToUnix("2024-05-01T10:00:00.12Z")).toBe("1714557600.120000000");
    expect(logTimeToUnix("2024-05-01T10:00:00Z")).toBe("1714557600.000000000");
  });

  it("applies zone offsets", () => {
    expect(logTimeToUnix("2024-05-01T12:00:00.5+02:00")).toBe("1714557600.500000000");
    expect(logTimeToUnix("2024-05-01T05:30:00-04:30")).toBe("1714557600.000000000");
    expect(logTimeToUnix("2024-05-01T05:30:00-0430")).toBe("1714557600.000000000");
  });

  it("refuses what is not a log time", () => {
    expect(logTimeToUnix("yesterday")).toBeNull();
    expect(logTimeToUnix("")).toBeNull();
    expect(logTimeToUnix("2024-13-01T10:00:00Z")).toBeNull();
    expect(logTimeToUnix("1969-12-31T23:59:59Z")).toBeNull();
  });

  it("turns a picked date into the log time `since` takes", () => {
    expect(unixTimeFromMs(1714557600123)).toBe("1714557600.123000000");
    expect(LogTimeSchema.parse(unixTimeFromMs(1714557600123))).toBe("1714557600.123000000");
  });

  it("sorts log times as text and moves them by whole seconds", () => {
    expect(logTimeKey("2024-05-01T10:00:00.5Z")).toBe("001714557600.500000000");
    expect(logTimeKey("not a time")).toBe("");
    expect(unixTimeKey("99.1") < unixTimeKey("100.05")).toBe(true);
    expect(shiftUnixTime("1714557600.5", -2)).toBe("1714557598.500000000");
    expect(shiftUnixTime("1.25", -2)).toBe("0.250000000");
  });

  it("reads a batch of records and skips what is not one", () => {
    const data = [
      "o2024-05-01T10:00:00Z one",
      "{broken",
      'e2024-05-01T10:00:01Z <b>two</b> "quoted" \\ \t',
      "onospace",
      "o2024-05-01T10:00:02Z ",
      "",
    ].join("\n");
    expect(parseLogBatch(data)).toEqual([
      { s: "out", t: "2024-05-01T10:00:00Z", m: "one" },
      { s: "err", t: "2024-05-01T10:00:01Z", m: '<b>two</b> "quoted" \\ \t' },
      { s: "out", t: "2024-05-01T10:00:02Z", m: "" },
    ]);
  });

  it("writes a line as a record and reads it back", () => {
    const line = { s: "err" as const, t: "2024-05-01T10:00:00.123456789Z", m: "a b  c " };
    expect(logRecord(line)).toBe("e2024-05-01T10:00:00.123456789Z a b  c \n");
    expect(parseLogRecord(logRecord(line).slice(0, -1))).toEqual(line);
  });

  it("reads a batch that arrives as bytes, in the browser's ArrayBuffer or Node's Buffer", () => {
    const record = { s: "out" as const, t: "2024-05-01T10:00:00Z", m: 'héllo ✓ 😀 "q"' };
    const bytes = new TextEncoder().encode(logRecord(record));
    expect(decodeLogBatch(bytes)).toEqual([record]);
    expect(decodeLogBatch(bytes.buffer)).toEqual([record]);
    expect(decodeLogBatch(Buffer.from(bytes))).toEqual([record]);
    expect(decodeLogBatch(42)).toEqual([]);
  });
});
