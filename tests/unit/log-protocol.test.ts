import { describe, expect, it } from "vitest";
import { decodeLogBatch, logTimeToUnix, parseLogBatch } from "@/lib/protocol";

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
      JSON.stringify({ s: "out", t: "2024-05-01T10:00:00Z", m: "one" }),
      "{broken",
      JSON.stringify({ s: "err", t: "2024-05-01T10:00:01Z", m: "<b>two</b>" }),
      JSON.stringify({ s: "out", t: 5, m: "bad time" }),
      "",
    ].join("\n");
    expect(parseLogBatch(data)).toEqual([
      { s: "out", t: "2024-05-01T10:00:00Z", m: "one" },
      { s: "err", t: "2024-05-01T10:00:01Z", m: "<b>two</b>" },
    ]);
  });

  it("reads a batch that arrives as bytes, in the browser's ArrayBuffer or Node's Buffer", () => {
    const record = { s: "out", t: "2024-05-01T10:00:00Z", m: 'héllo ✓ 😀 "q"' };
    const bytes = new TextEncoder().encode(`${JSON.stringify(record)}\n`);
    expect(decodeLogBatch(bytes)).toEqual([record]);
    expect(decodeLogBatch(bytes.buffer)).toEqual([record]);
    expect(decodeLogBatch(Buffer.from(bytes))).toEqual([record]);
    expect(decodeLogBatch(42)).toEqual([]);
  });
});
