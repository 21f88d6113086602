import { describe, expect, it } from "vitest";
import { LogLineSchema, parseLogBatch, type LogLine } from "@/lib/protocol";
import {
  ENGINE_PARTIAL_BYTES,
  LogDecoder,
  MAX_RECORD_TEXT_BYTES,
} from "../../agent/src/streams/log-lines";
import { MAX_CHUNK_BYTES } from "../../agent/src/streams/stream-manager";

const T1 = "2024-01-01T00:00:00.123456789Z";
const T2 = "2024-01-01T00:00:01.000000001Z";

/** One multiplexed frame (type 1 = stdout, 2 = stderr). */
function frame(type: 1 | 2, payload: string | Buffer): Buffer {
  const body = typeof payload === "string" ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function parse(records: string): LogLine[] {
  expect(records === "" || records.endsWith("\n")).toBe(true);
  const lines = parseLogBatch(records);
  expect(lines).toHaveLength(records.split("\n").length - 1);
  return lines.map((l) => LogLineSchema.parse(l));
}

/** Decodes the input cut into the given pieces. */
function decode(tty: boolean, pieces: Buffer[]): LogLine[] {
  const d = new LogDecoder(tty);
  let text = "";
  for (const p of pieces) text += d.push(p).toString();
  text += d.end().toString();
  return parse(text);
}

/** Every way of cutting buf in two, plus byte-by-byte. */
function cuttings(buf: Buffer): Buffer[][] {
  const out: Buffer[][] = [[buf]];
  for (let i = 1; i < buf.length; i++) out.push([buf.subarray(0, i), buf.subarray(i)]);
  out.push([...buf].map((b) => Buffer.from([b])));
  return out;
}

const muxFixture = Buffer.concat([
  frame(1, `${T1} line 1\n`),
  frame(2, `${T1} err 1\n`),
  frame(1, `${T2} héllo wörld ✓ 🚀\n`),
  frame(2, `${T2} crlf\r\n`),
  frame(1, `${T2} \x1b[31mred\x1b[0m <img src=x onerror=alert(1)> "q" \\ \t\n`),
  frame(1, `${T2} \n`),
  frame(1, `${T2} last without newline`),
]);
const muxExpected: LogLine[] = [
  { s: "out", t: T1, m: "line 1" },
  { s: "err", t: T1, m: "err 1" },
  { s: "out", t: T2, m: "héllo wörld ✓ 🚀" },
  { s: "err", t: T2, m: "crlf" },
  { s: "out", t: T2, m: '\x1b[31mred\x1b[0m <img src=x onerror=alert(1)> "q" \\ \t' },
  { s: "out", t: T2, m: "" },
  { s: "out", t: T2, m: "last without newline" },
];

describe("LogDecoder (multiplexed frames)", () => {
  it("decodes out/err frames, timestamps, escapes, \\r\\n and a last line without newline", () => {
    expect(decode(false, [muxFixture])).toEqual(muxExpected);
  });

  it("gives the same lines however the stream is cut (every byte boundary, byte by byte)", () => {
    for (const pieces of cuttings(muxFixture)) expect(decode(false, pieces)).toEqual(muxExpected);
  });

  it("cuts in three at every pair of boundaries of a multibyte line", () => {
    const buf = frame(1, `${T1} añ€😀z\n`);
    for (let i = 1; i < buf.length; i++) {
      for (let j = i + 1; j < buf.length; j++) {
        const got = decode(false, [buf.subarray(0, i), buf.subarray(i, j), buf.subarray(j)]);
        expect(got).toEqual([{ s: "out", t: T1, m: "añ€😀z" }]);
      }
    }
  });

  it("joins the engine's 16 KiB partial messages into one line with the first timestamp", () => {
    const a = "a".repeat(ENGINE_PARTIAL_BYTES);
    const buf = Buffer.concat([
      frame(1, `${T1} ${a}`),
      frame(2, `${T1} interleaved\n`),
      frame(1, `${T2} tail\n`),
      frame(1, `${T2} ${a}`),
      frame(1, `${T2} ${a}`),
      frame(1, `${T2} more\n`),
    ]);
    const got = decode(false, [buf]);
    expect(got).toEqual([
      { s: "err", t: T1, m: "interleaved" },
      { s: "out", t: T1, m: a + "tail" },
      // a line over 32 KiB: two records
      { s: "out", t: T2, m: a + a },
      { s: "out", t: T2, m: "more" },
    ]);
  });

  it("splits very long lines into records of at most 32 KiB on character boundaries", () => {
    const text = "€".repeat(100_000); // 3 bytes each
    const got = decode(false, [frame(1, `${T1} ${text}\n`)]);
    // 10,922 three-byte characters fill 32,766 of the 32,768 bytes a record may hold
    expect(got.map((l) => Buffer.byteLength(l.m))).toEqual([
      ...Array<number>(9).fill(32_766),
      (100_000 - 9 * 10_922) * 3,
    ]);
    expect(got.map((l) => l.m).join("")).toBe(text);
    for (const l of got) {
      expect(l.t).toBe(T1);
      expect(Buffer.byteLength(l.m)).toBeLessThanOrEqual(MAX_RECORD_TEXT_BYTES);
      expect(Buffer.byteLength(JSON.stringify(l)) + 1).toBeLessThan(MAX_CHUNK_BYTES);
    }
  });

  it("keeps a record within a chunk whatever bytes the line holds", () => {
    const text = "\x01".repeat(100_000);
    const d = new LogDecoder(false);
    const out = d.push(frame(1, `${T1} ${text}\n`)).toString() + d.end().toString();
    for (const rec of out.split("\n").filter(Boolean))
      expect(Buffer.byteLength(rec) + 1).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    expect(
      parse(out)
        .map((l) => l.m)
        .join(""),
    ).toBe(text);
  });

  it("passes every byte of a line's text through unchanged, even what is not UTF-8", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const texts: Buffer[] = [
      Buffer.from(Array.from({ length: 128 }, (_, b) => b).filter((b) => b !== 0x0a)),
      Buffer.from('é\x00"\\ ✓ \x7f \u2028 😀 \x1b[1m'),
      Buffer.from([0x41, 0xff, 0x22, 0x01, 0xc3, 0xa9, 0xc3, 0x5c, 0xe2, 0x82]),
      ...Array.from({ length: 300 }, () =>
        Buffer.from(
          Array.from({ length: Math.floor(random() * 40) }, () => {
            const b = Math.floor(random() * 256);
            return b === 0x0a ? 0x20 : b;
          }),
        ),
      ),
    ].filter((t) => t[t.length - 1] !== 0x0d); // a last \r is the \r of \r\n
    const d = new LogDecoder(false);
    for (const t of texts) {
      const record = d.push(frame(2, Buffer.concat([Buffer.from(`${T1} `), t, Buffer.from("\n")])));
      expect(record.equals(Buffer.concat([Buffer.from(`e${T1} `), t, Buffer.from("\n")]))).toBe(
        true,
      );
    }
  });

  it("leaves invalid UTF-8 to the reader, whose decoding shows replacement characters", () => {
    const got = decode(false, [frame(1, Buffer.from([...Buffer.from(`${T1} a`), 0xff, 0x0a]))]);
    expect(got).toEqual([{ s: "out", t: T1, m: "a\ufffd" }]);
  });
});

