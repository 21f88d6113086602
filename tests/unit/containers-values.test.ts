import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "@/lib/containers/parse-duration";
import { describeSize, formatSize, parseSize } from "@/lib/containers/parse-size";
import { joinShellWords, quoteShellWord, splitShellWords } from "@/lib/containers/shell-words";

const MiB = 1024 * 1024;

describe("parseSize", () => {
  it.each([
    ["512m", 512 * MiB],
    ["512M", 512 * MiB],
    ["512mb", 512 * MiB],
    ["512MiB", 512 * MiB],
    ["512 MB", 512 * MiB],
    ["1.5g", 1.5 * 1024 * MiB],
    ["1g", 1024 * MiB],
    ["64k", 64 * 1024],
    ["2t", 2 * 1024 ** 4],
    ["1p", 1024 ** 5],
    ["100", 100],
    ["100b", 100],
    ["0", 0],
    [".5k", 512],
    ["1.0001k", 1024],
    [" 8m ", 8 * MiB],
  ])("reads %j as %d bytes", (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(["", "m", "-1m", "1x", "1.5", "512i", "1 m b", "1e3", "ten", "1mm"])(
    "refuses %j",
    (text) => {
      expect(parseSize(text)).toBeNull();
    },
  );

  it("writes the shortest exact spelling, which reads back", () => {
    for (const [bytes, text] of [
      [512 * MiB, "512m"],
      [1024 * MiB, "1g"],
      [1536 * MiB, "1536m"],
      [1536 * 1024, "1536k"],
      [1000, "1000"],
      [0, "0"],
    ] as const) {
      expect(formatSize(bytes)).toBe(text);
      expect(parseSize(text)).toBe(bytes);
    }
  });

  it("describes sizes for people", () => {
    expect(describeSize(512 * MiB)).toBe("512 MiB");
    expect(describeSize(1.5 * 1024 * MiB)).toBe("1.5 GiB");
    expect(describeSize(900)).toBe("900 B");
  });
});

describe("parseDuration", () => {
  it.each([
    ["30s", 30],
    ["1m30s", 90],
    ["500ms", 0.5],
    ["1h", 3600],
    ["1.5h", 5400],
    ["2h45m", 9900],
    ["250us", 0.00025],
    ["250µs", 0.00025],
    ["100ns", 1e-7],
    [".5s", 0.5],
    ["1m0.5s", 60.5],
    ["0", 0],
    [" 10s ", 10],
  ])("reads %j as %d seconds", (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(["", "10", "s", "-5s", "1d", "1m 30s", "1.2.3s", "5sec", "ms"])("refuses %j", (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it("reads a bare number as seconds only when asked", () => {
    expect(parseDuration("30", { bareSeconds: true })).toBe(30);
    expect(parseDuration("2.5", { bareSeconds: true })).toBe(2.5);
    expect(parseDuration("30")).toBeNull();
  });

  it("writes Go-style durations that read back", () => {
    for (const [seconds, text] of [
      [90, "1m30s"],
      [0.5, "500ms"],
      [3600, "1h"],
      [3661, "1h1m1s"],
      [1.5, "1.5s"],
      [0.00025, "250us"],
      [1e-7, "100ns"],
      [7200.25, "2h0.25s"],
      [0, "0s"],
    ] as const) {
      expect(formatDuration(seconds)).toBe(text);
      expect(parseDuration(text)).toBe(seconds);
    }
  });
});

describe("splitShellWords", () => {
  it("splits on blanks and reads quotes and escapes", () => {
    expect(splitShellWords(`a  'b c' "d \\"e\\"" f\\ g '' ""`)).toEqual({
      words: ["a", "b c", 'd "e"', "f g", "", ""],
      errors: [],
      stoppedAt: null,
    });
  });

  it("keeps a backslash in double quotes before other characters", () => {
    expect(splitShellWords(`"a\\nb"`).words).toEqual(["a\\nb"]);
  });

  it("drops a backslash-newline inside and outside quotes", () => {
    expect(splitShellWords(`ab\\\ncd "ef\\\ngh"`).words).toEqual(["abcd", "efgh"]);
  });

  it("keeps $( ) with spaces as one literal word", () => {
    expect(splitShellWords(`-v $(pwd -P)/x:/x`).words).toEqual(["-v", "$(pwd -P)/x:/x"]);
    expect(splitShellWords(`$(echo`).errors).toEqual(["A $( is never closed."]);
    expect(splitShellWords("`id").errors).toEqual(["A backquote (`) is never closed."]);
  });

  it("stops at operators and keeps # inside words", () => {
    expect(splitShellWords("a#b c; d")).toEqual({
      words: ["a#b", "c"],
      errors: [],
      stoppedAt: ";",
    });
    expect(splitShellWords("a || b").stoppedAt).toBe("||");
    expect(splitShellWords("a > f").stoppedAt).toBe(">");
  });

  it("quotes words so they split back unchanged", () => {
    const words = ["plain", "", "a b", "it's", '"q"', "$HOME", "a\nb", "#c", "~", "x=y", "*", "\\"];
    expect(splitShellWords(joinShellWords(words)).words).toEqual(words);
    expect(quoteShellWord("nginx:1.27")).toBe("nginx:1.27");
    expect(quoteShellWord("it's")).toBe(`'it'\\''s'`);
  });
});
