import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Readable } from "node:stream";
import type { Namespace, Socket } from "socket.io";
import {
  AgentStreams as AgentStreamDefinitions,
  ContainerChangeSchema,
  ContainerLifeEventSchema,
  ContainerStatsMessageSchema,
  ContainerSummarySchema,
  ProgressMessageSchema,
  AgentAuthSchema,
  AgentCommandReplySchema,
  AgentCommands,
  AgentEvents,
  BerthError,
  EngineInfoSchema,
  HostSampleSchema,
  METRICS_INTERVAL_IDLE_MS,
  METRICS_INTERVAL_WATCHED_MS,
  PROTOCOL_VERSION,
  type AgentAuth,
  type AgentCommandName,
  type AgentCommandParams,
  type AgentCommandResult,
  type AgentConnectError,
  type AgentStreamName,
  type ContainerChange,
  type ContainerLifeEvent,
  type ExecStart,
  type Progress,
  type EngineInfo,
  type HostSample,
  type HostStatus,
} from "@/lib/protocol";
import { z } from "zod";
import { AgentExec, type ExecHandlers } from "./agent-exec";
import { AgentStreams } from "./agent-streams";
import { AgentUpload } from "./agent-upload";
import { ContainerCache } from "./container-cache";
import { LogFanout } from "./log-fanout";
import { StatsFanout } from "./stats-fanout";
import { allowAgentMessages } from "./message-limits";

/**
 * A connection proved a host's key while another connection of that host was live: the live one
 * answered (the newcomer was refused: the key may be stolen) or did not (it was replaced).
 */
export type AgentKeyConflict = {
  outcome: "refused" | "replaced";
  /** Where the newcomer and the connection it met came from. */
  newcomerAddress: string | null;
  liveAddress: string | null;
};

/** What the hub needs from the rest of the server; injected so the hub holds no database code. */
export type AgentHubHooks = {
  authenticate(auth: AgentAuth): Promise<{ hostId: string } | null>;
  onKeyConflict(hostId: string, conflict: AgentKeyConflict): Promise<void>;
  onConnected(hostId: string, agentVersion: string, address: string | null): Promise<void>;
  onDisconnected(hostId: string, at: Date): Promise<void>;
  onEngineInfo(hostId: string, info: EngineInfo): Promise<void>;
  onSample(hostId: string, sample: HostSample): void;
};

const RECENT_WINDOW_MS = 10 * 60 * 1000;
/** The label `docker compose` (and Berth's agent) puts on every container of a project. */
const COMPOSE_PROJECT_LABEL = "com.docker.compose.project";
const STACKS_NOTICE_DELAY_MS = 300;
const DEFAULT_CALL_TIMEOUT_MS = 30_000;
/** How long a live agent has to answer when another connection presents its key. */
export const LIVENESS_TIMEOUT_MS = 5_000;

type Pending = { reject(err: BerthError): void };

export type CallOptions = {
  timeoutMs?: number;
  /** Receives the agent's progress messages for this call (image pulls, ...). */
  onProgress?: (progress: Progress) => void;
  /** Aborting it asks the agent to stop the call (pull, push, build). */
  signal?: AbortSignal;
};

const ContainerListSchema = z.array(ContainerSummarySchema);

function connectError(data: AgentConnectError): Error {
  return Object.assign(new Error(data.message), { data });
}

const addressOf = (socket: Socket) => socket.handshake.address.replace(/^::ffff:/, "") || null;

/**
 * Holds the live agent connections: command calls with timeouts, host online state, the
 * recent metrics window for live charts and which hosts someone is watching.
 */