const ttyFixture = Buffer.from(
  `${T1} $ ls\r\n${T1} \x1b[1;34mbin\x1b[0m  etc\r\n${T2} ünïcødé 😀\r\n${T2} no newline at the end`,
);
const ttyExpected: LogLine[] = [
  { s: "out", t: T1, m: "$ ls" },
  { s: "out", t: T1, m: "\x1b[1;34mbin\x1b[0m  etc" },
  { s: "out", t: T2, m: "ünïcødé 😀" },
  { s: "out", t: T2, m: "no newline at the end" },
];

describe("LogDecoder (TTY raw stream)", () => {
  it("takes every line as out, at every cut", () => {
    for (const pieces of cuttings(ttyFixture)) expect(decode(true, pieces)).toEqual(ttyExpected);
  });

  it("joins 16 KiB partial messages and tells a whole 16 KiB line from a partial one", () => {
    const a = "x".repeat(ENGINE_PARTIAL_BYTES);
    const partial = Buffer.from(`${T1} ${a}${T1} end\n${T2} ${a}\n${T2} next\n`);
    const want: LogLine[] = [
      { s: "out", t: T1, m: a + "end" },
      { s: "out", t: T2, m: a },
      { s: "out", t: T2, m: "next" },
    ];
    expect(decode(true, [partial])).toEqual(want);
    for (const at of [
      1,
      31,
      ENGINE_PARTIAL_BYTES + 31,
      ENGINE_PARTIAL_BYTES + 32,
      2 * ENGINE_PARTIAL_BYTES + 62,
      2 * ENGINE_PARTIAL_BYTES + 63,
      2 * ENGINE_PARTIAL_BYTES + 70,
    ]) {
      expect(decode(true, [partial.subarray(0, at), partial.subarray(at)])).toEqual(want);
    }
  });
});
