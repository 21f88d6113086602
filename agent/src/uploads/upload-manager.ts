import { PassThrough, type Readable } from "node:stream";
import {
  BerthError,
  UploadChunkSchema,
  UploadEndSchema,
  UploadOpenSchema,
  type UploadReply,
} from "@/lib/protocol";

/** What the agent keeps of one upload before the engine reads it. */
const BUFFER_BYTES = 1024 * 1024;
/** An upload no command took within this time is dropped (its command never came). */
const UNCLAIMED_MS = 60_000;

interface Upload {
  stream: PassThrough;
  taken: boolean;
  timer: NodeJS.Timeout;
}

const gone = (uploadId: string): UploadReply => ({
  ok: false,
  error: { code: "NOT_FOUND", message: `upload ${uploadId.slice(0, 100)} is not open` },
});

/**
 * Uploads from the server (build context, image tar). A chunk is acked only once the buffer has
 * room again, so the server sends no faster than the engine reads: memory stays bounded.
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
    const stream = new PassThrough({ highWaterMark: BUFFER_BYTES });
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
    if (stream.write(Buffer.from(req.data.data))) return { ok: true };
    await new Promise<void>((resolve) => {
      const done = () => {
        stream.off("drain", done);
        stream.off("close", done);
        resolve();
      };
      stream.on("drain", done);
      stream.on("close", done);
    });
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
