import type { RegistryView } from "@/lib/protocol";
import { BerthError } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { openSecret, sealSecret } from "@/lib/server/secret-box";
import { audited } from "@/lib/services/audit/audited";
import { forgetEcrLogin } from "@/lib/registries/ecr-login-cache";
import { checkEcrAccess, keepEcrLogin } from "./ecr-login";
import { normalizeRegistry, requireEcrSecret } from "./normalize-registry";
import { registryAuditParams, registryColumns, requireUniqueRegistryName } from "./registry-row";
import { requirePasswordForNewAddress, secretContext, toRegistryView } from "./registry-view";

/** Changes a registry; the stored password stays unless a new one is given or it is cleared. */
export async function updateRegistry(
  user: SessionUser,
  registryId: string,
  input: unknown,
  clientAddress?: string,
): Promise<RegistryView> {
  const data = normalizeRegistry(input);
  return audited(
    {
      actor: user,
      action: "registry.update",
      target: registryId,
      params: {
        name: data.name,
        ...registryAuditParams(data),
        passwordChanged: data.password !== undefined || data.clearPassword,
      },
      clientAddress,
    },
    async () => {
      requireGlobalPermission(user, "registry.manage");
      const existing = await db.registry.findUnique({ where: { id: registryId } });
      if (!existing) throw new BerthError("NOT_FOUND", "No such registry.");
      await requireUniqueRegistryName(data.name, registryId);
      if (data.password === undefined && !data.clearPassword)
        requirePasswordForNewAddress(existing, data);
      const secretSealed = data.password
        ? sealSecret(data.password, secretContext(registryId))
        : data.clearPassword
          ? null
          : existing.secretSealed;
      requireEcrSecret(data.kind, secretSealed);
      const ecrLogin =
        data.kind === "ECR"
          ? await checkEcrAccess(
              data,
              data.password ?? openSecret(secretSealed!, secretContext(registryId)),
            )
          : null;
      const row = await db.registry.update({
        where: { id: registryId },
        data: { ...registryColumns(data), secretSealed },
        include: { grants: { select: { teamId: true } } },
      });
      forgetEcrLogin(registryId);
      if (ecrLogin) keepEcrLogin(row, ecrLogin);
      return toRegistryView(row);
    },
  );
}
