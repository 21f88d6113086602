import { BerthError } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { forgetEcrLogin } from "@/lib/registries/ecr-login-cache";
import { audited } from "@/lib/services/audit/audited";

export async function deleteRegistry(
  user: SessionUser,
  registryId: string,
  clientAddress?: string,
): Promise<void> {
  await audited(
    { actor: user, action: "registry.delete", target: registryId, clientAddress },
    async () => {
      requireGlobalPermission(user, "registry.manage");
      const { count } = await db.registry.deleteMany({ where: { id: registryId } });
      if (count === 0) throw new BerthError("NOT_FOUND", "No such registry.");
      forgetEcrLogin(registryId);
    },
  );
}
