import { Transform, type TransformCallback } from "node:stream";
import ignore, { type Ignore } from "@balena/dockerignore";
import { BerthError } from "@/lib/protocol";

const BLOCK = 512;
const MAX_DOCKERIGNORE_BYTES = 1024 * 1024;
/**
 * pax and GNU long-name headers are held until the entry they describe: for one entry, at most
 * this many of them and this many bytes in all (a real one needs one or two, and a few KiB).
 * Without a cap a context of nothing but such headers would be held in memory whole.
 */
const MAX_EXTENSION_HEADERS = 8;
const MAX_EXTENSION_BYTES = 1024 * 1024;

/** Entry path as the context root sees it: no "./", no leading or trailing "/". */
export function contextPath(raw: string): string {
  return raw
    .replace(/^(\.\/)+/, "")
    .replace(/^\/+/, "")
    .replace(/\/+$/, "");
}

function readString(block: Buffer, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end < 0 ? length : end).toString("utf8");
}

function readSize(block: Buffer): number {
  const field = block.subarray(124, 136);
  if ((field[0]! & 0x80) !== 0) {
    // base-256 (GNU) for sizes of 8 GiB and more
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const text = readString(block, 124, 12).trim();
  return text ? parseInt(text, 8) : 0;
}

function paxPath(data: Buffer): string | null {
  let off = 0;
  while (off < data.length) {
    const space = data.indexOf(0x20, off);
    if (space < 0) break;
    const length = parseInt(data.subarray(off, space).toString("ascii"), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.subarray(space + 1, off + length - 1).toString("utf8");
    if (record.startsWith("path=")) return record.slice(5);
    off += length;
  }
  return null;
}

const padded = (size: number) => Math.ceil(size / BLOCK) * BLOCK;

type State =
  | { kind: "header" }
  | { kind: "extension"; left: number; flag: string; parts: Buffer[] }
  | { kind: "dockerignore"; left: number; size: number; parts: Buffer[] }
  | { kind: "data"; left: number; keep: boolean }
  | { kind: "trailer" };

/**
 * Applies the context's .dockerignore to a build context tar on its way to the engine, as the
 * Docker CLI does before it sends a context (the engine itself does not filter by it). Entries
 * pass through byte for byte or are left out whole; the Dockerfile and .dockerignore always go.
 * .dockerignore must come before the files it excludes (Berth's browser puts it first).
 */
export class DockerignoreFilter extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  private state: State = { kind: "header" };
  private matcher: Ignore | null = null;
  private seenFiles = false;
  private seenHeader = false;
  /** pax / GNU long-name blocks waiting for the entry they describe */
  private extension: Buffer[] = [];
  private extensionHeaders = 0;
  private extensionBytes = 0;
  private extensionPath: string | null = null;
  private readonly keepAlways: Set<string>;

  constructor(dockerfile: string) {
    super();
    this.keepAlways = new Set([".dockerignore", contextPath(dockerfile)]);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.consume();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.buffer.length) this.push(this.buffer);
    done();
  }

  private consume(): void {
    for (;;) {
      const state = this.state;
      if (state.kind === "trailer") {
        if (this.buffer.length) this.push(this.buffer);
        this.buffer = Buffer.alloc(0);
        return;
      }
      if (state.kind === "data") {
        if (this.buffer.length === 0) return;
        const take = Math.min(state.left, this.buffer.length);
        if (state.keep) this.push(this.buffer.subarray(0, take));
        this.buffer = this.buffer.subarray(take);
        state.left -= take;
        if (state.left === 0) this.state = { kind: "header" };
        continue;
      }
      if (state.kind === "extension" || state.kind === "dockerignore") {
        if (this.buffer.length === 0) return;
        const take = Math.min(state.left, this.buffer.length);
        state.parts.push(this.buffer.subarray(0, take));
        this.buffer = this.buffer.subarray(take);
        state.left -= take;
        if (state.left > 0) return;
        if (state.kind === "extension") this.endExtension(state.flag, Buffer.concat(state.parts));
        else this.endDockerignore(Buffer.concat(state.parts), state.size);
        this.state = { kind: "header" };
        continue;
      }
      if (this.buffer.length < BLOCK) return;
      const header = this.buffer.subarray(0, BLOCK);
      this.buffer = this.buffer.subarray(BLOCK);
      this.onHeader(Buffer.from(header));
    }
  }

  private onHeader(header: Buffer): void {
    if (!this.seenHeader && header[0] === 0x1f && header[1] === 0x8b) {
      throw new BerthError("BAD_REQUEST", "Send the build context as a plain (uncompressed) tar.");
    }
    this.seenHeader = true;
    if (header.every((b) => b === 0)) {
      this.flushExtension(true);
      this.push(header);
      this.state = { kind: "trailer" };
      return;
    }
    const flag = String.fromCharCode(header[156] || 0x30);
    const size = readSize(header);
    if (flag === "x" || flag === "L" || flag === "K") {
      this.extensionHeaders += 1;
      this.extensionBytes += size;
      if (this.extensionHeaders > MAX_EXTENSION_HEADERS) {
        throw new BerthError(
          "BAD_REQUEST",
          "The context tar has too many extended headers for one entry.",
        );
      }
      if (this.extensionBytes > MAX_EXTENSION_BYTES) {
        throw new BerthError("BAD_REQUEST", "The context tar has an oversized extended header.");
      }
      this.extension.push(header);
      this.state = { kind: "extension", left: padded(size), flag, parts: [] };
      return;
    }
    if (flag === "g") {
      this.push(header);
      this.state = { kind: "data", left: padded(size), keep: true };
      return;
    }
    const magic = readString(header, 257, 5);
    const prefix = magic === "ustar" ? readString(header, 345, 155) : "";
    const name = readString(header, 0, 100);
    const path = contextPath(this.extensionPath ?? (prefix ? `${prefix}/${name}` : name));
    this.extensionPath = null;
    if (path === ".dockerignore" && flag !== "5") {
      if (this.seenFiles) {
        throw new BerthError(
          "BAD_REQUEST",
          "Put .dockerignore first in the context tar (before the files it excludes).",
        );
      }
      if (size > MAX_DOCKERIGNORE_BYTES) {
        throw new BerthError("BAD_REQUEST", "The .dockerignore file is larger than 1 MiB.");
      }
      this.flushExtension(true);
      this.push(header);
      this.state = { kind: "dockerignore", left: padded(size), size, parts: [] };
      return;
    }
    const always = path === "" || this.keepAlways.has(path);
    if (!always) this.seenFiles = true;
    const keep = always || !this.matcher || !this.matcher.ignores(path);
    this.flushExtension(keep);
    if (keep) this.push(header);
    this.state = { kind: "data", left: padded(size), keep };
  }

  private endExtension(flag: string, data: Buffer): void {
    this.extension.push(data);
    if (flag === "x") this.extensionPath = paxPath(data) ?? this.extensionPath;
    if (flag === "L") this.extensionPath = readString(data, 0, data.length);
  }

  private endDockerignore(data: Buffer, size: number): void {
    this.push(data);
    const text = data.subarray(0, size).toString("utf8");
    const patterns = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#"));
    this.matcher = ignore({ ignorecase: false }).add(patterns);
  }

  private flushExtension(keep: boolean): void {
    if (keep) for (const part of this.extension) this.push(part);
    this.extension = [];
    this.extensionHeaders = 0;
    this.extensionBytes = 0;
  }
}
