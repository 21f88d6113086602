import { describe, expect, it } from "vitest";
import {
  decodeLogBatch,
  logRecord,
  logTimeToUnix,
  parseLogBatch,
  parseLogRecord,
} from "@/lib/protocol";

describe("log protocol helpers", () => {
  it("converts engine timestamps to the UNIX seconds `since` takes, keeping every digit", () => {
    expect(logTimeToUnix("2024-05-01T10:00:00.123456789Z")).toBe("1714557600.123456789");
    expect(logTimeToUnix("2024-05-01T10:00:00.12Z")).toBe("1714557600.120000000");
    expect(logTimeToUnix("2024-05-01T10:00:00Z")).toBe("1714557600.000000000");
    expect(logTimeToUnix("2024-05-01T12:00:00.5+02:00")).toBe("1714557600.500000000");
    expect(logTimeToUnix("yesterday")).toBeNull();
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
