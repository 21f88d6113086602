import { BerthError, registryHostOf, type RegistryAuth } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { openSecret } from "@/lib/server/secret-box";
import { usableRegistriesWhere } from "./list-registries";
import { secretContext } from "./registry-view";

type Row = {
  id: string;
  host: string;
  url: string;
  username: string | null;
  secretSealed: string | null;
};

/** X-Registry-Auth for one registry row (the server address the engine logs in to). */
export function authOf(row: Row): RegistryAuth {
  return {
    serveraddress: row.host === "docker.io" ? "https://index.docker.io/v1/" : row.host,
    username: row.username ?? undefined,
    password: row.secretSealed ? openSecret(row.secretSealed, secretContext(row.id)) : undefined,
  };
}

/**
 * Credentials for pulling or pushing `repository`: the registry the user chose, or the one they
 * may use whose host the name carries. None: the engine goes anonymously.
 */
export async function resolveRegistryAuth(
  user: SessionUser,
  repository: string,
  registryId?: string,
): Promise<{ auth: RegistryAuth | undefined; registryName: string | null }> {
  const host = registryHostOf(repository);
  if (registryId) {
    const row = await db.registry.findFirst({
      where: { id: registryId, ...usableRegistriesWhere(user) },
    });
    if (!row) throw new BerthError("NOT_FOUND", "No such registry.", "registryId");
    if (row.host !== host) {
      throw new BerthError(
        "BAD_REQUEST",
        `${repository} is not on ${row.name} (${row.host}): name it ${row.host}/...`,
        "image",
      );
    }
    return {
      auth: row.username || row.secretSealed ? authOf(row) : undefined,
      registryName: row.name,
    };
  }
  const row = await db.registry.findFirst({
    where: { host, ...usableRegistriesWhere(user) },
    orderBy: { createdAt: "asc" },
  });
  if (!row) return { auth: undefined, registryName: null };
  return {
    auth: row.username || row.secretSealed ? authOf(row) : undefined,
    registryName: row.name,
  };
}

/** Credentials of every registry the user may use, for a build's FROM lines. */
export async function usableRegistryAuths(user: SessionUser): Promise<RegistryAuth[]> {
  const rows = await db.registry.findMany({
    where: {
      ...usableRegistriesWhere(user),
      OR: [{ username: { not: null } }, { secretSealed: { not: null } }],
    },
  });
  return rows.map(authOf);
}
