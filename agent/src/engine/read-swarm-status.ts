import type Docker from "dockerode";
import type { SwarmStatus } from "@/lib/protocol";

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** This engine's place in a swarm, from GET /info. */
export async function readSwarmStatus(docker: Docker): Promise<SwarmStatus> {
  const info = (await docker.info()) as { Swarm?: Record<string, unknown> };
  const swarm = info.Swarm ?? {};
  const cluster = (swarm.Cluster ?? {}) as Record<string, unknown>;
  const remote = Array.isArray(swarm.RemoteManagers) ? swarm.RemoteManagers : [];
  return {
    state: str(swarm.LocalNodeState) || "inactive",
    nodeId: str(swarm.NodeID),
    nodeAddr: str(swarm.NodeAddr),
    manager: swarm.ControlAvailable === true,
    clusterId: str(cluster.ID),
    remoteManagers: remote.map((m: { NodeID?: unknown; Addr?: unknown }) => ({
      nodeId: str(m.NodeID),
      addr: str(m.Addr),
    })),
    error: str(swarm.Error),
  };
}
