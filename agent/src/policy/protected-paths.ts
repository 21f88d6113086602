import path from "node:path";
import type Docker from "dockerode";
import type { ProtectedPath } from "@/lib/protocol";
import { describeError, log } from "../log";
import { resolveHostPath } from "./resolve-host-path";

export interface ProtectedPathSources {
  statePath: string;
  /** Where the agent's own code lives (the directory of agent.cjs). */
  installDir: string;
  dockerSocket: string;
  /** Paths the agent was told to guard as well (BERTH_AGENT_PROTECT). */
  extra: readonly string[];
}

/**
 * The host paths no container may bind unless the host admin allows it in the policy: whoever
 * reads the agent's state holds its key, whoever writes its install directory runs code as the
 * agent, and the engine's socket or data root hand over every container and the host itself.
 */
export class ProtectedPaths {
  private dockerRootDir: string | undefined;

  constructor(
    private readonly sources: ProtectedPathSources,
    private readonly docker: Docker,
  ) {}

  /** Resolved on the host, as the bind sources they are compared with. */
  async list(): Promise<ProtectedPath[]> {
    const raw: ProtectedPath[] = [
      { path: path.dirname(this.sources.statePath), what: "the Berth agent's state directory" },
      { path: this.sources.installDir, what: "the Berth agent's install directory" },
      { path: this.sources.dockerSocket, what: "the Docker engine's socket" },
      ...this.sources.extra.map((p) => ({
        path: p,
        what: "a path this agent guards (Berth's data)",
      })),
    ];
    const root = await this.engineRoot();
    if (root) raw.push({ path: root, what: "the Docker engine's data directory" });
    return Promise.all(raw.map(async (p) => ({ ...p, path: await resolveHostPath(p.path) })));
  }

  private async engineRoot(): Promise<string | undefined> {
    if (this.dockerRootDir) return this.dockerRootDir;
    try {
      const info = (await this.docker.info()) as { DockerRootDir?: unknown };
      if (typeof info.DockerRootDir === "string" && info.DockerRootDir.startsWith("/")) {
        this.dockerRootDir = info.DockerRootDir;
      }
    } catch (err) {
      log.warn(`engine data directory unknown: ${describeError(err)}`);
    }
    return this.dockerRootDir;
  }
}
