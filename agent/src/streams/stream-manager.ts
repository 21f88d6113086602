import type { Readable } from "node:stream";
import {
  AgentStreams,
  BerthError,
  StreamCancelSchema,
  StreamOpenSchema,
  describeValidationError,
  type AgentStreamName,
  type WireError,
} from "@/lib/protocol";
import { describeError, log } from "../log";
import { toWireError } from "../engine/engine-errors";
import type { StreamContext, StreamRegistry } from "./stream-types";

/** Largest chunk sent in one stream.chunk message. */
export const MAX_CHUNK_BYTES = 256 * 1024;
/** A read smaller than this waits COALESCE_MS for more before it is sent. */
const COALESCE_BELOW_BYTES = 64 * 1024;
const COALESCE_MS = 5;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const LINE_ALIGNED = Symbol("berth.lineAligned");

/**
 * Marks a source whose pushes are whole newline-terminated records of at most MAX_CHUNK_BYTES:
 * its chunks are then cut only after a newline (every chunk holds whole records).
 */
export function markLineAligned<T extends Readable>(source: T): T {
  (source as unknown as Record<symbol, boolean>)[LINE_ALIGNED] = true;
  return source;
}

function isLineAligned(source: Readable): boolean {
  return (source as unknown as Record<symbol, boolean>)[LINE_ALIGNED] === true;
}

/** The end of the next chunk of data from off: at most MAX_CHUNK_BYTES, after a newline if aligned. */
function chunkEnd(data: Buffer, off: number, aligned: boolean): number {
  const end = Math.min(off + MAX_CHUNK_BYTES, data.length);
  if (!aligned || end === data.length) return end;
  const nl = data.lastIndexOf(0x0a, end - 1);
  return nl >= off ? nl + 1 : end;
}

export type StreamOpenReply = { ok: true } | { ok: false; error: WireError };

/** Where chunks go: `chunk` resolves when the server acked it (rejects when it never will). */
export interface StreamSink {
  chunk(streamId: string, data: Buffer): Promise<void>;
  end(streamId: string, error?: WireError): void;
}

interface OpenStream {
  source: Readable;
  cancelled: boolean;
  /** resolves on cancel, so a chunk whose ack never comes does not hold the pump forever */
  whenCancelled: Promise<void>;
  onCancel: () => void;
}

type AnyOpener = (params: unknown, ctx: StreamContext) => Promise<Readable>;

/**
 * Byte streams to the server. Flow control: the source stays paused while a chunk waits for its
 * ack, so a slow reader slows the engine read instead of growing memory. Chunks are whatever
 * the source has buffered (after a short wait when that is little), cut to at most 256 KiB.
 */
export class StreamManager {
  private readonly open = new Map<string, OpenStream>();

  constructor(
    private readonly registry: StreamRegistry,
    private readonly ctx: StreamContext,
    private readonly sink: StreamSink,
  ) {}

  get openCount(): number {
    return this.open.size;
  }

  /** stream.open: validates, opens the source, acks, then pumps in the background. */
  async handleOpen(raw: unknown): Promise<StreamOpenReply> {
    const req = StreamOpenSchema.safeParse(raw);
    if (!req.success) {
      return {
        ok: false,
        error: { code: "BAD_REQUEST", message: "malformed stream.open request" },
      };
    }
    const { streamId, stream } = req.data;
    if (!Object.hasOwn(AgentStreams, stream) || !Object.hasOwn(this.registry, stream)) {
      return {
        ok: false,
        error: { code: "BAD_REQUEST", message: `unknown stream "${stream.slice(0, 100)}"` },
      };
    }
    const name = stream as AgentStreamName;
    const params = AgentStreams[name].params.safeParse(req.data.params ?? {});
    if (!params.success) {
      const message = `invalid params for ${name}: ${describeValidationError(params.error)}`;
      return { ok: false, error: { code: "BAD_REQUEST", message } };
    }
    if (this.open.has(streamId)) {
      return {
        ok: false,
        error: { code: "CONFLICT", message: `stream ${streamId} is already open` },
      };
    }
    const opener = this.registry[name] as AnyOpener;
    let source: Readable;
    try {
      source = await opener(params.data, this.ctx);
    } catch (err) {
      const error = toWireError(err, this.ctx.socketPath);
      log.warn(`${name} stream refused: ${error.code} ${error.message}`);
      return { ok: false, error };
    }
    if (this.open.has(streamId)) {
      source.destroy();
      return {
        ok: false,
        error: { code: "CONFLICT", message: `stream ${streamId} is already open` },
      };
    }
    source.pause();
    let onCancel = () => {};
    const whenCancelled = new Promise<void>((resolve) => (onCancel = resolve));
    const entry: OpenStream = { source, cancelled: false, whenCancelled, onCancel };
    this.open.set(streamId, entry);
    // after the ack has gone out: the first chunk must not overtake it
    setImmediate(() => void this.pump(streamId, entry));
    return { ok: true };
  }

