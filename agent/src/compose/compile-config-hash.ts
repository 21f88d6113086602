import { createHash } from "node:crypto";
import type { ComposeService } from "@/lib/protocol";

/**
 * The config hash written to `com.docker.compose.config-hash`: sha256 over a canonical JSON
 * (keys sorted) of the normalised service without the fields compose leaves out of its hash
 * (build, pull_policy, scale, deploy.replicas, depends_on, profiles), so scaling or a new build
 * recipe does not recreate containers. It is not bit-compatible with docker compose's hash (Go
 * struct order and compose-go defaults): `docker compose up` recreates a Berth container once.
 * The contents of the service's configs and secrets count too, since they are copied in on start.
 */
export function configHash(service: ComposeService, fileContents: string[]): string {
  const {
    build: _build,
    pull_policy: _pull,
    scale: _scale,
    depends_on: _deps,
    profiles: _profiles,
    ...rest
  } = service;
  // deploy: { replicas } alone hashes like no deploy at all, so scaling never recreates.
  const deploy = rest.deploy as Record<string, unknown> | undefined;
  if (deploy && typeof deploy === "object") {
    const { replicas: _replicas, ...deployRest } = deploy;
    if (Object.keys(deployRest).length > 0) rest.deploy = deployRest;
    else delete rest.deploy;
  }
  return createHash("sha256")
    .update(canonicalJson({ service: rest, files: fileContents }))
    .digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
