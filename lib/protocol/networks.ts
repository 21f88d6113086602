import { z } from "zod";
import { ContainerRefSchema, IPv4Schema, IPv6Schema, NetworkNameSchema } from "./containers";
import {
  cidrContains,
  cidrWithin,
  cidrsOverlap,
  formatCidr,
  parseCidr,
  parseIp,
} from "./ip-addresses";

/** The engine's own networks: shown, never created, removed or emptied through Berth. */
export const BUILT_IN_NETWORKS: readonly string[] = ["bridge", "host", "none"];

export function isBuiltInNetwork(name: string): boolean {
  return BUILT_IN_NETWORKS.includes(name);
}

/** A network id or name on one host, as it goes into /networks/{id} (see NetworkNameSchema). */
export const NetworkRefSchema = NetworkNameSchema;

/** A new network's name: what NetworkNameSchema allows, but never one of the engine's own. */
export const NewNetworkNameSchema = NetworkNameSchema.refine(
  (name) => !isBuiltInNetwork(name),
  "bridge, host and none are the engine's own networks: choose another name.",
);

export const NETWORK_DRIVERS = ["bridge", "macvlan", "ipvlan"] as const;
export const NetworkDriverSchema = z.enum(NETWORK_DRIVERS);
export type NetworkDriver = z.infer<typeof NetworkDriverSchema>;

/** Drivers whose containers sit on the parent interface's own LAN, beside the host. */
export const LAN_DRIVERS: readonly string[] = ["macvlan", "ipvlan"];

/** A Linux network interface name (at most 15 characters), e.g. eth0 or a VLAN eth0.10. */
export const InterfaceNameSchema = z
  .string()
  .trim()
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,14}$/,
    "Not a network interface name (e.g. eth0 or eth0.10).",
  );

/** A subnet in CIDR notation with its host bits clear, IPv4 or IPv6. */
export const CidrSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const cidr = parseCidr(value);
    if (!cidr) {
      ctx.addIssue({ code: "custom", message: "Write a subnet as 10.10.0.0/24 or fd00:10::/64." });
    } else if (cidr.hostBitsSet) {
      ctx.addIssue({
        code: "custom",
        message: `${value} is not where its subnet starts: write ${formatCidr(cidr)}.`,
      });
    }
  });

const IpAddressSchema = z
  .string()
  .trim()
  .refine((value) => parseIp(value) !== null, "Not an IP address.");

/** One IPAM pool: `--subnet`, `--gateway`, `--ip-range`. */
export const IpamPoolSchema = z.object({
  subnet: CidrSchema,
  gateway: IpAddressSchema.optional(),
  /** Containers get addresses from this part of the subnet only. */
  ipRange: CidrSchema.optional(),
});
export type IpamPool = z.infer<typeof IpamPoolSchema>;

const KeySchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^=\s]+$/, "A name cannot contain '=' or spaces.");

/** Driver options Berth sets from their own fields. */
const OPTIONS_WITH_FIELDS: Record<string, string> = {
  parent: "the parent interface",
  ipvlan_mode: "the IPvlan mode",
};

