import { io, type Socket } from "socket.io-client";
import {
  AGENT_NAMESPACE,
  AgentConnectErrorSchema,
  AgentEvents,
  ExecAgentEvents,
  MetricsIntervalSchema,
  PROTOCOL_VERSION,
  type AgentAuth,
  type AgentCommandReply,
  type AgentConnectError,
  type ContainerChange,
  type ContainerLifeEvent,
  type ContainerStatsMessage,
  type ContainerSummary,
  type EngineInfo,
  type HostSample,
  type ProgressMessage,
  type StreamChunk,
  type StreamEnd,
} from "@/lib/protocol";
import { Backoff } from "./backoff";
import { onBehalfOf } from "./command-scope";
import { describeError, formatDelay, log } from "./log";
import type { AgentState } from "./state";
import { AGENT_VERSION } from "./version";

export interface ConnectionCallbacks {
  onConnect(): void;
  onDisconnect(): void;
  onCommand(request: unknown): Promise<AgentCommandReply>;
  onMetricsInterval(intervalMs: number): void;
  /** stream.open: the reply is the ack ({ok:true} or {ok:false,error}). */
  onStreamOpen(request: unknown): Promise<unknown>;
  onStreamCancel(request: unknown): void;
  /** exec.open: the reply is the ack (ExecOpenReply). */
  onExecOpen(request: unknown): Promise<unknown>;
  onExecInput(request: unknown): void;
  onExecResize(request: unknown): void;
  onExecClose(request: unknown): void;
  onExecAck(request: unknown): void;
  /** upload.open / upload.chunk: the reply is the ack (UploadReply). */
  onUploadOpen(request: unknown): unknown;
  onUploadChunk(request: unknown): Promise<unknown>;
  onUploadEnd(request: unknown): void;
  onCommandCancel(request: unknown): void;
}

/** A chunk not acknowledged within this time fails its stream (the server holds acks while its reader is slow). */
export const STREAM_ACK_TIMEOUT_MS = 15 * 60_000;

export interface ConnectionOptions {
  serverUrl: string;
  identity: AgentState;
  /** shown in the "key refused" hint */
  statePath: string;
  callbacks: ConnectionCallbacks;
}

/**
 * The agent's socket.io link to the server's /agent namespace. Reconnects forever with jittered
 * exponential backoff (0.5 s → 30 s); a refusal (revoked key, protocol mismatch) is retried at
 * the slowest pace. Reconnection is driven here, not by socket.io, so every way of losing the
 * link (server down, server restart, refused handshake, server-side disconnect) is handled alike.
 */
