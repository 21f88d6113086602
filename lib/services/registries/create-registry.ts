import { randomUUID } from "node:crypto";
import type { RegistryView } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { sealSecret } from "@/lib/server/secret-box";
import { audited } from "@/lib/services/audit/audited";
import { checkEcrAccess, keepEcrLogin } from "./ecr-login";
import { normalizeRegistry, requireEcrSecret } from "./normalize-registry";
import { registryAuditParams, registryColumns, requireUniqueRegistryName } from "./registry-row";
import { secretContext, toRegistryView } from "./registry-view";

/** Adds a registry; its password is sealed at rest. */
export async function createRegistry(
  user: SessionUser,
  input: unknown,
  clientAddress?: string,
): Promise<RegistryView> {
  const data = normalizeRegistry(input);
  requireEcrSecret(data.kind, data.password);
  return audited(
    {
      actor: user,
      action: "registry.create",
      target: data.name,
      params: registryAuditParams(data),
      clientAddress,
    },
    async () => {
      requireGlobalPermission(user, "registry.manage");
      await requireUniqueRegistryName(data.name);
      const ecrLogin = data.kind === "ECR" ? await checkEcrAccess(data, data.password) : null;
      const id = randomUUID();
      const row = await db.registry.create({
        data: {
          id,
          ...registryColumns(data),
          secretSealed: data.password ? sealSecret(data.password, secretContext(id)) : null,
        },
      });
      if (ecrLogin) keepEcrLogin(row, ecrLogin);
      return toRegistryView(row);
    },
  );
}
