import { db } from "@/lib/db";
import type { EngineInfo } from "@/lib/protocol";

export async function updateEngineInfo(hostId: string, info: EngineInfo): Promise<void> {
  await db.host.updateMany({
    where: { id: hostId },
    data: { engineInfo: info, hostname: info.hostname, lastSeenAt: new Date() },
  });
}
