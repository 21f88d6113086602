import { z } from "zod";
import { db } from "@/lib/db";
import { EngineInfoSchema, type EngineInfo } from "@/lib/protocol";

/**
 * A host's engine facts as stored, with the swarm node id it last had: an engine shutting down
 * stops its swarm part first and still answers for a few seconds with no node id, so without it
 * a manager that went down could no longer be told apart in its swarm's node list.
 */
export const StoredEngineInfoSchema = EngineInfoSchema.partial().extend({
  lastSwarmNodeId: z.string().optional(),
});

export async function updateEngineInfo(hostId: string, info: EngineInfo): Promise<void> {
  const previous = await db.host.findUnique({
    where: { id: hostId },
    select: { engineInfo: true },
  });
  const lastSwarmNodeId =
    info.swarmNodeId ||
    StoredEngineInfoSchema.safeParse(previous?.engineInfo).data?.lastSwarmNodeId;
  await db.host.updateMany({
    where: { id: hostId },
    data: {
      engineInfo: { ...info, ...(lastSwarmNodeId ? { lastSwarmNodeId } : {}) },
      hostname: info.hostname,
      lastSeenAt: new Date(),
    },
  });
}
