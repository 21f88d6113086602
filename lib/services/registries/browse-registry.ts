import { BerthError, RepositorySchema } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { describeEcrRepositories } from "@/lib/registries/ecr";
import { RegistryClient } from "@/lib/registries/v2-client";
import { openSecret } from "@/lib/server/secret-box";
import { ecrAccessOf, ecrLoginOf } from "./ecr-login";
import { usableRegistriesWhere } from "./list-registries";
import { secretContext } from "./registry-view";

type Row = NonNullable<Awaited<ReturnType<typeof db.registry.findFirst>>>;

async function usableRegistry(user: SessionUser, registryId: string): Promise<Row> {
  const row = await db.registry.findFirst({
    where: { id: registryId, ...usableRegistriesWhere(user) },
  });
  if (!row) throw new BerthError("NOT_FOUND", "No such registry.");
  return row;
}

const passwordOf = (row: Row) =>
  row.secretSealed ? openSecret(row.secretSealed, secretContext(row.id)) : undefined;

async function clientOf(row: Row): Promise<RegistryClient> {
  if (row.kind === "ECR") return new RegistryClient(row.url, await ecrLoginOf(row));
  return new RegistryClient(row.url, { username: row.username, password: passwordOf(row) });
}

/** The repositories of a v2 registry the user may use (its catalog). */
export async function listRegistryRepositories(
  user: SessionUser,
  registryId: string,
): Promise<{ host: string; repositories: string[] }> {
  const row = await usableRegistry(user, registryId);
  if (row.kind === "DOCKER_HUB") {
    throw new BerthError(
      "BAD_REQUEST",
      "Docker Hub does not list its repositories; open one by name to see its tags.",
    );
  }
  if (row.kind === "ECR") {
    // ECR has no v2 catalog: its API lists the account's repositories
    const repositories = await describeEcrRepositories(ecrAccessOf(row, passwordOf(row))).catch(
      (err: unknown) => {
        if (!(err instanceof BerthError)) throw err;
        throw new BerthError(err.code, `${err.message} (registry ${row.name})`);
      },
    );
    return { host: row.host, repositories: repositories.sort() };
  }
  const client = await clientOf(row);
  return { host: row.host, repositories: (await client.repositories()).sort() };
}

/** The tags of one repository of a registry the user may use. */
export async function listRegistryTags(
  user: SessionUser,
  registryId: string,
  repository: string,
): Promise<{ host: string; repository: string; tags: string[] }> {
  const repo = RepositorySchema.parse(repository);
  const row = await usableRegistry(user, registryId);
  const client = await clientOf(row);
  return { host: row.host, repository: repo, tags: (await client.tags(repo)).sort() };
}
