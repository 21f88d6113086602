import type Docker from "dockerode";
import { BerthError, cidrsOverlap, parseCidr, type NetworkSpec } from "@/lib/protocol";
import { readHostInterfaces } from "../host/interfaces";
import type { CommandHandler } from "./command-types";

/**
 * `docker network create`. What the engine would refuse in words that do not name the field (or
 * the other network) is refused here first, each next to its field: a name in use, a parent
 * interface the host lacks or another network of the driver has, a subnet an existing network has.
 */
export const networkCreate: CommandHandler<"network.create"> = async ({ spec }, { docker }) => {
  const existing = await docker.listNetworks();
  if (existing.some((n) => n.Name === spec.name)) {
    throw new BerthError(
      "CONFLICT",
      `A network named ${spec.name} already exists on this host.`,
      "name",
    );
  }
  if (spec.parent) await checkParent(spec, existing);
  checkSubnets(spec, existing);

  const options: Record<string, string> = { ...spec.options };
  if (spec.parent) options.parent = spec.parent;
  if (spec.ipvlanMode) options.ipvlan_mode = spec.ipvlanMode;
  const created = await docker.createNetwork({
    Name: spec.name,
    CheckDuplicate: true,
    Driver: spec.driver,
    EnableIPv6: spec.enableIPv6,
    Internal: spec.internal,
    Attachable: spec.attachable,
    Labels: spec.labels,
    Options: options,
    IPAM: {
      Driver: "default",
      Config: spec.ipam.map((pool) => ({
        Subnet: pool.subnet,
        ...(pool.gateway ? { Gateway: pool.gateway } : {}),
        ...(pool.ipRange ? { IPRange: pool.ipRange } : {}),
      })),
    },
  });
  return { id: created.id, name: spec.name };
};

async function checkParent(spec: NetworkSpec, existing: Docker.NetworkInspectInfo[]) {
  const parent = spec.parent ?? "";
  const interfaces = await readHostInterfaces();
  const names = interfaces.map((i) => i.name);
  // eth0.10 names a VLAN the engine makes on eth0 when it is not there yet
  const vlanOf = /^(.+)\.\d{1,4}$/.exec(parent)?.[1];
  if (!names.includes(parent) && !(vlanOf && names.includes(vlanOf))) {
    const shown = interfaces.filter((i) => !i.engine && i.type !== "loopback").map((i) => i.name);
    throw new BerthError(
      "BAD_REQUEST",
      `This host has no network interface ${vlanOf ?? parent}${shown.length ? ` (it has ${shown.join(", ")})` : ""}.`,
      "parent",
    );
  }
  const taken = existing.find((n) => n.Driver === spec.driver && n.Options?.parent === parent);
  if (taken) {
    throw new BerthError(
      "CONFLICT",
      `${parent} is already the parent of the ${spec.driver} network ${taken.Name}: the engine allows one ${spec.driver} network per parent interface. Use a VLAN on it (such as ${parent}.10) for another.`,
      "parent",
    );
  }
}

/** Local networks share one address space: the engine refuses a subnet another network has. */
function checkSubnets(spec: NetworkSpec, existing: Docker.NetworkInspectInfo[]) {
  spec.ipam.forEach((pool, i) => {
    const subnet = parseCidr(pool.subnet);
    if (!subnet) return;
    for (const network of existing) {
      if (network.Scope !== "local") continue;
      for (const other of network.IPAM?.Config ?? []) {
        const theirs = other.Subnet ? parseCidr(other.Subnet) : null;
        if (theirs && cidrsOverlap(subnet, theirs)) {
          throw new BerthError(
            "CONFLICT",
            `${pool.subnet} overlaps ${other.Subnet}, the subnet of the network ${network.Name}.`,
            `ipam.${i}.subnet`,
          );
        }
      }
    }
  });
}
