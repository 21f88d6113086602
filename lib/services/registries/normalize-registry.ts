import { BerthError, RegistryInputSchema, type RegistryKindName } from "@/lib/protocol";

export const DOCKER_HUB_URL = "https://registry-1.docker.io";

/** Validated input with the host image names carry (what pulls and pushes are matched by). */
export function normalizeRegistry(input: unknown): {
  name: string;
  kind: RegistryKindName;
  host: string;
  url: string;
  username: string | null;
  password: string | undefined;
  clearPassword: boolean;
} {
  const data = RegistryInputSchema.parse(input);
  let url: string;
  let host: string;
  if (data.kind === "DOCKER_HUB") {
    url = DOCKER_HUB_URL;
    host = "docker.io";
  } else {
    if (!data.url) throw new BerthError("BAD_REQUEST", "Enter the registry's address.", "url");
    const parsed = new URL(data.url);
    url = `${parsed.protocol}//${parsed.host}`;
    host = parsed.host;
  }
  return {
    name: data.name,
    kind: data.kind,
    host,
    url,
    username: data.username ? data.username : null,
    password: data.password ? data.password : undefined,
    clearPassword: data.clearPassword,
  };
}
