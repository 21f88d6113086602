import { db } from "@/lib/db";

export async function markHostConnected(
  hostId: string,
  agentVersion: string,
  address: string | null,
): Promise<void> {
  await db.host.update({
    where: { id: hostId },
    data: { agentVersion, address, lastSeenAt: new Date() },
  });
}
