import {
  BerthError,
  ecrRegionOf,
  RegistryInputSchema,
  type RegistryKindName,
} from "@/lib/protocol";

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
  region: string | null;
  apiEndpoint: string | null;
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
  let region: string | null = null;
  let apiEndpoint: string | null = null;
  if (data.kind === "ECR") {
    if (!data.username) {
      throw new BerthError("BAD_REQUEST", "Enter the AWS access key id.", "username");
    }
    region = data.region || ecrRegionOf(host);
    if (!region) {
      throw new BerthError(
        "BAD_REQUEST",
        "Enter the AWS region: this address does not name one (<account>.dkr.ecr.<region>.amazonaws.com).",
        "region",
      );
    }
    if (data.apiEndpoint) {
      const endpoint = new URL(data.apiEndpoint);
      apiEndpoint = `${endpoint.protocol}//${endpoint.host}`;
    }
  }
  return {
    name: data.name,
    kind: data.kind,
    host,
    url,
    username: data.username ? data.username : null,
    password: data.password ? data.password : undefined,
    clearPassword: data.clearPassword,
    region,
    apiEndpoint,
  };
}

/** An ECR registry cannot work without its secret access key (there is no anonymous ECR). */
export function requireEcrSecret(kind: RegistryKindName, secret: string | null | undefined): void {
  if (kind === "ECR" && !secret) {
    throw new BerthError("BAD_REQUEST", "Enter the AWS secret access key.", "password");
  }
}
