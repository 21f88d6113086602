import { Transform, type TransformCallback } from "node:stream";
import { engineStreamGet } from "../engine/engine-stream-get";
import { LogDecoder } from "./log-lines";
import { MAX_CHUNK_BYTES, markLineAligned } from "./stream-manager";
import type { StreamOpener } from "./stream-types";

/** Engine bytes in, log records out (only whole records per push). */
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
    const records = this.decoder.push(chunk);
    if (records.length > 0) this.push(records);
    done();
  }

  override _flush(done: TransformCallback): void {
    const records = this.decoder.end();
    if (records.length > 0) this.push(records);
    done();
  }
}

/**
 * A container's log as log records (GET /containers/{id}/logs with timestamps).
 * Ends when the log does (follow: when the container stops). Stream chunks hold whole records.
 */
export const containerLogs: StreamOpener<"container.logs"> = async (
  params,
  { docker, socketPath },
) => {
  const info = (await docker.getContainer(params.id).inspect()) as {
    Id: string;
    Config?: { Tty?: boolean };
  };
  const tty = info.Config?.Tty === true;
  const abort = new AbortController();
  const query = new URLSearchParams({
    follow: params.follow ? "1" : "0",
    stdout: "1",
    stderr: "1",
    timestamps: "1",
    tail: String(params.tail),
  });
  if (params.since !== undefined) query.set("since", String(params.since));
  if (params.until !== undefined) query.set("until", String(params.until));
  const engine = await engineStreamGet(
    socketPath,
    `/containers/${encodeURIComponent(info.Id)}/logs?${query}`,
    abort.signal,
  );
  const out = new LogLineTransform(tty);
  engine.on("error", (err) => out.destroy(err));
  out.on("close", () => {
    abort.abort();
    engine.destroy();
  });
  engine.pipe(out);
  return markLineAligned(out);
};
