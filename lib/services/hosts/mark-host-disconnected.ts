import { db } from "@/lib/db";

export async function markHostDisconnected(hostId: string, at: Date): Promise<void> {
  await db.host.updateMany({ where: { id: hostId }, data: { lastSeenAt: at } });
}
