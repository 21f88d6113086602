import { db } from "@/lib/db";

export async function markHostConnected(hostId: string, agentVersion: string): Promise<void> {
  await db.host.update({ where: { id: hostId }, data: { agentVersion, lastSeenAt: new Date() } });
}
