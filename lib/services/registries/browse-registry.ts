import { BerthError, RepositorySchema } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { RegistryClient } from "@/lib/registries/v2-client";
import { openSecret } from "@/lib/server/secret-box";
import { usableRegistriesWhere } from "./list-registries";
import { secretContext } from "./registry-view";

async function clientFor(user: SessionUser, registryId: string) {
  const row = await db.registry.findFirst({
    where: { id: registryId, ...usableRegistriesWhere(user) },
  });
  if (!row) throw new BerthError("NOT_FOUND", "No such registry.");
  const password = row.secretSealed ? openSecret(row.secretSealed, secretContext(row.id)) : null;
  return { row, client: new RegistryClient(row.url, { username: row.username, password }) };
}

/** The repositories of a v2 registry the user may use (its catalog). */
export async function listRegistryRepositories(
  user: SessionUser,
  registryId: string,
): Promise<{ host: string; repositories: string[] }> {
  const { row, client } = await clientFor(user, registryId);
  if (row.kind === "DOCKER_HUB") {
    throw new BerthError(
      "BAD_REQUEST",
      "Docker Hub does not list its repositories; open one by name to see its tags.",
    );
  }
  return { host: row.host, repositories: (await client.repositories()).sort() };
}

/** The tags of one repository of a registry the user may use. */
export async function listRegistryTags(
  user: SessionUser,
  registryId: string,
  repository: string,
): Promise<{ host: string; repository: string; tags: string[] }> {
  const repo = RepositorySchema.parse(repository);
  const { row, client } = await clientFor(user, registryId);
  return { host: row.host, repository: repo, tags: (await client.tags(repo)).sort() };
}
