import { randomUUID } from "node:crypto";
import type { Socket } from "socket.io";
import { AgentEvents, BerthError, UploadReplySchema } from "@/lib/protocol";

/** Largest chunk sent in one upload.chunk message. */
const MAX_CHUNK_BYTES = 256 * 1024;
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
    try {
      for await (const piece of source) {
        for (let off = 0; off < piece.length; off += MAX_CHUNK_BYTES) {
          const data = piece.subarray(off, Math.min(off + MAX_CHUNK_BYTES, piece.length));
          if (!(await this.chunk(data))) return { bytes };
          bytes += data.length;
        }
      }
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

  private async chunk(data: Uint8Array): Promise<boolean> {
    if (this.socket.disconnected) {
      throw new BerthError("HOST_OFFLINE", "The host went offline during the upload.");
    }
    if (this.stopped) return false;
    let reply: unknown;
    try {
      reply = await Promise.race([
        this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(AgentEvents.uploadChunk, {
          uploadId: this.uploadId,
          data: Buffer.from(data),
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