/** Everything `docker network create` takes, in one validated shape (form and API). */
export const NetworkSpecSchema = z
  .object({
    name: NewNetworkNameSchema,
    driver: NetworkDriverSchema.default("bridge"),
    /** macvlan and ipvlan: the host interface the network sits on (`-o parent=`). */
    parent: InterfaceNameSchema.optional(),
    /** ipvlan: l2 (one broadcast domain with the parent) or l3 (routed by the host). */
    ipvlanMode: z.enum(["l2", "l3"]).optional(),
    ipam: z.array(IpamPoolSchema).max(10).default([]),
    enableIPv6: z.boolean().default(false),
    /** No route out of the network: its containers reach each other only. */
    internal: z.boolean().default(false),
    /** Swarm services and plain containers may both join (swarm-scoped networks). */
    attachable: z.boolean().default(false),
    labels: z.record(KeySchema, z.string().max(10_000)).default({}),
    /** Driver options (`-o key=value`), e.g. com.docker.network.bridge.enable_icc=false. */
    options: z.record(KeySchema, z.string().max(1000)).default({}),
  })
  .superRefine((spec, ctx) => {
    const issue = (path: Array<string | number>, message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    if (spec.parent && !LAN_DRIVERS.includes(spec.driver)) {
      issue(["parent"], "Only macvlan and ipvlan networks have a parent interface.");
    }
    if (spec.ipvlanMode && spec.driver !== "ipvlan") {
      issue(["ipvlanMode"], "Only ipvlan networks have an IPvlan mode.");
    }
    for (const [key, field] of Object.entries(OPTIONS_WITH_FIELDS)) {
      if (key in spec.options)
        issue(["options"], `Set ${field} in its own field, not as -o ${key}.`);
    }
    const pools = spec.ipam.map((pool) => parseCidr(pool.subnet));
    spec.ipam.forEach((pool, i) => {
      const subnet = pools[i];
      if (!subnet) return;
      if (subnet.family === 6 && !spec.enableIPv6) {
        issue(["ipam", i, "subnet"], "An IPv6 subnet needs IPv6 turned on for the network.");
      }
      const earlier = pools.findIndex((other, j) => j < i && other && cidrsOverlap(other, subnet));
      if (earlier >= 0) {
        issue(["ipam", i, "subnet"], `${pool.subnet} overlaps ${spec.ipam[earlier]?.subnet}.`);
      }
      const gateway = pool.gateway ? parseIp(pool.gateway) : null;
      if (gateway && !cidrContains(subnet, gateway)) {
        issue(["ipam", i, "gateway"], `The gateway ${pool.gateway} is not in ${pool.subnet}.`);
      }
      const range = pool.ipRange ? parseCidr(pool.ipRange) : null;
      if (range && !cidrWithin(range, subnet)) {
        issue(["ipam", i, "ipRange"], `The range ${pool.ipRange} is not inside ${pool.subnet}.`);
      }
    });
  });
export type NetworkSpec = z.infer<typeof NetworkSpecSchema>;
export type NetworkSpecInput = z.input<typeof NetworkSpecSchema>;

/** A container on a network: attached (running) or connected while stopped. */
export const NetworkContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The container's state, in the engine's words (running, exited, created, ...). */
  state: z.string(),
  /** With its prefix, e.g. 10.1.0.2/24; empty while the container does not run. */
  ipv4Address: z.string(),
  ipv6Address: z.string(),
  macAddress: z.string(),
  /** Names other containers on the network resolve to it by (its name is always one). */
  aliases: z.array(z.string()),
});
export type NetworkContainer = z.infer<typeof NetworkContainerSchema>;

/** One network as the fleet list and the network page show it. */
export const NetworkSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  createdAt: z.number(),
  internal: z.boolean(),
  attachable: z.boolean(),
  ingress: z.boolean(),
  enableIPv6: z.boolean(),
  ipam: z.array(
    z.object({
      subnet: z.string(),
      gateway: z.string().optional(),
      ipRange: z.string().optional(),
    }),
  ),
  options: z.record(z.string(), z.string()),
  labels: z.record(z.string(), z.string()),
  /** bridge, host or none: the engine's own. */
  builtIn: z.boolean(),
  containers: z.array(NetworkContainerSchema),
});
export type NetworkSummary = z.infer<typeof NetworkSummarySchema>;

export const NetworkConnectParamsSchema = z.object({
  network: NetworkRefSchema,
  container: ContainerRefSchema,
  aliases: z.array(z.string().trim().min(1).max(253)).max(20).default([]),
  ipv4Address: IPv4Schema.optional(),
  ipv6Address: IPv6Schema.optional(),
});
export type NetworkConnectParams = z.infer<typeof NetworkConnectParamsSchema>;

export const NetworkDisconnectParamsSchema = z.object({
  network: NetworkRefSchema,
  container: ContainerRefSchema,
  /** Also when the container is not running or its endpoint is stale (`docker network disconnect -f`). */
  force: z.boolean().default(false),
});

export const NetworkPruneResultSchema = z.object({
  /** Names of the networks removed. */
  deleted: z.array(z.string()),
  /** Networks no running container is attached to, kept because stopped containers use them. */
  kept: z.array(z.object({ name: z.string(), containers: z.array(z.string()) })),
});
export type NetworkPruneResult = z.infer<typeof NetworkPruneResultSchema>;

/** One network interface of a host, for picking a macvlan or ipvlan parent. */
export const HostInterfaceSchema = z.object({
  name: z.string(),
  /** ethernet, wireless, bridge, bond, vlan, loopback, virtual; unknown when the host cannot say. */
  type: z.string(),
  up: z.boolean(),
  /** Made by the Docker engine for its own networks (veth pairs, docker0, br-<id>): no parent. */
  engine: z.boolean(),
  mac: z.string().nullable(),
  addresses: z.array(
    z.object({
      address: z.string(),
      prefix: z.number().int(),
      family: z.union([z.literal(4), z.literal(6)]),
    }),
  ),
});
export type HostInterface = z.infer<typeof HostInterfaceSchema>;
