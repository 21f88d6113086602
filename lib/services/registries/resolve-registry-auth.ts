import {
  BerthError,
  registryHostOf,
  type RegistryAuth,
  type RegistryKindName,
} from "@/lib/protocol";
import { db } from "@/lib/db";
import type { SessionUser } from "@/lib/auth/session-user";
import { openSecret } from "@/lib/server/secret-box";
import { ecrLoginOf, type EcrRow } from "./ecr-login";
import { usableRegistriesWhere } from "./list-registries";
import { secretContext } from "./registry-view";

type Row = EcrRow & {
  kind: RegistryKindName;
  host: string;
  url: string;
};

/**
 * X-Registry-Auth for one registry row (the server address the engine logs in to). For Amazon
 * ECR a registry login (user "AWS", a 12-hour password) stands in for the access key, which
 * never leaves the server.
 */
export async function authOf(row: Row): Promise<RegistryAuth> {
  if (row.kind === "ECR") {
    const login = await ecrLoginOf(row);
    return { serveraddress: row.host, username: login.username, password: login.password };
  }
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
      auth: row.username || row.secretSealed ? await authOf(row) : undefined,
      registryName: row.name,
    };
  }
  const row = await db.registry.findFirst({
    where: { host, ...usableRegistriesWhere(user) },
    orderBy: { createdAt: "asc" },
  });
  if (!row) return { auth: undefined, registryName: null };
  return {
    auth: row.username || row.secretSealed ? await authOf(row) : undefined,
    registryName: row.name,
  };
}

/**
 * Credentials for a build: of the registries the user may use that the build's images come from
 * (its FROM and COPY --from images), and of no other: the host gets no login it does not need. A
 * registry whose ECR login fails is left out rather than failing a build that may not need it.
 */
export async function registryAuthsForImages(
  user: SessionUser,
  images: string[],
): Promise<RegistryAuth[]> {
  const hosts = [...new Set(images.map((image) => registryHostOf(image.split("@")[0]!)))];
  if (hosts.length === 0) return [];
  const rows = await db.registry.findMany({
    where: {
      ...usableRegistriesWhere(user),
      host: { in: hosts },
      OR: [{ username: { not: null } }, { secretSealed: { not: null } }],
    },
    orderBy: { createdAt: "asc" },
  });
  // One login per registry host, the oldest registry's, as for pulls.
  const first = rows.filter((row, i) => rows.findIndex((r) => r.host === row.host) === i);
  const auths = await Promise.all(
    first.map((row) =>
      authOf(row).catch((err: unknown) => {
        if (row.kind === "ECR" && err instanceof BerthError) return null;
        throw err;
      }),
    ),
  );
  return auths.filter((auth) => auth !== null);
}
