import { db } from "@/lib/db";
import type { HostSecurityPolicy } from "@/lib/protocol";
import { effectivePolicy } from "@/lib/policy/effective-policy";
import { readPolicy } from "./policy-view";

/**
 * The policy containers on a host must pass: every policy on the host and on its groups at once,
 * or the strict default when there is none. For the gate; it checks no rights.
 */
export async function getEffectivePolicy(hostId: string): Promise<HostSecurityPolicy> {
  const rows = await db.securityPolicy.findMany({
    where: { OR: [{ hostId }, { group: { hosts: { some: { hostId } } } }] },
    select: { settings: true },
  });
  return effectivePolicy(rows.map((r) => readPolicy(r.settings)));
}