export class AgentHub extends EventEmitter<{
  status: [HostStatus];
  sample: [{ hostId: string; sample: HostSample }];
  containers: [{ hostId: string; change: ContainerChange | { kind: "snapshot" } }];
  /** A container started, died, was OOM-killed or changed health (alert rules read these). */
  containerEvent: [{ hostId: string; event: ContainerLifeEvent }];
  containerStats: [{ hostId: string; items: z.infer<typeof ContainerStatsMessageSchema>["items"] }];
  images: [{ hostId: string }];
  networks: [{ hostId: string }];
  volumes: [{ hostId: string }];
  swarm: [{ hostId: string }];
  stacks: [{ hostId: string }];
  hosts: [{ hostId: string }];
  /** A host's image update checks have new answers (emitted by the image update services). */
  imageUpdates: [{ hostId: string }];
}> {
  /** Last known containers of every host, kept current by the agents. */
  readonly containers = new ContainerCache();
  /** Followed container logs: one agent stream per container and options, for every viewer. */
  readonly logFanout = new LogFanout(this);
  /** Live container stats: one agent stream per container, for every viewer. */
  readonly statsFanout = new StatsFanout(this);
  private readonly sockets = new Map<string, Socket>();
  private readonly streams = new Map<Socket, AgentStreams>();
  private readonly execs = new Map<Socket, AgentExec>();
  private readonly progress = new Map<string, (progress: Progress) => void>();
  private readonly pending = new Map<Socket, Set<Pending>>();
  private readonly watchers = new Map<string, number>();
  private readonly recent = new Map<string, HostSample[]>();
  private readonly lastSeen = new Map<string, number>();
  /** Hosts with a stacks notice about to go out. */
  private readonly stackNotices = new Map<string, NodeJS.Timeout>();
  /** Per host, the admission in progress: newcomers with one key are decided one at a time. */
  private readonly admissions = new Map<string, Promise<void>>();
  /** Admitted sockets not yet connected, and what ends their turn. */
  private readonly arriving = new Map<Socket, () => void>();
  private readonly livenessTimeoutMs: number;

  constructor(
    private readonly hooks: AgentHubHooks,
    options: { livenessTimeoutMs?: number } = {},
  ) {
    super();
    this.livenessTimeoutMs = options.livenessTimeoutMs ?? LIVENESS_TIMEOUT_MS;
  }

  attach(ns: Namespace): void {
    ns.use((socket, next) => {
      const parsed = AgentAuthSchema.safeParse(socket.handshake.auth);
      if (!parsed.success) {
        next(connectError({ code: "UNAUTHENTICATED", message: "Malformed agent credentials." }));
        return;
      }
      if (parsed.data.protocolVersion !== PROTOCOL_VERSION) {
        next(
          connectError({
            code: "PROTOCOL_MISMATCH",
            message: `Server speaks protocol ${PROTOCOL_VERSION}, agent speaks ${parsed.data.protocolVersion}. Install the agent from this server again.`,
            serverProtocolVersion: PROTOCOL_VERSION,
          }),
        );
        return;
      }
      const admit = async () => {
        if (socket.conn.transport.name !== "websocket") {
          return connectError({
            code: "PROTOCOL_MISMATCH",
            message: "Agents connect over a websocket.",
          });
        }
        const result = await this.hooks.authenticate(parsed.data);
        if (!result) {
          return connectError({ code: "UNAUTHENTICATED", message: "Unknown or revoked host key." });
        }
        if (!(await this.admit(result.hostId, socket))) {
          return connectError({
            code: "KEY_IN_USE",
            message:
              "Another agent is connected with this host's key and answering. If that is not this host's agent, the key was stolen: revoke it and re-enrol the host.",
          });
        }
        // Large messages (container snapshots, stream chunks) only from here on.
        if (!allowAgentMessages(socket)) {
          this.arrived(socket);
          throw new Error("This server cannot take large messages on the agent's connection.");
        }
        socket.data.hostId = result.hostId;
        socket.data.agentVersion = parsed.data.agentVersion;
        return undefined;
      };
      admit().then(
        (refusal) => next(refusal),
        (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
      );
    });
    ns.on("connection", (socket) => this.onConnection(socket));
  }

  /**
   * Decides whether a connection that proved a host's key may be that host's agent. With no
   * live agent it may. With one, that one is asked to answer: if it does, it is the host's agent
   * and the newcomer is refused (someone else holds the key); if it does not, it is gone and the
   * newcomer replaces it. Both are reported. Newcomers for one host wait for each other.
   */
  private admit(hostId: string, newcomer: Socket): Promise<boolean> {
    const before = this.admissions.get(hostId) ?? Promise.resolve();
    let endTurn: () => void = () => {};
    const turn = new Promise<void>((resolve) => (endTurn = resolve));
    this.admissions.set(hostId, turn);
    void turn.then(() => {
      if (this.admissions.get(hostId) === turn) this.admissions.delete(hostId);
    });
    return before.then(async () => {
      let admitted = false;
      try {
        admitted = await this.mayReplace(hostId, newcomer);
        return admitted;
      } finally {
        if (admitted) {
          // The turn ends once the newcomer is the host's socket (or never will be).
          this.arriving.set(newcomer, endTurn);
          newcomer.conn.once("close", () => this.arrived(newcomer));
          setTimeout(() => this.arrived(newcomer), this.livenessTimeoutMs).unref();
        } else {
          endTurn();
        }
      }
    });
  }

  private async mayReplace(hostId: string, newcomer: Socket): Promise<boolean> {
    const live = this.sockets.get(hostId);
    if (!live?.connected) return true;
    const answered = await live
      .timeout(this.livenessTimeoutMs)
      .emitWithAck(AgentEvents.command, { command: "agent.ping", params: {} })
      .then(
        () => true,
        () => false,
      );
    const conflict: AgentKeyConflict = {
      outcome: answered && live.connected ? "refused" : "replaced",
      newcomerAddress: addressOf(newcomer),
      liveAddress: addressOf(live),
    };
    void this.hooks.onKeyConflict(hostId, conflict).catch(logHookError);
    return conflict.outcome === "replaced";
  }

  private arrived(socket: Socket): void {
    const endTurn = this.arriving.get(socket);
    if (!endTurn) return;
    this.arriving.delete(socket);
    endTurn();
  }

  private onConnection(socket: Socket): void {
    const hostId = socket.data.hostId as string;
    const previous = this.sockets.get(hostId);
    if (previous) previous.disconnect(true);
    this.sockets.set(hostId, socket);
    this.arrived(socket);
    this.pending.set(socket, new Set());
    this.streams.set(socket, new AgentStreams(socket));
    this.execs.set(socket, new AgentExec(socket));
    this.touch(hostId);
    const address = addressOf(socket);
    void this.hooks
      .onConnected(hostId, socket.data.agentVersion as string, address)
      .catch(logHookError);
    this.emit("status", { hostId, online: true, lastSeenAt: Date.now() });
    if ((this.watchers.get(hostId) ?? 0) > 0) this.sendInterval(hostId);

    socket.on(AgentEvents.engineInfo, (payload: unknown) => {
      const info = EngineInfoSchema.safeParse(payload);
      if (!info.success) return;
      this.touch(hostId);
      void this.hooks.onEngineInfo(hostId, info.data).catch(logHookError);
    });

    socket.on(AgentEvents.hostSample, (payload: unknown) => {
      const sample = HostSampleSchema.safeParse(payload);
      if (!sample.success) return;
      this.touch(hostId);
      this.remember(hostId, sample.data);
      this.hooks.onSample(hostId, sample.data);
      this.emit("sample", { hostId, sample: sample.data });
    });

    socket.on(AgentEvents.progress, (payload: unknown) => {
      const message = ProgressMessageSchema.safeParse(payload);
      if (message.success) this.progress.get(message.data.callId)?.(message.data.progress);
    });

    socket.on(AgentEvents.containersSnapshot, (payload: unknown) => {
      const list = ContainerListSchema.safeParse(payload);
      if (!list.success) return;
      this.containers.replace(hostId, list.data);
      this.emit("containers", { hostId, change: { kind: "snapshot" } });
      this.stacksChanged(hostId);
    });

    socket.on(AgentEvents.containerChange, (payload: unknown) => {
      const change = ContainerChangeSchema.safeParse(payload);
      if (!change.success) return;
      const before =
        change.data.kind === "remove" ? this.containers.find(hostId, change.data.id) : undefined;
      this.containers.apply(hostId, change.data);
      this.emit("containers", { hostId, change: change.data });
      const container = change.data.kind === "remove" ? before : change.data.container;
      if (container?.labels[COMPOSE_PROJECT_LABEL] !== undefined) this.stacksChanged(hostId);
    });

    socket.on(AgentEvents.containerEvent, (payload: unknown) => {
      const event = ContainerLifeEventSchema.safeParse(payload);
      if (!event.success) return;
      this.touch(hostId);
      this.emit("containerEvent", { hostId, event: event.data });
    });

    socket.on(AgentEvents.imagesChanged, () => {
      this.touch(hostId);
      this.emit("images", { hostId });
    });

    socket.on(AgentEvents.networksChanged, () => {
      this.touch(hostId);
      this.emit("networks", { hostId });
    });

    socket.on(AgentEvents.volumesChanged, () => {
      this.touch(hostId);
      this.emit("volumes", { hostId });
    });

    socket.on(AgentEvents.swarmChanged, () => {
      this.touch(hostId);
      this.emit("swarm", { hostId });
    });

    socket.on(AgentEvents.containerStats, (payload: unknown) => {
      const stats = ContainerStatsMessageSchema.safeParse(payload);
      if (!stats.success) return;
      this.containers.patchStats(hostId, stats.data.items);
      this.emit("containerStats", { hostId, items: stats.data.items });
    });

    socket.on("disconnect", () => {
      this.streams.get(socket)?.failAll();
      this.streams.delete(socket);
      this.execs.get(socket)?.failAll();
      this.execs.delete(socket);
      for (const p of this.pending.get(socket) ?? []) {
        p.reject(new BerthError("HOST_OFFLINE", "The host went offline before answering."));
      }
      this.pending.delete(socket);
      if (this.sockets.get(hostId) !== socket) return;
      this.sockets.delete(hostId);
      const at = new Date();
      void this.hooks.onDisconnected(hostId, at).catch(logHookError);
      this.emit("status", { hostId, online: false, lastSeenAt: at.getTime() });
    });
  }

  isOnline(hostId: string): boolean {
    return this.sockets.has(hostId);
  }

  status(hostId: string): HostStatus {
    return { hostId, online: this.isOnline(hostId), lastSeenAt: this.lastSeen.get(hostId) ?? null };
  }

  /** Sends a typed command to a host's agent; rejects with HOST_OFFLINE or TIMEOUT, never hangs. */
  async call<N extends AgentCommandName>(
    hostId: string,
    command: N,
    params: AgentCommandParams<N>,
    options: CallOptions = {},
  ): Promise<AgentCommandResult<N>> {
    const socket = this.sockets.get(hostId);
    if (!socket) throw new BerthError("HOST_OFFLINE", "The host is offline.");
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const definition = AgentCommands[command];
    const validParams = definition.params.parse(params);
    const callId = options.onProgress || options.signal ? randomUUID() : undefined;
    if (callId && options.onProgress) this.progress.set(callId, options.onProgress);
    const cancel = () => socket.emit(AgentEvents.commandCancel, { callId });
    if (callId) options.signal?.addEventListener("abort", cancel, { once: true });
    const reply = await new Promise<unknown>((resolve, reject) => {
      const set = this.pending.get(socket);
      const entry: Pending = { reject };
      const timer = setTimeout(() => {
        set?.delete(entry);
        reject(new BerthError("TIMEOUT", `The host did not answer within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      entry.reject = (err) => {
        clearTimeout(timer);
        reject(err);
      };
      set?.add(entry);
      socket.emit(
        AgentEvents.command,
        { command, params: validParams, callId },
        (answer: unknown) => {
          clearTimeout(timer);
          set?.delete(entry);
          resolve(answer);
        },
      );
    }).finally(() => {
      if (callId) this.progress.delete(callId);
      options.signal?.removeEventListener("abort", cancel);
    });
    const parsed = AgentCommandReplySchema.safeParse(reply);
    if (!parsed.success) throw new BerthError("INTERNAL", "The agent sent a malformed reply.");
    if (!parsed.data.ok) throw BerthError.fromHost(parsed.data.error);
    return definition.result.parse(parsed.data.result) as AgentCommandResult<N>;
  }

  /** Opens a byte stream from the host's agent (container export, ...). */
  async openStream(hostId: string, stream: AgentStreamName, params: unknown): Promise<Readable> {
    const socket = this.sockets.get(hostId);
    const streams = socket ? this.streams.get(socket) : undefined;
    if (!streams) throw new BerthError("HOST_OFFLINE", "The host is offline.");
    return streams.start(stream, AgentStreamDefinitions[stream].params.parse(params));
  }

  /** Opens an upload to the host's agent; a command then reads it by its uploadId. */
  async openUpload(hostId: string): Promise<AgentUpload> {
    const socket = this.sockets.get(hostId);
    if (!socket) throw new BerthError("HOST_OFFLINE", "The host is offline.");
    return AgentUpload.open(socket);
  }

  /** Starts an interactive exec session on the host; its output and exit reach `handlers`. */
  async openExec(
    hostId: string,
    sessionId: string,
    params: ExecStart,
    handlers: ExecHandlers,
  ): Promise<void> {
    await this.exec(hostId).open(sessionId, params, handlers);
  }

  execInput(hostId: string, sessionId: string, data: string): void {
    this.execOrNull(hostId)?.input(sessionId, data);
  }

  execAck(hostId: string, sessionId: string, shown: number): void {
    this.execOrNull(hostId)?.ack(sessionId, shown);
  }

  execResize(hostId: string, sessionId: string, cols: number, rows: number): void {
    this.execOrNull(hostId)?.resize(sessionId, cols, rows);
  }

  execClose(hostId: string, sessionId: string): void {
    this.execOrNull(hostId)?.close(sessionId);
  }

  private execOrNull(hostId: string): AgentExec | undefined {
    const socket = this.sockets.get(hostId);
    return socket ? this.execs.get(socket) : undefined;
  }

  private exec(hostId: string): AgentExec {
    const exec = this.execOrNull(hostId);
    if (!exec) throw new BerthError("HOST_OFFLINE", "The host is offline.");
    return exec;
  }

  /** Someone opened a live view of this host: the agent samples every second until they leave. */
  watch(hostId: string): void {
    const count = (this.watchers.get(hostId) ?? 0) + 1;
    this.watchers.set(hostId, count);
    if (count === 1) this.sendInterval(hostId);
  }

  unwatch(hostId: string): void {
    const count = (this.watchers.get(hostId) ?? 0) - 1;
    if (count > 0) {
      this.watchers.set(hostId, count);
      return;
    }
    this.watchers.delete(hostId);
    this.sendInterval(hostId);
  }

  recentSamples(hostId: string): HostSample[] {
    return [...(this.recent.get(hostId) ?? [])];
  }

  /** A host was added or removed: open host lists load again. */
  hostListChanged(hostId: string): void {
    this.emit("hosts", { hostId });
  }

  /**
   * A host's compose stacks changed (a stack saved or removed, a project's container changed):
   * open stack lists load again. A deploy changes many containers at once, so a burst becomes
   * one notice.
   */
  stacksChanged(hostId: string): void {
    if (this.stackNotices.has(hostId)) return;
    const timer = setTimeout(() => {
      this.stackNotices.delete(hostId);
      this.emit("stacks", { hostId });
    }, STACKS_NOTICE_DELAY_MS);
    timer.unref();
    this.stackNotices.set(hostId, timer);
  }

  /** Drops a host's connection at once, e.g. after its key was revoked. */
  disconnectHost(hostId: string, message: string): void {
    const socket = this.sockets.get(hostId);
    if (!socket) return;
    socket.emit(AgentEvents.rejected, { code: "UNAUTHENTICATED", message });
    socket.disconnect(true);
  }

  private sendInterval(hostId: string): void {
    const intervalMs =
      (this.watchers.get(hostId) ?? 0) > 0 ? METRICS_INTERVAL_WATCHED_MS : METRICS_INTERVAL_IDLE_MS;
    this.sockets.get(hostId)?.emit(AgentEvents.metricsInterval, { intervalMs });
  }

  private touch(hostId: string): void {
    this.lastSeen.set(hostId, Date.now());
  }

  private remember(hostId: string, sample: HostSample): void {
    const list = this.recent.get(hostId) ?? [];
    list.push(sample);
    const cutoff = Date.now() - RECENT_WINDOW_MS;
    while (list.length > 0 && (list[0]?.at ?? 0) < cutoff) list.shift();
    this.recent.set(hostId, list);
  }
}

function logHookError(err: unknown): void {
  console.error("agent hub:", err instanceof Error ? err.message : err);
}

const HUB_KEY = Symbol.for("berth.agentHub");
type HubGlobal = { [HUB_KEY]?: AgentHub };

/** The process-wide hub; server.ts creates it, route handlers and actions use it. */
export function setAgentHub(hub: AgentHub): void {
  (globalThis as HubGlobal)[HUB_KEY] = hub;
}

export function getAgentHub(): AgentHub {
  const hub = (globalThis as HubGlobal)[HUB_KEY];
  if (!hub) throw new BerthError("INTERNAL", "The agent hub is not running in this process.");
  return hub;
}
