import { BerthError, type RegistryView } from "@/lib/protocol";

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

/**
 * A stored password goes only to the address it was given for: moving a registry to another
 * address needs the password again, or an administrator could send it to a server of their own.
 */
export function requirePasswordForNewAddress(
  stored: { url: string; host: string; secretSealed: string | null },
  next: { url: string; host: string },
): void {
  if (stored.secretSealed && (stored.url !== next.url || stored.host !== next.host)) {
    throw new BerthError(
      "BAD_REQUEST",
      "Enter the password again: the registry's address changed.",
      "password",
    );
  }
}
