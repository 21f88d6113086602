import { db } from "@/lib/db";
import { PolicyUpdateSchema, type HostSecurityPolicy } from "@/lib/protocol";
import { requireHostPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { audited } from "@/lib/services/audit/audited";
import { readPolicy } from "./policy-view";

/** Sets (or with null removes) a host's own security policy: host admins only, audited. */
export async function updateHostPolicy(
  user: SessionUser,
  hostId: string,
  input: unknown,
  clientAddress?: string,
): Promise<{ policy: HostSecurityPolicy | null }> {
  const { policy } = PolicyUpdateSchema.parse(input);
  const host = await db.host.findUnique({
    where: { id: hostId },
    select: { name: true, policy: { select: { settings: true } } },
  });
  const before = host?.policy ? readPolicy(host.policy.settings) : null;
  return audited(
    {
      actor: user,
      action: "policy.update",
      hostId,
      target: host ? `host ${host.name}` : hostId,
      params: { before, after: policy },
      clientAddress,
    },
    async () => {
      await requireHostPermission(user, hostId, "host.manage");
      if (policy === null) {
        await db.securityPolicy.deleteMany({ where: { hostId } });
      } else {
        await db.securityPolicy.upsert({
          where: { hostId },
          create: { hostId, settings: policy },
          update: { settings: policy },
        });
      }
      return { policy };
    },
  );
}
