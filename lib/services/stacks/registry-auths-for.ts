import {
  registryHostOf,
  splitImageName,
  type ComposePlan,
  type RegistryAuth,
} from "@/lib/protocol";
import type { SessionUser } from "@/lib/auth/session-user";
import { resolveRegistryAuth } from "@/lib/services/registries/resolve-registry-auth";

/**
 * The stored credentials the deployer may use for the registries the stack's images come from,
 * by registry host: a stack pulls as its deployer would with `docker pull`.
 */
export async function registryAuthsFor(
  user: SessionUser,
  plan: ComposePlan,
): Promise<Record<string, RegistryAuth>> {
  const auths: Record<string, RegistryAuth> = {};
  const repositories = new Set(plan.services.map((s) => splitImageName(s.spec.image).repository));
  for (const repository of repositories) {
    const host = registryHostOf(repository);
    if (host in auths) continue;
    const { auth } = await resolveRegistryAuth(user, repository);
    if (auth) auths[host] = auth;
  }
  return auths;
}
