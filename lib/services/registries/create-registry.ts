import { randomUUID } from "node:crypto";
import type { RegistryView } from "@/lib/protocol";
import { BerthError } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { sealSecret } from "@/lib/server/secret-box";
import { audited } from "@/lib/services/audit/audited";
import { checkEcrAccess, keepEcrLogin } from "./ecr-login";
import { normalizeRegistry, requireEcrSecret } from "./normalize-registry";
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
      params: {
        kind: data.kind,
        host: data.host,
        username: data.username,
        ...(data.region ? { region: data.region, apiEndpoint: data.apiEndpoint } : {}),
      },
      clientAddress,
    },
    async () => {
      requireGlobalPermission(user, "registry.manage");
      if (await db.registry.count({ where: { name: data.name } })) {
        throw new BerthError("CONFLICT", "A registry with this name exists already.", "name");
      }
      const ecrLogin = data.kind === "ECR" ? await checkEcrAccess(data, data.password) : null;
      const id = randomUUID();
      const row = await db.registry.create({
        data: {
          id,
          name: data.name,
          kind: data.kind,
          host: data.host,
          url: data.url,
          username: data.username,
          secretSealed: data.password ? sealSecret(data.password, secretContext(id)) : null,
          region: data.region,
          apiEndpoint: data.apiEndpoint,
        },
      });
      if (ecrLogin) keepEcrLogin(row, ecrLogin);
      return toRegistryView(row);
    },
  );
}
