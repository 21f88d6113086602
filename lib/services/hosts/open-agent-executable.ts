import { createReadStream, type ReadStream } from "node:fs";
import { findAgentExecutable } from "@/lib/services/hosts/find-agent-executable";

/** Reads the agent executable for a host's `uname -m`, for the installer. It holds no secrets. */
export async function openAgentExecutable(
  machine: string,
): Promise<{ stream: ReadStream; size: number }> {
  const { file, size } = await findAgentExecutable(machine);
  return { stream: createReadStream(file), size };
}
