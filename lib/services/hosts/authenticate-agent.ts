import { db } from "@/lib/db";
import { safeEqualHex, sha256Hex } from "@/lib/crypto";
import type { AgentAuth } from "@/lib/protocol";

/** Checks an agent's host key against the stored hash; revoked hosts never get in. */
export async function authenticateAgent(auth: AgentAuth): Promise<{ hostId: string } | null> {
  const host = await db.host.findUnique({
    where: { id: auth.hostId },
    select: { id: true, keyHash: true, revokedAt: true },
  });
  if (!host?.keyHash || host.revokedAt) return null;
  return safeEqualHex(host.keyHash, sha256Hex(auth.hostKey)) ? { hostId: host.id } : null;
}
