import { BerthError, type RegistryView } from "@/lib/protocol";

type Row = {
  id: string;
  name: string;
  kind: RegistryView["kind"];
  host: string;
  url: string;
  username: string | null;
  secretSealed: string | null;
  region: string | null;
  apiEndpoint: string | null;
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
    region: row.region,
    apiEndpoint: row.apiEndpoint,
    teamIds: (row.grants ?? []).map((g) => g.teamId),
  };
}

/** The context a registry's password is sealed under: a sealed value moved to another row fails. */
export const secretContext = (registryId: string) => `registry:${registryId}`;

type Destination = {
  url: string;
  host: string;
  region: string | null;
  apiEndpoint: string | null;
};

/**
 * A stored password goes only to the address it was given for: moving a registry to another
 * address needs the password again, or an administrator could send it to a server of their own.
 * An ECR secret key signs requests to the API endpoint, which the region names by default.
 */
export function requirePasswordForNewAddress(
  stored: Destination & { secretSealed: string | null },
  next: Destination,
): void {
  if (!stored.secretSealed) return;
  if (stored.url !== next.url || stored.host !== next.host) {
    throw new BerthError(
      "BAD_REQUEST",
      "Enter the password again: the registry's address changed.",
      "password",
    );
  }
  if (stored.region !== next.region || stored.apiEndpoint !== next.apiEndpoint) {
    throw new BerthError(
      "BAD_REQUEST",
      "Enter the secret access key again: the region or API endpoint changed.",
      "password",
    );
  }
}
