import { Transform, type TransformCallback } from "node:stream";
import { TarFormatError, TarScanner, type TarHeader } from "./tar";

/**
 * zlib's output per call on its worker thread: the default 16 KiB makes a busy event loop the
 * limit (one round trip per 16 KiB); larger chunks keep (de)compression moving.
 */
export const ZLIB_CHUNK_BYTES = 256 * 1024;

/** The attributes of a backup's root folder, which the engine's extraction leaves alone. */
export interface RootEntry {
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
}

/** Entry names of a backup: relative, never climbing out; "./" is the volume's root. */
function entryPath(name: string): string {
  if (name.startsWith("/"))
    throw new TarFormatError(`it holds an absolute path (${name.slice(0, 200)})`);
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes(".."))
    throw new TarFormatError(`it holds a path with '..' (${name.slice(0, 200)})`);
  return parts.join("/");
}

/**
 * Passes a backup's tar through unchanged while checking that it is one: a valid tar whose
 * entries stay inside the volume (no absolute paths, no `..`, hard links inside too) and hold no
 * device files. The root folder's owner and mode are kept for after the extraction.
 */
export class BackupTarCheck extends Transform {
  private readonly scanner: TarScanner;
  root: RootEntry | null = null;
  bytes = 0;

  constructor() {
    super();
    this.scanner = new TarScanner({
      header: (h) => this.check(h),
    });
  }

  get entries(): number {
    return this.scanner.entries;
  }

  private check(h: TarHeader): void {
    const rel = entryPath(h.name);
    if (h.type === "3" || h.type === "4") {
      throw new TarFormatError(`it holds a device file (${rel})`);
    }
    if (h.type === "1") entryPath(h.linkName);
    if (rel === "" && h.type === "5") {
      this.root = { mode: h.mode & 0o7777, uid: h.uid, gid: h.gid, mtime: h.mtime };
    }
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.scanner.write(chunk);
    } catch (err) {
      done(err as Error);
      return;
    }
    this.bytes += chunk.length;
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.scanner.end();
      done();
    } catch (err) {
      done(err as Error);
    }
  }
}

/** The data of the first file in a tar (GET archive of one file), ending after it. */
export class FirstFileData extends Transform {
  private readonly scanner: TarScanner;
  private done = false;

  constructor(private readonly limit = Infinity) {
    super();
    let taken = 0;
    this.scanner = new TarScanner({
      data: (chunk) => {
        if (this.done) return;
        const part = chunk.subarray(0, Math.max(0, this.limit - taken));
        taken += part.length;
        if (part.length) this.push(part);
        if (taken >= this.limit) this.finish();
      },
      entryEnd: (h) => {
        if (h.type === "0" || h.type === "7") this.finish();
      },
    });
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.push(null);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.done) return done();
    try {
      this.scanner.write(chunk);
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    this.finish();
    done();
  }
}
