import { randomUUID } from "node:crypto";
import type { Socket } from "socket.io";
import { AgentEvents, BerthError, UploadReplySchema } from "@/lib/protocol";

/** Bytes per upload.chunk message: small pieces of the source are gathered up to this. */
const CHUNK_BYTES = 256 * 1024;
/** Chunks sent before their acks return, so a round trip does not idle the link. */
const CHUNKS_IN_FLIGHT = 4;
/** The agent holds a chunk's ack while the engine reads slowly; longer than this is a failure. */
const ACK_TIMEOUT_MS = 5 * 60_000;

/**
 * Bytes to one agent (a build context, an image tar): each chunk waits for the agent's ack, so
 * the sender reads its source only as fast as the engine consumes it.
 */
export class AgentUpload {
  private stopped = false;
  private onStop: () => void = () => {};
  /** Resolves when sending should stop at once: the link went down or the command ended. */
  private readonly stop = new Promise<void>((resolve) => (this.onStop = resolve));

  private constructor(
    private readonly socket: Socket,
    readonly uploadId: string,
  ) {
    const onDisconnect = () => this.halt();
    socket.once("disconnect", onDisconnect);
    void this.stop.then(() => socket.off("disconnect", onDisconnect));
  }

  static async open(socket: Socket): Promise<AgentUpload> {
    const uploadId = randomUUID();
    let reply: unknown;
    try {
      reply = await socket.timeout(30_000).emitWithAck(AgentEvents.uploadOpen, { uploadId });
    } catch {
      throw new BerthError("TIMEOUT", "The host did not accept the upload in time.");
    }
    const answer = UploadReplySchema.safeParse(reply);
    if (!answer.success) throw new BerthError("INTERNAL", "The agent sent a malformed reply.");
    if (!answer.data.ok) throw BerthError.fromHost(answer.data.error);
    return new AgentUpload(socket, uploadId);
  }

  /**
   * Sends the whole source, then the end. Resolves early when the agent stopped reading (its
   * command ended: the command's own result says why); rejects when the source failed.
   */
  async send(source: AsyncIterable<Uint8Array>): Promise<{ bytes: number }> {
    let bytes = 0;
    let refused = false;
    let failure: unknown = null;
    const inFlight = new Set<Promise<void>>();
    const dispatch = (data: Buffer) => {
      const sent: Promise<void> = this.chunk(data)
        .then(
          (ok) => {
            if (ok) bytes += data.length;
            else refused = true;
          },
          (err: unknown) => void (failure ??= err),
        )
        .finally(() => inFlight.delete(sent));
      inFlight.add(sent);
    };
    /** Waits until fewer than `limit` chunks are unacknowledged; false once sending must stop. */
    const settle = async (limit: number) => {
      while (inFlight.size >= limit) await Promise.race(inFlight);
      if (failure) throw failure;
      return !refused && !this.stopped;
    };
    try {
      let gathered: Uint8Array[] = [];
      let gatheredBytes = 0;
      for await (const piece of source) {
        for (let off = 0; off < piece.length;) {
          const take = Math.min(CHUNK_BYTES - gatheredBytes, piece.length - off);
          gathered.push(piece.subarray(off, off + take));
          gatheredBytes += take;
          off += take;
          if (gatheredBytes < CHUNK_BYTES) continue;
          dispatch(Buffer.concat(gathered, gatheredBytes));
          gathered = [];
          gatheredBytes = 0;
          if (!(await settle(CHUNKS_IN_FLIGHT))) return { bytes };
        }
      }
      if (gatheredBytes > 0) dispatch(Buffer.concat(gathered, gatheredBytes));
      if (!(await settle(1))) return { bytes };
    } catch (err) {
      if (!this.stopped) {
        this.socket.emit(AgentEvents.uploadEnd, {
          uploadId: this.uploadId,
          error: "The upload was interrupted.",
        });
      }
      this.halt();
      if (err instanceof BerthError) throw err;
      throw new BerthError("BAD_REQUEST", "The upload was interrupted before it was complete.");
    }
    if (!this.stopped) this.socket.emit(AgentEvents.uploadEnd, { uploadId: this.uploadId });
    this.halt();
    return { bytes };
  }

  /** The command that reads the upload ended: whatever is still unsent is not wanted. */
  finish(): void {
    if (this.stopped) return;
    this.halt();
    this.socket.emit(AgentEvents.uploadEnd, {
      uploadId: this.uploadId,
      error: "The command ended before the upload did.",
    });
  }

  private halt(): void {
    this.stopped = true;
    this.onStop();
  }

  private async chunk(data: Buffer): Promise<boolean> {
    if (this.socket.disconnected) {
      throw new BerthError("HOST_OFFLINE", "The host went offline during the upload.");
    }
    if (this.stopped) return false;
    let reply: unknown;
    try {
      reply = await Promise.race([
        this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(AgentEvents.uploadChunk, {
          uploadId: this.uploadId,
          data,
        }),
        this.stop.then(() => null),
      ]);
    } catch {
      throw new BerthError("TIMEOUT", "The host stopped taking the upload.");
    }
    if (this.stopped) return false;
    const answer = UploadReplySchema.safeParse(reply);
    return answer.success && answer.data.ok;
  }
}
