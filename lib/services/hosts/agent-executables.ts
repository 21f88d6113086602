import { readdirSync } from "node:fs";
import path from "node:path";

/** `uname -m` names of each architecture a single-executable agent can be built for. */
const MACHINES: Record<string, string> = {
  x86_64: "x64",
  amd64: "x64",
  aarch64: "arm64",
  arm64: "arm64",
  armv7l: "arm",
  ppc64le: "ppc64",
  s390x: "s390x",
};

const FILE_PREFIX = "berth-agent-linux-";

/** Where the agent executables live: BERTH_AGENT_EXECUTABLES, else dist/agents of the build. */
export function agentExecutablesDir(): string {
  return (
    process.env.BERTH_AGENT_EXECUTABLES ??
    path.join(process.env.BERTH_ROOT ?? process.cwd(), "dist", "agents")
  );
}

/** Node's name for a host's architecture as `uname -m` prints it; undefined when unknown. */
export function agentArchitecture(machine: string): string | undefined {
  return Object.hasOwn(MACHINES, machine) ? MACHINES[machine] : undefined;
}

export function agentExecutableFile(arch: string): string {
  return path.join(agentExecutablesDir(), `${FILE_PREFIX}${arch}`);
}

/** The architectures this server has an agent executable for, e.g. ["x64"]. */
export function listAgentArchitectures(): string[] {
  let files: string[];
  try {
    files = readdirSync(agentExecutablesDir());
  } catch {
    return [];
  }
  return files
    .filter((f) => f.startsWith(FILE_PREFIX) && !f.includes("."))
    .map((f) => f.slice(FILE_PREFIX.length))
    .sort();
}

/** What a user reads when the server has no agent for a host's architecture. */
export function missingAgentMessage(machine: string): string {
  const arch = agentArchitecture(machine);
  const have = listAgentArchitectures();
  const offered = have.length ? `It has agents for linux ${have.join(", ")}.` : "It has none.";
  if (!arch) {
    return `Berth has no agent for ${machine} hosts. ${offered}`;
  }
  return (
    `This server has no Berth agent for ${machine} (linux-${arch}) hosts. ${offered} ` +
    `Build one on a linux-${arch} machine with npm run build and copy ` +
    `dist/agents/${FILE_PREFIX}${arch} to ${agentExecutablesDir()} on this server.`
  );
}
