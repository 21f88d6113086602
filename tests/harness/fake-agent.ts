import { io, type Socket } from "socket.io-client";
import {
  AGENT_NAMESPACE,
  AgentEvents,
  PROTOCOL_VERSION,
  type AgentCommandReply,
} from "@/lib/protocol";

export type RecordedCommand = { command: string; params: unknown };

export type FakeAgentOptions = {
  serverUrl: string;
  hostId: string;
  hostKey: string;
  /** The reply to each command call (null: none, as from a link that went away); default ok. */
  reply?: (command: RecordedCommand) => AgentCommandReply | null;
  /** Extra socket.io client options (transports, ...). */
  transports?: Array<"websocket" | "polling">;
};

/**
 * A socket.io client that speaks the agent's side of the /agent protocol with a given host key:
 * what an attacker holding a stolen key would run, and a probe of what the server sends an agent.
 * It records every command, takes uploads and answers pings; it drives no engine.
 */
export class FakeAgent {
  readonly socket: Socket;
  readonly commands: RecordedCommand[] = [];
  readonly uploads = new Map<string, number>();
  /** Set when the server refused or dropped this agent: the reason it gave. */
  refusal: string | null = null;

  constructor(private readonly options: FakeAgentOptions) {
    this.socket = io(`${options.serverUrl}${AGENT_NAMESPACE}`, {
      auth: {
        hostId: options.hostId,
        hostKey: options.hostKey,
        protocolVersion: PROTOCOL_VERSION,
        agentVersion: "fake",
      },
      transports: options.transports ?? ["websocket"],
      reconnection: false,
      forceNew: true,
    });
    this.socket.on(AgentEvents.command, (request: RecordedCommand, ack: (r: unknown) => void) => {
      this.commands.push({ command: request.command, params: request.params });
      const reply = this.options.reply ? this.options.reply(request) : { ok: true, result: {} };
      if (reply) ack(reply);
    });
    this.socket.on(
      AgentEvents.uploadOpen,
      (req: { uploadId: string }, ack: (r: unknown) => void) => {
        this.uploads.set(req.uploadId, 0);
        ack({ ok: true });
      },
    );
    this.socket.on(
      AgentEvents.uploadChunk,
      (req: { uploadId: string; data: Uint8Array }, ack: (r: unknown) => void) => {
        this.uploads.set(req.uploadId, (this.uploads.get(req.uploadId) ?? 0) + req.data.length);
        ack({ ok: true });
      },
    );
    this.socket.on(AgentEvents.rejected, (data: { message?: string }) => {
      this.refusal = data.message ?? "rejected";
    });
    this.socket.on("connect_error", (err: Error) => {
      this.refusal = err.message;
    });
  }

  /** Resolves once connected; rejects with the server's refusal. */
  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once("connect", () => resolve());
      this.socket.once("connect_error", (err: Error) => reject(err));
    });
  }

  /** Resolves when the server ends the connection (or it never got one). */
  disconnected(): Promise<string> {
    if (!this.socket.connected && !this.socket.active) return Promise.resolve("not connected");
    return new Promise((resolve) => this.socket.once("disconnect", (reason) => resolve(reason)));
  }

  close(): void {
    this.socket.close();
  }
}
