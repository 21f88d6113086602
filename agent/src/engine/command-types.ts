import type Docker from "dockerode";
import type { AgentCommandName, AgentCommandParams, AgentCommandResult } from "@/lib/protocol";

/** What every command handler may use. */
export interface CommandContext {
  docker: Docker;
  socketPath: string;
}

export type CommandHandler<N extends AgentCommandName> = (
  params: AgentCommandParams<N>,
  ctx: CommandContext,
) => Promise<AgentCommandResult<N>>;

/** Exactly one handler per command of the protocol: a new command without one fails typecheck. */
export type CommandRegistry = { [N in AgentCommandName]: CommandHandler<N> };