  /** stream.cancel: the reader went away. */
  handleCancel(raw: unknown): void {
    const req = StreamCancelSchema.safeParse(raw);
    if (!req.success) return;
    this.cancel(req.data.streamId);
  }

  /** On disconnect: every open stream ends here (no end message: the link is gone). */
  closeAll(): void {
    for (const id of [...this.open.keys()]) this.cancel(id);
  }

  private cancel(streamId: string): void {
    const entry = this.open.get(streamId);
    if (!entry) return;
    entry.cancelled = true;
    this.open.delete(streamId);
    entry.onCancel();
    entry.source.destroy();
  }

  private async pump(streamId: string, entry: OpenStream): Promise<void> {
    const { source } = entry;
    const aligned = isLineAligned(source);
    let error: WireError | undefined;
    try {
      for (;;) {
        let data = await readSome(source);
        if (data === null || entry.cancelled) break;
        if (data.length < COALESCE_BELOW_BYTES) {
          // A busy source delivers a few lines per read: one chunk each would cost the server and
          // the browser a message apiece. What arrives within a few ms goes out together.
          await Promise.race([sleep(COALESCE_MS), entry.whenCancelled]);
          const more = source.read() as Buffer | string | null;
          if (more !== null) data = Buffer.concat([data, Buffer.from(more)]);
        }
        for (let off = 0; off < data.length && !entry.cancelled;) {
          const end = chunkEnd(data, off, aligned);
          const sent = this.sink.chunk(streamId, data.subarray(off, end));
          off = end;
          sent.catch(() => {}); // a cancel may win the race below
          await Promise.race([sent, entry.whenCancelled]);
        }
        if (entry.cancelled) break;
      }
    } catch (err) {
      if (!entry.cancelled) {
        error = err instanceof BerthError ? err.toWire() : toWireError(err, this.ctx.socketPath);
        log.warn(`stream ${streamId} failed: ${describeError(err)}`);
      }
    } finally {
      source.destroy();
    }
    if (entry.cancelled) return;
    this.open.delete(streamId);
    this.sink.end(streamId, error);
  }
}

/** Everything the paused source has buffered (waiting for data), or null at its end. */
export function readSome(source: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const data = source.read() as Buffer | string | null;
      if (data !== null) {
        done();
        resolve(typeof data === "string" ? Buffer.from(data) : data);
        return true;
      }
      return false;
    };
    const onEnd = () => {
      done();
      resolve(null);
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onClose = () => {
      done();
      if (source.readableEnded) resolve(null);
      else reject(new Error("the source closed before its end"));
    };
    const onReadable = () => void attempt();
    const done = () => {
      source.off("readable", onReadable);
      source.off("end", onEnd);
      source.off("error", onError);
      source.off("close", onClose);
    };
    if (source.readableEnded) return resolve(null);
    const err = source.errored;
    if (err) return reject(err);
    source.on("readable", onReadable);
    source.on("end", onEnd);
    source.on("error", onError);
    source.on("close", onClose);
    attempt();
  });
}
