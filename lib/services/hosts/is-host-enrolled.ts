import { db } from "@/lib/db";

/** True while the host exists and its key has not been revoked. */
export async function isHostEnrolled(hostId: string): Promise<boolean> {
  const host = await db.host.findUnique({
    where: { id: hostId },
    select: { keyHash: true, revokedAt: true },
  });
  return Boolean(host?.keyHash && !host.revokedAt);
}
