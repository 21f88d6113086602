import { stat } from "node:fs/promises";
import { BerthError } from "@/lib/protocol";
import {
  agentArchitecture,
  agentExecutableFile,
  missingAgentMessage,
} from "@/lib/services/hosts/agent-executables";

export type AgentExecutable = { file: string; size: number; arch: string };

/** The agent executable for a host whose `uname -m` is `machine`, or a NOT_FOUND in words. */
export async function findAgentExecutable(machine: string): Promise<AgentExecutable> {
  const arch = agentArchitecture(machine);
  const file = arch ? agentExecutableFile(arch) : null;
  const info = file ? await stat(file).catch(() => null) : null;
  if (!arch || !file || !info?.isFile()) {
    throw new BerthError("NOT_FOUND", missingAgentMessage(machine));
  }
  return { file, size: info.size, arch };
}