export class ServerConnection {
  private readonly socket: Socket;
  private readonly backoff = new Backoff({ minMs: 500, maxMs: 30_000, jitter: 0.5 });
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: ConnectionOptions) {
    const auth: AgentAuth = {
      hostId: options.identity.hostId,
      hostKey: options.identity.hostKey,
      protocolVersion: PROTOCOL_VERSION,
      agentVersion: AGENT_VERSION,
    };
    this.socket = io(`${options.serverUrl}${AGENT_NAMESPACE}`, {
      auth,
      transports: ["websocket"],
      reconnection: false,
      autoConnect: false,
    });
    this.wire();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  start(): void {
    log.info(`connecting to ${this.options.serverUrl} as host ${this.options.identity.hostId}`);
    this.socket.connect();
  }

  emitEngineInfo(info: EngineInfo): void {
    if (this.socket.connected) this.socket.emit(AgentEvents.engineInfo, info);
  }

  /** Dropped, not buffered, when the link is down or congested. */
  emitHostSample(sample: HostSample): void {
    if (this.socket.connected) this.socket.volatile.emit(AgentEvents.hostSample, sample);
  }

  /** Progress of a command call (in order, buffered like replies). */
  emitProgress(message: ProgressMessage): void {
    if (this.socket.connected) this.socket.emit(AgentEvents.progress, message);
  }

  emitContainersSnapshot(containers: ContainerSummary[]): void {
    if (this.socket.connected) this.socket.emit(AgentEvents.containersSnapshot, containers);
  }

  emitContainerChange(change: ContainerChange): void {
    if (this.socket.connected) this.socket.emit(AgentEvents.containerChange, change);
  }

  /** A container started, died, was OOM-killed or changed health (read by alert rules). */
  emitContainerEvent(event: ContainerLifeEvent): void {
    if (this.socket.connected) this.socket.emit(AgentEvents.containerEvent, event);
  }

  /** The image list changed; a notice missed while offline is covered by the refresh on reconnect. */
  emitImagesChanged(): void {
    if (this.socket.connected) this.socket.emit(AgentEvents.imagesChanged);
  }

  /** The host's networks changed; like images, a reconnect's refresh covers a missed notice. */
  emitNetworksChanged(): void {
    if (this.socket.connected) this.socket.emit(AgentEvents.networksChanged);
  }

  emitVolumesChanged(): void {
    if (this.socket.connected) this.socket.emit(AgentEvents.volumesChanged);
  }

  /** The swarm changed as this engine sees it; the cluster page lists again. */
  emitSwarmChanged(): void {
    if (this.socket.connected) this.socket.emit(AgentEvents.swarmChanged);
  }

  /** Dropped, not buffered, when the link is down or congested (the next sweep follows). */
  emitContainerStats(message: ContainerStatsMessage): void {
    if (this.socket.connected) this.socket.volatile.emit(AgentEvents.containerStats, message);
  }

  /** Sends one chunk; resolves on the server's ack, rejects when offline or not acked in time. */
  sendStreamChunk(streamId: string, data: Buffer): Promise<void> {
    if (!this.socket.connected) return Promise.reject(new Error("not connected"));
    const chunk = { streamId, data } satisfies Omit<StreamChunk, "data"> & { data: Buffer };
    return new Promise((resolve, reject) => {
      this.socket
        .timeout(STREAM_ACK_TIMEOUT_MS)
        .emit(AgentEvents.streamChunk, chunk, (err: unknown) => {
          if (err) reject(new Error("the server did not acknowledge a stream chunk in time"));
          else resolve();
        });
    });
  }

  /** One exec.output message; resolves on the server's ack (the next waits for it). */
  /** Terminal output; what the link loses with a drop ends with the session anyway. */
  emitExecOutput(sessionId: string, data: string): void {
    if (this.socket.connected) this.socket.emit(ExecAgentEvents.output, { sessionId, data });
  }

  emitExecExit(message: { sessionId: string; exitCode: number | null; error?: string }): void {
    if (this.socket.connected) this.socket.emit(ExecAgentEvents.exit, message);
  }

  emitStreamEnd(end: StreamEnd): void {
    if (this.socket.connected) this.socket.emit(AgentEvents.streamEnd, end);
  }

  /** Disconnects for good; resolves once the goodbye had a chance to go out. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const wasConnected = this.socket.connected;
    this.socket.disconnect();
    if (wasConnected) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  private wire(): void {
    const { socket, options } = this;

    socket.on("connect", () => {
      this.backoff.reset();
      log.info(`connected to ${options.serverUrl}`);
      options.callbacks.onConnect();
    });

    socket.on("disconnect", (reason) => {
      options.callbacks.onDisconnect();
      // our own disconnect, or a refusal that already scheduled a slow retry
      if (this.closed || reason === "io client disconnect" || this.timer) return;
      const delay = this.backoff.next();
      log.warn(`disconnected (${reason}); reconnecting in ${formatDelay(delay)}`);
      this.reconnectIn(delay);
    });

    socket.on("connect_error", (err: Error & { data?: unknown; description?: unknown }) => {
      if (this.closed) return;
      const refusal = AgentConnectErrorSchema.safeParse(err.data);
      if (refusal.success) {
        this.refused(refusal.data);
        return;
      }
      const delay = this.backoff.next();
      log.warn(`cannot connect (${connectErrorReason(err)}); retry in ${formatDelay(delay)}`);
      this.reconnectIn(delay);
    });

    socket.on(AgentEvents.rejected, (data: unknown) => {
      const refusal = AgentConnectErrorSchema.safeParse(data);
      this.refused(
        refusal.success ? refusal.data : { code: "UNAUTHENTICATED", message: "agent rejected" },
      );
      socket.disconnect();
    });

    // What the server asks for runs on its behalf: an error escaping it is not the agent's end.
    const handle = (event: string, handler: (request: unknown, ack: unknown) => unknown) =>
      socket.on(event, (request: unknown, ack: unknown) =>
        onBehalfOf(event, () => {
          try {
            handler(request, ack);
          } catch (err) {
            log.error(`${event} failed unexpectedly: ${describeError(err)}`);
          }
        }),
      );
    const answer = (reply: Promise<unknown>, ack: unknown) =>
      void reply.then(
        (value) => {
          if (typeof ack === "function") ack(value);
        },
        (err: unknown) => {
          log.error(`a request failed unexpectedly: ${describeError(err)}`);
          if (typeof ack === "function") {
            ack({ ok: false, error: { code: "INTERNAL", message: "the agent failed to answer" } });
          }
        },
      );

    handle(AgentEvents.command, (request, ack) =>
      answer(options.callbacks.onCommand(request), ack),
    );
    handle(AgentEvents.streamOpen, (request, ack) =>
      answer(options.callbacks.onStreamOpen(request), ack),
    );
    handle(AgentEvents.streamCancel, (request) => options.callbacks.onStreamCancel(request));
    handle(ExecAgentEvents.open, (request, ack) =>
      answer(options.callbacks.onExecOpen(request), ack),
    );
    handle(ExecAgentEvents.input, (request) => options.callbacks.onExecInput(request));
    handle(ExecAgentEvents.resize, (request) => options.callbacks.onExecResize(request));
    handle(ExecAgentEvents.close, (request) => options.callbacks.onExecClose(request));
    handle(ExecAgentEvents.ack, (request) => options.callbacks.onExecAck(request));
    handle(AgentEvents.uploadOpen, (request, ack) =>
      answer(
        Promise.resolve().then(() => options.callbacks.onUploadOpen(request)),
        ack,
      ),
    );
    handle(AgentEvents.uploadChunk, (request, ack) =>
      answer(options.callbacks.onUploadChunk(request), ack),
    );
    handle(AgentEvents.uploadEnd, (request) => options.callbacks.onUploadEnd(request));
    handle(AgentEvents.commandCancel, (request) => options.callbacks.onCommandCancel(request));

    socket.on(AgentEvents.metricsInterval, (data: unknown) => {
      const parsed = MetricsIntervalSchema.safeParse(data);
      if (!parsed.success) {
        log.warn("ignored an invalid metrics.interval message");
        return;
      }
      options.callbacks.onMetricsInterval(parsed.data.intervalMs);
    });
  }

  /** The server does not want this agent as it is: say why, then retry only slowly. */
  private refused(refusal: AgentConnectError): void {
    const delay = this.backoff.slow();
    const retry = `retry in ${formatDelay(delay)}`;
    if (refusal.code === "KEY_IN_USE") {
      log.error(`server refused this connection: ${refusal.message} ${retry}`);
    } else if (refusal.code === "PROTOCOL_MISMATCH") {
      const server = refusal.serverProtocolVersion ?? "unknown";
      log.error(
        `server refused protocol: agent ${AGENT_VERSION} speaks protocol v${PROTOCOL_VERSION}, ` +
          `server speaks v${server} (${refusal.message}); update the older side. ${retry}`,
      );
    } else {
      log.error(
        `server refused this host's key (${refusal.message}): host removed or key revoked; ` +
          `re-enrol by deleting ${this.options.statePath} and setting a new BERTH_ENROLL_TOKEN. ${retry}`,
      );
    }
    this.reconnectIn(delay);
  }

  private reconnectIn(delay: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.closed && !this.socket.connected) this.socket.connect();
    }, delay);
  }
}

/** socket.io hides the system error (ECONNREFUSED, ...) in `description`. */
function connectErrorReason(err: Error & { description?: unknown }): string {
  const d = err.description as { error?: unknown; message?: unknown } | undefined;
  if (d instanceof Error) return describeError(d);
  if (d?.error instanceof Error) return describeError(d.error);
  if (typeof d?.message === "string" && d.message) return d.message;
  return err.message;
}
