import type { RegistryView } from "@/lib/protocol";

type Row = {
  id: string;
  name: string;
  kind: RegistryView["kind"];
  host: string;
  url: string;
  username: string | null;
  secretSealed: string | null;
  grants?: Array<{ teamId: string }>;
};

/** The browser's view of a registry row: whether a password is set, never the password. */
export function toRegistryView(row: Row): RegistryView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    host: row.host,
    url: row.url,
    username: row.username,
    passwordSet: row.secretSealed !== null,
    teamIds: (row.grants ?? []).map((g) => g.teamId),
  };
}

/** The context a registry's password is sealed under: a sealed value moved to another row fails. */
export const secretContext = (registryId: string) => `registry:${registryId}`;
