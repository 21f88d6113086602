import type { Readable } from "node:stream";
import type Docker from "dockerode";
import type {
  AgentCommandName,
  AgentCommandParams,
  AgentCommandResult,
  Progress,
  ProgressMessage,
} from "@/lib/protocol";
import type { ProtectedPaths } from "../policy/protected-paths";
import type { VolumeSizes } from "../volumes/volume-sizes";
import type { SecurityDigests } from "./security-digest";

/** Latest CPU/memory of one container from the cgroup sweep. */
export interface ContainerUsage {
  cpuPercent: number | null;
  memoryBytes: number | null;
}

/** What every command handler may use. */
export interface CommandContext {
  docker: Docker;
  socketPath: string;
  /** Sends a progress message to the server (set by the agent's connection). */
  sendProgress?: (message: ProgressMessage) => void;
  /** Latest usage of a container from the cgroup sweep, if it has one. */
  containerUsage?: (id: string) => ContainerUsage | undefined;
  /** The caller's callId: set per call by the dispatcher when the request had one. */
  callId?: string;
  /** Progress of this call (set per call by the dispatcher only when the request had a callId). */
  emitProgress?: (progress: Progress) => void;
  /** Aborted when the server cancels this call (set per call when the request had a callId). */
  signal?: AbortSignal;
  /** Running calls by callId, so that command.cancel can reach them. */
  calls?: RunningCalls;
  /** The bytes of an upload the server is sending (build context, image tar). */
  takeUpload?: (uploadId: string) => Readable;
  /** Security digests of the containers, inspected once each. */
  securityDigests?: SecurityDigests;
  /** Host paths no container may bind unless the host's policy allows it. */
  protectedPaths?: ProtectedPaths;
  /** The last measured volume sizes. */
  volumeSizes?: VolumeSizes;
  /** A command changed a volume's contents: lists refresh and sizes are measured again. */
  volumesChanged?: () => void;
  /** A command changed the swarm (joined, left, a node, a service): info and lists follow. */
  swarmChanged?: () => void;
  /** The folder compose stacks' files are written to, one folder per project (config.stacksDir). */
  stacksDir?: string;
}

/** Abort controllers of the calls that have a callId. */
export class RunningCalls {
  private readonly running = new Map<string, AbortController>();

  start(callId: string): AbortSignal {
    const controller = new AbortController();
    this.running.set(callId, controller);
    return controller.signal;
  }

  finish(callId: string): void {
    this.running.delete(callId);
  }

  cancel(callId: string): void {
    this.running.get(callId)?.abort();
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}

export type CommandHandler<N extends AgentCommandName> = (
  params: AgentCommandParams<N>,
  ctx: CommandContext,
) => Promise<AgentCommandResult<N>>;

/** Exactly one handler per command of the protocol: a new command without one fails typecheck. */
export type CommandRegistry = { [N in AgentCommandName]: CommandHandler<N> };
