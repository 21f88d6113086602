/**
 * Turns the engine's log stream (GET /containers/{id}/logs?timestamps=1) into log records, one
 * per line: "o" or "e", the timestamp, a space, the text, "\n" (see LogLineSchema).
 *
 * - Non-TTY containers: the stream is multiplexed in frames (8-byte header: stream type, 3 zero
 *   bytes, payload size as uint32 BE). One frame is one engine log message: "<ts> <text>\n".
 *   A message without the trailing newline is a partial one (the engine cuts lines longer than
 *   16 KiB into several messages, each with its own timestamp): the next message of the same
 *   stream continues the line, and its timestamp is dropped.
 * - TTY containers: a raw stream of "<ts> <text>\n" messages, all stdout. Partial messages are
 *   exactly 16 KiB of text, directly followed by the next message's timestamp.
 *
 * Headers, timestamps, lines and UTF-8 characters may be split anywhere across input chunks.
 * "\r\n" line ends lose their "\r"; a last line without newline comes out at the end. Lines
 * longer than MAX_RECORD_TEXT_BYTES become several records (same s and t) so that one record
 * always fits one stream chunk. Text is passed on as the container wrote it, bytes unchanged.
 */

/** Longest text of one record in bytes (well below a 256 KiB stream chunk). */
export const MAX_RECORD_TEXT_BYTES = 32 * 1024;
/** The engine's log copier cuts lines into messages of this many bytes (json-file, local). */
export const ENGINE_PARTIAL_BYTES = 16 * 1024;
/** A timestamp longer than this is not one: the bytes are taken as text. */
const MAX_TS_BYTES = 64;

const NL = 0x0a;
const CR = 0x0d;
const SP = 0x20;
/** Copies up to this many bytes are done in a loop, not a native call. */
const SMALL_COPY = 64;

interface Channel {
  /** the record's first byte: "o" or "e" */
  readonly head: number;
  /** the next bytes start an engine message (timestamp first) */
  needTs: boolean;
  /** timestamp bytes seen so far when it is split across chunks */
  tsPart: Buffer | null;
  /** text bytes of the current message (TTY partial detection) */
  msgLen: number;
  /** TTY: a 16 KiB message ended at a chunk end; a newline next means it was a whole line */
  maybePartial: boolean;
  /** timestamp of the line being assembled ("" before its first message) */
  lineTs: string;
  /** bytes of the line being assembled that came in earlier chunks or messages */
  parts: Buffer[];
  partsLen: number;
}

function channel(s: "out" | "err"): Channel {
  return {
    head: s === "err" ? 0x65 : 0x6f,
    needTs: true,
    tsPart: null,
    msgLen: 0,
    maybePartial: false,
    lineTs: "",
    parts: [],
    partsLen: 0,
  };
}

/**
 * Stateful decoder: push() engine bytes in, get the records of the lines they completed.
 * Output only ever holds whole records, written as bytes without making a string of every line:
 * a followed log of a million lines is a million records.
 */
export class LogDecoder {
  private readonly out = channel("out");
  private readonly err = channel("err");
  private readonly header = Buffer.alloc(8);
  private headerLen = 0;
  private frameLeft = 0;
  private frameChannel: Channel;
  /** records of the current push, reused across pushes */
  private buf = Buffer.allocUnsafe(64 * 1024);
  private len = 0;
  /** Records produced so far. */
  lines = 0;

  constructor(private readonly tty: boolean) {
    this.frameChannel = this.out;
  }

  /** Feeds one chunk of the engine's stream; returns the records of every line it completed. */
  push(chunk: Buffer): Buffer {
    this.len = 0;
    if (this.tty) {
      this.feed(this.out, chunk, 0, chunk.length, false);
    } else {
      this.demux(chunk);
    }
    return this.take();
  }

  /** The stream ended: the lines still open (no final newline) come out. */
  end(): Buffer {
    this.len = 0;
    this.flushLine(this.out);
    this.flushLine(this.err);
    return this.take();
  }

