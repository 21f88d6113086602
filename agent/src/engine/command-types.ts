import type Docker from "dockerode";
import type {
  AgentCommandName,
  AgentCommandParams,
  AgentCommandResult,
  Progress,
  ProgressMessage,
} from "@/lib/protocol";

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
}

export type CommandHandler<N extends AgentCommandName> = (
  params: AgentCommandParams<N>,
  ctx: CommandContext,
) => Promise<AgentCommandResult<N>>;

/** Exactly one handler per command of the protocol: a new command without one fails typecheck. */
export type CommandRegistry = { [N in AgentCommandName]: CommandHandler<N> };
