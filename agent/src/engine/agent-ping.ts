import type { CommandHandler } from "./command-types";

/** The server checks that this connection's agent is there (another one presented its key). */
export const agentPing: CommandHandler<"agent.ping"> = async () => ({ ok: true });
