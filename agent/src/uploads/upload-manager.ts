import { Transform, type Readable, type TransformCallback } from "node:stream";
import {
  BerthError,
  UploadChunkSchema,
  UploadEndSchema,
  UploadOpenSchema,
  type UploadReply,
} from "@/lib/protocol";

/** Bytes of one upload the agent holds before the engine reads them: chunks beyond wait for acks. */
const BUFFER_BYTES = 2 * 1024 * 1024;
/** Held acks go out once the buffer is below this, so new chunks arrive before it runs dry. */
const RESUME_BYTES = BUFFER_BYTES / 2;
/** An upload no command took within this time is dropped (its command never came). */
const UNCLAIMED_MS = 60_000;

/**
 * The bytes of one upload on their way to the command that reads them. A chunk written while the
 * buffer is full waits in `room()` until the reader has taken it below RESUME_BYTES: waiting for
 * the buffer to empty (a stream's "drain") would leave the reader idle for a round trip.
 */
class UploadBuffer extends Transform {
  private waiting: Array<() => void> = [];

  constructor() {
    super({ highWaterMark: BUFFER_BYTES });
    this.once("close", () => this.release());
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    done(null, chunk);
  }

  /** A written chunk has left the write side once its callback ran: maybe there is room now. */
  override _write(chunk: Buffer, enc: BufferEncoding, done: (error?: Error | null) => void): void {
    super._write(chunk, enc, (error?: Error | null) => {
      done(error);
      if (this.writableLength < RESUME_BYTES) this.release();
    });
  }

  /** Resolves once the buffer has room (or the stream is gone). */
  room(): Promise<void> {
    if (this.writableLength <= BUFFER_BYTES || this.destroyed) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}

interface Upload {
  stream: UploadBuffer;
  taken: boolean;
  timer: NodeJS.Timeout;
}

const gone = (uploadId: string): UploadReply => ({
  ok: false,
  error: { code: "NOT_FOUND", message: `upload ${uploadId.slice(0, 100)} is not open` },
});

/**
 * Uploads from the server (build context, image tar, volume backup). A chunk is acked only once
 * the buffer has room again, so the server sends no faster than the engine reads: memory stays
 * bounded by the buffer and the server's chunks in flight.
 */
export class UploadManager {
  private readonly open = new Map<string, Upload>();

  handleOpen(raw: unknown): UploadReply {
    const req = UploadOpenSchema.safeParse(raw);
    if (!req.success) {
      return { ok: false, error: { code: "BAD_REQUEST", message: "malformed upload.open" } };
    }
    const { uploadId } = req.data;
    if (this.open.has(uploadId)) {
      return { ok: false, error: { code: "CONFLICT", message: "upload is already open" } };
    }
    const stream = new UploadBuffer();
    const timer = setTimeout(() => {
      const entry = this.open.get(uploadId);
      if (entry && !entry.taken) this.drop(uploadId, new Error("no command read the upload"));
    }, UNCLAIMED_MS);
    stream.on("close", () => {
      clearTimeout(timer);
      this.open.delete(uploadId);
    });
    this.open.set(uploadId, { stream, taken: false, timer });
    return { ok: true };
  }

  async handleChunk(raw: unknown): Promise<UploadReply> {
    const req = UploadChunkSchema.safeParse(raw);
    if (!req.success) {
      return { ok: false, error: { code: "BAD_REQUEST", message: "malformed upload.chunk" } };
    }
    const entry = this.open.get(req.data.uploadId);
    if (!entry || entry.stream.destroyed || entry.stream.writableEnded) {
      return gone(req.data.uploadId);
    }
    const { stream } = entry;
    stream.write(Buffer.from(req.data.data));
    await stream.room();
    return stream.destroyed ? gone(req.data.uploadId) : { ok: true };
  }

  handleEnd(raw: unknown): void {
    const req = UploadEndSchema.safeParse(raw);
    if (!req.success) return;
    const entry = this.open.get(req.data.uploadId);
    if (!entry) return;
    if (req.data.error) this.drop(req.data.uploadId, new Error(req.data.error));
    else entry.stream.end();
  }

  /** The upload's bytes, for the one command that names it. */
  take(uploadId: string): Readable {
    const entry = this.open.get(uploadId);
    if (!entry || entry.taken) {
      throw new BerthError("BAD_REQUEST", "The upload for this command is not open.");
    }
    entry.taken = true;
    return entry.stream;
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.drop(id, new Error("the server went away"));
  }

  private drop(uploadId: string, err: Error): void {
    const entry = this.open.get(uploadId);
    if (!entry) return;
    this.open.delete(uploadId);
    clearTimeout(entry.timer);
    entry.stream.destroy(err);
  }
}
