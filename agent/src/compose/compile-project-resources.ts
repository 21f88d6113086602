import type {
  ComposePlannedNetwork,
  ComposePlannedService,
  ComposePlannedVolume,
} from "@/lib/protocol";
import { NETWORK_DRIVERS, NetworkSpecSchema, VolumeCreateSchema } from "@/lib/protocol";
import { COMPOSE_VERSION } from "./apply/compose-labels";
import { ComposeFieldError } from "./compose-field-error";
import type { ComposeNetworkConfig, ComposeVolumeConfig } from "./normalize-resources";

/** Driver options that NetworkSpec carries in fields of their own. */
const OPTION_FIELDS = new Set(["parent", "ipvlan_mode"]);

/** Engine names: `name:` when given, the bare key for external ones, else `<project>_<key>`. */
export function engineName(
  project: string,
  key: string,
  resource: { name?: string; external: boolean },
): string {
  return resource.name ?? (resource.external ? key : `${project}_${key}`);
}

/** Networks to create (judged by the network policy), with the labels compose writes on them. */
export function compileNetworks(
  project: string,
  networks: Record<string, ComposeNetworkConfig>,
): ComposePlannedNetwork[] {
  return Object.entries(networks).map(([key, network]) => {
    const name = engineName(project, key, network);
    if (network.external) return { key, name, external: true };
    const at = ["networks", key];
    const driver = network.driver ?? "bridge";
    if (!(NETWORK_DRIVERS as readonly string[]).includes(driver)) {
      throw new ComposeFieldError(
        [...at, "driver"],
        `network driver ${driver} is not supported; create the network first and declare it external`,
      );
    }
    if (network.ipam.driver !== undefined && network.ipam.driver !== "default") {
      throw new ComposeFieldError(
        [...at, "ipam", "driver"],
        `IPAM driver ${network.ipam.driver} is not supported`,
      );
    }
    const parsed = NetworkSpecSchema.safeParse({
      name,
      driver,
      ...(network.driverOpts.parent !== undefined && { parent: network.driverOpts.parent }),
      ...(network.driverOpts.ipvlan_mode !== undefined && {
        ipvlanMode: network.driverOpts.ipvlan_mode,
      }),
      ipam: network.ipam.config.map((pool, index) => {
        if (!pool.subnet)
          throw new ComposeFieldError(
            [...at, "ipam", "config", index],
            "an IPAM pool needs a subnet",
          );
        return pool;
      }),
      enableIPv6: network.enableIPv6,
      internal: network.internal,
      attachable: network.attachable,
      labels: {
        ...network.labels,
        "com.docker.compose.project": project,
        "com.docker.compose.network": key,
        "com.docker.compose.version": COMPOSE_VERSION,
      },
      options: Object.fromEntries(
        Object.entries(network.driverOpts).filter(([option]) => !OPTION_FIELDS.has(option)),
      ),
    });
    if (!parsed.success) throw refusal(at, parsed.error.issues[0]);
    return { key, name, external: false, spec: parsed.data };
  });
}

/** Volumes to create, with the labels compose writes on them. */
export function compileVolumes(
  project: string,
  volumes: Record<string, ComposeVolumeConfig>,
): ComposePlannedVolume[] {
  return Object.entries(volumes).map(([key, volume]) => {
    const name = engineName(project, key, volume);
    if (volume.external) return { key, name, external: true };
    const parsed = VolumeCreateSchema.safeParse({
      name,
      driver: volume.driver ?? "local",
      driverOpts: volume.driverOpts,
      labels: {
        ...volume.labels,
        "com.docker.compose.project": project,
        "com.docker.compose.volume": key,
        "com.docker.compose.version": COMPOSE_VERSION,
      },
    });
    if (!parsed.success) throw refusal(["volumes", key], parsed.error.issues[0]);
    return { key, name, external: false, spec: parsed.data };
  });
}

function refusal(
  at: string[],
  issue: { path: PropertyKey[]; message: string } | undefined,
): ComposeFieldError {
  const field = issue?.path.map(String).join(".") ?? "";
  return new ComposeFieldError(
    at,
    `${at.join(".")}${field ? ` (${field})` : ""}: ${issue?.message ?? "is not valid"}`,
  );
}

/**
 * The volumes services mount that the file does not declare: anonymous volumes, named per
 * service and target (compile-mounts.ts). They carry the project's labels so the project's
 * lists show them and `down` with volumes removes them, as compose removes anonymous volumes.
 */
export function compileAnonymousVolumes(
  project: string,
  services: ComposePlannedService[],
  declared: ComposePlannedVolume[],
): ComposePlannedVolume[] {
  const known = new Set(declared.map((volume) => volume.name));
  const anonymous = new Map<string, ComposePlannedVolume>();
  for (const service of services) {
    for (const mount of service.spec.volumes) {
      if (known.has(mount.name) || anonymous.has(mount.name)) continue;
      const key = mount.name.slice(project.length + 1);
      anonymous.set(mount.name, {
        key,
        name: mount.name,
        external: false,
        spec: VolumeCreateSchema.parse({
          name: mount.name,
          labels: {
            "com.docker.compose.project": project,
            "com.docker.compose.volume": key,
            "com.docker.compose.version": COMPOSE_VERSION,
          },
        }),
      });
    }
  }
  return [...anonymous.values()];
}
