import type { ComposeService } from "@/lib/protocol";
import { ComposeFieldError } from "./compose-field-error";
import type { VariableLookup } from "./interpolate";
import type { LoadedProject } from "./load-project";
import {
  normalizeFileConfigs,
  normalizeNetworks,
  normalizeVolumeConfigs,
  type ComposeNetworkConfig,
} from "./normalize-resources";
import { serviceNetworks } from "./service-networks";
import type { StackFiles } from "./stack-files";

type Mapping = Record<string, unknown>;

/**
 * The top-level resources enabled services use, normalised: compose creates nothing for a
 * network or volume only disabled services (or none) refer to, and adds `default` when used.
 */
export function referencedResources(
  merged: Mapping,
  services: Record<string, ComposeService>,
  lookup: VariableLookup,
  stack: StackFiles | undefined,
): Pick<LoadedProject, "networks" | "volumes" | "configs" | "secrets"> {
  const declaredNetworks = normalizeNetworks(mappingOf(merged.networks));
  const declaredVolumes = normalizeVolumeConfigs(mappingOf(merged.volumes));
  const used = {
    networks: new Set<string>(),
    volumes: new Set<string>(),
    configs: new Set<string>(),
    secrets: new Set<string>(),
  };
  for (const [name, service] of Object.entries(services)) {
    const path = ["services", name];
    for (const key of Object.keys(serviceNetworks(service, [...path, "networks"]))) {
      if (!declaredNetworks[key] && key !== "default") {
        throw new ComposeFieldError(
          [...path, "networks", key],
          `service ${name} refers to undefined network ${key}`,
        );
      }
      used.networks.add(key);
    }
    service.volumes.forEach((mount, index) => {
      if (mount.type !== "volume" || !mount.source) return;
      if (!declaredVolumes[mount.source]) {
        throw new ComposeFieldError(
          [...path, "volumes", index],
          `service ${name} refers to undefined volume ${mount.source}`,
        );
      }
      used.volumes.add(mount.source);
    });
    for (const section of ["configs", "secrets"] as const) {
      const entries = Array.isArray(service[section]) ? (service[section] as unknown[]) : [];
      entries.forEach((entry, index) => {
        const source =
          typeof entry === "string" ? entry : String((entry as Mapping | null)?.source);
        if (!mappingOf(merged[section])[source]) {
          throw new ComposeFieldError(
            [...path, section, index],
            `service ${name} refers to undefined ${section.slice(0, -1)} ${source}`,
          );
        }
        used[section].add(source);
      });
    }
  }
  const keep = <T>(all: Record<string, T>, keys: Set<string>) =>
    Object.fromEntries(Object.entries(all).filter(([key]) => keys.has(key)));
  const networks = keep(declaredNetworks, used.networks);
  if (used.networks.has("default") && !networks.default)
    networks.default = normalizeNetworks({ default: {} }).default as ComposeNetworkConfig;
  const pick = (section: "configs" | "secrets") => keep(mappingOf(merged[section]), used[section]);
  return {
    networks,
    volumes: keep(declaredVolumes, used.volumes),
    configs: normalizeFileConfigs("configs", pick("configs"), stack, lookup),
    secrets: normalizeFileConfigs("secrets", pick("secrets"), stack, lookup),
  };
}

function mappingOf(value: unknown): Mapping {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return value as Mapping;
}
