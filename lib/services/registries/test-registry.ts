import { BerthError } from "@/lib/protocol";
import { db } from "@/lib/db";
import { requireGlobalPermission } from "@/lib/auth/guard";
import type { SessionUser } from "@/lib/auth/session-user";
import { fetchEcrLogin } from "@/lib/registries/ecr";
import { RegistryClient } from "@/lib/registries/v2-client";
import { openSecret } from "@/lib/server/secret-box";
import { ecrAccessOf } from "./ecr-login";
import { normalizeRegistry, requireEcrSecret } from "./normalize-registry";
import { requirePasswordForNewAddress, secretContext } from "./registry-view";

/**
 * "Test connection": asks the registry's /v2/ with the form's values; a password left empty
 * uses the stored one of `registryId` when editing. For Amazon ECR it first asks ECR for a
 * fresh registry login with the access key (never a cached one: the form is being checked).
 */
export async function testRegistry(
  user: SessionUser,
  input: unknown,
  registryId?: string,
): Promise<{ ok: true; message: string }> {
  requireGlobalPermission(user, "registry.manage");
  const data = normalizeRegistry(input);
  let password = data.password;
  if (password === undefined && registryId && !data.clearPassword) {
    const row = await db.registry.findUnique({ where: { id: registryId } });
    if (!row) throw new BerthError("NOT_FOUND", "No such registry.");
    requirePasswordForNewAddress(row, data);
    if (row.secretSealed) password = openSecret(row.secretSealed, secretContext(row.id));
  }
  if (data.kind === "ECR") {
    requireEcrSecret(data.kind, password);
    const login = await fetchEcrLogin(ecrAccessOf(data, password));
    await new RegistryClient(data.url, login).ping();
    return {
      ok: true,
      message: `Connected to ${data.url} with a registry login from Amazon ECR (${data.region}) for access key ${data.username}.`,
    };
  }
  await new RegistryClient(data.url, { username: data.username, password }).ping();
  return {
    ok: true,
    message: data.username
      ? `Connected to ${data.url} and signed in as ${data.username}.`
      : `Connected to ${data.url} (anonymous).`,
  };
}