  private take(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.len));
  }

  private room(bytes: number): void {
    if (this.len + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + bytes));
    this.buf.copy(bigger, 0, 0, this.len);
    this.buf = bigger;
  }

  private put(bytes: Buffer, from = 0, to = bytes.length): void {
    this.room(to - from);
    if (to - from > SMALL_COPY) {
      this.len += bytes.copy(this.buf, this.len, from, to);
      return;
    }
    // for the few bytes of a short line a native copy costs more than a loop
    const out = this.buf;
    let k = this.len;
    for (let j = from; j < to; j++) out[k++] = bytes[j]!;
    this.len = k;
  }

  /**
   * The timestamp, byte for byte (it was read as latin1), into room the caller made. A message
   * without one never has it here, but should a control character slip in, it must not break
   * the record.
   */
  private putTs(ts: string): void {
    const out = this.buf;
    let k = this.len;
    for (let j = 0; j < ts.length; j++) {
      const c = ts.charCodeAt(j);
      out[k++] = c <= SP ? 0x3f : c;
    }
    this.len = k;
  }

  private demux(buf: Buffer): void {
    let i = 0;
    const n = buf.length;
    while (i < n) {
      if (this.frameLeft === 0) {
        if (this.headerLen === 0 && n - i >= 8) {
          this.startFrame(buf[i]!, buf.readUInt32BE(i + 4));
          i += 8;
        } else {
          const take = Math.min(8 - this.headerLen, n - i);
          buf.copy(this.header, this.headerLen, i, i + take);
          this.headerLen += take;
          i += take;
          if (this.headerLen < 8) return;
          this.headerLen = 0;
          this.startFrame(this.header[0]!, this.header.readUInt32BE(4));
        }
        continue;
      }
      const take = Math.min(this.frameLeft, n - i);
      this.frameLeft -= take;
      this.feed(this.frameChannel, buf, i, i + take, this.frameLeft === 0);
      i += take;
    }
  }

  private startFrame(type: number, size: number): void {
    this.frameChannel = type === 2 ? this.err : this.out;
    this.frameLeft = size;
    if (size === 0) this.endMessage(this.frameChannel);
  }

  /** A frame (one engine message) is over: the next starts with a timestamp. */
  private endMessage(ch: Channel): void {
    ch.needTs = true;
    ch.tsPart = null;
    ch.msgLen = 0;
  }

  /** Bytes [i, end) of one channel; frameEnd: they close a frame (non-TTY). */
  private feed(ch: Channel, buf: Buffer, i: number, end: number, frameEnd: boolean): void {
    while (i < end) {
      if (ch.maybePartial) {
        ch.maybePartial = false;
        if (buf[i] === NL) {
          this.addText(ch, buf, i, i, true);
          i++;
        }
        this.endMessage(ch);
        continue;
      }
      if (ch.needTs) {
        i = this.readTs(ch, buf, i, end);
        continue;
      }
      let nl = buf.indexOf(NL, i);
      if (nl >= end) nl = -1;
      let stop = nl < 0 ? end : nl;
      let partialEnd = false;
      if (this.tty && stop - i >= ENGINE_PARTIAL_BYTES - ch.msgLen) {
        // a 16 KiB message without newline: the next bytes are the continuation's timestamp
        const cut = i + (ENGINE_PARTIAL_BYTES - ch.msgLen);
        if (cut < stop || nl < 0) {
          stop = cut;
          nl = -1;
          partialEnd = true;
        }
      }
      this.addText(ch, buf, i, stop, nl >= 0);
      if (nl >= 0) {
        i = nl + 1;
        if (this.tty) this.endMessage(ch);
      } else {
        ch.msgLen += stop - i;
        i = stop;
        if (partialEnd) {
          if (i < end) this.endMessage(ch);
          else ch.maybePartial = true;
        }
      }
    }
    if (frameEnd) this.endMessage(ch);
  }

  /** Reads the message's "<timestamp> " prefix; returns where its text starts. */
  private readTs(ch: Channel, buf: Buffer, i: number, end: number): number {
    let sp = buf.indexOf(SP, i);
    if (sp >= end) sp = -1;
    const have = ch.tsPart ? ch.tsPart.length : 0;
    if (sp < 0 || sp - i + have > MAX_TS_BYTES) {
      if (sp < 0 && end - i + have <= MAX_TS_BYTES) {
        const piece = buf.subarray(i, end);
        ch.tsPart = ch.tsPart ? Buffer.concat([ch.tsPart, piece]) : Buffer.from(piece);
        return end;
      }
      // no timestamp there: the bytes so far are text
      const held = ch.tsPart;
      ch.needTs = false;
      ch.tsPart = null;
      ch.msgLen = 0;
      if (!ch.parts.length && !ch.partsLen) ch.lineTs = "";
      // a newline there would end the record early: a line's text never holds one
      if (held) {
        const text = Buffer.from(held.map((b) => (b === NL ? SP : b)));
        this.addText(ch, text, 0, text.length, false);
      }
      return i;
    }
    const ts = ch.tsPart
      ? ch.tsPart.toString("latin1") + buf.toString("latin1", i, sp)
      : buf.toString("latin1", i, sp);
    ch.tsPart = null;
    ch.needTs = false;
    ch.msgLen = 0;
    if (ch.partsLen === 0 && ch.lineTs === "") ch.lineTs = ts;
    return sp + 1;
  }

  /** Text bytes [i, stop) of the current line; lineEnd: a newline follows them. */
  private addText(ch: Channel, buf: Buffer, i: number, stop: number, lineEnd: boolean): void {
    if (ch.partsLen + (stop - i) > MAX_RECORD_TEXT_BYTES) {
      // too long for one record: cut at a character boundary
      while (ch.partsLen + (stop - i) > MAX_RECORD_TEXT_BYTES) {
        let cut = i + (MAX_RECORD_TEXT_BYTES - ch.partsLen);
        const min = cut - 3;
        while (cut > i && cut > min && (buf[cut]! & 0xc0) === 0x80) cut--;
        if (cut <= i) cut = i + (MAX_RECORD_TEXT_BYTES - ch.partsLen);
        this.emit(ch, buf, i, cut, false);
        i = cut;
      }
    }
    if (lineEnd) {
      this.emit(ch, buf, i, stop, true);
      ch.lineTs = "";
    } else if (stop > i) {
      ch.parts.push(Buffer.from(buf.subarray(i, stop)));
      ch.partsLen += stop - i;
    }
  }

  /** One record: the held parts plus bytes [i, stop) of buf. */
  private emit(ch: Channel, buf: Buffer, i: number, stop: number, lineEnd: boolean): void {
    let src = buf;
    if (ch.partsLen > 0) {
      ch.parts.push(buf.subarray(i, stop));
      src = Buffer.concat(ch.parts, ch.partsLen + (stop - i));
      [i, stop] = [0, src.length];
      ch.parts = [];
      ch.partsLen = 0;
    }
    if (lineEnd && stop > i && src[stop - 1] === CR) stop--;
    this.room(ch.lineTs.length + 2);
    this.buf[this.len++] = ch.head;
    this.putTs(ch.lineTs);
    this.buf[this.len++] = SP;
    this.put(src, i, stop);
    this.room(1);
    this.buf[this.len++] = NL;
    this.lines++;
  }

  private flushLine(ch: Channel): void {
    if (ch.partsLen > 0) this.emit(ch, Buffer.alloc(0), 0, 0, true);
    ch.lineTs = "";
    ch.maybePartial = false;
    this.endMessage(ch);
  }
}
