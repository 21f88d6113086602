import type Docker from "dockerode";
import type { EngineInfo } from "@/lib/protocol";

export interface EngineFacts {
  info: EngineInfo;
  /** where the engine keeps its data, for disk usage (not part of EngineInfo) */
  dockerRootDir: string | undefined;
}

const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
const count = (v: unknown): number =>
  typeof v === "number" && Number.isFinite(v) && v >= 0 ? Math.trunc(v) : 0;

/** GET /info + GET /version, mapped to the protocol's EngineInfo. */
export async function readEngineInfo(docker: Docker): Promise<EngineFacts> {
  const [info, version] = (await Promise.all([docker.info(), docker.version()])) as unknown as [
    Record<string, unknown>,
    Record<string, unknown>,
  ];
  const swarm = (info.Swarm ?? {}) as Record<string, unknown>;
  return {
    info: {
      hostname: str(info.Name),
      engineVersion: str(version.Version),
      apiVersion: str(version.ApiVersion),
      os: str(info.OperatingSystem),
      osType: str(info.OSType, str(version.Os)),
      architecture: str(info.Architecture, str(version.Arch)),
      kernelVersion: str(info.KernelVersion, str(version.KernelVersion)),
      cpus: count(info.NCPU),
      memoryBytes: count(info.MemTotal),
      storageDriver: str(info.Driver),
      cgroupVersion: str(info.CgroupVersion, "1"),
      containers: count(info.Containers),
      containersRunning: count(info.ContainersRunning),
      containersPaused: count(info.ContainersPaused),
      containersStopped: count(info.ContainersStopped),
      images: count(info.Images),
      swarmState: str(swarm.LocalNodeState, "inactive") || "inactive",
      swarmNodeId: str(swarm.NodeID),
    },
    dockerRootDir: typeof info.DockerRootDir === "string" ? info.DockerRootDir : undefined,
  };
}
