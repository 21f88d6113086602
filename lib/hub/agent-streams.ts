import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { Socket } from "socket.io";
import {
  AgentEvents,
  BerthError,
  StreamChunkSchema,
  StreamEndSchema,
  type WireError,
} from "@/lib/protocol";

type Open = { readable: Readable; pendingAck: (() => void) | null };

/**
 * Byte streams from one agent. Each chunk's ack is held until the reader wants more, so the agent
 * sends the next chunk only as fast as the slowest reader consumes: memory stays bounded.
 */
export class AgentStreams {
  private readonly open = new Map<string, Open>();

  constructor(private readonly socket: Socket) {
    socket.on(AgentEvents.streamChunk, (payload: unknown, ack?: () => void) => {
      const chunk = StreamChunkSchema.safeParse(payload);
      const entry = chunk.success ? this.open.get(chunk.data.streamId) : undefined;
      if (!chunk.success || !entry) {
        ack?.();
        return;
      }
      const wantsMore = entry.readable.push(Buffer.from(chunk.data.data));
      if (wantsMore) ack?.();
      else entry.pendingAck = ack ?? null;
    });
    socket.on(AgentEvents.streamEnd, (payload: unknown) => {
      const end = StreamEndSchema.safeParse(payload);
      const entry = end.success ? this.open.get(end.data.streamId) : undefined;
      if (!end.success || !entry) return;
      this.open.delete(end.data.streamId);
      if (end.data.error) entry.readable.destroy(toError(end.data.error));
      else entry.readable.push(null);
    });
  }

  /** Asks the agent to start a stream; resolves once it accepted, with the bytes as a Readable. */
  async start(stream: string, params: unknown, timeoutMs = 30_000): Promise<Readable> {
    const streamId = randomUUID();
    const entry: Open = {
      pendingAck: null,
      readable: new Readable({ read: () => this.resume(streamId) }),
    };
    entry.readable.on("close", () => {
      if (this.open.delete(streamId)) this.socket.emit(AgentEvents.streamCancel, { streamId });
    });
    this.open.set(streamId, entry);
    let reply: unknown;
    try {
      reply = await this.socket
        .timeout(timeoutMs)
        .emitWithAck(AgentEvents.streamOpen, { streamId, stream, params });
    } catch {
      this.open.delete(streamId);
      throw new BerthError("TIMEOUT", "The host did not start sending in time.");
    }
    const answer = reply as { ok?: boolean; error?: WireError };
    if (!answer.ok) {
      this.open.delete(streamId);
      throw answer.error
        ? toError(answer.error)
        : new BerthError("INTERNAL", "The agent refused the stream.");
    }
    return entry.readable;
  }

  /** The agent is gone: every open stream fails. */
  failAll(): void {
    for (const [, entry] of this.open) {
      entry.readable.destroy(
        new BerthError("HOST_OFFLINE", "The host went offline while sending."),
      );
    }
    this.open.clear();
  }

  private resume(streamId: string): void {
    const entry = this.open.get(streamId);
    const ack = entry?.pendingAck;
    if (entry && ack) {
      entry.pendingAck = null;
      ack();
    }
  }
}

function toError(error: WireError): BerthError {
  return BerthError.fromHost(error);
}
