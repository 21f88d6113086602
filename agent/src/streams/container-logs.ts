import { Transform, type Readable, type TransformCallback } from "node:stream";
import { LogDecoder } from "./log-lines";
import { MAX_CHUNK_BYTES, markLineAligned } from "./stream-manager";
import type { StreamOpener } from "./stream-types";

/** Engine bytes in, NDJSON LogLine records out (only whole records per push). */
export class LogLineTransform extends Transform {
  private readonly decoder: LogDecoder;

  constructor(tty: boolean) {
    super({ readableHighWaterMark: MAX_CHUNK_BYTES, writableHighWaterMark: MAX_CHUNK_BYTES });
    this.decoder = new LogDecoder(tty);
  }

  get lines(): number {
    return this.decoder.lines;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const text = this.decoder.push(chunk);
    if (text) this.push(text, "utf8");
    done();
  }

  override _flush(done: TransformCallback): void {
    const text = this.decoder.end();
    if (text) this.push(text, "utf8");
    done();
  }
}

/**
 * A container's log as NDJSON LogLine records (GET /containers/{id}/logs with timestamps).
 * Ends when the log does (follow: when the container stops). Stream chunks hold whole records.
 */
export const containerLogs: StreamOpener<"container.logs"> = async (params, { docker }) => {
  const info = (await docker.getContainer(params.id).inspect()) as {
    Id: string;
    Config?: { Tty?: boolean };
  };
  const tty = info.Config?.Tty === true;
  const abort = new AbortController();
  const options: Record<string, unknown> = {
    follow: params.follow,
    stdout: true,
    stderr: true,
    timestamps: true,
    tail: String(params.tail),
  };
  if (params.since !== undefined) options.since = params.since;
  if (params.until !== undefined) options.until = params.until;
  // dockerode's container.logs() buffers the whole log unless following: dial as a stream
  const engine = await new Promise<Readable>((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${encodeURIComponent(info.Id)}/logs?`,
        method: "GET",
        isStream: true,
        abortSignal: abort.signal,
        statusCodes: { 200: true, 404: "no such container", 500: "server error" },
        options,
      },
      (err: unknown, stream: unknown) => (err ? reject(err) : resolve(stream as Readable)),
    );
  });
  const out = new LogLineTransform(tty);
  engine.on("error", (err) => out.destroy(err));
  out.on("close", () => {
    abort.abort();
    engine.destroy();
  });
  engine.pipe(out);
  return markLineAligned(out);
};
