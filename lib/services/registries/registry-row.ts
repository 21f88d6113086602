import { BerthError } from "@/lib/protocol";
import { db } from "@/lib/db";
import type { normalizeRegistry } from "./normalize-registry";

type RegistryData = ReturnType<typeof normalizeRegistry>;

/** The columns a registry form sets (the password is sealed separately). */
export function registryColumns(data: RegistryData) {
  return {
    name: data.name,
    kind: data.kind,
    host: data.host,
    url: data.url,
    username: data.username,
    region: data.region,
    apiEndpoint: data.apiEndpoint,
  };
}

/** What the audit log keeps of a registry form: never the password. */
export function registryAuditParams(data: RegistryData) {
  return {
    kind: data.kind,
    host: data.host,
    username: data.username,
    ...(data.region ? { region: data.region, apiEndpoint: data.apiEndpoint } : {}),
  };
}

/** Registry names are unique; `exceptId` is the registry being renamed. */
export async function requireUniqueRegistryName(name: string, exceptId?: string): Promise<void> {
  const clash = await db.registry.count({
    where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) },
  });
  if (clash) throw new BerthError("CONFLICT", "A registry with this name exists already.", "name");
}
