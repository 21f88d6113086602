import { describe, expect, it } from "vitest";
import {
  LogStore,
  MatchIndex,
  START,
  advanceResume,
  ansiSegments,
  colourFor,
  findRanges,
  markSegments,
  stripAnsi,
} from "@/components/logs/log-model";

const line = (t: string, m = "x", s: "out" | "err" = "out") => ({ s, t, m });

describe("advanceResume", () => {
  it("keeps a mark per stream, counting lines at its last timestamp across batches", () => {
    let p = advanceResume(START, [line("2024-05-01T10:00:00.1Z"), line("2024-05-01T10:00:00.2Z")]);
    expect(p).toEqual({ out: { since: "1714557600.200000000", skip: 1 } });
    p = advanceResume(p, [
      line("2024-05-01T10:00:00.200000000Z"),
      { s: "err", t: "2024-05-01T10:00:00.15Z", m: "e" },
      line("2024-05-01T10:00:00.2Z"),
    ]);
    expect(p).toEqual({
      out: { since: "1714557600.200000000", skip: 3 },
      err: { since: "1714557600.150000000", skip: 1 },
    });
    p = advanceResume(p, [line("2024-05-01T10:00:01Z")]);
    expect(p.out).toEqual({ since: "1714557601.000000000", skip: 1 });
    expect(p.err).toEqual({ since: "1714557600.150000000", skip: 1 });
  });
  it("is unchanged by an empty batch", () => {
    expect(advanceResume(START, [])).toEqual(START);
  });
});

describe("ANSI segments", () => {
  it("never interprets markup: text stays text", () => {
    const segs = ansiSegments("<img src=x onerror=alert(1)>");
    expect(segs.map((s) => s.text).join("")).toBe("<img src=x onerror=alert(1)>");
    const coloured = ansiSegments("\u001b[31m<b>red</b>\u001b[0m &amp;");
    expect(coloured.map((s) => s.text).join("")).toBe("<b>red</b> &amp;");
    expect(coloured[0]!.fg).toBe("rgb(187, 0, 0)");
  });
  it("reads bold, 256 colours and true colour", () => {
    const segs = ansiSegments("\u001b[1;38;5;208mA\u001b[0m\u001b[38;2;10;20;30mB\u001b[0m");
    expect(segs[0]).toMatchObject({ text: "A", bold: true });
    expect(segs[0]!.fg).toBe("rgb(255, 135, 0)");
    expect(segs[1]).toMatchObject({ text: "B", fg: "rgb(10, 20, 30)" });
  });
  it("strips escapes for search", () => {
    expect(stripAnsi("\u001b[32mok\u001b[0m done")).toBe("ok done");
    expect(stripAnsi("plain")).toBe("plain");
  });
  it("marks matches across segment borders", () => {
    const segs = ansiSegments("\u001b[31mhel\u001b[0mlo hello");
    const text = "hello hello";
    const ranges = findRanges(text, "HELLO");
    expect(ranges).toEqual([
      [0, 5],
      [6, 11],
    ]);
    const marked = markSegments(segs, ranges, 1);
    expect(marked.map((s) => s.text).join("")).toBe(text);
    expect(marked.filter((s) => s.mark).map((s) => s.text)).toEqual(["hel", "lo", "hello"]);
    expect(marked.filter((s) => s.current).map((s) => s.text)).toEqual(["hello"]);
  });
});

describe("LogStore", () => {
  it("keeps merged lines in time order", () => {
    const store = new LogStore();
    store.add([line("2024-05-01T10:00:01Z", "a1"), line("2024-05-01T10:00:03Z", "a3")], 0);
    store.add([line("2024-05-01T10:00:02Z", "b2", "err"), line("2024-05-01T10:00:04Z", "b4")], 1);
    expect(store.text).toEqual(["a1", "b2", "a3", "b4"]);
    expect(Array.from(store.source.slice(0, 4))).toEqual([0, 1, 0, 1]);
    expect(store.isErr(1)).toBe(true);
    expect(store.isErr(0)).toBe(false);
  });
  it("stays bounded and counts dropped lines", () => {
    const store = new LogStore(100);
    for (let i = 0; i < 25; i += 1) {
      store.add(
        Array.from({ length: 10 }, (_, j) =>
          line(`2024-05-01T10:00:00.${String(i * 10 + j).padStart(3, "0")}Z`, `l${i * 10 + j}`),
        ),
      );
    }
    expect(store.length).toBeLessThanOrEqual(100);
    expect(store.dropped + store.length).toBe(250);
    expect(store.text.at(-1)).toBe("l249");
  });
  it("keeps the raw text only for lines with escapes", () => {
    const store = new LogStore();
    store.add([
      line("2024-05-01T10:00:00Z", "plain"),
      line("2024-05-01T10:00:00Z", "\u001b[1mB\u001b[0m"),
    ]);
    expect(store.raw[0]).toBeUndefined();
    expect(store.text[1]).toBe("B");
    expect(store.raw[1]).toContain("\u001b");
  });
});

describe("MatchIndex", () => {
  it("finds matches case-insensitively and extends incrementally", () => {
    const store = new LogStore();
    const index = new MatchIndex();
    store.add([line("2024-05-01T10:00:00Z", "Error one"), line("2024-05-01T10:00:01Z", "fine")]);
    expect(index.update(store, "error")).toEqual([0]);
    store.add([line("2024-05-01T10:00:02Z", "another ERROR")]);
    expect(index.update(store, "error")).toEqual([0, 2]);
    // From another container (merged view): placed by its time.
    store.add([line("2024-05-01T09:00:00Z", "early error")], 1);
    expect(index.update(store, "error")).toEqual([0, 1, 3]);
    expect(index.update(store, "")).toEqual([]);
  });
});

describe("LogStore order", () => {
  it("keeps one container's lines in the engine's order even when stamps go backwards", () => {
    const store = new LogStore();
    store.add([
      line("2024-05-01T10:00:00.2Z", "stdout first"),
      line("2024-05-01T10:00:00.1Z", "stderr second"),
    ]);
    expect(store.text).toEqual(["stdout first", "stderr second"]);
  });
});

describe("colourFor", () => {
  it("is stable per name", () => {
    expect(colourFor("web")).toBe(colourFor("web"));
    expect(colourFor("web")).toMatch(/^#/);
  });
});
