import { db } from "@/lib/db";
import { RegistryClient } from "@/lib/registries/v2-client";
import { openSecret } from "@/lib/server/secret-box";
import { ecrLoginOf } from "@/lib/services/registries/ecr-login";
import { DOCKER_HUB_URL } from "@/lib/services/registries/normalize-registry";
import { secretContext } from "@/lib/services/registries/registry-view";

/** Engines speak plain HTTP to registries on loopback; every other one is asked over https. */
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/**
 * A client for the registry image names give as `registryHost`: with the address and
 * credentials of the oldest registry configured for that host (the one pulls use), anonymous
 * otherwise. Checks compare digests only, so they use the stored login whoever asked.
 */
export async function registryClientFor(registryHost: string): Promise<RegistryClient> {
  const row = await db.registry.findFirst({
    where: { host: registryHost },
    orderBy: { createdAt: "asc" },
  });
  if (row?.kind === "ECR") return new RegistryClient(row.url, await ecrLoginOf(row));
  if (row) {
    const password = row.secretSealed
      ? openSecret(row.secretSealed, secretContext(row.id))
      : undefined;
    return new RegistryClient(row.url, { username: row.username, password });
  }
  if (registryHost === "docker.io") return new RegistryClient(DOCKER_HUB_URL, {});
  const scheme = LOOPBACK.test(registryHost) ? "http" : "https";
  return new RegistryClient(`${scheme}://${registryHost}`, {});
}
