const BLOCK = 512;
/** pax and GNU long-name records are read whole; a real one is a few KiB at most. */
const MAX_EXTENSION_BYTES = 1024 * 1024;

/** The input is not a tar archive (or is a broken one). */
export class TarFormatError extends Error {}

export interface TarHeader {
  /** As written in the archive, pax and GNU long names applied. */
  name: string;
  /** The type flag: "0" file, "1" hard link, "2" symlink, "3"/"4" devices, "5" folder, "6" fifo. */
  type: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
  linkName: string;
}

function readString(block: Buffer, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end < 0 ? length : end).toString("utf8");
}

function readNumber(block: Buffer, offset: number, length: number): number {
  const field = block.subarray(offset, offset + length);
  if ((field[0]! & 0x80) !== 0) {
    // base-256 (GNU) for values the octal field cannot hold
    let value = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const text = readString(block, offset, length).trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text))
    throw new TarFormatError("a tar header holds a field that is not a number");
  return parseInt(text, 8);
}

function checksumOk(block: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  const text = readString(block, 148, 8).trim();
  return /^[0-7]+$/.test(text) && parseInt(text, 8) === sum;
}

/** pax records ("len key=value\n"): path, linkpath and size are applied. */
function paxRecords(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let off = 0;
  while (off < data.length) {
    const space = data.indexOf(0x20, off);
    if (space < 0) break;
    const length = parseInt(data.subarray(off, space).toString("ascii"), 10);
    if (!Number.isFinite(length) || length <= 0 || off + length > data.length) {
      throw new TarFormatError("a pax header of the tar is broken");
    }
    const record = data.subarray(space + 1, off + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    off += length;
  }
  return out;
}

const padded = (size: number) => Math.ceil(size / BLOCK) * BLOCK;

type State =
  | { kind: "header" }
  | { kind: "extension"; flag: string; left: number; size: number; parts: Buffer[] }
  | { kind: "data"; header: TarHeader; left: number; pad: number }
  | { kind: "end" };

export interface TarHandlers {
  /** Each entry's header; throw to refuse the archive. */
  header?: (header: TarHeader) => void;
  /** The entry's data, in order; `header` is the entry it belongs to. */
  data?: (chunk: Buffer, header: TarHeader) => void;
  /** The entry's data is complete. */
  entryEnd?: (header: TarHeader) => void;
}

/**
 * Reads a tar archive block by block as its bytes pass (nothing is held but the current block
 * and pax / GNU long-name records): checksums are checked, extension headers applied, and each
 * entry reported with its data. `end()` fails an archive that stops in the middle of an entry.
 */
export class TarScanner {
  private pending: Buffer = Buffer.alloc(0);
  private state: State = { kind: "header" };
  private pax = new Map<string, string>();
  private longName: string | null = null;
  private longLink: string | null = null;
  entries = 0;

  constructor(private readonly handlers: TarHandlers) {}

  get ended(): boolean {
    return this.state.kind === "end";
  }

  write(chunk: Buffer): void {
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (data.length > 0) {
      const state = this.state;
      if (state.kind === "end") return;
      if (state.kind === "data") {
        const take = Math.min(state.left, data.length);
        if (take > 0) this.handlers.data?.(data.subarray(0, take), state.header);
        state.left -= take;
        data = data.subarray(take);
        if (state.left === 0) {
          const skip = Math.min(state.pad, data.length);
          state.pad -= skip;
          data = data.subarray(skip);
          if (state.pad === 0) {
            this.state = { kind: "header" };
            this.handlers.entryEnd?.(state.header);
          }
        }
        continue;
      }
      if (data.length < BLOCK) {
        this.pending = Buffer.from(data);
        return;
      }
      const block = data.subarray(0, BLOCK);
      data = data.subarray(BLOCK);
      if (state.kind === "extension") {
        state.parts.push(Buffer.from(block));
        state.left -= BLOCK;
        if (state.left <= 0) this.applyExtension(state);
        continue;
      }
      this.readHeader(block);
    }
  }

  /** The input ended: it must not stop inside an entry or a header. */
  end(): void {
    if (this.state.kind === "end") return;
    if (this.pending.length > 0 || this.state.kind !== "header") {
      throw new TarFormatError("the tar archive ends in the middle of an entry");
    }
    if (this.entries === 0) throw new TarFormatError("the file is empty");
  }

  private readHeader(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      if (this.entries === 0) throw new TarFormatError("the tar archive holds nothing");
      this.state = { kind: "end" };
      return;
    }
    if (!checksumOk(block)) throw new TarFormatError("it is not a tar archive");
    const flag = String.fromCharCode(block[156]!) || "0";
    const size = readNumber(block, 124, 12);
    if (flag === "x" || flag === "g" || flag === "L" || flag === "K") {
      if (size > MAX_EXTENSION_BYTES)
        throw new TarFormatError("a tar extension header is too large");
      this.state = { kind: "extension", flag, left: padded(size), size, parts: [] };
      if (size === 0) this.applyExtension(this.state);
      return;
    }
    const magic = readString(block, 257, 6);
    const prefix = magic.startsWith("ustar") ? readString(block, 345, 155) : "";
    const base = readString(block, 0, 100);
    const header: TarHeader = {
      name: this.pax.get("path") ?? this.longName ?? (prefix ? `${prefix}/${base}` : base),
      type: flag === "\0" ? "0" : flag,
      size: this.pax.has("size") ? Number(this.pax.get("size")) : size,
      mode: readNumber(block, 100, 8),
      uid: this.pax.has("uid") ? Number(this.pax.get("uid")) : readNumber(block, 108, 8),
      gid: this.pax.has("gid") ? Number(this.pax.get("gid")) : readNumber(block, 116, 8),
      mtime: this.pax.has("mtime")
        ? Math.floor(Number(this.pax.get("mtime")))
        : readNumber(block, 136, 12),
      linkName: this.pax.get("linkpath") ?? this.longLink ?? readString(block, 157, 100),
    };
    this.pax = new Map();
    this.longName = null;
    this.longLink = null;
    if (!Number.isSafeInteger(header.size) || header.size < 0) {
      throw new TarFormatError("a tar header holds a size that is not one");
    }
    this.entries += 1;
    this.handlers.header?.(header);
    // only files carry data (a hard link's size field may be set, but its data is not written)
    const dataSize = header.type === "0" || header.type === "7" ? header.size : 0;
    this.state = { kind: "data", header, left: dataSize, pad: padded(dataSize) - dataSize };
    if (dataSize === 0) {
      this.state = { kind: "header" };
      this.handlers.entryEnd?.(header);
    }
  }

  private applyExtension(state: Extract<State, { kind: "extension" }>): void {
    const data = Buffer.concat(state.parts).subarray(0, state.size);
    if (state.flag === "x") this.pax = paxRecords(data);
    else if (state.flag === "L") this.longName = readString(data, 0, data.length);
    else if (state.flag === "K") this.longLink = readString(data, 0, data.length);
    this.state = { kind: "header" };
  }
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, "0")}\0`;
}

function rawHeader(
  name: string,
  type: string,
  size: number,
  mode: number,
  mtime: number,
  owner = { uid: 0, gid: 0 },
): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, "utf8");
  block.write(octal(mode, 8), 100, "ascii");
  block.write(octal(owner.uid, 8), 108, "ascii");
  block.write(octal(owner.gid, 8), 116, "ascii");
  block.write(octal(size, 12), 124, "ascii");
  block.write(octal(mtime, 12), 136, "ascii");
  block.write("        ", 148, "ascii");
  block.write(type, 156, "ascii");
  block.write("ustar\0", 257, "ascii");
  block.write("00", 263, "ascii");
  let sum = 0;
  for (const b of block) sum += b;
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return block;
}

/**
 * The header of one entry (owned by root unless told), with a pax record for a name longer than
 * the classic 100 bytes (any name a Linux file may have). Sizes up to 8 GiB fit the classic
 * field; larger ones go in the pax record too.
 */
export function tarEntryHeader(entry: {
  name: string;
  type: "file" | "dir";
  size: number;
  mode: number;
  mtime: number;
  uid?: number;
  gid?: number;
}): Buffer {
  const records: string[] = [];
  const nameBytes = Buffer.byteLength(entry.name, "utf8");
  if (nameBytes > 100) records.push(paxRecord("path", entry.name));
  const bigSize = entry.size >= 8 ** 11;
  if (bigSize) records.push(paxRecord("size", String(entry.size)));
  const type = entry.type === "dir" ? "5" : "0";
  const main = rawHeader(
    nameBytes > 100 ? "././@PaxHeader-name" : entry.name,
    type,
    bigSize ? 0 : entry.size,
    entry.mode,
    entry.mtime,
    { uid: entry.uid ?? 0, gid: entry.gid ?? 0 },
  );
  if (records.length === 0) return main;
  const body = Buffer.from(records.join(""), "utf8");
  return Buffer.concat([
    rawHeader("././@PaxHeader", "x", body.length, 0o644, entry.mtime),
    body,
    Buffer.alloc(padded(body.length) - body.length),
    main,
  ]);
}

/** "len key=value\n", where len counts the whole record, itself included. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  const restBytes = Buffer.byteLength(rest, "utf8");
  let length = restBytes + 1;
  while (String(length).length + restBytes !== length) length = String(length).length + restBytes;
  return `${length}${rest}`;
}

/** Zero padding after an entry's data of `size` bytes. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc(padded(size) - size);
}

/** The two zero blocks that end an archive. */
export const TAR_END = Buffer.alloc(2 * BLOCK);
