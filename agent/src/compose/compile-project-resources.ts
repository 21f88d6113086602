import type { ComposePlannedNetwork, ComposePlannedVolume } from "@/lib/protocol";
import { NETWORK_DRIVERS, NetworkSpecSchema } from "@/lib/protocol";
import { VolumeCreateSchema } from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";
import type { ComposeNetworkConfig, ComposeVolumeConfig } from "./normalize-resources";

/** The compose release whose labels Berth writes (`com.docker.compose.version`); nothing reads it back. */
export const COMPOSE_VERSION = "2.40.3";

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
